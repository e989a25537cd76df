import React, { useState } from 'react';
import { DataSourceSettings } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { AwsSettings, CarbonDataSourceOptions, CarbonSecureJsonData } from '../../types';
import { AwsSettingsSection } from './AwsSettingsSection';

type Options = DataSourceSettings<CarbonDataSourceOptions, CarbonSecureJsonData>;

const makeOptions = (jsonData: CarbonDataSourceOptions, secureJsonFields: Record<string, boolean> = {}): Options =>
  ({ id: 1, uid: 'carbon-uid', name: 'Carbon', jsonData, secureJsonFields }) as unknown as Options;

/** Keeps the options in state as Grafana does, so typing accumulates like in the real settings page. */
function setup(jsonData: CarbonDataSourceOptions, secureJsonFields?: Record<string, boolean>) {
  const onOptionsChange = jest.fn();
  function Harness() {
    const [options, setOptions] = useState(makeOptions(jsonData, secureJsonFields));
    const onChange = (next: Options) => {
      onOptionsChange(next);
      setOptions(next);
    };
    return <AwsSettingsSection options={options} onOptionsChange={onChange} />;
  }
  render(<Harness />);
  const last = (): Options => onOptionsChange.mock.calls[onOptionsChange.mock.calls.length - 1][0];
  return { onOptionsChange, last };
}

const aws = (settings: Partial<AwsSettings> = {}): CarbonDataSourceOptions => ({
  aws: { authType: 'default', cacheTtlSeconds: 3600, ...settings },
});

describe('AwsSettingsSection', () => {
  it('enabling stores default settings next to the others; disabling removes them', async () => {
    const { last } = setup({ defaultProvider: 'aws' });
    expect(screen.queryByLabelText(/^Region/)).not.toBeInTheDocument();

    await userEvent.click(screen.getByLabelText(/^Enabled/));
    expect(last().jsonData).toEqual({ defaultProvider: 'aws', aws: { authType: 'default', cacheTtlSeconds: 3600 } });
    expect(screen.getByRole('radio', { name: 'Default credentials chain' })).toBeChecked();

    await userEvent.click(screen.getByLabelText(/^Enabled/));
    expect(last().jsonData).toEqual({ defaultProvider: 'aws' });
  });

  it('stores the region, and removes it when cleared', async () => {
    const { last } = setup(aws());
    await userEvent.type(screen.getByLabelText(/^Region/), 'eu-west-1');
    expect(last().jsonData.aws).toEqual({ authType: 'default', cacheTtlSeconds: 3600, region: 'eu-west-1' });
    await userEvent.clear(screen.getByLabelText(/^Region/));
    expect(last().jsonData.aws).toEqual({ authType: 'default', cacheTtlSeconds: 3600 });
  });

  it('access keys go to secureJsonData only', async () => {
    const { last } = setup(aws());
    expect(screen.queryByLabelText(/^Access key ID/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'Access keys' }));
    expect(last().jsonData.aws?.authType).toBe('keys');

    await userEvent.type(screen.getByLabelText(/^Access key ID/), 'AKIAEXAMPLE');
    await userEvent.type(screen.getByLabelText(/^Secret access key/), 's3cr3t');
    expect(last().secureJsonData).toEqual({ awsAccessKeyId: 'AKIAEXAMPLE', awsSecretAccessKey: 's3cr3t' });
    expect(JSON.stringify(last().jsonData)).not.toMatch(/AKIAEXAMPLE|s3cr3t/);
    expect(screen.getByLabelText(/^Secret access key/)).toHaveAttribute('type', 'password');
  });

  it('shows a stored secret as configured and resets it', async () => {
    const { last } = setup(aws({ authType: 'keys' }), { awsSecretAccessKey: true });
    const input = screen.getByLabelText(/^Secret access key/);
    expect(input).toBeDisabled();
    expect(input).toHaveValue('configured');

    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(last().secureJsonFields).toEqual({ awsSecretAccessKey: false });
    expect(last().secureJsonData).toEqual({ awsSecretAccessKey: '' });
    expect(screen.getByLabelText(/^Secret access key/)).toBeEnabled();
  });

  it('stores the role to assume and checks its ARN', async () => {
    const { last } = setup(aws({ authType: 'assumeRole' }));
    expect(screen.getByText('Required for Assume role')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText(/^Role ARN/), 'arn:aws:iam::1234:role/reader');
    expect(screen.getByText(/Expected arn:aws:iam::<12-digit account id>:role\/<name>/)).toBeInTheDocument();

    await userEvent.clear(screen.getByLabelText(/^Role ARN/));
    await userEvent.type(screen.getByLabelText(/^Role ARN/), 'arn:aws:iam::123456789012:role/team/reader');
    expect(screen.queryByText(/Expected arn:aws/)).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^External ID/), 'ext-42');
    expect(last().jsonData.aws).toMatchObject({
      authType: 'assumeRole',
      assumeRoleArn: 'arn:aws:iam::123456789012:role/team/reader',
      externalId: 'ext-42',
    });
  });

  it.each([
    ['not a URL', 'ce.internal', /Enter a full URL/],
    ['another scheme', 'ftp://ce.internal', /Use an http:\/\/ or https:\/\/ URL/],
  ])('rejects an endpoint that is %s', async (_name, endpoint, message) => {
    setup(aws({ endpoint }));
    expect(screen.getByText(message)).toBeInTheDocument();
  });

  it('stores a valid endpoint without complaint', async () => {
    const { last } = setup(aws());
    await userEvent.type(screen.getByLabelText(/^Endpoint URL/), 'http://127.0.0.1:4566');
    expect(last().jsonData.aws?.endpoint).toBe('http://127.0.0.1:4566');
    expect(screen.queryByText(/full URL|http:\/\/ or https/)).not.toBeInTheDocument();
  });

  it('switches hourly granularity and explains that it is opt-in', async () => {
    const { last } = setup(aws());
    expect(screen.getByText(/opt-in in Cost Explorer .* covers the last 14 days/)).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText(/^Hourly granularity enabled/));
    expect(last().jsonData.aws?.hourlyEnabled).toBe(true);
  });

  it('stores the cache TTL as a number and explains what requests cost', async () => {
    const { last } = setup(aws());
    expect(screen.getByText(/each Cost Explorer request costs USD 0.01/)).toBeInTheDocument();
    const ttl = screen.getByLabelText(/^Cache TTL/);
    expect(ttl).toHaveValue(3600);

    await userEvent.clear(ttl);
    expect(last().jsonData.aws).toEqual({ authType: 'default' });
    await userEvent.type(ttl, '600');
    expect(last().jsonData.aws?.cacheTtlSeconds).toBe(600);
  });

  it('flags a negative cache TTL', () => {
    setup(aws({ cacheTtlSeconds: -5 }));
    expect(screen.getByText('Enter a whole number of seconds, 0 or more')).toBeInTheDocument();
  });
});
