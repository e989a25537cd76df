import React from 'react';
import { Column } from '@grafana/ui';

import type { RecommendationFinding } from './findings';
import { column, Fact, FindingsTable, numberColumn } from './FindingsTable';
import { formatCost, formatNumber } from '../shared/format';

type Row = RecommendationFinding;

const change = (from: string, to: string) => (to && to !== from ? `${from || '-'} → ${to}` : from || '-');

const COLUMNS: Array<Column<Row>> = [
  column('resourceId', 'Resource', undefined, 'string'),
  column<Row>('region', 'Region', (r) => change(r.region, r.targetRegion), 'string'),
  column<Row>('instanceType', 'Instance type', (r) => change(r.instanceType, r.targetInstanceType)),
  numberColumn<Row>('monthlyCostSaved', 'Cost saved / month', (r) => formatCost(r.monthlyCostSaved, r.currency)),
  numberColumn<Row>('monthlyKWhSaved', 'kWh saved / month', (r) => formatNumber(r.monthlyKWhSaved, 1)),
  numberColumn<Row>('monthlyKgCO2eSaved', 'kgCO2e saved / month', (r) => formatNumber(r.monthlyKgCO2eSaved, 1)),
];

const facts = (row: Row): Fact[] => [
  ['Provider', row.provider],
  ['Account', row.account],
  ['Geography', row.geography],
  [
    'kgCO2e per month',
    `${formatNumber(row.currentMonthlyKgCO2e, 1)} now, ${formatNumber(row.projectedMonthlyKgCO2e, 1)} after`,
  ],
  ['kWh per month', `${formatNumber(row.currentMonthlyKWh, 1)} now, ${formatNumber(row.projectedMonthlyKWh, 1)} after`],
  ['Method', row.method],
];

/** Savings ranked by CO2e; a row expands to the formula and factors behind it. */
export function RecommendationTable({ rows }: { rows: Row[] }) {
  return <FindingsTable rows={rows} columns={COLUMNS} sortBy="monthlyKgCO2eSaved" facts={facts} />;
}
