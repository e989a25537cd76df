import React, { useMemo } from 'react';
import { QueryEditorProps } from '@grafana/data';
import { Alert, Combobox, ComboboxOption, InlineField, InlineFieldRow } from '@grafana/ui';

import { isQueryType, QUERY_TYPE_DEFINITIONS } from '../../shared/queryTypes';
import type { CarbonDataSource } from '../datasource';
import { defaultsFor } from '../queryTypeInfo';
import {
  CarbonDataSourceOptions,
  CarbonQuery,
  DEFAULT_QUERY,
  GridIntensityQuery,
  PROMETHEUS_QUERY_TYPES,
  QUERY_TYPES,
  QueryType,
  RECOMMENDATION_QUERY_TYPES,
} from '../types';
import { EditorSource, QueryTypeEditor } from './queryEditors';
import { QueryTypeSource, useServedQueryTypes } from './useBackendInfo';
import { ValueFieldEditor } from './ValueFieldEditor';

/** Grafana's props, with only what the editors use of the datasource (so tests can pass a fake). */
type Props = Omit<QueryEditorProps<CarbonDataSource, CarbonQuery, CarbonDataSourceOptions>, 'datasource'> & {
  datasource: EditorSource & QueryTypeSource;
};

/** Offered only once the backend lists them: they came after the first release. */
const NEWER: readonly QueryType[] = [...PROMETHEUS_QUERY_TYPES, ...RECOMMENDATION_QUERY_TYPES];

/** Offered whatever the backend says (it has served them from the start). */
const ALWAYS_OFFERED: QueryType[] = QUERY_TYPES.filter((t) => !NEWER.includes(t));

/** A query type this frontend does not know (a newer backend's) is listed by its id. */
const option = (value: string, description?: string): ComboboxOption<string> => {
  const known = isQueryType(value) ? QUERY_TYPE_DEFINITIONS[value] : undefined;
  return { value, label: known?.label ?? value, description: description ?? known?.description };
};

/**
 * The newer (Prometheus, recommendation) query types only once the backend lists them, so a frontend newer than
 * its backend offers nothing that cannot run. The current type is always listed, so a saved query keeps its label.
 */
export function queryTypeOptions(served: string[] | undefined, current: string) {
  const offered: string[] = [...ALWAYS_OFFERED, ...NEWER.filter((t) => served?.includes(t))];
  const options = offered.map((t) => option(t));
  if (!offered.includes(current)) {
    const known = served === undefined || served.includes(current);
    options.push(option(current, known ? undefined : 'Not served by this version of the plugin backend'));
  }
  return options;
}

/**
 * Queries saved before queryType existed were grid intensity queries (provider, regions, format): they
 * open, and are saved, as one. Grafana's types cannot say that a saved query lacks its type.
 */
function withQueryType(query: CarbonQuery): CarbonQuery {
  const saved: Partial<CarbonQuery> = query;
  return saved.queryType ? query : { ...(query as GridIntensityQuery), queryType: DEFAULT_QUERY.queryType };
}

/** Uses only props Explore also passes (no panel APIs). */
export function QueryEditor({ query, datasource, onChange, onRunQuery }: Props) {
  // Queries saved before queryType existed, or created without getDefaultQuery, run as the default type.
  const queryType: string = query.queryType ?? DEFAULT_QUERY.queryType;
  const served = useServedQueryTypes(datasource);
  const options = useMemo(() => queryTypeOptions(served, queryType), [served, queryType]);

  const onQueryTypeChange = (picked: ComboboxOption<string>) => {
    if (isQueryType(picked.value) && picked.value !== query.queryType) {
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
        <InlineField label="Query type" labelWidth={14} tooltip={option(queryType).description}>
          <Combobox<string>
            id={`carbon-query-type-${query.refId}`}
            options={options}
            value={queryType}
            onChange={onQueryTypeChange}
            width={40}
          />
        </InlineField>
      </InlineFieldRow>
      {isQueryType(queryType) ? (
        <QueryTypeEditor {...props} type={queryType} query={withQueryType(query)} onChange={onChange} />
      ) : (
        <UnknownQueryType queryType={queryType} />
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

/** A query saved by a newer version of the plugin: its fields would mean nothing to another type's editor. */
function UnknownQueryType({ queryType }: { queryType: string }) {
  return (
    <Alert severity="warning" title={`Unknown query type "${queryType}"`}>
      This version of the plugin has no editor for this query type; the query was probably saved by a newer version. It
      still runs if the backend serves it. Pick a query type above to start a new query instead.
    </Alert>
  );
}
