import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, MultiSelect } from '@grafana/ui';

import { variableOptions } from '../variableOptions';
import { LABEL_WIDTH } from './fields';
import { useLazyOptions } from './useLazyOptions';

interface Props<T> {
  label: string;
  tooltip: string;
  inputId: string;
  value?: string[];
  /** Shown under the field; the field is marked invalid while set. */
  error?: string;
  /** Items the backend lists, loaded when the menu first opens; typed values only when absent. */
  load?: () => Promise<T[]>;
  /** What the items were listed for (such as the namespaces): another key lists again. */
  loadKey?: string;
  toOption: (item: T) => SelectableValue<string>;
  /** Dashboard variables (`$name`), offered first. */
  variables?: string[];
  /** Plural of what is listed: "Could not list namespaces (…)", "All namespaces". */
  plural: string;
  /** The empty menu's hint, such as "Type a namespace and press Enter". */
  typeHint: string;
  /** `undefined` once the last value is removed, so the query JSON stays minimal. */
  onChange: (values: string[] | undefined) => void;
}

/** A multi-select whose menu offers what the backend lists, plus typed values and dashboard variables. */
export function LazyMultiSelectField<T>({
  label,
  tooltip,
  inputId,
  value,
  error,
  load,
  loadKey,
  toOption,
  variables,
  plural,
  typeHint,
  onChange,
}: Props<T>) {
  const listed = useLazyOptions(load, loadKey);
  const options = [...variableOptions(variables), ...listed.values.map(toOption)];
  const noOptionsMessage = listed.error
    ? `Could not list ${plural} (${listed.error}): type a name and press Enter`
    : typeHint;

  return (
    <InlineField label={label} labelWidth={LABEL_WIDTH} tooltip={tooltip} invalid={Boolean(error)} error={error}>
      <MultiSelect<string>
        inputId={inputId}
        options={options}
        // Stored values are shown even when they are not among the options (custom values, unlisted names).
        value={(value ?? []).map((v) => ({ value: v, label: v }))}
        allowCustomValue
        isLoading={listed.loading}
        onOpenMenu={listed.open}
        noOptionsMessage={noOptionsMessage}
        placeholder={`All ${plural}`}
        width={48}
        onChange={(items: Array<SelectableValue<string>>) => {
          const next = items.map((i) => i.value).filter((v): v is string => Boolean(v));
          onChange(next.length > 0 ? next : undefined);
        }}
      />
    </InlineField>
  );
}
