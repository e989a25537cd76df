/**
 * Frames of zombieInstances: `table`, one numeric-long row per finding (string columns are the
 * row's identity, number columns carry Grafana units), and `summary`, one row per kind with its
 * count and monthly totals, every kind present (0 when none) so alert rules always see a value.
 */
import type { ZombieKind } from '../../../datasource/types';
import type { Frame, FrameField, FrameMeta, FrameNotice } from '../../frames/frame';
import { currencyUnit } from '../billingMeasures';
import { UNIT } from '../energy/energyFrames';
import type { PromZombieRow } from './zombieWindow';

const KG_CO2E = 'suffix: kgCO2e';
const STRING_FIELDS = [
  'kind',
  'source',
  'provider',
  'account',
  'region',
  'resourceId',
  'name',
  'instanceType',
  'cluster',
  'namespace',
  'workload',
] as const;

function meta(notices: FrameNotice[], executed: string[]): FrameMeta {
  return {
    type: 'numeric-long',
    typeVersion: [0, 1],
    notices,
    executedQueryString: executed.join('\n\n'),
    preferredVisualisationType: 'table',
  };
}

/** Rows by monthly CO2e, largest first (unknown last), then by kind and id for a stable order. */
export function sortRows(rows: PromZombieRow[]): PromZombieRow[] {
  const co2 = (r: PromZombieRow) => r.monthlyKgCO2e ?? -Infinity;
  return [...rows].sort(
    (a, b) => co2(b) - co2(a) || a.kind.localeCompare(b.kind) || a.resourceId.localeCompare(b.resourceId)
  );
}

/** The one currency of the rows' costs, if they share one (a column has one unit). */
function sharedCurrency(rows: PromZombieRow[], notices: FrameNotice[]): string | undefined {
  const currencies = [...new Set(rows.map((r) => r.currency).filter(Boolean))];
  if (currencies.length > 1) {
    notices.push({
      severity: 'warning',
      text: `Costs are in several currencies (${currencies.join(', ')}): see each row's currency column.`,
    });
  }
  return currencies.length === 1 ? currencies[0] : undefined;
}

export function zombieTable(rows: PromZombieRow[], notices: FrameNotice[], executed: string[]): Frame {
  const sorted = sortRows(rows);
  const currency = sharedCurrency(sorted, notices);
  const num = (
    name: keyof PromZombieRow,
    unit: string | undefined,
    displayName: string,
    pick: (r: PromZombieRow) => number | null | undefined = (r) => r[name] as number | null
  ): FrameField => ({
    name,
    kind: 'number',
    values: sorted.map((r) => pick(r) ?? null),
    config: { ...(unit ? { unit } : {}), displayNameFromDS: displayName },
  });
  const str = (name: keyof PromZombieRow): FrameField => ({
    name,
    kind: 'string',
    values: sorted.map((r) => String(r[name] ?? '')),
  });
  return {
    name: 'zombieInstances',
    meta: meta(notices, executed),
    fields: [
      ...STRING_FIELDS.map(str),
      num('peakCpuPercent', 'percent', 'Peak CPU'),
      num('avgCpuPercent', 'percent', 'Mean CPU'),
      num('networkBytesPerDay', 'bytes', 'Network per day'),
      num('windowDays', 'suffix: d', 'Window'),
      num('idleDays', 'suffix: d', 'Idle for'),
      num('monthlyCost', currency ? currencyUnit(currency) : undefined, 'Monthly cost'),
      str('currency'),
      num('monthlyKWh', UNIT.kWh, 'Monthly energy'),
      num('monthlyKgCO2e', KG_CO2E, 'Monthly CO2e'),
      num('monthlyKgCO2eLow', KG_CO2E, 'Monthly CO2e (low)'),
      num('monthlyKgCO2eHigh', KG_CO2E, 'Monthly CO2e (high)'),
      num('windowKWh', UNIT.kWh, 'Energy in window'),
      num('windowKgCO2e', KG_CO2E, 'CO2e in window'),
      str('action'),
      str('method'),
    ],
  };
}

/**
 * Per kind, how many rows the sums count as 0 for want of a figure. Terminated workloads are left
 * out: they cost nothing a month any more, so 0 is their true monthly figure, not a gap.
 */
function unknownsNotices(rows: PromZombieRow[], kinds: readonly ZombieKind[]): FrameNotice[] {
  return kinds.flatMap((kind) => {
    const mine = rows.filter((r) => r.kind === kind);
    if (kind === 'terminatedWorkload' || mine.length === 0) {
      return [];
    }
    const missing = (pick: (r: PromZombieRow) => number | null, what: string) => {
      const n = mine.filter((r) => pick(r) === null).length;
      return n > 0 ? [`${n} no ${what}`] : [];
    };
    const gaps = [
      ...missing((r) => r.monthlyCost, 'cost'),
      ...missing((r) => r.monthlyKWh, 'energy estimate'),
      ...missing((r) => r.monthlyKgCO2e, 'CO2e estimate'),
    ];
    return gaps.length === 0
      ? []
      : [
          {
            severity: 'info' as const,
            text: `${kind}: of ${mine.length} row(s), ${gaps.join(', ')}; the summary counts each as 0.`,
          },
        ];
  });
}

export function zombieSummary(
  rows: PromZombieRow[],
  kinds: readonly ZombieKind[],
  notices: FrameNotice[],
  executed: string[]
): Frame {
  const currency = sharedCurrency(rows, notices);
  notices.push(...unknownsNotices(rows, kinds));
  const total = (kind: ZombieKind, pick: (r: PromZombieRow) => number | null) =>
    rows.filter((r) => r.kind === kind).reduce((a, r) => a + (pick(r) ?? 0), 0);
  return {
    name: 'zombieInstances',
    meta: meta(notices, executed),
    fields: [
      { name: 'kind', kind: 'string', values: [...kinds] },
      {
        name: 'count',
        kind: 'number',
        values: kinds.map((k) => rows.filter((r) => r.kind === k).length),
        config: { displayNameFromDS: 'Idle resources' },
      },
      {
        name: 'monthlyCost',
        kind: 'number',
        values: kinds.map((k) => total(k, (r) => r.monthlyCost)),
        config: { ...(currency ? { unit: currencyUnit(currency) } : {}), displayNameFromDS: 'Monthly cost' },
      },
      {
        name: 'monthlyKWh',
        kind: 'number',
        values: kinds.map((k) => total(k, (r) => r.monthlyKWh)),
        config: { unit: UNIT.kWh, displayNameFromDS: 'Monthly energy' },
      },
      {
        name: 'monthlyKgCO2e',
        kind: 'number',
        values: kinds.map((k) => total(k, (r) => r.monthlyKgCO2e)),
        config: { unit: KG_CO2E, displayNameFromDS: 'Monthly CO2e' },
      },
    ],
  };
}
