import React, { useMemo } from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Select } from '@grafana/ui';

import type { CarbonDataSource } from '../datasource';
import { defaultsFor, isPrometheusQueryType, KnownQueryType, QUERY_TYPE_INFO } from '../queryTypeInfo';
import {
  CarbonDataSourceOptions,
  CarbonQuery,
  DEFAULT_QUERY,
  PROMETHEUS_QUERY_TYPES,
  QUERY_TYPES,
  RECOMMENDATION_QUERY_TYPES,
} from '../types';
import { CloudEmissionsEditor } from './CloudEmissionsEditor';
import { CloudTrendEditor } from './CloudTrendEditor';
import { EnergyQueryEditor } from './energy/EnergyQueryEditor';
import { GridIntensityEditor } from './GridIntensityEditor';
import { CloudRecommendationsEditor } from './recommendations/CloudRecommendationsEditor';
import { ZombieInstancesEditor } from './recommendations/ZombieInstancesEditor';
import { useServedQueryTypes } from './useBackendInfo';
import { ValueFieldEditor } from './ValueFieldEditor';

type Props = QueryEditorProps<CarbonDataSource, CarbonQuery, CarbonDataSourceOptions>;

/** Offered only once the backend lists them: they came after the first release. */
const NEWER: readonly KnownQueryType[] = [...PROMETHEUS_QUERY_TYPES, ...RECOMMENDATION_QUERY_TYPES];

/** Offered whatever the backend says (it has served them from the start). */
const ALWAYS_OFFERED: KnownQueryType[] = QUERY_TYPES.filter((t) => !NEWER.includes(t));

const option = (value: KnownQueryType, description?: string): SelectableValue<KnownQueryType> => ({
  value,
  label: QUERY_TYPE_INFO[value]?.label ?? value,
  description: description ?? QUERY_TYPE_INFO[value]?.description,
});

/**
 * The newer (Prometheus, recommendation) query types only once the backend lists them, so a frontend newer than
 * its backend offers nothing that cannot run. The current type is always listed, so a saved query keeps its label.
 */
export function queryTypeOptions(served: string[] | undefined, current: KnownQueryType) {
  const offered = [...ALWAYS_OFFERED, ...NEWER.filter((t) => served?.includes(t))];
  const options = offered.map((t) => option(t));
  if (!offered.includes(current)) {
    const known = served === undefined || served.includes(current);
    options.push(option(current, known ? undefined : 'Not served by this version of the plugin backend'));
  }
  return options;
}

/** Uses only props Explore also passes (no panel APIs). */
export function QueryEditor({ query, datasource, onChange, onRunQuery }: Props) {
  // Queries saved before queryType existed, or created without getDefaultQuery, run as the default type.
  const queryType: KnownQueryType = query.queryType ?? DEFAULT_QUERY.queryType ?? 'gridIntensity';
  const served = useServedQueryTypes(datasource);
  const options = useMemo(() => queryTypeOptions(served, queryType), [served, queryType]);

  const onQueryTypeChange = (picked: SelectableValue<KnownQueryType>) => {
    if (picked.value && picked.value !== query.queryType) {
      // Fields of the previous type mean nothing to the new one: keep only DataQuery's own fields.
      const { refId, hide, key, datasource: ref } = query;
      const common = Object.fromEntries(
        Object.entries({ hide, key, datasource: ref }).filter(([, v]) => v !== undefined)
      );
      onChange({ refId, ...common, ...defaultsFor(picked.value, datasource.settingsSummary) });
      onRunQuery();
    }
  };

  const onValueFieldChange = (valueField: string | undefined) => {
    const { valueField: _previous, ...rest } = query;
    onChange((valueField ? { ...rest, valueField } : rest) as CarbonQuery);
    onRunQuery();
  };

  const props = { datasource, onRunQuery };
  return (
    <>
      <InlineFieldRow>
        <InlineField label="Query type" labelWidth={14} tooltip={QUERY_TYPE_INFO[queryType]?.description}>
          <Select
            inputId={`carbon-query-type-${query.refId}`}
            options={options}
            value={queryType}
            onChange={onQueryTypeChange}
            width={40}
          />
        </InlineField>
      </InlineFieldRow>
      {isPrometheusQueryType(query.queryType) ? (
        <EnergyQueryEditor {...props} query={query} onChange={onChange} />
      ) : query.queryType === 'cloudEmissions' ? (
        <CloudEmissionsEditor {...props} query={query} onChange={onChange} />
      ) : query.queryType === 'cloudTrend' ? (
        <CloudTrendEditor {...props} query={query} onChange={onChange} />
      ) : query.queryType === 'zombieInstances' ? (
        <ZombieInstancesEditor {...props} query={query} onChange={onChange} />
      ) : query.queryType === 'cloudRecommendations' ? (
        <CloudRecommendationsEditor {...props} query={query} onChange={onChange} />
      ) : (
        <GridIntensityEditor {...props} query={{ ...query, queryType: 'gridIntensity' }} onChange={onChange} />
      )}
      <ValueFieldEditor
        refId={query.refId}
        queryType={queryType}
        value={query.valueField}
        onChange={onValueFieldChange}
      />
    </>
  );
}
