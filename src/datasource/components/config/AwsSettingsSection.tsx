import React from 'react';
import { DataSourcePluginOptionsEditorProps, SelectableValue } from '@grafana/data';
import { Field, FieldSet, RadioButtonGroup } from '@grafana/ui';

import { LegacyAwsAuthType, AwsSettings, CarbonDataSourceOptions, CarbonSecureJsonData } from '../../types';
import { NumberSetting, SecretSetting, SwitchSetting, TextSetting } from './fields';
import { SecretKey, settingsSection } from './settingsOptions';

type Props = DataSourcePluginOptionsEditorProps<CarbonDataSourceOptions, CarbonSecureJsonData>;

const AUTH_OPTIONS: Array<SelectableValue<LegacyAwsAuthType>> = [
  { value: 'default', label: 'Default credentials chain', description: 'Environment, shared config or IAM role' },
  { value: 'keys', label: 'Access keys' },
  { value: 'assumeRole', label: 'Assume role' },
];

export const DEFAULT_CACHE_TTL_SECONDS = 3600;
const NEW_AWS: AwsSettings = { authType: 'default', cacheTtlSeconds: DEFAULT_CACHE_TTL_SECONDS };

// Partitions aws, aws-cn and aws-us-gov; role names may carry a path (role/team/name).
const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export function roleArnError(arn: string): string | undefined {
  return !ROLE_ARN.test(arn) ? 'Expected arn:aws:iam::<12-digit account id>:role/<name>' : undefined;
}

export function endpointError(endpoint?: string): string | undefined {
  if (!endpoint) {
    return undefined;
  }
  try {
    const { protocol } = new URL(endpoint);
    return protocol === 'http:' || protocol === 'https:' ? undefined : 'Use an http:// or https:// URL';
  } catch {
    return 'Enter a full URL, such as https://ce.us-east-1.amazonaws.com';
  }
}

export function cacheTtlError(ttl?: number): string | undefined {
  return ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 0)
    ? 'Enter a whole number of seconds, 0 or more'
    : undefined;
}

export function AwsSettingsSection({ options, onOptionsChange }: Props) {
  const { settings: aws, set: setAws, update } = settingsSection(options, onOptionsChange, 'aws');

  const secret = (key: SecretKey, label: string, placeholder: string) => (
    <SecretSetting {...{ options, onOptionsChange, label, placeholder }} secretKey={key} id={`carbon-aws-${key}`} />
  );

  // The backend refuses assume-role settings without a role, so say so before Save & test does.
  const arnError = aws?.assumeRoleArn ? roleArnError(aws.assumeRoleArn) : 'Required for Assume role';
  const urlError = endpointError(aws?.endpoint);
  const ttlError = cacheTtlError(aws?.cacheTtlSeconds);

  return (
    <FieldSet label="AWS Cost Explorer">
      <SwitchSetting
        label="Enabled"
        description="Estimate emissions from the usage Cost Explorer reports"
        id="carbon-aws-enabled"
        value={Boolean(aws)}
        onChange={(on) => setAws(on ? NEW_AWS : undefined)}
      />
      {aws && (
        <>
          <Field label="Authentication">
            <RadioButtonGroup<LegacyAwsAuthType>
              options={AUTH_OPTIONS}
              value={aws.authType}
              onChange={(authType) => update({ authType })}
            />
          </Field>
          <TextSetting
            label="Region"
            description="For signing and STS; Cost Explorer itself is served from us-east-1"
            id="carbon-aws-region"
            value={aws.region}
            placeholder="us-east-1"
            width={24}
            onChange={(region) => update({ region })}
          />
          {aws.authType === 'keys' && (
            <>
              {secret('awsAccessKeyId', 'Access key ID', 'AKIA...')}
              {secret('awsSecretAccessKey', 'Secret access key', 'Secret access key')}
            </>
          )}
          {aws.authType === 'assumeRole' && (
            <>
              <TextSetting
                label="Role ARN"
                required
                error={arnError}
                id="carbon-aws-role-arn"
                value={aws.assumeRoleArn}
                placeholder="arn:aws:iam::123456789012:role/greenops-cost-reader"
                width={64}
                onChange={(assumeRoleArn) => update({ assumeRoleArn })}
              />
              <TextSetting
                label="External ID"
                description="Only if the role's trust policy requires one"
                id="carbon-aws-external-id"
                value={aws.externalId}
                width={48}
                onChange={(externalId) => update({ externalId })}
              />
            </>
          )}
          <TextSetting
            label="Endpoint URL"
            description="Optional: a VPC endpoint or proxy. Leave empty for the AWS default."
            error={urlError}
            id="carbon-aws-endpoint"
            value={aws.endpoint}
            placeholder="https://ce.us-east-1.amazonaws.com"
            width={64}
            onChange={(endpoint) => update({ endpoint })}
          />
          <SwitchSetting
            label="Hourly granularity enabled"
            description="Hourly data is opt-in in Cost Explorer (Billing preferences) and covers the last 14 days. Turn this on only once it is enabled for the account."
            id="carbon-aws-hourly"
            value={Boolean(aws.hourlyEnabled)}
            onChange={(on) => update({ hourlyEnabled: on || undefined })}
          />
          <NumberSetting
            label="Cache TTL (seconds)"
            description={`How long answers are reused; each Cost Explorer request costs USD 0.01. Default ${DEFAULT_CACHE_TTL_SECONDS}.`}
            error={ttlError}
            id="carbon-aws-cache-ttl"
            min={0}
            step={1}
            value={aws.cacheTtlSeconds}
            placeholder={DEFAULT_CACHE_TTL_SECONDS}
            onChange={(cacheTtlSeconds) => update({ cacheTtlSeconds })}
          />
        </>
      )}
    </FieldSet>
  );
}
