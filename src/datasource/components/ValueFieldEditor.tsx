import React from 'react';
import { Combobox, ComboboxOption, InlineField, InlineFieldRow } from '@grafana/ui';

import { isQueryType, QUERY_TYPE_DEFINITIONS } from '../../shared/queryTypes';

export const VALUE_FIELD_TOOLTIP =
  'Keep only this number field, so each row or series carries one value. Grafana alert rules need that: their ' +
  'expressions take one number per row (told apart by the text columns) and fail on a table with several number ' +
  'columns. Stat panels show it as the single value. Empty: every number field. Type a name that is not listed and ' +
  'press Enter for a field of a newer backend; a name the result does not have fails with the names it has.';

interface Props {
  refId: string;
  /** Any type: one this frontend does not know (a newer backend's) lists no field but takes typed names. */
  queryType: string;
  value?: string;
  /** `undefined` when cleared, so the query JSON stays minimal. */
  onChange: (valueField: string | undefined) => void;
}

/** "Single value (alerts, stat panels)": the query's `valueField`, offered for every query type. */
export function ValueFieldEditor({ refId, queryType, value, onChange }: Props) {
  // The number columns the query type's definition declares (tests/queries/valueFields.test.ts checks them).
  const known = isQueryType(queryType) ? QUERY_TYPE_DEFINITIONS[queryType].columns : [];
  const options: Array<ComboboxOption<string>> = known.map((field) => ({
    value: field.name,
    label: field.name,
    description: field.description,
  }));

  return (
    <InlineFieldRow>
      <InlineField label="Single value (alerts, stat panels)" labelWidth={34} tooltip={VALUE_FIELD_TOOLTIP}>
        <Combobox<string>
          id={`carbon-value-field-${refId}`}
          options={options}
          // A saved custom name is shown as it is, also when this frontend does not list it.
          value={value ?? null}
          createCustomValue
          isClearable
          placeholder="All number fields"
          width={32}
          onChange={(o) => onChange(o?.value?.trim() || undefined)}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
