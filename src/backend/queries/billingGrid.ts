/** Which granularity `auto` means for a billing query's range. */
import type { Granularity } from '../../datasource/types';
import type { BucketGranularity } from '../sources/billingSource';
import type { TimeRange } from './queryHandler';

const DAY = 86_400_000;

/** `auto`: hourly up to 2 days, daily up to 93 days (a quarter), monthly beyond. */
export function resolveGranularity(
  requested: Granularity,
  range: TimeRange,
  hourlyAvailable: boolean
): BucketGranularity {
  if (requested !== 'auto') {
    return requested;
  }
  const span = range.to - range.from;
  if (span <= 2 * DAY && hourlyAvailable) {
    return 'hourly';
  }
  return span <= 93 * DAY ? 'daily' : 'monthly';
}
