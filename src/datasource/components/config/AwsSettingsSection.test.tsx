import React, { useState } from 'react';
import { DataSourceSettings } from '@grafana/data';
import { config } from '@grafana/runtime';
import { fireEvent, render, screen } from '@testing-library/react';

import { CarbonDataSourceOptions, CarbonSecureJsonData } from '../../types';
import { AwsSettingsSection, cacheTtlError } from './AwsSettingsSection';

// ConnectionConfig reports Save & test results through Grafana's app events and plugin context.
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  usePluginInteractionReporter: () => jest.fn(),
  getAppEvents: () => ({ subscribe: () => ({ unsubscribe: () => undefined }) }),
}));

type Options = DataSourceSettings<CarbonDataSourceOptions, CarbonSecureJsonData>;

function makeOptions(jsonData: CarbonDataSourceOptions, secureJsonFields: Record<string, boolean>): Options {
  const options: Partial<Options> = { id: 1, uid: 'carbon-uid', name: 'Carbon', type: 'greenops-carbon-datasource' };
  return { ...options, jsonData, secureJsonFields } as Options;
}

/** Keeps the options in state as Grafana does, so changes accumulate like in the real settings page. */
function setup(jsonData: CarbonDataSourceOptions, secureJsonFields: Record<string, boolean> = {}) {
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

const ROLE = 'arn:aws:iam::123456789012:role/greenops-cost-reader';

beforeEach(() => {
  config.awsAllowedAuthProviders = ['default', 'keys', 'credentials'];
  config.awsAssumeRoleEnabled = true;
});

describe('AwsSettingsSection', () => {
  it('enabling stores the cache default and the first auth provider the server allows; disabling removes both', () => {
    config.awsAllowedAuthProviders = ['keys', 'default'];
    const { last } = setup({ defaultProvider: 'aws' });
    expect(screen.queryByTestId('connection-config')).not.toBeInTheDocument();

    fireEvent.click(screen.getByLabelText(/^Enabled/));
    expect(last().jsonData).toEqual({ defaultProvider: 'aws', aws: { cacheTtlSeconds: 3600 }, authType: 'keys' });
    expect(screen.getByLabelText('Access Key ID')).toBeInTheDocument();

    fireEvent.click(screen.getByLabelText(/^Enabled/));
    expect(last().jsonData).toEqual({ defaultProvider: 'aws' });
  });

  it('access keys go to secureJsonData as accessKey and secretKey; disabling resets them', () => {
    const { last } = setup({ aws: {}, authType: 'keys' });
    fireEvent.change(screen.getByLabelText('Access Key ID'), { target: { value: 'AKIAEXAMPLE' } });
    fireEvent.change(screen.getByLabelText('Secret Access Key'), { target: { value: 's3cret' } });
    expect(last().secureJsonData).toEqual({ accessKey: 'AKIAEXAMPLE', secretKey: 's3cret' });
    expect(JSON.stringify(last().jsonData)).not.toMatch(/AKIAEXAMPLE|s3cret/);
    fireEvent.click(screen.getByLabelText(/^Enabled/));
    expect(last().secureJsonData).toEqual({ accessKey: '', secretKey: '' });
  });

  it('shows the assume role ARN only where the server enables assume role', () => {
    setup({ aws: {}, authType: 'default' });
    expect(screen.getByLabelText(/^Assume Role ARN/)).toBeInTheDocument();
  });

  it('hides the assume role ARN where [aws] assume_role_enabled is false', () => {
    config.awsAssumeRoleEnabled = false;
    setup({ aws: {}, authType: 'default' });
    expect(screen.queryByLabelText(/^Assume Role ARN/)).not.toBeInTheDocument();
  });

  it('moves first-shape settings to the ConnectionConfig keys on open, keeping Cost Explorer options', () => {
    const first: CarbonDataSourceOptions = {
      defaultProvider: 'aws',
      aws: {
        authType: 'assumeRole',
        assumeRoleArn: ROLE,
        externalId: 'ext-1',
        region: 'eu-west-1',
        endpoint: 'https://vpce.example.com',
        hourlyEnabled: true,
        cacheTtlSeconds: 600,
      },
    };
    const { onOptionsChange } = setup(first, { awsAccessKeyId: true, awsSecretAccessKey: true });
    // The first change is the move; assume role with saved keys is "keys" plus the role.
    expect(onOptionsChange.mock.calls[0][0].jsonData).toEqual({
      defaultProvider: 'aws',
      aws: { hourlyEnabled: true, cacheTtlSeconds: 600 },
      authType: 'keys',
      assumeRoleArn: ROLE,
      externalId: 'ext-1',
      defaultRegion: 'eu-west-1',
      endpoint: 'https://vpce.example.com',
    });
    // The saved first-shape keys show as configured under the new names.
    expect(screen.getByLabelText('Access Key ID')).toHaveAttribute('placeholder', 'Configured');
    expect(screen.getByDisplayValue(ROLE)).toBeInTheDocument();
  });

  it('first-shape assume role without saved keys becomes the default chain plus the role', () => {
    const { onOptionsChange } = setup({ aws: { authType: 'assumeRole', assumeRoleArn: ROLE } });
    expect(onOptionsChange.mock.calls[0][0].jsonData).toEqual({ aws: {}, authType: 'default', assumeRoleArn: ROLE });
  });

  it('resetting a key shown from the first shape resets the first-shape key too', () => {
    const { last } = setup({ aws: { authType: 'keys' } }, { awsAccessKeyId: true, awsSecretAccessKey: true });
    fireEvent.click(screen.getByLabelText('Edit Access Key ID'));
    expect(last().secureJsonFields).toMatchObject({ accessKey: false, awsAccessKeyId: false });
    expect(last().secureJsonData).toMatchObject({ accessKey: '', awsAccessKeyId: '' });
    // The secret key stays.
    expect(last().secureJsonFields.awsSecretAccessKey).toBe(true);
  });

  it('flags a cache TTL that is not a whole number of seconds, 0 or more', () => {
    expect(cacheTtlError(0)).toBeUndefined();
    expect(cacheTtlError(-1)).toMatch(/0 or more/);
    expect(cacheTtlError(1.5)).toMatch(/whole number/);
    setup({ aws: { cacheTtlSeconds: -1 }, authType: 'default' });
    expect(screen.getByText('Enter a whole number of seconds, 0 or more')).toBeInTheDocument();
  });
});
