/**
 * One FOCUS row into the usage aggregator: which rows count, in which period, with which amount
 * and cost.
 *
 * - Rows: ChargeCategory `Usage` only (purchases, taxes, credits and adjustments are not usage).
 *   `ChargeClass = Correction` rows are kept and, like every row, dated by ChargePeriodStart: FOCUS
 *   gives a correction the charge period it corrects (its BillingPeriod is when it was billed), so
 *   it lands in, and amends, the corrected bucket.
 * - Amount: ConsumedQuantity/ConsumedUnit (what ran); PricingQuantity/PricingUnit only when the
 *   consumed pair is null (counted in a notice), since pricing units can be blocks (Azure prices
 *   storage operations per 10,000). Unused commitment rows consumed nothing: amount 0, cost kept.
 * - Cost: EffectiveCost, the amortised cost (commitment-covered usage at its effective rate), as
 *   Cost Explorer's AmortizedCost. BilledCost is used when EffectiveCost is null, or 0 while
 *   BilledCost is not: FOCUS defines EffectiveCost as BilledCost after amortisation, so usage that
 *   was billed cannot have cost nothing. The public FOCUS sample has exactly that inconsistency
 *   (EffectiveCost 0 on most AWS and all Oracle rows).
 */
import type { BillingFilters } from '../../../datasource/types';
import { instanceTypeFromUsageType, instanceTypeInText } from '../aws/usageType';
import { usageFilter, type UsageAggregator } from '../usageAggregator';
import type { ColumnLayout, FocusField } from './focusColumns';
import { BadValue, decimal, looksLikeRegionId, normaliseProvider, skuDetails, text, TimeParser } from './focusValues';

export interface FocusReadStats {
  rowsRead: number;
  usageRows: number;
  /** Usage rows kept, per normalised provider. */
  usageRowsByProvider: Map<string, number>;
  notUsage: number;
  outsideRange: number;
  filteredOut: number;
  corrections: number;
  pricingQuantityFallback: number;
  billedCostFallback: number;
  unusedCommitment: number;
  badRows: number;
  /** `file:line (reason)` of the first few bad rows. */
  badRowExamples: string[];
}

export const MAX_BAD_ROW_EXAMPLES = 3;

export function emptyFocusStats(): FocusReadStats {
  return {
    rowsRead: 0,
    usageRows: 0,
    usageRowsByProvider: new Map(),
    notUsage: 0,
    outsideRange: 0,
    filteredOut: 0,
    corrections: 0,
    pricingQuantityFallback: 0,
    billedCostFallback: 0,
    unusedCommitment: 0,
    badRows: 0,
    badRowExamples: [],
  };
}

/** Counts a skipped row; keeps `file:line (reason)` for the first few. */
export function recordBadRow(stats: FocusReadStats, where: string, reason: string): void {
  stats.badRows++;
  if (stats.badRowExamples.length < MAX_BAD_ROW_EXAMPLES) {
    stats.badRowExamples.push(`${where} (${reason})`);
  }
}

export interface RowWindow {
  from: number;
  to: number;
  filters: BillingFilters;
}

/**
 * Per-string results that repeat on many rows (a description's instance type, SKU JSON), bounded
 * so a file with endless distinct descriptions cannot grow it without limit.
 */
class TextMemo {
  static readonly MAX = 10_000;
  readonly #instanceTypes = new Map<string, string | undefined>();
  readonly #skus = new Map<string, ReturnType<typeof skuDetails>>();

  instanceType(description: string): string | undefined {
    return this.#remember(this.#instanceTypes, description, instanceTypeInText);
  }

  sku(json: string): ReturnType<typeof skuDetails> {
    return this.#remember(this.#skus, json, skuDetails);
  }

  #remember<V>(map: Map<string, V>, key: string, compute: (k: string) => V): V {
    if (map.has(key)) {
      return map.get(key) as V;
    }
    if (map.size >= TextMemo.MAX) {
      map.clear();
    }
    const value = compute(key);
    map.set(key, value);
    return value;
  }
}

export class FocusRowReader {
  readonly #layout: ColumnLayout;
  readonly #window: RowWindow;
  readonly #aggregator: UsageAggregator;
  readonly #stats: FocusReadStats;
  readonly #keep: ReturnType<typeof usageFilter>;
  readonly #times = new TimeParser();
  readonly #providers = new Map<string, string>();
  readonly #memo = new TextMemo();
  #values: ArrayLike<unknown> = [];

