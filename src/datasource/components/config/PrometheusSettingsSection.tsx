import React, { useEffect } from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { FieldSet } from '@grafana/ui';

import { CarbonDataSourceOptions, CarbonSecureJsonData } from '../../types';
import { NumberSetting, SwitchSetting, TextSetting } from './fields';
import { PrometheusAuth } from './PrometheusAuth';
import { migrateHeaders } from './prometheusHeaders';
import {
  DEFAULT_RESPONSE_LIMIT_MIB,
  DEFAULT_SERIES_LIMIT,
  DEFAULT_TIMEOUT_SECONDS,
  MAX_RESPONSE_LIMIT_MIB,
  NEW_PROMETHEUS,
  prometheusUrlError,
  responseLimitError,
  seriesLimitError,
  timeoutError,
} from './prometheusSettings';
import { settingsSection } from './settingsOptions';

type Props = DataSourcePluginOptionsEditorProps<CarbonDataSourceOptions, CarbonSecureJsonData>;

export function PrometheusSettingsSection(props: Props) {
  const { options, onOptionsChange } = props;
  // The URL stays even when cleared: it is required, and flagged below.
  const {
    settings: prometheus,
    set: setPrometheus,
    update,
  } = settingsSection(options, onOptionsChange, 'prometheus', ['url']);

  // Plain headers of the first settings shape move to the secure keys now, so Save stores those.
  // Until then Auth waits: its header list is read once, when it mounts.
  const migrated = migrateHeaders(options);
  const moving = migrated !== options;
  useEffect(() => {
    if (moving) {
      onOptionsChange(migrated);
    }
  }, [moving, migrated, onOptionsChange]);

  const urlError = prometheusUrlError(prometheus?.url);
  const secondsError = timeoutError(prometheus?.timeoutSeconds);
  const limitError = seriesLimitError(prometheus?.seriesLimit);
  const bytesError = responseLimitError(prometheus?.responseLimitMiB);

  return (
    <FieldSet label="Prometheus">
      <p>
        Kubernetes and host energy from exporters (Kepler, Scaphandre, DCGM) and cost from OpenCost, read from any
        Prometheus-compatible API: Prometheus, Thanos, Mimir or VictoriaMetrics.
      </p>
      <SwitchSetting
        label="Enabled"
        description="Query exporter metrics from Prometheus"
        id="carbon-prometheus-enabled"
        value={Boolean(prometheus)}
        onChange={(on) => setPrometheus(on ? NEW_PROMETHEUS : undefined)}
      />
      {prometheus && (
        <>
          <TextSetting
            label="URL"
            required
            error={urlError}
            id="carbon-prometheus-url"
            value={prometheus.url}
            placeholder="http://prometheus.monitoring.svc:9090"
            width={64}
            onChange={(url) => update({ url: url ?? '' })}
          />
          {!moving && <PrometheusAuth {...props} prometheus={prometheus} />}
          <NumberSetting
            label="Timeout (seconds)"
            description={`Per request. Default ${DEFAULT_TIMEOUT_SECONDS}.`}
            error={secondsError}
            id="carbon-prometheus-timeout"
            min={1}
            value={prometheus.timeoutSeconds}
            placeholder={DEFAULT_TIMEOUT_SECONDS}
            onChange={(timeoutSeconds) => update({ timeoutSeconds })}
          />
          <TextSetting
            label="Default region"
            description="Used for nodes whose region is unknown, to pick the grid carbon intensity. A region id such as eu-west-1, or provider:region such as gcp:europe-west1."
            id="carbon-prometheus-default-region"
            value={prometheus.defaultRegion}
            placeholder="eu-west-1"
            width={32}
            onChange={(defaultRegion) => update({ defaultRegion })}
          />
          <NumberSetting
            label="Series limit"
            description={`Most series one query may return before it stops with an error, to protect Prometheus and the browser. Default ${DEFAULT_SERIES_LIMIT}.`}
            error={limitError}
            id="carbon-prometheus-series-limit"
            min={1}
            step={1}
            value={prometheus.seriesLimit}
            placeholder={DEFAULT_SERIES_LIMIT}
            onChange={(seriesLimit) => update({ seriesLimit })}
          />
          <NumberSetting
            label="Response limit (MiB)"
            description={`Most one Prometheus answer may hold, uncompressed, before the query stops with an error, to protect the Grafana server's memory. Default ${DEFAULT_RESPONSE_LIMIT_MIB}, at most ${MAX_RESPONSE_LIMIT_MIB}.`}
            error={bytesError}
            id="carbon-prometheus-response-limit"
            min={1}
            step={1}
            value={prometheus.responseLimitMiB}
            placeholder={DEFAULT_RESPONSE_LIMIT_MIB}
            onChange={(responseLimitMiB) => update({ responseLimitMiB })}
          />
        </>
      )}
    </FieldSet>
  );
}
