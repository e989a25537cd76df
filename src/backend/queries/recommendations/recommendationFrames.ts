/**
 * The frames of a cloudRecommendations query: one numeric-long table with a row per
 * recommendation (`table`), or one row per kind with counts and monthly savings (`summary`, for
 * stat panels and alerts).
 */
import { type ColumnName, RECOMMENDATION_TABLE_COLUMNS, type RecommendationKind } from '../../../datasource/types';
import type { Frame, FrameField, FrameNotice } from '../../frames/frame';
import type { Provenance } from '../../frames/meta';
import { numberColumn, stringColumn, tableFrame as numericLongFrame } from '../../frames/table';
import { currencyUnit, UNIT } from '../../frames/units';
import type { RecommendationRow } from './recommendationRow';

/** Grafana unit (by the rows' currency) and display name of each number column. */
const NUMBER_COLUMNS: Record<
  ColumnName<typeof RECOMMENDATION_TABLE_COLUMNS, 'number'>,
  { unit: (currency: string) => string; label: string }
> = {
  currentMonthlyKWh: { unit: () => UNIT.kWh, label: 'Current energy / month' },
  currentMonthlyKgCO2e: { unit: () => UNIT.kgCO2e, label: 'Current CO2e / month' },
  projectedMonthlyKWh: { unit: () => UNIT.kWh, label: 'Projected energy / month' },
  projectedMonthlyKgCO2e: { unit: () => UNIT.kgCO2e, label: 'Projected CO2e / month' },
  monthlyKWhSaved: { unit: () => UNIT.kWh, label: 'Energy saved / month' },
  monthlyKgCO2eSaved: { unit: () => UNIT.kgCO2e, label: 'CO2e saved / month' },
  monthlyCostSaved: { unit: currencyUnit, label: 'Cost saved / month' },
};

/** Highest CO2e saving first; ties in a stable order so panels do not reshuffle. */
export function rankRows(rows: RecommendationRow[]): RecommendationRow[] {
  return [...rows].sort(
    (a, b) =>
      b.monthlyKgCO2eSaved - a.monthlyKgCO2eSaved ||
      a.kind.localeCompare(b.kind) ||
      a.account.localeCompare(b.account) ||
      a.region.localeCompare(b.region) ||
      a.resourceId.localeCompare(b.resourceId)
  );
}

/** The currency of the cost columns; several currencies are flagged, not converted. */
function rowsCurrency(rows: RecommendationRow[]): { currency: string; notice: FrameNotice[] } {
  const currencies = [...new Set(rows.filter((r) => r.monthlyCostSaved !== null && r.currency).map((r) => r.currency))];
  return {
    currency: currencies[0] ?? 'USD',
    notice:
      currencies.length > 1
        ? [
            {
              severity: 'warning',
              text: `Cost savings are in several currencies (${currencies.join(', ')}); see each row's currency.`,
            },
          ]
        : [],
  };
}

/** The run's notices and, when it sent any, its requests one per line. */
const provenance = (notices: FrameNotice[], executed: string[]): Provenance => ({
  notices,
  executedQueryString: executed.length > 0 ? executed.join('\n') : undefined,
});

export function tableFrame(rows: RecommendationRow[], notices: FrameNotice[], executed: string[]): Frame {
  const { currency, notice } = rowsCurrency(rows);
  const fields = RECOMMENDATION_TABLE_COLUMNS.map(([name, kind]): FrameField => {
    if (kind === 'string') {
      return stringColumn(
        name,
        rows.map((r) => r[name])
      );
    }
    const { unit, label } = NUMBER_COLUMNS[name];
    return {
      ...numberColumn(
        name,
        rows.map((r) => r[name]),
        unit(currency),
        label
      ),
      // Only the cost can be unknown (a price missing in the target region).
      ...(name === 'monthlyCostSaved' ? { nullable: true } : {}),
    };
  });
  return numericLongFrame('cloudRecommendations', fields, provenance([...notices, ...notice], executed));
}

/**
 * One row per kind that answered. The cost saving sums the rows whose cost is known; it is null
 * when no row of the kind has one, and a notice says how many were left out.
 */
export function summaryFrame(
  kinds: RecommendationKind[],
  rows: RecommendationRow[],
  notices: FrameNotice[],
  executed: string[]
): Frame {
  const { currency, notice } = rowsCurrency(rows);
  const extra: FrameNotice[] = [...notice];
  const perKind = kinds.map((kind) => {
    const mine = rows.filter((r) => r.kind === kind);
    const priced = mine.filter((r) => r.monthlyCostSaved !== null);
    if (priced.length < mine.length) {
      extra.push({
        severity: 'info',
        text: `${kind}: ${mine.length - priced.length} of ${mine.length} recommendations have no known cost and are not in monthlyCostSaved.`,
      });
    }
    return {
      kind,
      count: mine.length,
      kWh: mine.reduce((s, r) => s + r.monthlyKWhSaved, 0),
      kg: mine.reduce((s, r) => s + r.monthlyKgCO2eSaved, 0),
      cost: mine.length > 0 && priced.length === 0 ? null : priced.reduce((s, r) => s + r.monthlyCostSaved!, 0),
    };
  });
  return numericLongFrame(
    'cloudRecommendations summary',
    [
      stringColumn(
        'kind',
        perKind.map((k) => k.kind)
      ),
      numberColumn(
        'count',
        perKind.map((k) => k.count),
        undefined,
        'Recommendations'
      ),
      numberColumn(
        'monthlyKWhSaved',
        perKind.map((k) => k.kWh),
        UNIT.kWh,
        'Energy saved / month'
      ),
      numberColumn(
        'monthlyKgCO2eSaved',
        perKind.map((k) => k.kg),
        UNIT.kgCO2e,
        'CO2e saved / month'
      ),
      {
        ...numberColumn(
          'monthlyCostSaved',
          perKind.map((k) => k.cost),
          currencyUnit(currency),
          'Cost saved / month'
        ),
        nullable: true,
      },
    ],
    provenance([...notices, ...extra], executed)
  );
}
