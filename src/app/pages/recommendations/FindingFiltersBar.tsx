import React from 'react';
import { SelectableValue } from '@grafana/data';
import { FilterInput, InlineField, InlineFieldRow, MultiSelect, Select } from '@grafana/ui';

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

const toOptions = (values: string[], label = (v: string) => v): Array<SelectableValue<string>> =>
  values.map((value) => ({ value, label: label(value) }));

/** Kind, provider, region, namespace and free text; each narrows both tables and their totals. */
export function FindingFiltersBar({ filters, kinds, providers, regions, namespaces, onChange }: Props) {
  const set = (patch: Partial<FindingFilters>) => onChange({ ...filters, ...patch });
  return (
    <InlineFieldRow>
      <InlineField label="Kind" labelWidth={10}>
        <MultiSelect<string>
          inputId="findings-kind"
          options={toOptions(kinds, kindLabel)}
          value={filters.kinds}
          placeholder="All kinds"
          width={36}
          onChange={(items: Array<SelectableValue<string>>) =>
            set({ kinds: items.map((i) => i.value).filter((v): v is string => Boolean(v)) })
          }
        />
      </InlineField>
      <InlineField label="Provider" labelWidth={10}>
        <Select<string>
          inputId="findings-provider"
          options={toOptions(providers)}
          value={filters.provider ?? null}
          placeholder="All"
          isClearable
          width={16}
          onChange={(o: SelectableValue<string> | null) => set({ provider: o?.value })}
        />
      </InlineField>
      <InlineField label="Region" labelWidth={10}>
        <Select<string>
          inputId="findings-region"
          options={toOptions(regions)}
          value={filters.region ?? null}
          placeholder="All"
          isClearable
          width={22}
          onChange={(o: SelectableValue<string> | null) => set({ region: o?.value })}
        />
      </InlineField>
      <InlineField
        label="Namespace"
        labelWidth={12}
        tooltip="Only Kubernetes workloads and volumes have a namespace; recommendations are hidden while one is picked."
      >
        <Select<string>
          inputId="findings-namespace"
          options={toOptions(namespaces)}
          value={filters.namespace ?? null}
          placeholder="All"
          isClearable
          width={22}
          onChange={(o: SelectableValue<string> | null) => set({ namespace: o?.value })}
        />
      </InlineField>
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
