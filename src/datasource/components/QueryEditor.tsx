import React from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Select } from '@grafana/ui';

import type { CarbonDataSource } from '../datasource';
import { defaultsFor, QUERY_TYPE_INFO } from '../queryTypeInfo';
import { CarbonDataSourceOptions, CarbonQuery, DEFAULT_QUERY, QUERY_TYPES, QueryType } from '../types';
import { CloudEmissionsEditor } from './CloudEmissionsEditor';
import { CloudTrendEditor } from './CloudTrendEditor';
import { GridIntensityEditor } from './GridIntensityEditor';

type Props = QueryEditorProps<CarbonDataSource, CarbonQuery, CarbonDataSourceOptions>;

const QUERY_TYPE_OPTIONS: Array<SelectableValue<QueryType>> = QUERY_TYPES.map((value) => ({
  value,
  ...QUERY_TYPE_INFO[value],
}));

/** Uses only props Explore also passes (no panel APIs). */
export function QueryEditor({ query, datasource, onChange, onRunQuery }: Props) {
  // Queries saved before queryType existed, or created without getDefaultQuery, run as the default type.
  const queryType: QueryType = query.queryType ?? DEFAULT_QUERY.queryType ?? 'gridIntensity';

  const onQueryTypeChange = (option: SelectableValue<QueryType>) => {
    if (option.value && option.value !== query.queryType) {
      // Fields of the previous type mean nothing to the new one: keep only DataQuery's own fields.
      const { refId, hide, key, datasource: ref } = query;
      const common = Object.fromEntries(
        Object.entries({ hide, key, datasource: ref }).filter(([, v]) => v !== undefined)
      );
      onChange({ refId, ...common, ...defaultsFor(option.value, datasource.settingsSummary) });
      onRunQuery();
    }
  };

  const props = { datasource, onRunQuery };
  return (
    <>
      <InlineFieldRow>
        <InlineField label="Query type" labelWidth={14} tooltip={QUERY_TYPE_INFO[queryType]?.description}>
          <Select
            inputId={`carbon-query-type-${query.refId}`}
            options={QUERY_TYPE_OPTIONS}
            value={queryType}
            onChange={onQueryTypeChange}
            width={40}
          />
        </InlineField>
      </InlineFieldRow>
      {query.queryType === 'cloudEmissions' ? (
        <CloudEmissionsEditor {...props} query={query} onChange={onChange} />
      ) : query.queryType === 'cloudTrend' ? (
        <CloudTrendEditor {...props} query={query} onChange={onChange} />
      ) : (
        <GridIntensityEditor {...props} query={{ ...query, queryType: 'gridIntensity' }} onChange={onChange} />
      )}
    </>
  );
}
