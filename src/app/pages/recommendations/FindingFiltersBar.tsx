import React from 'react';
import { Combobox, ComboboxOption, FilterInput, InlineField, InlineFieldRow, MultiCombobox } from '@grafana/ui';

import { RECOMMENDATION_KIND_LABELS, ZOMBIE_KIND_LABELS } from '../../../datasource/components/recommendations/labels';
import type { FindingFilters } from './findings';

interface Props {
  filters: FindingFilters;
  /** Values present in the loaded rows, so every option matches something. */
  kinds: string[];
  providers: string[];
  regions: string[];
  namespaces: string[];
  onChange: (filters: FindingFilters) => void;
}

const KIND_LABELS: Record<string, string> = Object.fromEntries(
  [...Object.entries(ZOMBIE_KIND_LABELS), ...Object.entries(RECOMMENDATION_KIND_LABELS)].map(([k, v]) => [k, v.label])
);
export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind;

const toOptions = (values: string[], label = (v: string) => v): Array<ComboboxOption<string>> =>
  values.map((value) => ({ value, label: label(value) }));

/** The filters that pick one value of a field, or all. */
const SINGLE_FILTERS: Array<{
  key: 'provider' | 'region' | 'namespace';
  label: string;
  labelWidth: number;
  width: number;
  tooltip?: string;
}> = [
  { key: 'provider', label: 'Provider', labelWidth: 10, width: 16 },
  { key: 'region', label: 'Region', labelWidth: 10, width: 22 },
  {
    key: 'namespace',
    label: 'Namespace',
    labelWidth: 12,
    width: 22,
    tooltip: 'Only Kubernetes workloads and volumes have a namespace; recommendations are hidden while one is picked.',
  },
];

/** Kind, provider, region, namespace and free text; each narrows both tables and their totals. */
export function FindingFiltersBar({ filters, kinds, providers, regions, namespaces, onChange }: Props) {
  const set = (patch: Partial<FindingFilters>) => onChange({ ...filters, ...patch });
  const values = { provider: providers, region: regions, namespace: namespaces };
  return (
    <InlineFieldRow>
      <InlineField label="Kind" labelWidth={10}>
        <MultiCombobox<string>
          id="findings-kind"
          options={toOptions(kinds, kindLabel)}
          value={filters.kinds}
          placeholder="All kinds"
          width={36}
          onChange={(items) => set({ kinds: items.map((i) => i.value) })}
        />
      </InlineField>
      {SINGLE_FILTERS.map(({ key, label, labelWidth, width, tooltip }) => (
        <InlineField key={key} label={label} labelWidth={labelWidth} tooltip={tooltip}>
          <Combobox<string>
            id={`findings-${key}`}
            options={toOptions(values[key])}
            value={filters[key] ?? null}
            placeholder="All"
            isClearable
            width={width}
            onChange={(o) => set({ [key]: o?.value })}
          />
        </InlineField>
      ))}
      <InlineField label="Search" labelWidth={10} grow>
        <FilterInput
          id="findings-search"
          value={filters.search}
          placeholder="Resource, name, account, instance type..."
          // Plain text, not a regex: ids contain dots and dashes.
          escapeRegex={false}
          onChange={(search) => set({ search })}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
