/**
 * Rows of the zombieInstances and cloudRecommendations table frames, as plain objects, plus the page's
 * filters and totals. The columns come from the model shared with the backend (types.ts), whose row
 * types are checked against the same lists.
 */
import type { DataFrame, QueryResultMetaNotice } from '@grafana/data';

import {
  type ColumnRecord,
  columnNames,
  RECOMMENDATION_TABLE_COLUMNS,
  ZOMBIE_TABLE_COLUMNS,
} from '../../../datasource/types';

/** Every column of the table frame; text is '' and numbers null when a frame lacks them. */
export type ZombieFinding = ColumnRecord<typeof ZOMBIE_TABLE_COLUMNS> & { id: string };
export type RecommendationFinding = ColumnRecord<typeof RECOMMENDATION_TABLE_COLUMNS> & { id: string };

/** Rows of every frame of `refId` that has a resourceId field (other frames, such as summaries, are skipped). */
function readRows<T>(
  frames: DataFrame[],
  refId: string,
  text: readonly string[],
  numbers: readonly string[]
): Array<T & { id: string }> {
  const rows: Array<T & { id: string }> = [];
  for (const frame of frames) {
    const byName = new Map(frame.fields.map((f) => [f.name, f.values]));
    if (frame.refId !== refId || !byName.has('resourceId')) {
      continue;
    }
    for (let i = 0; i < frame.length; i++) {
      const row: Record<string, unknown> = { id: `${refId}-${rows.length}` };
      for (const name of text) {
        const v = byName.get(name)?.[i];
        row[name] = v === null || v === undefined ? '' : String(v);
      }
      for (const name of numbers) {
        const v = byName.get(name)?.[i];
        row[name] = typeof v === 'number' && Number.isFinite(v) ? v : null;
      }
      rows.push(row as T & { id: string });
    }
  }
  return rows;
}

const ZOMBIE_TEXT = columnNames(ZOMBIE_TABLE_COLUMNS, 'string');
const ZOMBIE_NUMBERS = columnNames(ZOMBIE_TABLE_COLUMNS, 'number');
const RECOMMENDATION_TEXT = columnNames(RECOMMENDATION_TABLE_COLUMNS, 'string');
const RECOMMENDATION_NUMBERS = columnNames(RECOMMENDATION_TABLE_COLUMNS, 'number');

export const readZombies = (frames: DataFrame[], refId: string) =>
  readRows<ZombieFinding>(frames, refId, ZOMBIE_TEXT, ZOMBIE_NUMBERS);

export const readRecommendations = (frames: DataFrame[], refId: string) =>
  readRows<RecommendationFinding>(frames, refId, RECOMMENDATION_TEXT, RECOMMENDATION_NUMBERS);

/** Notices (sources skipped, partial data) the backend attached to the frames of `refId`. */
export function readNotices(frames: DataFrame[], refId: string): QueryResultMetaNotice[] {
  return frames.filter((f) => f.refId === refId).flatMap((f) => f.meta?.notices ?? []);
}

export interface FindingFilters {
  /** Zombie and recommendation kinds; all when empty. */
  kinds: string[];
  provider?: string;
  region?: string;
  /** Recommendations have no namespace, so none of them matches a namespace. */
  namespace?: string;
  /** Case-insensitive, over every text field. */
  search: string;
}

export const NO_FILTERS: FindingFilters = { kinds: [], search: '' };

type Finding = { kind: string; provider: string; region: string; namespace?: string };

/** What a person would type: names and ids, not the method's prose (which mentions CPU in every row). */
const SEARCHED = [
  'resourceId',
  'name',
  'account',
  'region',
  'targetRegion',
  'instanceType',
  'targetInstanceType',
  'cluster',
  'namespace',
  'workload',
  'action',
];

export function matches(row: Finding & Record<string, unknown>, filters: FindingFilters): boolean {
  if (filters.kinds.length > 0 && !filters.kinds.includes(row.kind)) {
    return false;
  }
  if ((filters.provider && row.provider !== filters.provider) || (filters.region && row.region !== filters.region)) {
    return false;
  }
  if (filters.namespace && row.namespace !== filters.namespace) {
    return false;
  }
  const needle = filters.search.trim().toLowerCase();
  return (
    needle === '' ||
    SEARCHED.some((name) => {
      const v = row[name];
      return typeof v === 'string' && v.toLowerCase().includes(needle);
    })
  );
}

export interface CostTotal {
  currency: string;
  amount: number;
}

/** Sums of what the shown rows waste or would save per month; rows without a value are counted, not zeroed. */
export interface Totals {
  count: number;
  /** One entry per currency, since amounts in different currencies cannot be added. */
  cost: CostTotal[];
  costUnknown: number;
  kWh: number;
  kWhUnknown: number;
  kgCO2e: number;
  kgCO2eUnknown: number;
}

interface Measures {
  cost: number | null;
  currency: string;
  kWh: number | null;
  kgCO2e: number | null;
}

function total(rows: Measures[]): Totals {
  const cost = new Map<string, number>();
  const result: Totals = {
    count: rows.length,
    cost: [],
    costUnknown: 0,
    kWh: 0,
    kWhUnknown: 0,
    kgCO2e: 0,
    kgCO2eUnknown: 0,
  };
  for (const r of rows) {
    if (r.cost === null) {
      result.costUnknown++;
    } else {
      cost.set(r.currency, (cost.get(r.currency) ?? 0) + r.cost);
    }
    if (r.kWh === null) {
      result.kWhUnknown++;
    } else {
      result.kWh += r.kWh;
    }
    if (r.kgCO2e === null) {
      result.kgCO2eUnknown++;
    } else {
      result.kgCO2e += r.kgCO2e;
    }
  }
  result.cost = [...cost.entries()].map(([currency, amount]) => ({ currency, amount }));
  return result;
}

/** Removing an idle resource saves all it costs and emits. */
export const zombieTotals = (rows: ZombieFinding[]) =>
  total(rows.map((r) => ({ cost: r.monthlyCost, currency: r.currency, kWh: r.monthlyKWh, kgCO2e: r.monthlyKgCO2e })));

export const recommendationTotals = (rows: RecommendationFinding[]) =>
  total(
    rows.map((r) => ({
      cost: r.monthlyCostSaved,
      currency: r.currency,
      kWh: r.monthlyKWhSaved,
      kgCO2e: r.monthlyKgCO2eSaved,
    }))
  );
