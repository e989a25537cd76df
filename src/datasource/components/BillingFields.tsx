import React from 'react';
import { SelectableValue } from '@grafana/data';
import { Alert, InlineField, InlineFieldRow, RadioButtonGroup } from '@grafana/ui';

import { accountingBasisProblem } from '../../shared/queryTypes/fields';
import type { SettingsSummary } from '../settingsSummary';
import { AccountingBasisId, BILLING_SOURCES, BillingFilters, BillingSource, MethodologyId } from '../types';
import { FiltersField, FilterValueSource } from './FiltersField';

/** What the billing editors need from the datasource; narrow so tests can pass a fake. */
export interface BillingEditorSource extends FilterValueSource {
  settingsSummary: SettingsSummary;
  getVariables?(): string[];
}

/** Also the titles of the matching sections in the config editor, so the hints below name them. */
const SOURCE_LABELS: Record<BillingSource, string> = {
  awsCostExplorer: 'AWS Cost Explorer',
  focus: 'FOCUS exports',
};

const WHERE = 'in the data source settings (Connections > Data sources > this data source)';

const METHODOLOGY_OPTIONS: Array<SelectableValue<MethodologyId>> = [
  { value: 'greenops', label: 'GreenOps (corrected)' },
  { value: 'ccf', label: 'CCF (reproduce Cloud Carbon Footprint)' },
];

const METHODOLOGY_TOOLTIP =
  "GreenOps (default) corrects known errors in Cloud Carbon Footprint's method. CCF reproduces Cloud Carbon " +
  "Footprint's numbers exactly, to compare with an existing CCF deployment.";

interface SourceFieldProps {
  query: { source?: BillingSource };
  settings: SettingsSummary;
  onChange: (source: BillingSource) => void;
}

/** Billing source picker; a source without settings is disabled, since its queries can only fail. */
export function SourceField({ query, settings, onChange }: SourceFieldProps) {
  const configured = settings.billingSources;
  const options = BILLING_SOURCES.map((value) => ({
    value,
    label: SOURCE_LABELS[value],
    description: configured[value] ? undefined : `Not configured: set it up under "${SOURCE_LABELS[value]}" ${WHERE}`,
  }));
  const disabled = BILLING_SOURCES.filter((s) => !configured[s]);
  const current = query.source;

  return (
    <>
      <InlineFieldRow>
        <InlineField
          label="Source"
          labelWidth={14}
          tooltip={`Where billing usage comes from. Sources are set up ${WHERE}; those without settings are disabled.`}
        >
          <RadioButtonGroup<BillingSource>
            options={options}
            value={current}
            disabledOptions={disabled}
            onChange={onChange}
          />
        </InlineField>
      </InlineFieldRow>
      {current && !configured[current] && (
        <Alert severity="warning" title={`${SOURCE_LABELS[current]} is not configured`}>
          Set it up under &quot;{SOURCE_LABELS[current]}&quot; {WHERE}
          {disabled.length < BILLING_SOURCES.length ? ', or pick a configured source.' : '.'}
        </Alert>
      )}
    </>
  );
}

interface MethodologyFieldProps {
  value?: MethodologyId;
  onChange: (methodology: MethodologyId) => void;
}

export function MethodologyField({ value, onChange }: MethodologyFieldProps) {
  return (
    <InlineField label="Methodology" labelWidth={14} tooltip={METHODOLOGY_TOOLTIP}>
      <RadioButtonGroup<MethodologyId> options={METHODOLOGY_OPTIONS} value={value ?? 'greenops'} onChange={onChange} />
    </InlineField>
  );
}

const BASIS_OPTIONS: Array<SelectableValue<AccountingBasisId>> = [
  { value: 'location', label: 'Location', description: 'Average grid intensity of the region and year' },
  {
    value: 'market',
    label: 'Market',
    description: "Google Cloud: grid × (1 − Google's carbon-free energy share); other providers: not available",
  },
];

const BASIS_TOOLTIP =
  'GHG Protocol Scope 2 basis of the grid factor. Location (default): the grid average where the electricity is ' +
  "used. Market: for Google Cloud, the grid factor × (1 − Google's hourly carbon-free energy share, CFE) of the " +
  'region and year; AWS, Azure and other providers publish no market-based factor per region, so their CO2e is ' +
  'not available (no value, with a notice). Energy is the same on both. GreenOps methodology only.';

interface AccountingBasisFieldProps {
  value?: AccountingBasisId;
  methodology?: MethodologyId;
  onChange: (basis: AccountingBasisId) => void;
}

/** Next to the methodology: CCF has no market basis, so it is disabled there and flagged if a saved query has it. */
export function AccountingBasisField({ value, methodology, onChange }: AccountingBasisFieldProps) {
  const problem = accountingBasisProblem(methodology, value);
  return (
    <InlineField
      label="Accounting basis"
      labelWidth={19}
      tooltip={BASIS_TOOLTIP}
      invalid={Boolean(problem)}
      error={problem}
    >
      <RadioButtonGroup<AccountingBasisId>
        options={BASIS_OPTIONS}
        value={value ?? 'location'}
        disabledOptions={methodology === 'ccf' && value !== 'market' ? ['market'] : []}
        onChange={onChange}
      />
    </InlineField>
  );
}

interface BillingFiltersFieldProps {
  query: { refId: string; filters?: BillingFilters; source?: BillingSource };
  datasource: BillingEditorSource;
  onChange: (filters: BillingFilters | undefined) => void;
}

/** The filters of a billing query: the pickers list values from the query's source and offer dashboard variables. */
export function BillingFiltersField({ query, datasource, onChange }: BillingFiltersFieldProps) {
  return (
    <FiltersField
      refId={query.refId}
      filters={query.filters}
      variables={datasource.getVariables?.() ?? []}
      source={query.source}
      datasource={datasource}
      onChange={onChange}
    />
  );
}
