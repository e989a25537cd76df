import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, MultiSelect, RadioButtonGroup, Select } from '@grafana/ui';

import { cloudEmissions } from '../../shared/queryTypes/cloudEmissions';
import { fieldError } from '../fieldError';
import {
  BILLING_GROUP_BY,
  BillingGroupBy,
  CloudEmissionsQuery,
  EmissionMetric,
  Granularity,
  ResultFormat,
} from '../types';
import {
  AccountingBasisField,
  BillingEditorSource,
  BillingFiltersField,
  MethodologyField,
  SourceField,
} from './BillingFields';

const METRIC_OPTIONS: Array<SelectableValue<EmissionMetric>> = [
  { value: 'co2e', label: 'CO2e', description: 'kg CO2e, operational and embodied' },
  { value: 'energy', label: 'Energy', description: 'kWh' },
  { value: 'embodied', label: 'Embodied CO2e', description: 'kg CO2e of hardware manufacture' },
  { value: 'cost', label: 'Cost', description: 'In the billing currency' },
  { value: 'usage', label: 'Usage', description: 'vCPU-hours and GB-months' },
];

const GROUP_BY_LABELS: Record<BillingGroupBy, string> = {
  provider: 'Provider',
  account: 'Account',
  region: 'Region',
  service: 'Service',
  category: 'Category (compute, storage, ...)',
  instanceType: 'Instance type',
};
const GROUP_BY_OPTIONS = BILLING_GROUP_BY.map((value) => ({ value, label: GROUP_BY_LABELS[value] }));

const GRANULARITY_OPTIONS: Array<SelectableValue<Granularity>> = [
  { value: 'auto', label: 'Auto', description: 'Hourly up to 2 days, daily up to 93 days, monthly beyond' },
  { value: 'hourly', label: 'Hourly', description: 'Cost Explorer keeps hourly data for 14 days' },
  { value: 'daily', label: 'Daily' },
  { value: 'monthly', label: 'Monthly' },
];

const FORMAT_OPTIONS: Array<SelectableValue<ResultFormat>> = [
  { value: 'timeseries', label: 'Time series', description: 'One series per group and metric' },
  { value: 'table', label: 'Table', description: 'One row per time bucket and group' },
];

interface Props {
  query: CloudEmissionsQuery;
  datasource: BillingEditorSource;
  onChange: (query: CloudEmissionsQuery) => void;
  onRunQuery: () => void;
}

const LABEL_WIDTH = 14;

export function CloudEmissionsEditor({ query, datasource, onChange, onRunQuery }: Props) {
  const { settingsSummary: settings } = datasource;
  // Queries written by hand or provisioned may lack fields the type declares as required.
  const metrics = query.metrics ?? [];
  const metricsError = fieldError(
    cloudEmissions,
    'metrics',
    metrics,
    'Pick at least one metric; the query does not run without one'
  );
  // Cost Explorer rejects hourly requests unless the account opted in.
  const hourlyUnavailable = query.source === 'awsCostExplorer' && !settings.hourlyEnabled;
  const granularityOptions = GRANULARITY_OPTIONS.map((o) =>
    o.value === 'hourly' && hourlyUnavailable
      ? { ...o, isDisabled: true, description: 'Enable hourly granularity in the data source settings first' }
      : o
  );

  const update = (patch: Partial<CloudEmissionsQuery>) => {
    onChange({ ...query, ...patch });
    onRunQuery();
  };

  return (
    <>
      <SourceField query={query} settings={settings} onChange={(source) => update({ source })} />
      <InlineFieldRow>
        <InlineField
          label="Metrics"
          labelWidth={LABEL_WIDTH}
          tooltip="What to compute: CO2e (kg, with its low and high range), energy (kWh), embodied CO2e, billed cost, usage (vCPU-hours, GB-months)."
          invalid={Boolean(metricsError)}
          error={metricsError}
        >
          <MultiSelect<EmissionMetric>
            inputId={`carbon-metrics-${query.refId}`}
            options={METRIC_OPTIONS}
            value={metrics}
            placeholder="Pick metrics"
            width={40}
            onChange={(items: Array<SelectableValue<EmissionMetric>>) =>
              update({ metrics: items.map((i) => i.value).filter((v): v is EmissionMetric => Boolean(v)) })
            }
          />
        </InlineField>
        <InlineField label="Group by" labelWidth={LABEL_WIDTH} tooltip="One total when empty">
          <MultiSelect<BillingGroupBy>
            inputId={`carbon-group-by-${query.refId}`}
            options={GROUP_BY_OPTIONS}
            value={query.groupBy ?? []}
            placeholder="Total only"
            width={40}
            onChange={(items: Array<SelectableValue<BillingGroupBy>>) =>
              update({ groupBy: items.map((i) => i.value).filter((v): v is BillingGroupBy => Boolean(v)) })
            }
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Granularity"
          labelWidth={LABEL_WIDTH}
          tooltip="Time bucket of the billing data. Auto: hourly up to 2 days, daily up to 93 days, monthly beyond. Hourly needs Cost Explorer's hourly data enabled."
        >
          <Select<Granularity>
            inputId={`carbon-granularity-${query.refId}`}
            options={granularityOptions}
            value={query.granularity ?? 'auto'}
            width={24}
            onChange={(o: SelectableValue<Granularity>) => o.value && update({ granularity: o.value })}
          />
        </InlineField>
        <MethodologyField value={query.methodology} onChange={(methodology) => update({ methodology })} />
        <AccountingBasisField
          value={query.accountingBasis}
          methodology={query.methodology}
          onChange={(accountingBasis) => update({ accountingBasis })}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Format"
          labelWidth={LABEL_WIDTH}
          tooltip="Time series: one series per group and metric over time. Table: one row per group with totals over the range."
        >
          <RadioButtonGroup<ResultFormat>
            options={FORMAT_OPTIONS}
            value={query.format ?? 'timeseries'}
            onChange={(format) => update({ format })}
          />
        </InlineField>
      </InlineFieldRow>
      <BillingFiltersField query={query} datasource={datasource} onChange={(filters) => update({ filters })} />
    </>
  );
}
