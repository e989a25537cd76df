/**
 * The query variable editor: what to list (kind) and the kind's own options. Every option takes a
 * dashboard variable too (`$provider`, `$namespace`), so variables can chain.
 */
import React, { useState } from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup, Select } from '@grafana/ui';

import { variableOptions } from './components/variableOptions';
import type { CarbonDataSource } from './datasource';
import { regexError } from './regex';
import {
  BillingSource,
  CarbonDataSourceOptions,
  CarbonQuery,
  CarbonVariableQuery,
  CLOUD_PROVIDERS,
  VariableKind,
} from './types';

type Props = QueryEditorProps<CarbonDataSource, CarbonQuery, CarbonDataSourceOptions, CarbonVariableQuery>;

const LABEL_WIDTH = 16;

export const KIND_OPTIONS: Array<SelectableValue<VariableKind> & { value: VariableKind }> = [
  {
    value: 'providers',
    label: 'Providers',
    description: 'Clouds with grid data (aws, azure, gcp), or those in one billing source',
  },
  { value: 'regions', label: 'Regions', description: 'Cloud region ids with grid intensity data' },
  {
    value: 'accounts',
    label: 'Accounts',
    description: 'Accounts, subscriptions or projects with usage in the billing data',
  },
  { value: 'services', label: 'Services', description: 'Services with usage in the billing data' },
  { value: 'namespaces', label: 'Namespaces', description: 'Kubernetes namespaces seen in Prometheus' },
  {
    value: 'workloads',
    label: 'Workloads',
    description: 'Deployments, StatefulSets, DaemonSets, CronJobs (kube-state-metrics, Kepler)',
  },
  { value: 'nodes', label: 'Nodes', description: 'Kubernetes nodes seen in Prometheus' },
  { value: 'processes', label: 'Processes', description: 'Executables Scaphandre measures' },
];

const PROVIDER_LABELS: Record<string, string> = { aws: 'AWS', gcp: 'Google Cloud', azure: 'Azure' };

const SOURCE_OPTIONS: Array<SelectableValue<BillingSource | ''>> = [
  { value: '', label: 'First configured' },
  { value: 'awsCostExplorer', label: 'AWS Cost Explorer' },
  { value: 'focus', label: 'FOCUS exports' },
];

/** Providers without a source are the grid providers, not the first billing source's. */
const PROVIDER_SOURCE_OPTIONS: Array<SelectableValue<BillingSource | ''>> = [
  { value: '', label: 'Grid data' },
  ...SOURCE_OPTIONS.slice(1),
];

const BILLING_KINDS: ReadonlySet<VariableKind> = new Set(['providers', 'accounts', 'services']);
const NAMESPACED_KINDS: ReadonlySet<VariableKind> = new Set(['workloads', 'processes']);

export function CarbonVariableEditor({ query: raw, onChange, datasource }: Props) {
  // A new variable may start with an empty string as its query rather than an object.
  const stored: Partial<CarbonVariableQuery> = raw && typeof raw === 'object' ? raw : {};
  const query: CarbonVariableQuery = { ...stored, refId: stored.refId || 'CarbonVariable' };
  const kind = query.kind ?? 'regions';
  const [namespace, setNamespace] = useState(query.namespace ?? '');
  const variables = variableOptions(datasource?.getVariables?.());

  const change = (patch: Partial<CarbonVariableQuery>) => {
    const next: CarbonVariableQuery = { ...query, ...patch };
    for (const key of ['provider', 'namespace', 'source'] as const) {
      if (!next[key]) {
        delete next[key];
      }
    }
    onChange(next);
  };
  // A regex (the backend applies it in Prometheus); a variable is checked once interpolated.
  const nsError = regexError(namespace);

  return (
    <>
      <InlineFieldRow>
        <InlineField label="List" labelWidth={LABEL_WIDTH} tooltip="What the variable's values are">
          <Select<VariableKind>
            inputId="carbon-variable-kind"
            options={KIND_OPTIONS}
            value={kind}
            width={32}
            // Options of another kind do not apply to the new one.
            onChange={(o) => o.value && onChange({ refId: query.refId, kind: o.value })}
          />
        </InlineField>
      </InlineFieldRow>
      {kind === 'regions' && (
        <InlineFieldRow>
          <InlineField
            label="Provider"
            labelWidth={LABEL_WIDTH}
            tooltip="Only this provider's regions; all when empty. $provider works."
          >
            <Select<string>
              inputId="carbon-variable-provider"
              options={[
                { value: '', label: 'All providers' },
                ...CLOUD_PROVIDERS.map((p) => ({ value: p, label: PROVIDER_LABELS[p] })),
                ...variables,
              ]}
              value={query.provider ?? ''}
              allowCustomValue
              width={32}
              onChange={(o) => change({ provider: o?.value ?? '' })}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      {BILLING_KINDS.has(kind) && (
        <InlineFieldRow>
          <InlineField
            label="Billing source"
            labelWidth={LABEL_WIDTH}
            tooltip={
              kind === 'providers'
                ? 'Grid data: aws, azure and gcp, the providers grid intensity, regions and PromQL energy accept (use this ' +
                  'for a $provider that drives grid panels). A billing source: the providers in its usage (a FOCUS ' +
                  'export may hold oci), for billing panels only.'
                : 'Where usage is read (last 30 days, or the dashboard time range when the variable refreshes on time range change).'
            }
          >
            <RadioButtonGroup<BillingSource | ''>
              options={kind === 'providers' ? PROVIDER_SOURCE_OPTIONS : SOURCE_OPTIONS}
              value={query.source ?? ''}
              onChange={(source) => change({ source: (source || undefined) as BillingSource | undefined })}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      {NAMESPACED_KINDS.has(kind) && (
        <InlineFieldRow>
          <InlineField
            label="Namespace"
            labelWidth={LABEL_WIDTH}
            tooltip="Only in namespaces this regex matches in full; all when empty. $namespace works, also with several values."
            invalid={Boolean(nsError)}
            error={nsError}
          >
            <Input
              id="carbon-variable-namespace"
              value={namespace}
              placeholder="All namespaces"
              width={32}
              onChange={(e) => setNamespace(e.currentTarget.value)}
              onBlur={() => namespace !== (query.namespace ?? '') && change({ namespace: namespace.trim() })}
            />
          </InlineField>
        </InlineFieldRow>
      )}
    </>
  );
}
