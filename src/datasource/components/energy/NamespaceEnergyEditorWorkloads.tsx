import React from 'react';

import { namespaceEnergy } from '../../../shared/queryTypes/namespaceEnergy';
import { fieldError } from '../../fieldError';
import type { ListedOption } from '../../resources';
import { LazyMultiSelectField } from './LazyMultiSelectField';
import { namespacesRegex } from './ProcessPowerEditor';

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

/**
 * The first workload the schema refuses, said before it runs: the backend refuses `shop/api` or
 * `Deployment/api` (a Kubernetes name has no `/`). Entries holding a variable are checked once interpolated.
 */
export function workloadsError(workloads: string[] = []): string | undefined {
  const phrased = (name: string) =>
    name.includes('/') ? `"${name}": give the workload name alone, e.g. "${name.split('/').pop()}"` : undefined;
  return workloads.map((name) => fieldError(namespaceEnergy, 'workloads', [name], phrased(name))).find(Boolean);
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
  return (
    <LazyMultiSelectField<ListedOption>
      label="Workloads"
      tooltip={WORKLOADS_TOOLTIP}
      inputId={inputId}
      value={value}
      error={workloadsError(value)}
      load={datasource.getWorkloads ? () => datasource.getWorkloads!(namespace) : undefined}
      loadKey={namespace ?? ''}
      toOption={(w) => ({ value: w.value, label: w.value, description: w.text })}
      variables={datasource.getVariables?.()}
      plural="workloads"
      typeHint="Type a workload name and press Enter"
      onChange={onChange}
    />
  );
}
