/**
 * Which granularity a billing query's buckets have: `auto` by the length of the range, and any
 * granularity coarsened when its buckets would exceed MAX_POINTS_PER_SERIES (ten years hourly is
 * 87,660 points per series), as Grafana's Prometheus datasource widens its step.
 */
import type { Granularity } from '../../datasource/types';
import { badQuery } from '../core/errors';
import { MAX_POINTS_PER_SERIES } from '../core/limits';
import type { FrameNotice } from '../frames/frame';
import type { BucketGranularity } from '../sources/billingSource';
import type { TimeRange } from './queryHandler';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Shortest length of each bucket: the most buckets a range can hold is its span over this. */
const SHORTEST: Record<BucketGranularity, number> = { hourly: HOUR, daily: DAY, monthly: 28 * DAY };
const COARSER: Record<BucketGranularity, BucketGranularity | undefined> = {
  hourly: 'daily',
  daily: 'monthly',
  monthly: undefined,
};

/** `auto`: hourly up to 2 days, daily up to 93 days (a quarter), monthly beyond; then capped. */
export function resolveGranularity(
  requested: Granularity,
  range: TimeRange,
  hourlyAvailable: boolean
): BucketGranularity {
  const span = range.to - range.from;
  let granularity: BucketGranularity =
    requested !== 'auto'
      ? requested
      : span <= 2 * DAY && hourlyAvailable
        ? 'hourly'
        : span <= 93 * DAY
          ? 'daily'
          : 'monthly';
  while (mostBuckets(span, granularity) > MAX_POINTS_PER_SERIES) {
    const coarser = COARSER[granularity];
    if (!coarser) {
      throw badQuery(
        `The time range spans ${Math.round(span / (365.25 * DAY)).toLocaleString('en-US')} years: ` +
          `billing series hold at most ${MAX_POINTS_PER_SERIES.toLocaleString('en-US')} monthly points. Pick a shorter range.`
      );
    }
    granularity = coarser;
  }
  return granularity;
}

/** Says so when the granularity asked for was coarsened to keep the series within the point limit. */
export function granularityNotice(requested: Granularity, resolved: BucketGranularity): FrameNotice[] {
  if (requested === 'auto' || requested === resolved) {
    return [];
  }
  return [
    {
      severity: 'info',
      text:
        `Shown ${resolved}, not ${requested}: ${requested} buckets over this range would exceed ` +
        `${MAX_POINTS_PER_SERIES.toLocaleString('en-US')} points per series. Narrow the range to see ${requested} values.`,
    },
  ];
}

function mostBuckets(span: number, granularity: BucketGranularity): number {
  // +1: a range that starts inside a bucket touches one more.
  return Math.ceil(span / SHORTEST[granularity]) + 1;
}
