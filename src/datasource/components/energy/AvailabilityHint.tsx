import React from 'react';
import { Alert } from '@grafana/ui';

import { QUERY_TYPE_DEFINITIONS } from '../../../shared/queryTypes';
import type { QueryType } from '../../types';
import { useExporters } from '../useBackendInfo';
import { EnergyEditorSource } from './fields';

const WHERE = 'in the data source settings (Connections > Data sources > this data source)';

interface Props {
  queryType: QueryType;
  datasource: EnergyEditorSource;
}

/**
 * Says up front why a Prometheus query cannot return data: no Prometheus configured, or none of the exporters
 * the query type reads found there (or, for an available one, what limits it). Silent while the backend has not
 * answered or has no discovery route.
 */
export function AvailabilityHint({ queryType, datasource }: Props) {
  const discovery = useExporters(datasource);
  const { label } = QUERY_TYPE_DEFINITIONS[queryType];

  if (datasource.settingsSummary && !datasource.settingsSummary.prometheus) {
    return (
      <Alert severity="warning" title="Prometheus is not configured">
        {label} reads exporter metrics from Prometheus. Set its URL under &quot;Prometheus&quot; {WHERE}.
      </Alert>
    );
  }

  const availability = discovery?.queryTypes[queryType];
  if (!availability) {
    return null;
  }
  if (availability.available) {
    // An available query type may still come with a limit, such as GPU energy only.
    return availability.reason ? (
      <Alert severity="info" title={`${label}: limited data`}>
        {availability.reason}
      </Alert>
    ) : null;
  }
  const found = discovery.exporters.filter((e) => e.present).map((e) => e.name);
  return (
    <Alert severity="warning" title={`${label} is not available`}>
      <div>{availability.reason ?? 'The exporters this query reads were not found in Prometheus.'}</div>
      <div>{found.length > 0 ? `Found in Prometheus: ${found.join(', ')}.` : 'No supported exporter was found.'}</div>
    </Alert>
  );
}
