import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, MultiSelect } from '@grafana/ui';

import { BillingFilters } from '../types';

type FilterKey = keyof BillingFilters;

const FILTERS: Array<{ key: FilterKey; label: string; placeholder: string; tooltip: string }> = [
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
    tooltip: 'Service names as the billing source spells them, such as "Amazon Elastic Compute Cloud - Compute".',
  },
  {
    key: 'accounts',
    label: 'Accounts',
    placeholder: 'All accounts',
    tooltip: 'Account, subscription or project ids.',
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
}

/** Region, service and account filters of the billing query types; free text because ids differ per account. */
export function FiltersField({ refId, filters, variables, onChange }: Props) {
  const variableOptions = variables.map((v) => ({ value: v, label: v, description: 'Variable' }));

  const setFilter = (key: FilterKey, values: string[]) => {
    const next: BillingFilters = { ...filters, [key]: values };
    if (values.length === 0) {
      delete next[key];
    }
    onChange(Object.keys(next).length > 0 ? next : undefined);
  };

  return (
    <InlineFieldRow>
      {FILTERS.map(({ key, label, placeholder, tooltip }) => (
        <InlineField key={key} label={label} labelWidth={14} tooltip={tooltip + HOW_TO}>
          <MultiSelect<string>
            inputId={`carbon-filter-${key}-${refId}`}
            options={variableOptions}
            // Stored values are shown even when they are not among the options (custom values).
            value={(filters?.[key] ?? []).map((v) => ({ value: v, label: v }))}
            allowCustomValue
            placeholder={placeholder}
            width={32}
            onChange={(items: Array<SelectableValue<string>>) =>
              setFilter(
                key,
                items.map((i) => i.value).filter((v): v is string => Boolean(v))
              )
            }
          />
        </InlineField>
      ))}
    </InlineFieldRow>
  );
}
