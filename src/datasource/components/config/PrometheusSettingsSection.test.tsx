import React, { useState } from 'react';
import { DataSourceSettings } from '@grafana/data';
import { fireEvent, render, screen } from '@testing-library/react';

import { CarbonDataSourceOptions, CarbonSecureJsonData, PrometheusSettings } from '../../types';
import { PrometheusSettingsSection } from './PrometheusSettingsSection';

type Options = DataSourceSettings<CarbonDataSourceOptions, CarbonSecureJsonData>;

/**
 * Keeps the options in state as Grafana does, so changes accumulate like in the real settings page.
 * Changes are fireEvent's (one event per value, no per-key typing or timers): fast and the same under
 * load.
 */
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

/** jsonData with headers named as Grafana stores them (httpHeaderName1, 2, ...). */
const withHeaderNames = (jsonData: CarbonDataSourceOptions, names: string[]): CarbonDataSourceOptions =>
  Object.assign({}, jsonData, Object.fromEntries(names.map((name, i) => [`httpHeaderName${i + 1}`, name])));

describe('PrometheusSettingsSection', () => {
  const change = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

  it('enabling stores the defaults next to the other settings; disabling removes them', () => {
    const { last } = setup({ defaultProvider: 'aws' });
    expect(screen.queryByLabelText(/^URL/)).not.toBeInTheDocument();

    fireEvent.click(screen.getByLabelText(/^Enabled/));
    expect(last().jsonData).toEqual({
      defaultProvider: 'aws',
      prometheus: { url: '', authType: 'none', timeoutSeconds: 30, seriesLimit: 10000 },
    });
    expect(screen.getByText('No Authentication')).toBeInTheDocument();

    fireEvent.click(screen.getByLabelText(/^Enabled/));
    expect(last().jsonData).toEqual({ defaultProvider: 'aws' });
  });

  it('requires the URL and stores a valid one without complaint', () => {
    const { last } = setup(prom({ url: '' }));
    expect(screen.getByText(/Required: the URL of a Prometheus-compatible API/)).toBeInTheDocument();

    change(screen.getByLabelText(/^URL/), 'https://mimir.example.com/prometheus');
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

  it("chooses the authentication method in Grafana's Auth list", () => {
    const { last } = setup(prom());
    fireEvent.keyDown(screen.getByLabelText('Authentication method'), { key: 'ArrowDown' });
    fireEvent.click(screen.getByText('Bearer token'));
    expect(last().jsonData.prometheus?.authType).toBe('bearer');
    expect(screen.getByLabelText(/^Token/)).toBeInTheDocument();
  });

  it('basic authentication: the user goes to jsonData, the password to secureJsonData only', () => {
    const { last } = setup(prom({ authType: 'basic' }));
    change(document.getElementById('basic-auth-user-input')!, 'reader');
    change(document.getElementById('basic-auth-password-input')!, 'pa55');
    expect(last().jsonData.prometheus).toMatchObject({ authType: 'basic', basicAuthUser: 'reader' });
    expect(last().secureJsonData).toEqual({ prometheusPassword: 'pa55' });
    expect(JSON.stringify(last().jsonData)).not.toMatch(/pa55/);
    expect(document.getElementById('basic-auth-password-input')).toHaveAttribute('type', 'password');
  });

  it('bearer token goes to secureJsonData only', () => {
    const { last } = setup(prom({ authType: 'bearer' }));
    change(screen.getByLabelText(/^Token/), 'glc_abc');
    expect(last().secureJsonData).toEqual({ prometheusToken: 'glc_abc' });
    expect(JSON.stringify(last().jsonData)).not.toMatch(/glc_abc/);
  });

  it('shows a stored token as configured and resets it', () => {
    const { last } = setup(prom({ authType: 'bearer' }), { prometheusToken: true });
    expect(screen.getByLabelText(/^Token/)).toBeDisabled();
    fireEvent.click(screen.getByText('Reset'));
    expect(last().secureJsonFields).toEqual({ prometheusToken: false });
    expect(last().secureJsonData).toEqual({ prometheusToken: '' });
    expect(screen.getByLabelText(/^Token/)).toBeEnabled();
  });

  it('CA certificate: a stored one shows as set; turning it off clears it; a new one is a secret', () => {
    const { last } = setup(prom(), { prometheusCaCert: true });
    const toggle = () => screen.getByLabelText(/Add self-signed certificate/);
    expect(toggle()).toBeChecked();
    fireEvent.click(toggle());
    expect(last().secureJsonFields).toEqual({ prometheusCaCert: false });
    expect(last().secureJsonData).toEqual({ prometheusCaCert: '' });

    fireEvent.click(toggle());
    expect(last().jsonData.prometheus?.tlsAuthWithCACert).toBe(true);
    change(document.getElementById('self-signed-certificate-input')!, '-----BEGIN CERTIFICATE-----');
    expect(last().secureJsonData).toEqual({ prometheusCaCert: '-----BEGIN CERTIFICATE-----' });
    expect(JSON.stringify(last().jsonData)).not.toMatch(/BEGIN/);
  });

  it('adds header rows, stores named ones and removes them', () => {
    const { onOptionsChange, last } = setup(prom());
    fireEvent.click(screen.getByLabelText('Expand section HTTP headers'));
    fireEvent.click(screen.getByText('Add header'));
    // A new row is stored once it is left (blur), as in Grafana's HTTP datasources.
    expect(onOptionsChange).not.toHaveBeenCalled();

    const name = screen.getByPlaceholderText('X-Custom-Header');
    const value = screen.getByPlaceholderText('Header value');
    change(name, 'X-Scope-OrgID');
    change(value, 'tenant-1');
    fireEvent.blur(value);
    expect(last().jsonData).toMatchObject({ httpHeaderName1: 'X-Scope-OrgID' });
    expect(last().secureJsonData).toEqual({ httpHeaderValue1: 'tenant-1' });
    expect(JSON.stringify(last().jsonData)).not.toMatch(/tenant-1/);

    fireEvent.click(screen.getByLabelText('Remove header'));
    expect(last().jsonData).not.toHaveProperty('httpHeaderName1');
    expect(last().secureJsonData).toEqual({ httpHeaderValue1: '' });
  });

  it('moves first-shape plain headers to secure values on open, after headers already stored', () => {
    const { onOptionsChange } = setup(
      withHeaderNames(prom({ headers: { 'X-Scope-OrgID': 'tenant-7', 'X-Team': 'blue' } }), ['X-Team']),
      { httpHeaderValue1: true }
    );
    const moved: Options = onOptionsChange.mock.calls[0][0];
    expect(moved.jsonData.prometheus).not.toHaveProperty('headers');
    expect(moved.jsonData).toMatchObject({ httpHeaderName1: 'X-Team', httpHeaderName2: 'X-Scope-OrgID' });
    // The stored X-Team value wins over the plain one; the plain tenant id becomes a secret.
    expect(moved.secureJsonFields).toMatchObject({ httpHeaderValue1: true, httpHeaderValue2: false });
    expect(moved.secureJsonData).toEqual({ httpHeaderValue2: 'tenant-7' });
    expect(JSON.stringify(moved.jsonData)).not.toMatch(/tenant-7/);
    expect(screen.getAllByPlaceholderText('X-Custom-Header').map((i) => (i as HTMLInputElement).value)).toEqual([
      'X-Team',
      'X-Scope-OrgID',
    ]);
  });

  it('a stored header that moves up asks for its value again (a saved secret cannot move)', () => {
    const { last } = setup(withHeaderNames(prom(), ['X-A', 'X-B']), { httpHeaderValue1: true, httpHeaderValue2: true });
    const rows = screen.getAllByLabelText('Remove header');
    fireEvent.click(rows[0]);
    expect(last().jsonData).toMatchObject({ httpHeaderName1: 'X-B' });
    expect(last().jsonData).not.toHaveProperty('httpHeaderName2');
    expect(last().secureJsonFields).toMatchObject({ httpHeaderValue1: false, httpHeaderValue2: false });
    expect(last().secureJsonData).toEqual({ httpHeaderValue1: '', httpHeaderValue2: '' });
  });

  it('switches TLS verification off and on again', () => {
    const { last } = setup(prom());
    const skip = () => screen.getByLabelText(/Skip TLS certificate validation/);
    fireEvent.click(skip());
    expect(last().jsonData.prometheus?.tlsSkipVerify).toBe(true);
    fireEvent.click(skip());
    expect(last().jsonData.prometheus).not.toHaveProperty('tlsSkipVerify');
  });

  it('TLS client authentication: certificate and key are secrets; turning it off clears both', () => {
    const { last } = setup(prom());
    fireEvent.click(screen.getByLabelText(/TLS Client Authentication/));
    expect(last().jsonData.prometheus?.tlsAuth).toBe(true);
    change(screen.getByPlaceholderText('Begins with --- BEGIN CERTIFICATE ---'), 'CERT');
    expect(last().secureJsonData).toEqual({ prometheusClientCert: 'CERT' });
    fireEvent.click(screen.getByLabelText(/TLS Client Authentication/));
    expect(last().jsonData.prometheus).not.toHaveProperty('tlsAuth');
    expect(last().secureJsonData).toEqual({ prometheusClientCert: '', prometheusClientKey: '' });
  });

  it('stores the timeout as a number, removes it when cleared and flags 0', () => {
    const { last } = setup(prom());
    const timeout = screen.getByLabelText(/^Timeout/);
    expect(timeout).toHaveValue(30);
    change(timeout, '');
    expect(last().jsonData.prometheus).not.toHaveProperty('timeoutSeconds');
    change(timeout, '0');
    expect(screen.getByText('Enter a number of seconds greater than 0')).toBeInTheDocument();
    change(timeout, '5');
    expect(last().jsonData.prometheus?.timeoutSeconds).toBe(5);
    expect(screen.queryByText('Enter a number of seconds greater than 0')).not.toBeInTheDocument();
  });

  it('stores the default region and says what it is for', () => {
    const { last } = setup(prom());
    expect(screen.getByText(/Used for nodes whose region is unknown/)).toBeInTheDocument();
    change(screen.getByLabelText(/^Default region/), 'eu-west-1');
    expect(last().jsonData.prometheus?.defaultRegion).toBe('eu-west-1');
    change(screen.getByLabelText(/^Default region/), '');
    expect(last().jsonData.prometheus).not.toHaveProperty('defaultRegion');
  });

  it('stores the series limit and flags values below 1', () => {
    const { last } = setup(prom({ seriesLimit: 0 }));
    expect(screen.getByText('Enter a whole number, 1 or more')).toBeInTheDocument();
    change(screen.getByLabelText(/^Series limit/), '500');
    expect(last().jsonData.prometheus?.seriesLimit).toBe(500);
    expect(screen.queryByText('Enter a whole number, 1 or more')).not.toBeInTheDocument();
  });

  it('stores the response limit and flags values outside 1 to 400 MiB', () => {
    const { last } = setup(prom({ responseLimitMiB: 401 }));
    expect(screen.getByText('Enter a whole number of MiB from 1 to 400')).toBeInTheDocument();
    expect(screen.getByText(/Default 128, at most 400/)).toBeInTheDocument();
    change(screen.getByLabelText(/^Response limit/), '400');
    expect(last().jsonData.prometheus?.responseLimitMiB).toBe(400);
    expect(screen.queryByText('Enter a whole number of MiB from 1 to 400')).not.toBeInTheDocument();
    change(screen.getByLabelText(/^Response limit/), '');
    expect(last().jsonData.prometheus).not.toHaveProperty('responseLimitMiB');
  });
});
