/**
 * Small PromQL text helpers shared by the energy builders. Label values never pass through here
 * unquoted: namespace filters go through matcherIn (src/backend/sources/prometheus/promql.ts).
 */
import { assertLabelName, matcherIn, promDuration } from '../sources/prometheus/promql';

/** How finely a query aggregates before Node combines: canonical label names. */
export type Grain = 'namespace' | 'pod' | 'node';

/** The canonical group labels of a grain (the node is always added separately). */
export const GRAIN_LABELS: Record<Grain, Array<'namespace' | 'pod'>> = {
  namespace: ['namespace'],
  pod: ['namespace', 'pod'],
  node: [],
};

/** Range, subquery step and rate window of one query, in ms. */
export interface Timing {
  rangeMs: number;
  stepMs: number;
  /** `rate()` window for watts at each step: the step, but never below MIN_RATE_WINDOW_MS. */
  windowMs: number;
}

/**
 * rate() needs two samples in its window. The datasource has no scrape-interval setting, so the
 * window never drops below twice a 60 s scrape (OpenCost's default; Kepler's is 30 s).
 */
export const MIN_RATE_WINDOW_MS = 120_000;

export function timing(rangeMs: number, stepMs: number): Timing {
  return { rangeMs: Math.max(rangeMs, 1000), stepMs, windowMs: Math.max(stepMs, MIN_RATE_WINDOW_MS) };
}

/** `sum by (a, b) (expr)`; `sum (expr)` without labels. */
export function sumBy(labels: readonly string[], expr: string): string {
  const names = labels.map(assertLabelName);
  return names.length ? `sum by (${names.join(', ')}) (${expr})` : `sum (${expr})`;
}

/** `[5m]` for range selectors. */
export function rangeOf(ms: number): string {
  return `[${promDuration(ms)}]`;
}

/**
 * A subquery range `[<range − 1 ms>:<step>]` for Riemann sums (`sum_over_time(...) * step`):
 * Prometheus 2.x ranges include their start, 3.x ranges do not; one millisecond less gives
 * exactly range/step evaluations on both.
 */
export function subqueryOf(rangeMs: number, stepMs: number): string {
  return `[${compoundDuration(rangeMs - 1)}:${promDuration(stepMs)}]`;
}

/** Seconds as a PromQL number literal. */
export function secondsOf(ms: number): string {
  return String(ms / 1000);
}

/** `2h59m59s999ms`: units longest first, as PromQL durations may be concatenated. */
export function compoundDuration(ms: number): string {
  let rest = Math.max(1, Math.round(ms));
  let out = '';
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/** Matchers restricting `label` to the given namespaces (exact values), or none. */
export function namespaceMatchers(label: string, namespaces: readonly string[] | undefined): string[] {
  return namespaces && namespaces.length > 0 ? [matcherIn(label, namespaces)] : [];
}

/**
 * `(a - b) or a`: a minus b where b has the group, a alone where it does not (plain `a - b`
 * drops the groups b lacks).
 */
export function minusWhereBoth(a: string, b: string): string {
  return `(${a} - ${b}) or ${a}`;
}
