import React, { useMemo } from 'react';
import { Column, InteractiveTable, Text } from '@grafana/ui';

import { kindLabel } from './FindingFiltersBar';
import type { RecommendationFinding } from './findings';
import { byNumber, formatCost, formatNumber } from '../shared/format';

type Cell = { row: { original: RecommendationFinding } };

const change = (from: string, to: string) => (to && to !== from ? `${from || '-'} → ${to}` : from || '-');

/** Savings ranked by CO2e; a row expands to the formula and factors behind it. */
export function RecommendationTable({ rows }: { rows: RecommendationFinding[] }) {
  const columns = useMemo<Array<Column<RecommendationFinding>>>(
    () => [
      { id: 'kind', header: 'Kind', cell: ({ row }: Cell) => kindLabel(row.original.kind), sortType: 'string' },
      { id: 'resourceId', header: 'Resource', sortType: 'string' },
      {
        id: 'region',
        header: 'Region',
        cell: ({ row }: Cell) => change(row.original.region, row.original.targetRegion),
        sortType: 'string',
      },
      {
        id: 'instanceType',
        header: 'Instance type',
        cell: ({ row }: Cell) => change(row.original.instanceType, row.original.targetInstanceType),
      },
      {
        id: 'monthlyCostSaved',
        header: 'Cost saved / month',
        cell: ({ row }: Cell) => formatCost(row.original.monthlyCostSaved, row.original.currency),
        sortType: byNumber,
      },
      {
        id: 'monthlyKWhSaved',
        header: 'kWh saved / month',
        cell: ({ row }: Cell) => formatNumber(row.original.monthlyKWhSaved, 1),
        sortType: byNumber,
      },
      {
        id: 'monthlyKgCO2eSaved',
        header: 'kgCO2e saved / month',
        cell: ({ row }: Cell) => formatNumber(row.original.monthlyKgCO2eSaved, 1),
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
      getRowId={(r: RecommendationFinding) => r.id}
      initialSortBy={SORT}
      pageSize={25}
      renderExpandedRow={(r) => <Details row={r} />}
    />
  );
}

const SORT = [{ id: 'monthlyKgCO2eSaved', desc: true }];

function Details({ row }: { row: RecommendationFinding }) {
  const facts = [
    ['Provider', row.provider],
    ['Account', row.account],
    ['Geography', row.geography],
    [
      'kgCO2e per month',
      `${formatNumber(row.currentMonthlyKgCO2e, 1)} now, ${formatNumber(row.projectedMonthlyKgCO2e, 1)} after`,
    ],
    [
      'kWh per month',
      `${formatNumber(row.currentMonthlyKWh, 1)} now, ${formatNumber(row.projectedMonthlyKWh, 1)} after`,
    ],
    ['Method', row.method],
  ].filter(([, v]) => v);
  return (
    <dl>
      {facts.map(([name, value]) => (
        <div key={name}>
          <Text weight="medium">{name}: </Text>
          <Text>{value}</Text>
        </div>
      ))}
    </dl>
  );
}
