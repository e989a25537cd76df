/** Evenly spaced timestamps over a query's range, honouring Grafana's interval and point limit. */
import type { TimeRange } from '../core/queryRequest';
import { MAX_POINTS_PER_SERIES } from './limits';

const DEFAULT_MAX_POINTS = 1000;
const MIN_STEP_MS = 1000;

/**
 * The step of a series over `range`: Grafana's interval, widened so the series holds at most
 * maxDataPoints points, and never more than MAX_POINTS_PER_SERIES whatever maxDataPoints says.
 */
export function seriesStep(range: TimeRange, intervalMs: number, maxDataPoints: number): number {
  const span = Math.max(0, range.to - range.from);
  const maxPoints = Math.min(maxDataPoints > 0 ? maxDataPoints : DEFAULT_MAX_POINTS, MAX_POINTS_PER_SERIES);
  // Enough room for both ends: maxPoints - 1 steps.
  const fewestSteps = maxPoints > 1 ? Math.ceil(span / (maxPoints - 1)) : span;
  return Math.max(MIN_STEP_MS, intervalMs, fewestSteps);
}

export function seriesTimestamps(range: TimeRange, intervalMs: number, maxDataPoints: number): number[] {
  const step = seriesStep(range, intervalMs, maxDataPoints);
  const times: number[] = [];
  for (let t = range.from; t <= range.to; t += step) {
    times.push(t);
  }
  return times;
}
