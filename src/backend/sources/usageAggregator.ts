/**
 * Sums usage per time bucket and usage key as a source streams it, so memory grows with the number
 * of distinct keys, never with the number of billing lines. Shared by every billing source.
 */
import type { BillingFilters } from '../../datasource/types';
import type { UsageRow } from '../../engine/usage';
import type { BucketGranularity } from './billingSource';
import { bucketEnd, bucketStart } from './timeBuckets';

/** The fields that identify a summed row (besides its time bucket). */
export type UsageKey = Pick<
  UsageRow,
  'provider' | 'account' | 'region' | 'service' | 'serviceCategory' | 'usageType' | 'unit' | 'instanceType' | 'currency'
>;

// A separator no billing field contains, so distinct keys never collide when joined.
const SEP = '\u0000';

export class UsageAggregator {
  readonly #granularity: BucketGranularity;
  readonly #rows = new Map<string, UsageRow>();

  constructor(granularity: BucketGranularity) {
    this.#granularity = granularity;
  }

  /** Adds one line (or one pre-summed group) dated `time` (epoch ms) to its bucket. */
  add(time: number, key: UsageKey, amount: number, cost: number, vCpus?: number): void {
    const start = bucketStart(time, this.#granularity);
    const id =
      start +
      SEP +
      key.provider +
      SEP +
      key.account +
      SEP +
      key.region +
      SEP +
      key.service +
      SEP +
      (key.serviceCategory ?? '') +
      SEP +
      key.usageType +
      SEP +
      key.unit +
      SEP +
      (key.instanceType ?? '') +
      SEP +
      key.currency;
    const row = this.#rows.get(id);
    if (row) {
      row.amount += amount;
      row.cost += cost;
      if (row.vCpus === undefined && vCpus !== undefined) {
        row.vCpus = vCpus;
      }
      return;
    }
    const created: UsageRow = {
      start,
      end: bucketEnd(start, this.#granularity),
      provider: key.provider,
      account: key.account,
      region: key.region,
      service: key.service,
      usageType: key.usageType,
      unit: key.unit,
      amount,
      cost,
      currency: key.currency,
    };
    if (key.serviceCategory !== undefined) {
      created.serviceCategory = key.serviceCategory;
    }
    if (key.instanceType !== undefined) {
      created.instanceType = key.instanceType;
    }
    if (vCpus !== undefined) {
      created.vCpus = vCpus;
    }
    this.#rows.set(id, created);
  }

  get size(): number {
    return this.#rows.size;
  }

  /**
   * The summed rows, oldest bucket first, then by key: the same rows in the same order whatever
   * order a source added them in (DuckDB's parallel aggregation returns groups in any order).
   */
  rows(): UsageRow[] {
    return [...this.#rows.entries()]
      .sort(([idA, a], [idB, b]) => a.start - b.start || (idA < idB ? -1 : idA > idB ? 1 : 0))
      .map(([, row]) => row);
  }
}

/** A predicate for BillingFilters: an empty or absent list lets everything through. */
export function usageFilter(
  filters: BillingFilters
): (key: Pick<UsageKey, 'region' | 'service' | 'account'>) => boolean {
  const set = (values?: string[]) => (values && values.length > 0 ? new Set(values) : undefined);
  const regions = set(filters.regions);
  const services = set(filters.services);
  const accounts = set(filters.accounts);
  return (key) =>
    (!regions || regions.has(key.region)) &&
    (!services || services.has(key.service)) &&
    (!accounts || accounts.has(key.account));
}
