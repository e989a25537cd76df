/** GetCostAndUsage responses (grouped by SERVICE + USAGE_TYPE) into summed usage rows. */
import type { GetCostAndUsageCommandOutput } from '@aws-sdk/client-cost-explorer';
import type { UsageAggregator } from '../usageAggregator';
import { COST_METRIC, USAGE_METRIC } from './costExplorerRequest';
import { instanceTypeFromUsageType, regionFromUsageType } from './usageType';

/** What the conversion saw that the user should hear about. */
export interface ConversionStats {
  /** Periods (ResultsByTime entries) answered. */
  periods: number;
  groups: number;
  /** Groups whose UsageQuantity came back with unit `N/A` (mixed units summed by CE). */
  mixedUnitGroups: number;
  /** Groups with an amount that is not a number (counted as 0). */
  badAmounts: number;
  /** Periods CE marks as estimated (the last day or so is still being billed). */
  estimatedPeriods: Set<string>;
}

export function emptyConversionStats(): ConversionStats {
  return { periods: 0, groups: 0, mixedUnitGroups: 0, badAmounts: 0, estimatedPeriods: new Set() };
}

export type CostAndUsagePage = Pick<GetCostAndUsageCommandOutput, 'ResultsByTime' | 'NextPageToken'>;

/**
 * What makes `page` not a GetCostAndUsage answer, or undefined when it is one. Cost Explorer
 * always sends a ResultsByTime list (one result per period, each dated); the SDK passes whatever
 * JSON came (`{}` from a proxy, a string) through untyped, which would read as "no usage".
 */
export function notCostAndUsage(page: { ResultsByTime?: unknown }): string | undefined {
  const results: unknown = page.ResultsByTime;
  if (!Array.isArray(results)) {
    return results === undefined ? 'no ResultsByTime list' : `ResultsByTime is a ${typeof results}, not a list`;
  }
  for (const [i, result] of results.entries()) {
    if (typeof result !== 'object' || result === null) {
      return `ResultsByTime[${i}] is not an object`;
    }
    const { TimePeriod, Groups } = result as { TimePeriod?: { Start?: unknown }; Groups?: unknown };
    const start = TimePeriod?.Start;
    if (typeof start !== 'string' || !Number.isFinite(Date.parse(start))) {
      return `ResultsByTime[${i}] has no TimePeriod.Start date`;
    }
    if (Groups !== undefined && !Array.isArray(Groups)) {
      return `ResultsByTime[${i}].Groups is not a list`;
    }
  }
  return undefined;
}

export function addCostAndUsagePage(
  page: CostAndUsagePage,
  account: string,
  aggregator: UsageAggregator,
  stats: ConversionStats
): void {
  const amountOf = (value: string | undefined) => {
    const n = Number(value ?? '0');
    if (!Number.isFinite(n)) {
      stats.badAmounts++;
      return 0;
    }
    return n;
  };
  for (const result of page.ResultsByTime ?? []) {
    const periodStart = result.TimePeriod?.Start;
    // `YYYY-MM-DD` and `YYYY-MM-DDTHH:mm:ssZ` both parse as UTC.
    const time = Date.parse(periodStart ?? '');
    if (!Number.isFinite(time)) {
      continue; // notCostAndUsage refused such pages: not reached
    }
    stats.periods++;
    if (result.Estimated) {
      stats.estimatedPeriods.add(periodStart!);
    }
    for (const group of result.Groups ?? []) {
      const [service = '', usageType = ''] = group.Keys ?? [];
      const usage = group.Metrics?.[USAGE_METRIC];
      const cost = group.Metrics?.[COST_METRIC];
      const unit = usage?.Unit ?? '';
      stats.groups++;
      if (unit === 'N/A') {
        stats.mixedUnitGroups++;
      }
      aggregator.add(
        time,
        {
          provider: 'aws',
          account,
          region: regionFromUsageType(usageType),
          service,
          usageType,
          unit,
          instanceType: instanceTypeFromUsageType(usageType),
          currency: cost?.Unit || 'USD',
        },
        amountOf(usage?.Amount),
        amountOf(cost?.Amount)
      );
    }
  }
}
