import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, MultiSelect } from '@grafana/ui';

import { variableOptions } from '../variableOptions';
import { EnergyEditorSource, LABEL_WIDTH, regexError } from './fields';
import { useLazyOptions } from './useLazyOptions';

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
  const error = regex ? namespacesRegexError(value) : undefined;
  const load = datasource.getNamespaces ? () => datasource.getNamespaces!() : undefined;
  const namespaces = useLazyOptions(load);
  const variables = variableOptions(datasource.getVariables?.());
  const options = [...variables, ...namespaces.values.map((n) => ({ value: n, label: n }))];
  const noOptionsMessage = namespaces.error
    ? `Could not list namespaces (${namespaces.error}): type a name and press Enter`
    : 'Type a namespace and press Enter';

  return (
    <InlineField
      label="Namespaces"
      labelWidth={LABEL_WIDTH}
      tooltip={tooltip ? `${tooltip} ${TOOLTIP}` : TOOLTIP}
      invalid={Boolean(error)}
      error={error}
    >
      <MultiSelect<string>
        inputId={inputId}
        options={options}
        // Stored values are shown even when they are not among the options (custom values, unknown namespaces).
        value={(value ?? []).map((v) => ({ value: v, label: v }))}
        allowCustomValue
        isLoading={namespaces.loading}
        onOpenMenu={namespaces.open}
        noOptionsMessage={noOptionsMessage}
        placeholder="All namespaces"
        width={48}
        onChange={(items: Array<SelectableValue<string>>) => {
          const next = items.map((i) => i.value).filter((v): v is string => Boolean(v));
          onChange(next.length > 0 ? next : undefined);
        }}
      />
    </InlineField>
  );
}
