import React, { useEffect } from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { ConnectionConfig } from '@grafana/aws-sdk';
import { FieldSet } from '@grafana/ui';

import { CarbonDataSourceOptions, CarbonSecureJsonData } from '../../types';
import {
  DEFAULT_CACHE_TTL_SECONDS,
  fromConnectionOptions,
  migrateAwsSettings,
  NEW_AWS,
  toConnectionOptions,
  withoutAws,
} from './awsSettingsMigration';
import { NumberSetting, SwitchSetting } from './fields';
import { settingsSection } from './settingsOptions';

export { DEFAULT_CACHE_TTL_SECONDS };

type Props = DataSourcePluginOptionsEditorProps<CarbonDataSourceOptions, CarbonSecureJsonData>;

/** Cost Explorer is one global endpoint; ConnectionConfig shows this as the endpoint's placeholder. */
const CE_ENDPOINT = 'https://ce.us-east-1.amazonaws.com';

export function cacheTtlError(ttl?: number): string | undefined {
  return ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 0)
    ? 'Enter a whole number of seconds, 0 or more'
    : undefined;
}

/**
 * AWS Cost Explorer: the connection through @grafana/aws-sdk's ConnectionConfig, as in CloudWatch
 * and Athena (it offers only the auth providers the Grafana server allows, and assume role only
 * where enabled); hourly data and the cache are ours.
 */
export function AwsSettingsSection({ options, onOptionsChange }: Props) {
  const { settings: aws, update } = settingsSection(options, onOptionsChange, 'aws');

  // Settings saved in the first shape move to the current keys now, so Save stores those. Until
  // then ConnectionConfig waits: it would otherwise pick an auth provider of its own.
  const migrated = migrateAwsSettings(options);
  const moving = migrated !== options;
  useEffect(() => {
    if (moving) {
      onOptionsChange(migrated);
    }
  }, [moving, migrated, onOptionsChange]);

  const ttlError = cacheTtlError(aws?.cacheTtlSeconds);

  return (
    <FieldSet label="AWS Cost Explorer">
      <SwitchSetting
        label="Enabled"
        description="Estimate emissions from the usage Cost Explorer reports"
        id="carbon-aws-enabled"
        value={Boolean(aws)}
        onChange={(on) =>
          onOptionsChange(on ? { ...options, jsonData: { ...options.jsonData, aws: NEW_AWS } } : withoutAws(options))
        }
      />
      {aws && (
        <>
          {!moving && (
            <ConnectionConfig
              options={toConnectionOptions(options)}
              onOptionsChange={(next) => onOptionsChange(fromConnectionOptions(next, options))}
              defaultEndpoint={CE_ENDPOINT}
              skipHeader
            />
          )}
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
