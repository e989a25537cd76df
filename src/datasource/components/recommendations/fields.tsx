import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, Input, RadioButtonGroup } from '@grafana/ui';

import type { RecommendationFormat } from '../../types';
import type { BillingEditorSource } from '../BillingFields';
import type { EnergyEditorSource } from '../energy/fields';

export const LABEL_WIDTH = 16;

/** What the recommendation editors need from the datasource; narrow so tests can pass a fake. */
export type RecommendationEditorSource = BillingEditorSource & Pick<EnergyEditorSource, 'getNamespaces'>;

export interface RecommendationEditorProps<Q> {
  query: Q;
  datasource: RecommendationEditorSource;
  onChange: (query: Q) => void;
  onRunQuery: () => void;
}

const FORMAT_OPTIONS: Array<SelectableValue<RecommendationFormat>> = [
  { value: 'table', label: 'Table', description: 'One row per finding' },
  {
    value: 'summary',
    label: 'Summary',
    description: 'One row per kind: count, monthly cost, kWh and kgCO2e (for stat panels and alerts)',
  },
];

export function FormatField({
  value,
  onChange,
}: {
  value?: RecommendationFormat;
  onChange: (format: RecommendationFormat) => void;
}) {
  return (
    <InlineField
      label="Format"
      labelWidth={LABEL_WIDTH}
      tooltip="Table: one row per finding. Summary: one row per kind with totals, for stat panels and alert rules."
    >
      <RadioButtonGroup<RecommendationFormat> options={FORMAT_OPTIONS} value={value ?? 'table'} onChange={onChange} />
    </InlineField>
  );
}

interface NumberFieldProps {
  label: string;
  tooltip: string;
  inputId: string;
  value?: number;
  /** The backend's default, shown while the field is empty. */
  placeholder: number;
  error?: string;
  onChange: (value: number | undefined) => void;
  onBlur: () => void;
}

/** A number that is left out of the query while empty, so the backend applies its default. */
export function NumberField({
  label,
  tooltip,
  inputId,
  value,
  placeholder,
  error,
  onChange,
  onBlur,
}: NumberFieldProps) {
  return (
    <InlineField label={label} labelWidth={LABEL_WIDTH} tooltip={tooltip} invalid={Boolean(error)} error={error}>
      <Input
        id={inputId}
        type="number"
        value={value ?? ''}
        placeholder={String(placeholder)}
        width={12}
        onChange={(e) => {
          const raw = e.currentTarget.value;
          onChange(raw === '' ? undefined : Number(raw));
        }}
        onBlur={onBlur}
      />
    </InlineField>
  );
}

/** Values of a multi-select, typed; `undefined` once empty so the query JSON stays minimal (and means "all"). */
export function pickedValues<T>(items: Array<SelectableValue<T>>): T[] | undefined {
  const values = items.map((i) => i.value).filter((v): v is T => v !== undefined && v !== null);
  return values.length > 0 ? values : undefined;
}
