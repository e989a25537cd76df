import React from 'react';
import { DataSourcePluginOptionsEditorProps, SelectableValue } from '@grafana/data';
import { Field, Input, RadioButtonGroup } from '@grafana/ui';

import { CarbonDataSourceOptions, CarbonSecureJsonData, PrometheusAuthType, PrometheusSettings } from '../../types';
import { SecretSetting } from './fields';
import { SecretKey } from './settingsOptions';

type Props = DataSourcePluginOptionsEditorProps<CarbonDataSourceOptions, CarbonSecureJsonData> & {
  prometheus: PrometheusSettings;
  update: (patch: Partial<PrometheusSettings>) => void;
};

const AUTH_OPTIONS: Array<SelectableValue<PrometheusAuthType>> = [
  { value: 'none', label: 'None' },
  { value: 'basic', label: 'Basic authentication' },
  { value: 'bearer', label: 'Bearer token' },
];

/** Authentication of the Prometheus API; passwords and tokens go to secureJsonData only. */
export function PrometheusAuthFields({ options, onOptionsChange, prometheus, update }: Props) {
  const secret = (key: SecretKey, label: string, placeholder: string, description?: string) => (
    <SecretSetting
      {...{ options, onOptionsChange, label, placeholder, description }}
      secretKey={key}
      id={`carbon-prometheus-${key}`}
    />
  );
  const authType = prometheus.authType ?? 'none';

  return (
    <>
      <Field label="Authentication">
        <RadioButtonGroup<PrometheusAuthType>
          options={AUTH_OPTIONS}
          value={authType}
          onChange={(next) => update({ authType: next })}
        />
      </Field>
      {authType === 'basic' && (
        <>
          <Field
            label="User"
            required
            invalid={!prometheus.basicAuthUser}
            error={prometheus.basicAuthUser ? undefined : 'Required for Basic authentication'}
          >
            <Input
              id="carbon-prometheus-user"
              value={prometheus.basicAuthUser ?? ''}
              width={48}
              onChange={(e) => update({ basicAuthUser: e.currentTarget.value || undefined })}
            />
          </Field>
          {secret('prometheusPassword', 'Password', 'Password')}
        </>
      )}
      {authType === 'bearer' &&
        secret('prometheusToken', 'Token', 'Bearer token', 'Sent as "Authorization: Bearer <token>"')}
    </>
  );
}
