import React, { useState } from 'react';
import { DataSourceSettings } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { CarbonDataSourceOptions, CarbonSecureJsonData, PrometheusSettings } from '../../types';
import { PrometheusSettingsSection } from './PrometheusSettingsSection';

type Options = DataSourceSettings<CarbonDataSourceOptions, CarbonSecureJsonData>;

/** Keeps the options in state as Grafana does, so typing accumulates like in the real settings page. */
function setup(jsonData: CarbonDataSourceOptions, secureJsonFields: Record<string, boolean> = {}) {
  const onOptionsChange = jest.fn();
  function Harness() {
    const [options, setOptions] = useState({
      id: 1,
      uid: 'carbon-uid',
      jsonData,
      secureJsonFields,
    } as unknown as Options);
    const onChange = (next: Options) => {
      onOptionsChange(next);
      setOptions(next);
    };
    return <PrometheusSettingsSection options={options} onOptionsChange={onChange} />;
  }
  render(<Harness />);
  const last = (): Options => onOptionsChange.mock.calls[onOptionsChange.mock.calls.length - 1][0];
  return { onOptionsChange, last };
}

const URL = 'http://prometheus:9090';
const prom = (settings: Partial<PrometheusSettings> = {}): CarbonDataSourceOptions => ({
  prometheus: { url: URL, authType: 'none', timeoutSeconds: 30, seriesLimit: 10000, ...settings },
});

