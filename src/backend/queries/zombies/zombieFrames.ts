/**
 * Frames of zombieInstances: `table`, one numeric-long row per finding (string columns are the
 * row's identity, number columns carry Grafana units), and `summary`, one row per kind with its
 * count and monthly totals, every kind present (0 when none) so alert rules always see a value.
 */
import { type ColumnName, ZOMBIE_TABLE_COLUMNS, type ZombieKind } from '../../../datasource/types';
import type { Frame, FrameField, FrameNotice } from '../../frames/frame';
import { runProvenance } from '../../frames/meta';
import { numberColumn, stringColumn, tableFrame } from '../../frames/table';
import { currencyUnit, UNIT } from '../../frames/units';
import type { PromZombieRow } from './zombieWindow';

/** Grafana unit and display name of each number column; monthlyCost's unit is the rows' currency. */
const NUMBER_COLUMNS: Record<
  ColumnName<typeof ZOMBIE_TABLE_COLUMNS, 'number'>,
  { unit: string | undefined; label: string }
> = {
  peakCpuPercent: { unit: UNIT.percent, label: 'Peak CPU' },
  avgCpuPercent: { unit: UNIT.percent, label: 'Mean CPU' },
  networkBytesPerDay: { unit: UNIT.bytes, label: 'Network per day' },
  windowDays: { unit: UNIT.days, label: 'Window' },
  idleDays: { unit: UNIT.days, label: 'Idle for' },
  monthlyCost: { unit: undefined, label: 'Monthly cost' },
  monthlyKWh: { unit: UNIT.kWh, label: 'Monthly energy' },
  monthlyKgCO2e: { unit: UNIT.kgCO2e, label: 'Monthly CO2e' },
  monthlyKgCO2eLow: { unit: UNIT.kgCO2e, label: 'Monthly CO2e (low)' },
  monthlyKgCO2eHigh: { unit: UNIT.kgCO2e, label: 'Monthly CO2e (high)' },
  windowKWh: { unit: UNIT.kWh, label: 'Energy in window' },
  windowKgCO2e: { unit: UNIT.kgCO2e, label: 'CO2e in window' },
};

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
  const num = (name: ColumnName<typeof ZOMBIE_TABLE_COLUMNS, 'number'>): FrameField => {
    const { label } = NUMBER_COLUMNS[name];
    const unit = name === 'monthlyCost' ? currency && currencyUnit(currency) : NUMBER_COLUMNS[name].unit;
    return numberColumn(
      name,
      sorted.map((r) => r[name] ?? null),
      unit,
      label
    );
  };
  const str = (name: ColumnName<typeof ZOMBIE_TABLE_COLUMNS, 'string'>): FrameField =>
    stringColumn(
      name,
      sorted.map((r) => String(r[name] ?? ''))
    );
  return tableFrame(
    'zombieInstances',
    ZOMBIE_TABLE_COLUMNS.map(([name, kind]) => (kind === 'string' ? str(name) : num(name))),
    runProvenance({ notices, executed }),
    'hintLast'
  );
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
  return tableFrame(
    'zombieInstances',
    [
      stringColumn('kind', [...kinds]),
      numberColumn(
        'count',
        kinds.map((k) => rows.filter((r) => r.kind === k).length),
        undefined,
        'Idle resources'
      ),
      numberColumn(
        'monthlyCost',
        kinds.map((k) => total(k, (r) => r.monthlyCost)),
        currency ? currencyUnit(currency) : undefined,
        'Monthly cost'
      ),
      numberColumn(
        'monthlyKWh',
        kinds.map((k) => total(k, (r) => r.monthlyKWh)),
        UNIT.kWh,
        'Monthly energy'
      ),
      numberColumn(
        'monthlyKgCO2e',
        kinds.map((k) => total(k, (r) => r.monthlyKgCO2e)),
        UNIT.kgCO2e,
        'Monthly CO2e'
      ),
    ],
    runProvenance({ notices, executed }),
    'hintLast'
  );
}
