/**
 * The overview's time range in the URL (?from=&to=), as Grafana dashboards keep it: relative (`now-7d`) or epoch
 * milliseconds. Billing and the idle rule work in days, so the default is the last 7 days.
 */
import { dateMath, dateTime, DateTime, RawTimeRange, TimeRange } from '@grafana/data';

import type { EpochRange } from '../shared/backendRequest';

export const DEFAULT_RANGE = { from: 'now-7d', to: 'now' } as const;

function readEnd(value: string | null): string | DateTime | undefined {
  if (!value) {
    return undefined;
  }
  if (/^\d+$/.test(value)) {
    return dateTime(Number(value));
  }
  return value.startsWith('now') ? value : undefined;
}

/** The raw range in the URL, or the default for anything unreadable. */
export function rawRangeFromParams(params: URLSearchParams): RawTimeRange {
  const from = readEnd(params.get('from'));
  const to = readEnd(params.get('to'));
  return from && to ? { from, to } : { ...DEFAULT_RANGE };
}

export const endParam = (end: string | DateTime) => (typeof end === 'string' ? end : String(end.valueOf()));

/** The range resolved against one reading of the clock, so `now-7d` to `now` spans exactly 7 days. */
export function resolveRange(raw: RawTimeRange, now = Date.now()): { timeRange: TimeRange; epoch: EpochRange } {
  const from = dateMath.toDateTime(raw.from, { roundUp: false, now }) ?? dateTime(now - 7 * 24 * 3600 * 1000);
  const to = dateMath.toDateTime(raw.to, { roundUp: true, now }) ?? dateTime(now);
  const timeRange: TimeRange = { from, to, raw };
  return { timeRange, epoch: { from: timeRange.from.valueOf(), to: timeRange.to.valueOf() } };
}