describe('PrometheusSettingsSection', () => {
  it('enabling stores the defaults next to the other settings; disabling removes them', async () => {
    const { last } = setup({ defaultProvider: 'aws' });
    expect(screen.queryByLabelText(/^URL/)).not.toBeInTheDocument();

    await userEvent.click(screen.getByLabelText(/^Enabled/));
    expect(last().jsonData).toEqual({
      defaultProvider: 'aws',
      prometheus: { url: '', authType: 'none', timeoutSeconds: 30, seriesLimit: 10000 },
    });
    expect(screen.getByRole('radio', { name: 'None' })).toBeChecked();

    await userEvent.click(screen.getByLabelText(/^Enabled/));
    expect(last().jsonData).toEqual({ defaultProvider: 'aws' });
  });

  it('requires the URL and stores a valid one without complaint', async () => {
    const { last } = setup(prom({ url: '' }));
    expect(screen.getByText(/Required: the URL of a Prometheus-compatible API/)).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText(/^URL/), 'https://mimir.example.com/prometheus');
    expect(last().jsonData.prometheus?.url).toBe('https://mimir.example.com/prometheus');
    expect(screen.queryByText(/Required|full URL|http:\/\/ or https/)).not.toBeInTheDocument();
  });

  it.each([
    ['not a URL', 'prometheus.monitoring', /Enter a full URL, such as http:\/\/prometheus/],
    ['another scheme', 'ftp://prometheus', /Use an http:\/\/ or https:\/\/ URL/],
  ])('rejects a URL that is %s', (_name, url, message) => {
    setup(prom({ url }));
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(screen.getByLabelText(/^URL/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('basic authentication: the user goes to jsonData, the password to secureJsonData only', async () => {
    const { last } = setup(prom());
    expect(screen.queryByLabelText(/^Password/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'Basic authentication' }));
    expect(last().jsonData.prometheus?.authType).toBe('basic');
    expect(screen.getByText('Required for Basic authentication')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText(/^User/), 'reader');
    expect(screen.queryByText('Required for Basic authentication')).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^Password/), 'pa55');
    expect(last().jsonData.prometheus).toMatchObject({ authType: 'basic', basicAuthUser: 'reader' });
    expect(last().secureJsonData).toEqual({ prometheusPassword: 'pa55' });
    expect(JSON.stringify(last().jsonData)).not.toMatch(/pa55/);
    expect(screen.getByLabelText(/^Password/)).toHaveAttribute('type', 'password');
  });

  it('bearer token goes to secureJsonData only', async () => {
    const { last } = setup(prom());
    await userEvent.click(screen.getByRole('radio', { name: 'Bearer token' }));
    await userEvent.type(screen.getByLabelText(/^Token/), 'glc_abc');
    expect(last().jsonData.prometheus?.authType).toBe('bearer');
    expect(last().secureJsonData).toEqual({ prometheusToken: 'glc_abc' });
    expect(screen.queryByLabelText(/^User/)).not.toBeInTheDocument();
  });

  it('shows a stored token as configured and resets it', async () => {
    const { last } = setup(prom({ authType: 'bearer' }), { prometheusToken: true });
    expect(screen.getByLabelText(/^Token/)).toBeDisabled();
    expect(screen.getByLabelText(/^Token/)).toHaveValue('configured');

    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(last().secureJsonFields).toEqual({ prometheusToken: false });
    expect(last().secureJsonData).toEqual({ prometheusToken: '' });
    expect(screen.getByLabelText(/^Token/)).toBeEnabled();
  });

  it('stores a CA certificate as a secret and resets a stored one', async () => {
    const { last } = setup(prom(), { prometheusCaCert: true });
    expect(screen.getByLabelText(/^CA certificate/)).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(last().secureJsonFields).toEqual({ prometheusCaCert: false });

    await userEvent.type(screen.getByLabelText(/^CA certificate/), '-----BEGIN CERTIFICATE-----');
    expect(last().secureJsonData).toEqual({ prometheusCaCert: '-----BEGIN CERTIFICATE-----' });
    expect(JSON.stringify(last().jsonData)).not.toMatch(/BEGIN/);
  });

  it('adds header rows, stores named ones and removes them', async () => {
    const { onOptionsChange, last } = setup(prom());
    await userEvent.click(screen.getByRole('button', { name: 'Add header' }));
    // A blank row is not stored.
    expect(onOptionsChange).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText('Header 1 name'), 'X-Scope-OrgID');
    await userEvent.type(screen.getByLabelText('Header 1 value'), 'tenant-1');
    expect(last().jsonData.prometheus?.headers).toEqual({ 'X-Scope-OrgID': 'tenant-1' });

    await userEvent.click(screen.getByRole('button', { name: 'Remove header 1' }));
    expect(last().jsonData.prometheus).not.toHaveProperty('headers');
  });

  it('flags invalid, repeated and credential headers', () => {
    setup(prom({ headers: { 'Bad Name': 'x', 'X-Org': 'a', 'x-org': 'b', Authorization: 'Bearer t' } }));
    expect(screen.getByText(/Not a valid header name/)).toBeInTheDocument();
    expect(screen.getByText('Already set above')).toBeInTheDocument();
    expect(screen.getByText(/Headers are stored unencrypted: use Basic or Bearer/)).toBeInTheDocument();
  });

  it('switches TLS verification off and on again', async () => {
    const { last } = setup(prom());
    await userEvent.click(screen.getByLabelText(/^Skip TLS certificate verification/));
    expect(last().jsonData.prometheus?.tlsSkipVerify).toBe(true);
    await userEvent.click(screen.getByLabelText(/^Skip TLS certificate verification/));
    expect(last().jsonData.prometheus).not.toHaveProperty('tlsSkipVerify');
  });

  it('stores the timeout as a number, removes it when cleared and flags 0', async () => {
    const { last } = setup(prom());
    const timeout = screen.getByLabelText(/^Timeout/);
    expect(timeout).toHaveValue(30);
    await userEvent.clear(timeout);
    expect(last().jsonData.prometheus).not.toHaveProperty('timeoutSeconds');
    await userEvent.type(timeout, '0');
    expect(screen.getByText('Enter a number of seconds greater than 0')).toBeInTheDocument();
    await userEvent.type(timeout, '5');
    expect(last().jsonData.prometheus?.timeoutSeconds).toBe(5);
    expect(screen.queryByText('Enter a number of seconds greater than 0')).not.toBeInTheDocument();
  });

  it('stores the default region and says what it is for', async () => {
    const { last } = setup(prom());
    expect(screen.getByText(/Used for nodes whose region is unknown/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^Default region/), 'eu-west-1');
    expect(last().jsonData.prometheus?.defaultRegion).toBe('eu-west-1');
    await userEvent.clear(screen.getByLabelText(/^Default region/));
    expect(last().jsonData.prometheus).not.toHaveProperty('defaultRegion');
  });

  it('stores the series limit and flags values below 1', async () => {
    const { last } = setup(prom({ seriesLimit: 0 }));
    expect(screen.getByText('Enter a whole number, 1 or more')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText(/^Series limit/));
    await userEvent.type(screen.getByLabelText(/^Series limit/), '500');
    expect(last().jsonData.prometheus?.seriesLimit).toBe(500);
    expect(screen.queryByText('Enter a whole number, 1 or more')).not.toBeInTheDocument();
  });

  it('stores the response limit and flags values outside 1 to 400 MiB', async () => {
    const { last } = setup(prom({ responseLimitMiB: 401 }));
    expect(screen.getByText('Enter a whole number of MiB from 1 to 400')).toBeInTheDocument();
    expect(screen.getByText(/Default 128, at most 400/)).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText(/^Response limit/));
    await userEvent.type(screen.getByLabelText(/^Response limit/), '400');
    expect(last().jsonData.prometheus?.responseLimitMiB).toBe(400);
    expect(screen.queryByText('Enter a whole number of MiB from 1 to 400')).not.toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText(/^Response limit/));
    expect(last().jsonData.prometheus).not.toHaveProperty('responseLimitMiB');
  });
});
