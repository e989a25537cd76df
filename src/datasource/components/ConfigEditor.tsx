import React from 'react';
import { DataSourcePluginOptionsEditorProps, SelectableValue } from '@grafana/data';
import { Field, FieldSet, Select } from '@grafana/ui';

import { CarbonDataSourceOptions, CarbonSecureJsonData, CloudProvider } from '../types';
import { AwsSettingsSection } from './config/AwsSettingsSection';
import { FocusSettingsSection } from './config/FocusSettingsSection';
import { PrometheusSettingsSection } from './config/PrometheusSettingsSection';
import { PROVIDER_OPTIONS } from './GridIntensityEditor';

type Props = DataSourcePluginOptionsEditorProps<CarbonDataSourceOptions, CarbonSecureJsonData>;

export function ConfigEditor(props: Props) {
  const { options, onOptionsChange } = props;
  const jsonData = options.jsonData ?? {};

  const onProviderChange = (option: SelectableValue<CloudProvider> | null) => {
    const { defaultProvider: _previous, ...rest } = jsonData;
    // Cleared: drop the key rather than store null, so the backend sees "no default".
    const next = option?.value ? { ...rest, defaultProvider: option.value } : rest;
    onOptionsChange({ ...options, jsonData: next });
  };

  return (
    <>
      <FieldSet label="Queries">
        <Field label="Default provider" description="Preselected in new queries. Leave empty to query all providers.">
          <Select
            inputId="carbon-config-default-provider"
            options={PROVIDER_OPTIONS}
            value={jsonData.defaultProvider ?? null}
            placeholder="All providers"
            isClearable
            width={40}
            onChange={onProviderChange}
          />
        </Field>
        <p>
          Grid carbon intensity needs no credentials. Cloud emissions and trends need a billing source below: AWS Cost
          Explorer, FOCUS billing exports, or both. Measured Kubernetes and process energy needs Prometheus.
        </p>
      </FieldSet>
      <AwsSettingsSection {...props} />
      <FocusSettingsSection {...props} />
      <PrometheusSettingsSection {...props} />
    </>
  );
}
