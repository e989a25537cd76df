import React, { useMemo } from 'react';
import { Column, InteractiveTable, Stack, Text } from '@grafana/ui';

import { kindLabel } from './FindingFiltersBar';
import type { ZombieFinding } from './findings';
import { byNumber, formatCost, formatMBPerDay, formatNumber } from '../shared/format';

type Cell = { row: { original: ZombieFinding } };

const where = (r: ZombieFinding) => [r.provider, r.region].filter(Boolean).join(' / ') || '-';
const scope = (r: ZombieFinding) => [r.cluster, r.namespace].filter(Boolean).join(' / ') || '-';

/** Idle resources, most CO2e first; a row expands to how it was found. */
export function ZombieTable({ rows }: { rows: ZombieFinding[] }) {
  const columns = useMemo<Array<Column<ZombieFinding>>>(
    () => [
      { id: 'kind', header: 'Kind', cell: ({ row }: Cell) => kindLabel(row.original.kind), sortType: 'string' },
      {
        id: 'resourceId',
        header: 'Resource',
        cell: ({ row }: Cell) => (
          <Stack direction="column" gap={0}>
            <span>{row.original.name || row.original.resourceId}</span>
            {row.original.name && row.original.name !== row.original.resourceId && (
              <Text variant="bodySmall" color="secondary">
                {row.original.resourceId}
              </Text>
            )}
          </Stack>
        ),
        sortType: 'string',
      },
      { id: 'region', header: 'Provider / region', cell: ({ row }: Cell) => where(row.original), sortType: 'string' },
      { id: 'namespace', header: 'Cluster / namespace', cell: ({ row }: Cell) => scope(row.original) },
      {
        id: 'peakCpuPercent',
        header: 'Peak CPU %',
        cell: ({ row }: Cell) => formatNumber(row.original.peakCpuPercent, 1),
        sortType: byNumber,
      },
      {
        id: 'networkBytesPerDay',
        header: 'Network MB/day',
        cell: ({ row }: Cell) => formatMBPerDay(row.original.networkBytesPerDay),
        sortType: byNumber,
      },
      {
        id: 'idleDays',
        header: 'Idle days',
        cell: ({ row }: Cell) => formatNumber(row.original.idleDays, 0),
        sortType: byNumber,
      },
      {
        id: 'monthlyCost',
        header: 'Cost / month',
        cell: ({ row }: Cell) => formatCost(row.original.monthlyCost, row.original.currency),
        sortType: byNumber,
      },
      {
        id: 'monthlyKWh',
        header: 'kWh / month',
        cell: ({ row }: Cell) => formatNumber(row.original.monthlyKWh, 1),
        sortType: byNumber,
      },
      {
        id: 'monthlyKgCO2e',
        header: 'kgCO2e / month',
        cell: ({ row }: Cell) => formatNumber(row.original.monthlyKgCO2e, 1),
        sortType: byNumber,
      },
      { id: 'action', header: 'Action' },
    ],
    []
  );
  return (
    <InteractiveTable
      columns={columns}
      data={rows}
      getRowId={(r: ZombieFinding) => r.id}
      initialSortBy={SORT}
      pageSize={25}
      renderExpandedRow={(r) => <Details row={r} />}
    />
  );
}

const SORT = [{ id: 'monthlyKgCO2e', desc: true }];

function Details({ row }: { row: ZombieFinding }) {
  const range =
    row.monthlyKgCO2eLow !== null && row.monthlyKgCO2eHigh !== null
      ? `${formatNumber(row.monthlyKgCO2eLow, 1)} to ${formatNumber(row.monthlyKgCO2eHigh, 1)} kgCO2e per month`
      : undefined;
  const facts: Array<[string, string | undefined]> = [
    ['Source', row.source],
    ['Account', row.account],
    ['Instance type', row.instanceType],
    ['Workload', row.workload],
    ['Average CPU %', formatNumber(row.avgCpuPercent, 1)],
    ['Evidence window', `${formatNumber(row.windowDays, 0)} days`],
    ['CO2e range', range],
    ['Method', row.method],
  ];
  const shown = facts.filter((f): f is [string, string] => Boolean(f[1]) && f[1] !== '-');
  return (
    <dl>
      {shown.map(([name, value]) => (
        <div key={name}>
          <Text weight="medium">{name}: </Text>
          <Text>{value}</Text>
        </div>
      ))}
    </dl>
  );
}
