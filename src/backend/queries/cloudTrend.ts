/**
 * cloudTrend: the quarterly-review figure. The query's range against the previous range of equal
 * length, per provider and overall: growth of usage (vCPU-hours, GB-months), cost, energy and
 * CO2e, and of carbon per unit of cost and per vCPU-hour ("usage +50%, carbon +10%").
 */
import { cloudTrend } from '../../shared/queryTypes/cloudTrend';
import { emptyTotals, energyUnknown, groupTotals, Totals } from '../../engine/aggregate';
import { loadEstimator } from './loadEstimator';
import type { Frame, FrameField, FrameNotice } from '../frames/frame';
import type { Provenance } from '../frames/meta';
import { estimateProvenance } from '../../engine/provenance';
import { numberColumn, stringColumn, tableFrame } from '../frames/table';
import { currencyUnit, suffixUnit, UNIT } from '../frames/units';
import { openBillingSource } from '../sources';
import type { BucketGranularity } from '../sources/billingSource';
import {
  billingNotices,
  co2eUnavailableNotice,
  noUsageNotice,
  singleCurrency,
  unestimatedNotice,
} from './billingNotices';
import { checkingAccountingBasis } from './validateAccountingBasis';
import { MEASURES } from './billingMeasures';
import { defineHandler } from './defineHandler';

const ALL = 'all';

interface TrendColumn {
  name: string;
  unit: (currency: string) => string;
  value: (t: Totals) => number | null;
}

/** null where the divisor is not positive, or the dividend is a CO2e the accounting basis has no factor for (NaN). */
const ratio = (a: number, b: number) => (b > 0 && !Number.isNaN(a) ? a / b : null);

const COLUMNS: TrendColumn[] = [
  { name: 'vcpu_hours', unit: MEASURES.vCpuHours.unit, value: (t) => t.vCpuHours },
  { name: 'gb_months', unit: MEASURES.gbMonths.unit, value: (t) => t.gbMonths },
  { name: 'cost', unit: currencyUnit, value: (t) => t.cost },
  { name: 'energy', unit: MEASURES.energy.unit, value: MEASURES.energy.value },
  { name: 'co2e', unit: MEASURES.co2e.unit, value: MEASURES.co2e.value },
  {
    name: 'co2e_per_cost',
    unit: (c) => suffixUnit(`kgCO2e/${c}`),
    // Per cost of what was estimated: unestimated rows' cost has no CO2e beside it.
    value: (t) => (energyUnknown(t) ? null : ratio(t.co2eKg, t.cost - t.unestimatedCost)),
  },
  {
    name: 'co2e_per_vcpu_hour',
    unit: () => UNIT.kgCO2ePerVCpuHour,
    value: (t) => (energyUnknown(t) ? null : ratio(t.co2eKg, t.vCpuHours)),
  },
];

const trendHandler = defineHandler(cloudTrend, async (request) => {
  const query = request.query;
  const { from, to } = request.timeRange;
  const length = to - from;
  const source = openBillingSource(query.source, request.instance);
  // Periods are compared as totals; daily buckets are all the source needs to cut them.
  const granularity: BucketGranularity = 'daily';
  const [current, previous] = await Promise.all([
    source.fetchUsage({ from, to, granularity, filters: query.filters }),
    source.fetchUsage({ from: from - length, to: from, granularity, filters: query.filters }),
  ]);
  const estimateUsage = await loadEstimator();
  const { currency, notice } = singleCurrency([...current.rows, ...previous.rows]);
  const unestimated: FrameNotice[] = [];
  const totalsByProvider = (rows: typeof current.rows, period: string) => {
    const estimates = estimateUsage(rows, query.methodology, { accountingBasis: query.accountingBasis });
    unestimated.push(
      ...[
        ...unestimatedNotice(rows, estimates, currency, query.methodology),
        ...co2eUnavailableNotice(rows, estimates, currency),
      ].map((n) => ({
        ...n,
        text: `${period}: ${n.text}`,
      }))
    );
    const all = groupTotals(rows, estimates, () => ALL).get(ALL) ?? emptyTotals();
    return groupTotals(rows, estimates, (row) => row.provider).set(ALL, all);
  };
  const now = totalsByProvider(current.rows, 'This period');
  const before = totalsByProvider(previous.rows, 'Previous period');
  const scopes = [ALL, ...[...new Set([...now.keys(), ...before.keys()])].filter((s) => s !== ALL).sort()];
  const notices: FrameNotice[] = [
    ...noUsageNotice(current, 'This period: '),
    ...noUsageNotice(previous, 'Previous period: '),
    ...scopes.map((s) => ({ severity: 'info' as const, text: summary(s, now.get(s), before.get(s)) })),
    ...billingNotices(
      {
        ...current,
        notices: [...current.notices, ...previous.notices],
        requests: current.requests + previous.requests,
      },
      query.methodology,
      query.accountingBasis
    ),
    ...notice,
    ...unestimated,
  ];
  const basis = query.accountingBasis;
  const provenance: Provenance = { notices, custom: { ...estimateProvenance(query.methodology, basis) } };
  return [trendFrame(scopes, now, before, currency, provenance)];
});

export const cloudTrendHandler = checkingAccountingBasis(trendHandler);

function growth(now: number | null, before: number | null): number | null {
  return now === null || before === null || before === 0 ? null : now / before - 1;
}

function trendFrame(
  scopes: string[],
  now: Map<string, Totals>,
  before: Map<string, Totals>,
  currency: string,
  provenance: Provenance
): Frame {
  const fields: FrameField[] = [stringColumn('scope', scopes)];
  for (const column of COLUMNS) {
    const current = scopes.map((s) => column.value(now.get(s) ?? emptyTotals()));
    const previous = scopes.map((s) => column.value(before.get(s) ?? emptyTotals()));
    const unit = column.unit(currency);
    const growths = current.map((c, i) => growth(c, previous[i]));
    fields.push(numberColumn(column.name, current, unit), numberColumn(`${column.name}_previous`, previous, unit), {
      ...numberColumn(`${column.name}_growth`, growths, UNIT.ratio),
      nullable: true,
    });
  }
  return tableFrame('cloudTrend', fields, provenance);
}

function percent(value: number | null): string {
  // NaN: a CO2e the accounting basis has no factor for.
  if (value === null || Number.isNaN(value)) {
    return 'n/a';
  }
  const rounded = Math.round(value * 100);
  return `${rounded >= 0 ? '+' : ''}${rounded}%`;
}

function summary(scope: string, now: Totals | undefined, before: Totals | undefined): string {
  const n = now ?? emptyTotals();
  const b = before ?? emptyTotals();
  return (
    `${scope}: usage ${percent(growth(n.vCpuHours, b.vCpuHours))} vCPU-hours, ${percent(growth(n.gbMonths, b.gbMonths))} GB-months; ` +
    `cost ${percent(growth(n.cost, b.cost))}; energy ${percent(growth(n.kWh, b.kWh))}; carbon ${percent(growth(n.co2eKg, b.co2eKg))}`
  );
}
