/**
 * Time buckets of a billing request's granularity, in UTC: billing data is dated in UTC by every
 * provider, whatever the Grafana server's time zone.
 */
import type { BucketGranularity } from './billingSource';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Start (epoch ms) of the bucket that holds `ms`. */
export function bucketStart(ms: number, granularity: BucketGranularity): number {
  switch (granularity) {
    case 'hourly':
      return Math.floor(ms / HOUR_MS) * HOUR_MS;
    case 'daily':
      return Math.floor(ms / DAY_MS) * DAY_MS;
    case 'monthly': {
      const d = new Date(ms);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
  }
}

/** End (exclusive) of the bucket that starts at `start`. */
export function bucketEnd(start: number, granularity: BucketGranularity): number {
  switch (granularity) {
    case 'hourly':
      return start + HOUR_MS;
    case 'daily':
      return start + DAY_MS;
    case 'monthly': {
      const d = new Date(start);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
  }
}

/** `ms` rounded up to the next bucket boundary (itself when already on one). */
export function ceilToBucket(ms: number, granularity: BucketGranularity): number {
  const start = bucketStart(ms, granularity);
  return start === ms ? ms : bucketEnd(start, granularity);
}

/** Starts of the buckets that overlap [from, to): the points a complete series must have. */
export function bucketStarts(range: { from: number; to: number }, granularity: BucketGranularity): number[] {
  const starts: number[] = [];
  for (let t = bucketStart(range.from, granularity); t < range.to; t = bucketEnd(t, granularity)) {
    starts.push(t);
  }
  return starts;
}
