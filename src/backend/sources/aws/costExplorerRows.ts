/** GetCostAndUsage responses (grouped by SERVICE + USAGE_TYPE) into summed usage rows. */
import type { GetCostAndUsageCommandOutput } from '@aws-sdk/client-cost-explorer';
import type { UsageAggregator } from '../usageAggregator';
import { COST_METRIC, USAGE_METRIC } from './costExplorerRequest';
import { instanceTypeFromUsageType, regionFromUsageType } from './usageType';

/** What the conversion saw that the user should hear about. */
export interface ConversionStats {
  groups: number;
  /** Groups whose UsageQuantity came back with unit `N/A` (mixed units summed by CE). */
  mixedUnitGroups: number;
  /** Groups with an amount that is not a number (counted as 0). */
  badAmounts: number;
  /** Periods CE marks as estimated (the last day or so is still being billed). */
  estimatedPeriods: Set<string>;
}

export function emptyConversionStats(): ConversionStats {
  return { groups: 0, mixedUnitGroups: 0, badAmounts: 0, estimatedPeriods: new Set() };
}

export type CostAndUsagePage = Pick<GetCostAndUsageCommandOutput, 'ResultsByTime' | 'NextPageToken'>;

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
      continue;
    }
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
