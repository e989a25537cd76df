import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, MultiSelect } from '@grafana/ui';

import type { ListedOption } from '../resources';
import { BillingFilters, BillingSource } from '../types';
import { useLazyOptions } from './energy/useLazyOptions';
import { variableOptions } from './variableOptions';

type FilterKey = keyof BillingFilters;

/** Lists the values a filter can take from the billing data (backend `accounts` and `services` routes). */
export interface FilterValueSource {
  getAccounts?(source?: BillingSource): Promise<ListedOption[]>;
  getServices?(source?: BillingSource): Promise<ListedOption[]>;
}

const FILTERS: Array<{
  key: FilterKey;
  label: string;
  placeholder: string;
  tooltip: string;
  load?: (ds: FilterValueSource, source?: BillingSource) => Promise<ListedOption[]> | undefined;
}> = [
  {
    key: 'regions',
    label: 'Regions',
    placeholder: 'All regions',
    tooltip: 'Region ids such as eu-west-1 or westeurope.',
  },
  {
    key: 'services',
    label: 'Services',
    placeholder: 'All services',
    tooltip:
      'Service names as the billing source spells them, such as "Amazon Elastic Compute Cloud - Compute"; the list shows those with usage in the last 30 days.',
    load: (ds, source) => ds.getServices?.(source),
  },
  {
    key: 'accounts',
    label: 'Accounts',
    placeholder: 'All accounts',
    tooltip: 'Account, subscription or project ids; the list shows those with usage in the last 30 days.',
    load: (ds, source) => ds.getAccounts?.(source),
  },
];

const HOW_TO =
  ' All when empty. Type a value and press Enter; a multi-value variable such as $region adds one value per selection.';

interface Props {
  refId: string;
  filters?: BillingFilters;
  /** Dashboard variables (`$name`) offered as values. */
  variables: string[];
  /** `undefined` once every filter is empty, so the query JSON stays minimal. */
  onChange: (filters: BillingFilters | undefined) => void;
  /** The query's billing source, whose values the pickers list (the first configured one when absent). */
  source?: BillingSource;
  /** Without it (or its methods) the filters take typed values and variables only. */
  datasource?: FilterValueSource;
}

/** Region, service and account filters of the billing query types; typed values always work, since ids differ per account. */
export function FiltersField({ refId, filters, variables, onChange, source, datasource }: Props) {
  const setFilter = (key: FilterKey, values: string[]) => {
    const next: BillingFilters = { ...filters, [key]: values };
    if (values.length === 0) {
      delete next[key];
    }
    onChange(Object.keys(next).length > 0 ? next : undefined);
  };

  return (
    <InlineFieldRow>
      {FILTERS.map((filter) => (
        <FilterSelect
          key={filter.key}
          inputId={`carbon-filter-${filter.key}-${refId}`}
          label={filter.label}
          placeholder={filter.placeholder}
          tooltip={filter.tooltip + HOW_TO}
          value={filters?.[filter.key]}
          variables={variables}
          source={source}
          load={datasource && filter.load ? () => filter.load!(datasource, source) ?? Promise.resolve([]) : undefined}
          onChange={(values) => setFilter(filter.key, values)}
        />
      ))}
    </InlineFieldRow>
  );
}

interface FilterSelectProps {
  inputId: string;
  label: string;
  placeholder: string;
  tooltip: string;
  value?: string[];
  variables: string[];
  source?: BillingSource;
  load?: () => Promise<ListedOption[]>;
  onChange: (values: string[]) => void;
}

function FilterSelect({
  inputId,
  label,
  placeholder,
  tooltip,
  value,
  variables,
  source,
  load,
  onChange,
}: FilterSelectProps) {
  // Loaded when the menu first opens, again when the source changes (accounts differ per source).
  const listed = useLazyOptions(load, source ?? '');
  const options = [
    ...variableOptions(variables),
    ...listed.values.map((o) => ({
      value: o.value,
      label: o.text,
      description: o.text !== o.value ? o.value : undefined,
    })),
  ];
  const noun = label.toLowerCase();
  const noOptionsMessage = listed.error
    ? `Could not list ${noun} (${listed.error}): type a value and press Enter`
    : `Type a value and press Enter`;

  return (
    <InlineField label={label} labelWidth={14} tooltip={tooltip}>
      <MultiSelect<string>
        inputId={inputId}
        options={options}
        // Stored values are shown even when they are not among the options (custom values).
        value={(value ?? []).map((v) => ({ value: v, label: listed.values.find((o) => o.value === v)?.text ?? v }))}
        allowCustomValue
        isLoading={listed.loading}
        onOpenMenu={load ? listed.open : undefined}
        noOptionsMessage={noOptionsMessage}
        placeholder={placeholder}
        width={32}
        onChange={(items: Array<SelectableValue<string>>) =>
          onChange(items.map((i) => i.value).filter((v): v is string => Boolean(v)))
        }
      />
    </InlineField>
  );
}
