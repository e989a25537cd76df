import React from 'react';
import { Column, Stack, Text } from '@grafana/ui';

import type { ZombieFinding } from './findings';
import { column, Fact, FindingsTable, numberColumn } from './FindingsTable';
import { formatCost, formatMBPerDay, formatNumber } from '../shared/format';

type Row = ZombieFinding;

const joined = (...parts: string[]) => parts.filter(Boolean).join(' / ') || '-';

/** The name, with the resource id under it when they differ. */
function Resource({ row }: { row: Row }) {
  return (
    <Stack direction="column" gap={0}>
      <span>{row.name || row.resourceId}</span>
      {row.name && row.name !== row.resourceId && (
        <Text variant="bodySmall" color="secondary">
          {row.resourceId}
        </Text>
      )}
    </Stack>
  );
}

const COLUMNS: Array<Column<Row>> = [
  column<Row>('resourceId', 'Resource', (r) => <Resource row={r} />, 'string'),
  column<Row>('region', 'Provider / region', (r) => joined(r.provider, r.region), 'string'),
  column<Row>('namespace', 'Cluster / namespace', (r) => joined(r.cluster, r.namespace)),
  numberColumn<Row>('peakCpuPercent', 'Peak CPU %', (r) => formatNumber(r.peakCpuPercent, 1)),
  numberColumn<Row>('networkBytesPerDay', 'Network MB/day', (r) => formatMBPerDay(r.networkBytesPerDay)),
  numberColumn<Row>('idleDays', 'Idle days', (r) => formatNumber(r.idleDays, 0)),
  numberColumn<Row>('monthlyCost', 'Cost / month', (r) => formatCost(r.monthlyCost, r.currency)),
  numberColumn<Row>('monthlyKWh', 'kWh / month', (r) => formatNumber(r.monthlyKWh, 1)),
  numberColumn<Row>('monthlyKgCO2e', 'kgCO2e / month', (r) => formatNumber(r.monthlyKgCO2e, 1)),
];

function facts(row: Row): Fact[] {
  const range =
    row.monthlyKgCO2eLow !== null && row.monthlyKgCO2eHigh !== null
      ? `${formatNumber(row.monthlyKgCO2eLow, 1)} to ${formatNumber(row.monthlyKgCO2eHigh, 1)} kgCO2e per month`
      : undefined;
  const all: Fact[] = [
    ['Source', row.source],
    ['Account', row.account],
    ['Instance type', row.instanceType],
    ['Workload', row.workload],
    ['Average CPU %', formatNumber(row.avgCpuPercent, 1)],
    ['Evidence window', `${formatNumber(row.windowDays, 0)} days`],
    ['CO2e range', range],
    ['Method', row.method],
  ];
  // An unknown figure reads '-': nothing to show.
  return all.filter(([, value]) => value !== '-');
}

/** Idle resources, most CO2e first; a row expands to how it was found. */
export function ZombieTable({ rows }: { rows: Row[] }) {
  return <FindingsTable rows={rows} columns={COLUMNS} sortBy="monthlyKgCO2e" facts={facts} />;
}
