import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, Select } from '@grafana/ui';

import { escapeRegex, regexError } from '../../regex';
import type { ListedOption } from '../../resources';
import { variableOptions } from '../variableOptions';
import { LABEL_WIDTH } from './fields';
import { useLazyOptions } from './useLazyOptions';

interface Props {
  label: string;
  tooltip: string;
  inputId: string;
  value?: string;
  placeholder: string;
  /** Names to offer (processes, nodes, namespaces); picked ones are stored regex-escaped. Free text only when absent. */
  load?: () => Promise<Array<ListedOption | string>>;
  /** What the names were listed for (such as the namespaces): another key lists again. */
  loadKey?: string;
  /** Dashboard variables (`$name`), offered as they are. */
  variables?: string[];
  noun: string;
  width?: number;
  /** Shown under the field while it is empty. */
  required?: string;
  /** `undefined` when cleared. */
  onChange: (value: string | undefined) => void;
}

/** A regex field whose menu offers the names the backend lists; anything typed (and Enter) is kept as a regex. */
export function RegexPickerField({
  label,
  tooltip,
  inputId,
  value,
  placeholder,
  load,
  loadKey,
  variables = [],
  noun,
  width = 40,
  required,
  onChange,
}: Props) {
  const listed = useLazyOptions(load, loadKey);
  const names = listed.values.map((o) => (typeof o === 'string' ? { value: o, text: o } : o));
  const options: Array<SelectableValue<string>> = [
    ...variableOptions(variables),
    ...names.map((o) => ({ value: escapeRegex(o.value), label: o.text })),
  ];
  const empty = !value || value.trim() === '';
  const error = regexError(value) ?? (empty ? required : undefined);
  const noOptionsMessage = listed.error
    ? `Could not list ${noun} (${listed.error}): type a regex and press Enter`
    : 'Type a regex and press Enter';

  return (
    <InlineField label={label} labelWidth={LABEL_WIDTH} tooltip={tooltip} invalid={Boolean(error)} error={error}>
      <Select<string>
        inputId={inputId}
        options={options}
        // A stored regex is shown as it is, also when it is no listed name.
        value={value ? { value, label: value } : null}
        allowCustomValue
        isClearable
        isLoading={listed.loading}
        onOpenMenu={load ? listed.open : undefined}
        noOptionsMessage={noOptionsMessage}
        placeholder={placeholder}
        width={width}
        onChange={(o: SelectableValue<string> | null) => onChange(o?.value || undefined)}
      />
    </InlineField>
  );
}
