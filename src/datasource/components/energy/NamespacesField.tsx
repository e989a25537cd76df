import React from 'react';

import { EnergyEditorSource, fieldIds } from './fields';
import { LazyMultiSelectField } from './LazyMultiSelectField';

interface Props {
  inputId: string;
  value?: string[];
  datasource: Pick<EnergyEditorSource, 'getNamespaces' | 'getVariables'>;
  /** `undefined` once the last namespace is removed, so the query JSON stays minimal (and means "all"). */
  onChange: (namespaces: string[] | undefined) => void;
  tooltip?: string;
  /** What the query type's schema says against the entries. */
  error?: string;
}

const TOOLTIP =
  'All namespaces when empty. Type a name and press Enter; a multi-value variable such as $namespace adds one ' +
  'namespace per selection.';

/** Namespaces from the backend when it can list them, typed names and dashboard variables always. */
export function NamespacesField({ inputId, value, datasource, onChange, tooltip, error }: Props) {
  return (
    <LazyMultiSelectField<string>
      label="Namespaces"
      tooltip={tooltip ? `${tooltip} ${TOOLTIP}` : TOOLTIP}
      inputId={inputId}
      value={value}
      error={error}
      load={datasource.getNamespaces ? () => datasource.getNamespaces!() : undefined}
      toOption={(n) => ({ value: n, label: n })}
      variables={datasource.getVariables?.()}
      plural="namespaces"
      typeHint="Type a namespace and press Enter"
      onChange={onChange}
    />
  );
}

interface QueryNamespacesProps {
  query: { refId: string; namespaces?: string[] };
  datasource: Props['datasource'];
  /** The editor's `update`: picking a namespace runs the query. */
  update: (patch: { namespaces?: string[] }) => void;
  tooltip?: string;
}

/** The namespaces row of the Prometheus editors, bound to the query's `namespaces`. */
export function QueryNamespacesField({ query, datasource, update, tooltip }: QueryNamespacesProps) {
  return (
    <NamespacesField
      inputId={fieldIds(query.refId)('namespaces')}
      value={query.namespaces}
      datasource={datasource}
      tooltip={tooltip}
      onChange={(namespaces) => update({ namespaces })}
    />
  );
}
