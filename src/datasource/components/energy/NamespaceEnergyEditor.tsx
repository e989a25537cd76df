import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Select } from '@grafana/ui';

import { EnergyMetric, IdlePowerMode, NamespaceEnergyQuery, WorkloadGroupBy } from '../../types';
import { AvailabilityHint } from './AvailabilityHint';
import { EnergyEditorProps, fieldIds, LABEL_WIDTH, RadioField, useQueryUpdate } from './fields';
import { QueryNamespacesField } from './NamespacesField';
import { WorkloadsField } from './NamespaceEnergyEditorWorkloads';
import { EnergyBoundaryField } from './EnergyBoundaryField';

const GROUP_BY_OPTIONS: Array<SelectableValue<WorkloadGroupBy>> = [
  { value: 'namespace', label: 'Namespace' },
  { value: 'pod', label: 'Pod' },
  { value: 'workload', label: 'Workload', description: 'Deployment, StatefulSet, Job, ... (needs kube-state-metrics)' },
  { value: 'node', label: 'Node' },
];

export const ENERGY_METRIC_OPTIONS: Array<SelectableValue<EnergyMetric>> = [
  { value: 'power', label: 'Power', description: 'Watts over time' },
  { value: 'energy', label: 'Energy', description: 'Joules and kWh over the time range' },
  { value: 'co2e', label: 'CO2e', description: 'Grams CO2e, from the grid intensity of each node’s region' },
];

const IDLE_OPTIONS: Array<SelectableValue<IdlePowerMode>> = [
  { value: 'exclude', label: 'Exclude' },
  { value: 'byRequest', label: 'Share by CPU request' },
  { value: 'byUsage', label: 'Share by CPU usage' },
];

export const IDLE_TOOLTIP =
  'A node draws idle power whether or not workloads run. Kepler 0.10+ attributes only active power to workloads ' +
  'and leaves idle power unattributed, so per-workload sums fall short of the node. Exclude shows only attributed ' +
  "power; the other modes share each node's idle power among its workloads by CPU requested (what they reserve) " +
  'or CPU used.';

const ZONE_OPTIONS: Array<SelectableValue<string>> = [
  { value: 'package', label: 'package', description: 'CPU sockets, cores and uncore included' },
  { value: 'core', label: 'core', description: 'CPU cores only' },
  { value: 'uncore', label: 'uncore', description: 'Caches and integrated GPU' },
  { value: 'dram', label: 'dram', description: 'Memory' },
  { value: 'psys', label: 'psys', description: 'Whole SoC (recent Intel)' },
  { value: 'platform', label: 'platform', description: 'Whole server (ACPI or Redfish)' },
];

const ZONE_TOOLTIP =
  'With Energy "As measured": the RAPL zone Kepler reads. Zones overlap (package contains core and uncore), so ' +
  'only one is read; package is what Kepler dashboards show. IT and facility energy choose zones per node.';

export function NamespaceEnergyEditor({
  query,
  datasource,
  onChange,
  onRunQuery,
}: EnergyEditorProps<NamespaceEnergyQuery>) {
  const { update } = useQueryUpdate(query, onChange, onRunQuery);
  const id = fieldIds(query.refId);
  const zone = query.zone ?? 'package';

  return (
    <>
      <AvailabilityHint queryType="namespaceEnergy" datasource={datasource} />
      <InlineFieldRow>
        <RadioField<WorkloadGroupBy>
          label="Group by"
          tooltip="One series or row per namespace, pod, owner workload or node"
          options={GROUP_BY_OPTIONS}
          value={query.groupBy ?? 'namespace'}
          onChange={(groupBy) => update({ groupBy })}
        />
        <RadioField<EnergyMetric>
          label="Metric"
          tooltip="Power: watts over time. Energy: joules and kWh over the range. CO2e: grams, from the energy and the grid intensity of each node's region."
          options={ENERGY_METRIC_OPTIONS}
          value={query.metric ?? 'power'}
          onChange={(metric) => update({ metric })}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <QueryNamespacesField query={query} datasource={datasource} update={update} />
        <WorkloadsField
          inputId={id('workloads')}
          value={query.workloads}
          namespaces={query.namespaces}
          // The CarbonDataSource has getWorkloads; EnergyEditorSource does not declare it (yet).
          datasource={datasource}
          onChange={(workloads) => update({ workloads })}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <EnergyBoundaryField value={query.energyBoundary} onChange={(energyBoundary) => update({ energyBoundary })} />
      </InlineFieldRow>
      <InlineFieldRow>
        <RadioField<IdlePowerMode>
          label="Idle power"
          tooltip={IDLE_TOOLTIP}
          options={IDLE_OPTIONS}
          value={query.idlePower ?? 'exclude'}
          onChange={(idlePower) => update({ idlePower })}
        />
        <InlineField label="Zone" labelWidth={LABEL_WIDTH} tooltip={ZONE_TOOLTIP}>
          <Select<string>
            inputId={id('zone')}
            options={ZONE_OPTIONS}
            value={ZONE_OPTIONS.find((o) => o.value === zone) ?? { value: zone, label: zone }}
            width={20}
            onChange={(o: SelectableValue<string>) => o.value && update({ zone: o.value })}
          />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}
