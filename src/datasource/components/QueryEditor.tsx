import React from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Select } from '@grafana/ui';

import type { CarbonDataSource } from '../datasource';
import { CarbonDataSourceOptions, CarbonQuery, DEFAULT_QUERY, QUERY_TYPES, QueryType } from '../types';
import { GridIntensityEditor } from './GridIntensityEditor';

type Props = QueryEditorProps<CarbonDataSource, CarbonQuery, CarbonDataSourceOptions>;

/** A Record, so adding a query type to QUERY_TYPES fails to compile until it has a label. */
export const QUERY_TYPE_INFO: Record<QueryType, { label: string; description: string }> = {
  gridIntensity: {
    label: 'Grid carbon intensity',
    description: 'gCO2e/kWh of the electricity grid behind cloud regions, with the source and year of each value',
  },
};

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
      onChange({ ...query, queryType: option.value });
      onRunQuery();
    }
  };

  return (
    <>
      <InlineFieldRow>
        <InlineField label="Query type" labelWidth={14} tooltip={QUERY_TYPE_INFO[queryType]?.description}>
          <Select
            inputId={`carbon-query-type-${query.refId}`}
            options={QUERY_TYPE_OPTIONS}
            value={queryType}
            onChange={onQueryTypeChange}
            width={32}
          />
        </InlineField>
      </InlineFieldRow>
      {queryType === 'gridIntensity' && (
        <GridIntensityEditor
          query={{ ...query, queryType }}
          datasource={datasource}
          onChange={onChange}
          onRunQuery={onRunQuery}
        />
      )}
    </>
  );
}
