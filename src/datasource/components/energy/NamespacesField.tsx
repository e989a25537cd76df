import React from 'react';

import { EnergyEditorSource, regexError } from './fields';
import { LazyMultiSelectField } from './LazyMultiSelectField';

interface Props {
  inputId: string;
  value?: string[];
  datasource: Pick<EnergyEditorSource, 'getNamespaces' | 'getVariables'>;
  /** `undefined` once the last namespace is removed, so the query JSON stays minimal (and means "all"). */
  onChange: (namespaces: string[] | undefined) => void;
  tooltip?: string;
  /** The query reads the entries as regular expressions: invalid ones are flagged. */
  regex?: boolean;
}

/** The first entry that is not a valid regex; entries holding a variable are checked by the backend once interpolated. */
export function namespacesRegexError(namespaces?: string[]): string | undefined {
  const bad = (namespaces ?? []).find((n) => !n.includes('$') && regexError(n));
  return bad === undefined ? undefined : `"${bad}" is not a valid regular expression`;
}

const TOOLTIP =
  'All namespaces when empty. Type a name and press Enter; a multi-value variable such as $namespace adds one ' +
  'namespace per selection.';

/** Namespaces from the backend when it can list them, typed names and dashboard variables always. */
export function NamespacesField({ inputId, value, datasource, onChange, tooltip, regex }: Props) {
  return (
    <LazyMultiSelectField<string>
      label="Namespaces"
      tooltip={tooltip ? `${tooltip} ${TOOLTIP}` : TOOLTIP}
      inputId={inputId}
      value={value}
      error={regex ? namespacesRegexError(value) : undefined}
      load={datasource.getNamespaces ? () => datasource.getNamespaces!() : undefined}
      toOption={(n) => ({ value: n, label: n })}
      variables={datasource.getVariables?.()}
      plural="namespaces"
      typeHint="Type a namespace and press Enter"
      onChange={onChange}
    />
  );
}