  constructor(layout: ColumnLayout, window: RowWindow, aggregator: UsageAggregator, stats: FocusReadStats) {
    this.#layout = layout;
    this.#window = window;
    this.#aggregator = aggregator;
    this.#stats = stats;
    this.#keep = usageFilter(window.filters);
  }

  /** Adds one row; `where` names it (`file:line`) only if it turns out bad. */
  add(values: ArrayLike<unknown>, where: () => string): void {
    this.#stats.rowsRead++;
    this.#values = values;
    try {
      if (this.#text('chargeCategory')?.toLowerCase() !== 'usage') {
        this.#stats.notUsage++;
        return;
      }
      const start = this.#times.parse(this.#get('chargePeriodStart'), 'ChargePeriodStart');
      if (start < this.#window.from || start >= this.#window.to) {
        this.#stats.outsideRange++;
        return;
      }
      const regionName = this.#text('regionName');
      const provider = this.#provider(
        this.#text('hostProvider') ?? this.#text('serviceProvider') ?? this.#text('provider') ?? ''
      );
      const account = this.#text('subAccountId') ?? this.#text('billingAccountId') ?? '';
      const region = this.#text('regionId') ?? (regionName && looksLikeRegionId(regionName) ? regionName : '');
      const service = this.#text('serviceName') ?? '';
      if (!this.#keep({ region, service, account })) {
        this.#stats.filteredOut++;
        return;
      }
      const { amount, unit } = this.#quantity();
      const cost = this.#cost();
      const usageType = this.#text('usageType');
      const description = this.#text('chargeDescription');
      const details = this.#text('skuDetails');
      const sku = details ? this.#memo.sku(details) : undefined;
      const instanceType =
        (usageType && instanceTypeFromUsageType(usageType)) ??
        sku?.instanceType ??
        (description ? this.#memo.instanceType(description) : undefined);
      if (this.#text('chargeClass')?.toLowerCase() === 'correction') {
        this.#stats.corrections++;
      }
      this.#aggregator.add(
        start,
        {
          provider,
          account,
          region,
          service,
          serviceCategory: this.#text('serviceCategory'),
          // Without a usage-type column the charge description is the most specific label.
          usageType: usageType ?? description ?? '',
          unit,
          instanceType,
          currency: this.#text('currency') ?? '',
        },
        amount,
        cost,
        sku?.vCpus
      );
      this.#stats.usageRows++;
      this.#stats.usageRowsByProvider.set(provider, (this.#stats.usageRowsByProvider.get(provider) ?? 0) + 1);
    } catch (error) {
      if (!(error instanceof BadValue)) {
        throw error;
      }
      recordBadRow(this.#stats, where(), error.message);
    }
  }

  #get(field: FocusField): unknown {
    const i = this.#layout[field];
    return i === undefined ? undefined : this.#values[i];
  }

  #text(field: FocusField): string | undefined {
    return text(this.#get(field));
  }

  #quantity(): { amount: number; unit: string } {
    const consumed = decimal(this.#get('consumedQuantity'), 'ConsumedQuantity');
    if (consumed !== undefined) {
      return { amount: consumed, unit: this.#text('consumedUnit') ?? this.#text('pricingUnit') ?? '' };
    }
    const unit = this.#text('pricingUnit') ?? '';
    if (this.#text('commitmentStatus')?.toLowerCase() === 'unused') {
      this.#stats.unusedCommitment++;
      return { amount: 0, unit };
    }
    this.#stats.pricingQuantityFallback++;
    return { amount: decimal(this.#get('pricingQuantity'), 'PricingQuantity') ?? 0, unit };
  }

  #cost(): number {
    const effective = decimal(this.#get('effectiveCost'), 'EffectiveCost');
    const billed = decimal(this.#get('billedCost'), 'BilledCost');
    if (effective === undefined || (effective === 0 && billed !== undefined && billed !== 0)) {
      if (billed !== undefined && billed !== 0) {
        this.#stats.billedCostFallback++;
      }
      return billed ?? 0;
    }
    return effective;
  }

  #provider(name: string): string {
    let id = this.#providers.get(name);
    if (id === undefined) {
      id = normaliseProvider(name);
      this.#providers.set(name, id);
    }
    return id;
  }
}
