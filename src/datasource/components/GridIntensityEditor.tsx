import React, { useEffect, useMemo, useState } from 'react';
import { SelectableValue } from '@grafana/data';
import { Alert, InlineField, InlineFieldRow, MultiSelect, RadioButtonGroup, Select } from '@grafana/ui';

import { CLOUD_PROVIDERS, CloudProvider, GridIntensityQuery, RegionInfo, ResultFormat } from '../types';
import { variableOptions } from './variableOptions';

const PROVIDER_LABELS: Record<CloudProvider, string> = { aws: 'AWS', gcp: 'Google Cloud', azure: 'Azure' };

export const PROVIDER_OPTIONS: Array<SelectableValue<CloudProvider>> = CLOUD_PROVIDERS.map((value) => ({
  value,
  label: PROVIDER_LABELS[value],
}));

const FORMAT_OPTIONS: Array<SelectableValue<ResultFormat>> = [
  { value: 'table', label: 'Table', description: 'One row per region' },
  { value: 'timeseries', label: 'Time series', description: 'One series per region' },
];

/** What the editor needs from the datasource; narrow so tests can pass a fake. */
export interface RegionSource {
  getRegions(provider?: CloudProvider): Promise<RegionInfo[]>;
  getVariables?(): string[];
}

interface Props {
  query: GridIntensityQuery;
  datasource: RegionSource;
  onChange: (query: GridIntensityQuery) => void;
  onRunQuery: () => void;
}

const LABEL_WIDTH = 14;

interface ProviderFieldProps {
  inputId: string;
  value?: CloudProvider;
  onChange: (provider: CloudProvider | undefined) => void;
}

/** Clearable provider picker; empty means all providers. Shared with the variable editor. */
export function ProviderField({ inputId, value, onChange }: ProviderFieldProps) {
  return (
    <InlineField label="Provider" labelWidth={LABEL_WIDTH} tooltip="All providers when empty">
      <Select
        inputId={inputId}
        options={PROVIDER_OPTIONS}
        value={value ?? null}
        placeholder="All providers"
        isClearable
        width={24}
        onChange={(o: SelectableValue<CloudProvider> | null) => onChange(o?.value)}
      />
    </InlineField>
  );
}

export function GridIntensityEditor({ query, datasource, onChange, onRunQuery }: Props) {
  const { loading, regions, error } = useRegions(datasource, query.provider);
  const regionOptions = useMemo(() => toRegionOptions(regions, datasource), [regions, datasource]);
  const selected = (query.regions ?? []).map((r) => regionOptions.find((o) => o.value === r) ?? { value: r, label: r });

  const update = (patch: Partial<GridIntensityQuery>) => {
    onChange({ ...query, ...patch });
    onRunQuery();
  };

  return (
    <>
      <InlineFieldRow>
        <ProviderField
          inputId={`carbon-provider-${query.refId}`}
          value={query.provider}
          // Regions of the previous provider would silently match nothing, so they are cleared.
          onChange={(provider) => update({ provider, regions: [] })}
        />
        <InlineField
          label="Regions"
          labelWidth={LABEL_WIDTH}
          tooltip="All regions when empty. A multi-value variable such as $region adds one region per value."
          invalid={Boolean(error)}
        >
          <MultiSelect<string>
            inputId={`carbon-regions-${query.refId}`}
            options={regionOptions}
            value={selected}
            isLoading={loading}
            allowCustomValue
            placeholder="All regions"
            width={48}
            onChange={(items: Array<SelectableValue<string>>) =>
              update({ regions: items.map((i) => i.value).filter((v): v is string => Boolean(v)) })
            }
          />
        </InlineField>
      </InlineFieldRow>
      {error && (
        <Alert severity="error" title="Could not load regions">
          {error}
        </Alert>
      )}
      <InlineFieldRow>
        <InlineField
          label="Format"
          labelWidth={LABEL_WIDTH}
          tooltip="Table: one row per region with PUE, year and source (tables, alerts). Time series: one series per region over the range, the value of each year where the range spans several."
        >
          <RadioButtonGroup<ResultFormat>
            options={FORMAT_OPTIONS}
            value={query.format ?? 'table'}
            onChange={(format) => update({ format })}
          />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}

interface RegionsResult {
  source: RegionSource;
  provider?: CloudProvider;
  regions: RegionInfo[];
  error?: string;
}

/** Regions for `provider`; loading until the answer for exactly this source and provider has arrived. */
function useRegions(source: RegionSource, provider?: CloudProvider) {
  const [result, setResult] = useState<RegionsResult>();
  useEffect(() => {
    // A slower answer for the previous provider must not overwrite the current one.
    let current = true;
    source.getRegions(provider).then(
      (regions) => current && setResult({ source, provider, regions: Array.isArray(regions) ? regions : [] }),
      (err: unknown) => current && setResult({ source, provider, regions: [], error: errorMessage(err) })
    );
    return () => {
      current = false;
    };
  }, [source, provider]);
  const fresh = result && result.source === source && result.provider === provider ? result : undefined;
  return { loading: !fresh, regions: fresh?.regions ?? NO_REGIONS, error: fresh?.error };
}

// Stable identity, so the memoised options are not rebuilt on every render while loading.
const NO_REGIONS: RegionInfo[] = [];

function toRegionOptions(regions: RegionInfo[], source: RegionSource): Array<SelectableValue<string>> {
  const seen = new Set<string>();
  const options: Array<SelectableValue<string>> = [];
  for (const r of regions) {
    if (!seen.has(r.region)) {
      seen.add(r.region);
      options.push({
        value: r.region,
        label: r.region,
        description: `${r.location} (${PROVIDER_LABELS[r.provider] ?? r.provider})`,
      });
    }
  }
  const variables = variableOptions(source.getVariables?.());
  return [...variables, ...options];
}

/** Backend resource errors arrive as FetchError (`data.message`), others as Error. */
export function errorMessage(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { data?: { message?: string; error?: string }; message?: string; statusText?: string };
    return e.data?.message || e.data?.error || e.message || e.statusText || 'Unknown error';
  }
  return typeof err === 'string' && err ? err : 'Unknown error';
}
