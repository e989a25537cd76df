import React from 'react';
import { DataSourcePluginOptionsEditorProps, SelectableValue } from '@grafana/data';
import { Field, FieldSet, Input, RadioButtonGroup, SecretInput, Switch } from '@grafana/ui';

import { AwsAuthType, AwsSettings, CarbonDataSourceOptions, CarbonSecureJsonData } from '../../types';

type Props = DataSourcePluginOptionsEditorProps<CarbonDataSourceOptions, CarbonSecureJsonData>;
type SecretKey = keyof CarbonSecureJsonData;

const AUTH_OPTIONS: Array<SelectableValue<AwsAuthType>> = [
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
  const jsonData = options.jsonData ?? {};
  const aws = jsonData.aws;

  const setAws = (next?: AwsSettings) => {
    const { aws: _previous, ...rest } = jsonData;
    onOptionsChange({ ...options, jsonData: next ? { ...rest, aws: next } : rest });
  };
  // Cleared fields are removed rather than stored empty, so the backend applies its defaults.
  const update = (patch: Partial<AwsSettings>) => {
    const next: Record<string, unknown> = { ...aws, ...patch };
    Object.keys(patch).forEach((k) => (next[k] === undefined || next[k] === '') && delete next[k]);
    setAws(next as unknown as AwsSettings);
  };
  const text = (e: React.FormEvent<HTMLInputElement>) => e.currentTarget.value.trim() || undefined;

  // Secrets only go up: Grafana never sends them back, it only flags them in secureJsonFields.
  const setSecret = (key: SecretKey, value: string) =>
    onOptionsChange({ ...options, secureJsonData: { ...options.secureJsonData, [key]: value } });
  const resetSecret = (key: SecretKey) =>
    onOptionsChange({
      ...options,
      secureJsonFields: { ...options.secureJsonFields, [key]: false },
      secureJsonData: { ...options.secureJsonData, [key]: '' },
    });
  const secret = (key: SecretKey, label: string, placeholder: string) => (
    <Field label={label}>
      <SecretInput
        id={`carbon-aws-${key}`}
        isConfigured={Boolean(options.secureJsonFields?.[key])}
        value={options.secureJsonData?.[key] ?? ''}
        placeholder={placeholder}
        width={48}
        onChange={(e) => setSecret(key, e.currentTarget.value)}
        onReset={() => resetSecret(key)}
      />
    </Field>
  );

  // The backend refuses assume-role settings without a role, so say so before Save & test does.
  const arnError = aws?.assumeRoleArn ? roleArnError(aws.assumeRoleArn) : 'Required for Assume role';
  const urlError = endpointError(aws?.endpoint);
  const ttlError = cacheTtlError(aws?.cacheTtlSeconds);

  return (
    <FieldSet label="AWS Cost Explorer">
      <Field label="Enabled" description="Estimate emissions from the usage Cost Explorer reports">
        <Switch
          id="carbon-aws-enabled"
          value={Boolean(aws)}
          onChange={(e) => setAws(e.currentTarget.checked ? NEW_AWS : undefined)}
        />
      </Field>
      {aws && (
        <>
          <Field label="Authentication">
            <RadioButtonGroup<AwsAuthType>
              options={AUTH_OPTIONS}
              value={aws.authType}
              onChange={(authType) => update({ authType })}
            />
          </Field>
          <Field label="Region" description="For signing and STS; Cost Explorer itself is served from us-east-1">
            <Input
              id="carbon-aws-region"
              value={aws.region ?? ''}
              placeholder="us-east-1"
              width={24}
              onChange={(e) => update({ region: text(e) })}
            />
          </Field>
          {aws.authType === 'keys' && (
            <>
              {secret('awsAccessKeyId', 'Access key ID', 'AKIA...')}
              {secret('awsSecretAccessKey', 'Secret access key', 'Secret access key')}
            </>
          )}
          {aws.authType === 'assumeRole' && (
            <>
              <Field label="Role ARN" required invalid={Boolean(arnError)} error={arnError}>
                <Input
                  id="carbon-aws-role-arn"
                  value={aws.assumeRoleArn ?? ''}
                  placeholder="arn:aws:iam::123456789012:role/greenops-cost-reader"
                  width={64}
                  onChange={(e) => update({ assumeRoleArn: text(e) })}
                />
              </Field>
              <Field label="External ID" description="Only if the role's trust policy requires one">
                <Input
                  id="carbon-aws-external-id"
                  value={aws.externalId ?? ''}
                  width={48}
                  onChange={(e) => update({ externalId: text(e) })}
                />
              </Field>
            </>
          )}
          <Field
            label="Endpoint URL"
            description="Optional: a VPC endpoint or proxy. Leave empty for the AWS default."
            invalid={Boolean(urlError)}
            error={urlError}
          >
            <Input
              id="carbon-aws-endpoint"
              value={aws.endpoint ?? ''}
              placeholder="https://ce.us-east-1.amazonaws.com"
              width={64}
              onChange={(e) => update({ endpoint: text(e) })}
            />
          </Field>
          <Field
            label="Hourly granularity enabled"
            description="Hourly data is opt-in in Cost Explorer (Billing preferences) and covers the last 14 days. Turn this on only once it is enabled for the account."
          >
            <Switch
              id="carbon-aws-hourly"
              value={Boolean(aws.hourlyEnabled)}
              onChange={(e) => update({ hourlyEnabled: e.currentTarget.checked || undefined })}
            />
          </Field>
          <Field
            label="Cache TTL (seconds)"
            description={`How long answers are reused; each Cost Explorer request costs USD 0.01. Default ${DEFAULT_CACHE_TTL_SECONDS}.`}
            invalid={Boolean(ttlError)}
            error={ttlError}
          >
            <Input
              id="carbon-aws-cache-ttl"
              type="number"
              min={0}
              step={1}
              value={aws.cacheTtlSeconds ?? ''}
              placeholder={String(DEFAULT_CACHE_TTL_SECONDS)}
              width={16}
              onChange={(e) => {
                const raw = e.currentTarget.value;
                update({ cacheTtlSeconds: raw === '' ? undefined : Number(raw) });
              }}
            />
          </Field>
        </>
      )}
    </FieldSet>
  );
}
