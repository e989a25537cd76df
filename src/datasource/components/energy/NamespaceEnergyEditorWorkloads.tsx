import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, MultiSelect } from '@grafana/ui';

import type { ListedOption } from '../../resources';
import { variableOptions } from '../variableOptions';
import { LABEL_WIDTH } from './fields';
import { namespacesRegex } from './ProcessPowerEditor';
import { useLazyOptions } from './useLazyOptions';

/** The datasource's `workloads` list route (CarbonDataSource.getWorkloads); absent in older fakes. */
export interface WorkloadsSource {
  /** Owner workloads, optionally in the namespaces a regex matches. */
  getWorkloads?(namespace?: string): Promise<ListedOption[]>;
  getVariables?(): string[];
}

export const WORKLOADS_TOOLTIP =
  'Only pods of these workloads count: Deployments, StatefulSets, DaemonSets, CronJobs, Jobs or bare pods, by name ' +
  '(a name counts in every namespace that has it; Namespaces narrows). Grouped by namespace or node, each sums ' +
  'only those pods. All workloads when empty. Type a name and press Enter; a multi-value variable such as ' +
  '$workload adds one per selection, and set to All it filters nothing.';

/** The backend refuses `shop/api` or `Deployment/api` (a Kubernetes name has no `/`): said here before it runs. */
export function workloadsError(workloads?: string[]): string | undefined {
  const bad = (workloads ?? []).find((w) => !w.includes('$') && w.includes('/'));
  return bad === undefined ? undefined : `"${bad}": give the workload name alone, e.g. "${bad.split('/').pop()}"`;
}

interface Props {
  inputId: string;
  value?: string[];
  /** The query's namespaces: the menu lists the workloads in them (all while a variable is among them). */
  namespaces?: string[];
  datasource: WorkloadsSource;
  /** `undefined` once the last workload is removed (no filter). */
  onChange: (workloads: string[] | undefined) => void;
}

/** Workloads from the backend for the chosen namespaces, typed names and dashboard variables always. */
export function WorkloadsField({ inputId, value, namespaces, datasource, onChange }: Props) {
  const namespace = namespacesRegex(namespaces);
  const load = datasource.getWorkloads ? () => datasource.getWorkloads!(namespace) : undefined;
  const workloads = useLazyOptions(load, namespace ?? '');
  const variables = variableOptions(datasource.getVariables?.());
  const options: Array<SelectableValue<string>> = [
    ...variables,
    ...workloads.values.map((w) => ({ value: w.value, label: w.value, description: w.text })),
  ];
  const error = workloadsError(value);
  const noOptionsMessage = workloads.error
    ? `Could not list workloads (${workloads.error}): type a name and press Enter`
    : 'Type a workload name and press Enter';

  return (
    <InlineField
      label="Workloads"
      labelWidth={LABEL_WIDTH}
      tooltip={WORKLOADS_TOOLTIP}
      invalid={Boolean(error)}
      error={error}
    >
      <MultiSelect<string>
        inputId={inputId}
        options={options}
        // Stored values are shown even when they are not among the options (custom values, other namespaces).
        value={(value ?? []).map((v) => ({ value: v, label: v }))}
        allowCustomValue
        isLoading={workloads.loading}
        onOpenMenu={workloads.open}
        noOptionsMessage={noOptionsMessage}
        placeholder="All workloads"
        width={48}
        onChange={(items: Array<SelectableValue<string>>) => {
          const next = items.map((i) => i.value).filter((v): v is string => Boolean(v));
          onChange(next.length > 0 ? next : undefined);
        }}
      />
    </InlineField>
  );
}
