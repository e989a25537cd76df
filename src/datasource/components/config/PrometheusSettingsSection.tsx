import React from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Field, FieldSet, Input, SecretTextArea, Switch } from '@grafana/ui';

import { CarbonDataSourceOptions, CarbonSecureJsonData, PrometheusSettings } from '../../types';
import { HeadersField } from './HeadersField';
import { PrometheusAuthFields } from './PrometheusAuthFields';
import {
  DEFAULT_SERIES_LIMIT,
  DEFAULT_TIMEOUT_SECONDS,
  NEW_PROMETHEUS,
  prometheusUrlError,
  seriesLimitError,
  timeoutError,
  withoutSecret,
  withSecret,
} from './prometheusSettings';

type Props = DataSourcePluginOptionsEditorProps<CarbonDataSourceOptions, CarbonSecureJsonData>;

const number = (raw: string) => (raw === '' ? undefined : Number(raw));

export function PrometheusSettingsSection(props: Props) {
  const { options, onOptionsChange } = props;
  const jsonData = options.jsonData ?? {};
  const prometheus = jsonData.prometheus;

  const setPrometheus = (next?: PrometheusSettings) => {
    const { prometheus: _previous, ...rest } = jsonData;
    onOptionsChange({ ...options, jsonData: next ? { ...rest, prometheus: next } : rest });
  };
  // Cleared fields are removed rather than stored empty, so the backend applies its defaults; the URL stays.
  const update = (patch: Partial<PrometheusSettings>) => {
    const next: Record<string, unknown> = { ...prometheus, ...patch };
    Object.keys(patch).forEach((k) => k !== 'url' && (next[k] === undefined || next[k] === '') && delete next[k]);
    setPrometheus(next as unknown as PrometheusSettings);
  };

  const urlError = prometheusUrlError(prometheus?.url);
  const secondsError = timeoutError(prometheus?.timeoutSeconds);
  const limitError = seriesLimitError(prometheus?.seriesLimit);

  return (
    <FieldSet label="Prometheus">
      <p>
        Kubernetes and host energy from exporters (Kepler, Scaphandre, DCGM) and cost from OpenCost, read from any
        Prometheus-compatible API: Prometheus, Thanos, Mimir or VictoriaMetrics.
      </p>
      <Field label="Enabled" description="Query exporter metrics from Prometheus">
        <Switch
          id="carbon-prometheus-enabled"
          value={Boolean(prometheus)}
          onChange={(e) => setPrometheus(e.currentTarget.checked ? NEW_PROMETHEUS : undefined)}
        />
      </Field>
      {prometheus && (
        <>
          <Field label="URL" required invalid={Boolean(urlError)} error={urlError}>
            <Input
              id="carbon-prometheus-url"
              value={prometheus.url ?? ''}
              placeholder="http://prometheus.monitoring.svc:9090"
              width={64}
              onChange={(e) => update({ url: e.currentTarget.value.trim() })}
            />
          </Field>
          <PrometheusAuthFields {...props} prometheus={prometheus} update={update} />
          <HeadersField headers={prometheus.headers} onChange={(headers) => update({ headers })} />
          <Field
            label="Skip TLS certificate verification"
            description="Only for testing: anyone on the path can read and change the traffic"
          >
            <Switch
              id="carbon-prometheus-tls-skip-verify"
              value={Boolean(prometheus.tlsSkipVerify)}
              onChange={(e) => update({ tlsSkipVerify: e.currentTarget.checked || undefined })}
            />
          </Field>
          <Field
            label="CA certificate"
            description="PEM certificate of a private CA that signed the server certificate"
          >
            <SecretTextArea
              id="carbon-prometheus-ca-cert"
              isConfigured={Boolean(options.secureJsonFields?.prometheusCaCert)}
              value={options.secureJsonData?.prometheusCaCert ?? ''}
              placeholder="-----BEGIN CERTIFICATE-----"
              rows={5}
              cols={64}
              onChange={(e) => onOptionsChange(withSecret(options, 'prometheusCaCert', e.currentTarget.value))}
              onReset={() => onOptionsChange(withoutSecret(options, 'prometheusCaCert'))}
            />
          </Field>
          <Field
            label="Timeout (seconds)"
            description={`Per request. Default ${DEFAULT_TIMEOUT_SECONDS}.`}
            invalid={Boolean(secondsError)}
            error={secondsError}
          >
            <Input
              id="carbon-prometheus-timeout"
              type="number"
              min={1}
              value={prometheus.timeoutSeconds ?? ''}
              placeholder={String(DEFAULT_TIMEOUT_SECONDS)}
              width={16}
              onChange={(e) => update({ timeoutSeconds: number(e.currentTarget.value) })}
            />
          </Field>
          <Field
            label="Default region"
            description="Used for nodes whose region is unknown, to pick the grid carbon intensity. A region id such as eu-west-1, or provider:region such as gcp:europe-west1."
          >
            <Input
              id="carbon-prometheus-default-region"
              value={prometheus.defaultRegion ?? ''}
              placeholder="eu-west-1"
              width={32}
              onChange={(e) => update({ defaultRegion: e.currentTarget.value.trim() || undefined })}
            />
          </Field>
          <Field
            label="Series limit"
            description={`Most series one query may return before it stops with an error, to protect Prometheus and the browser. Default ${DEFAULT_SERIES_LIMIT}.`}
            invalid={Boolean(limitError)}
            error={limitError}
          >
            <Input
              id="carbon-prometheus-series-limit"
              type="number"
              min={1}
              step={1}
              value={prometheus.seriesLimit ?? ''}
              placeholder={String(DEFAULT_SERIES_LIMIT)}
              width={16}
              onChange={(e) => update({ seriesLimit: number(e.currentTarget.value) })}
            />
          </Field>
        </>
      )}
    </FieldSet>
  );
}
