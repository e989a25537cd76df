/**
 * OpenCost cost per namespace and node over the query's range, in currency units, as OpenCost's
 * own samples price it: Σ over its scrapes in (from, to] of allocation × price × Δ / 3600.
 *
 * 1. Δ, OpenCost's scrape interval per job, measured on a node price series: the time between
 *    two of its samples an hour apart divided by the intervals counted between them (exact, as
 *    every series of one scrape carries the scrape's timestamp).
 * 2. Prices that change in the range (`changes`) are located to the sample: a range query at
 *    step Δ returns the time of each sample whose value differs from the one before.
 * 3. The range is cut 1 ms before each change, so every window has one price per node and
 *    volume, and each window is one instant query that sums raw samples and joins prices once
 *    (opencostCostPromql.ts). Storage is summed per pod and booked, once for the range, to the
 *    node its pod ran on longest (a StatefulSet pod may come back elsewhere).
 *
 * Beyond MAX_PRICE_WINDOWS windows (prices changing at nearly every scrape), or when changes
 * cannot all be located (a price that changed across a gap in its series), the cost is
 * integrated at the step as before, with a notice: slower, and as exact as the step.
 */
import { someOf } from '../frames/noticeText';
import { mapLimited } from '../core/concurrency';
import type { VectorSample } from '../sources/prometheus/promResponse';
import { opencostCostByStep } from './clusterQueries';
import type { EnergyContext } from './energyContext';
import {
  changedPrices,
  type CostWindow,
  costSamplesSum,
  PRICE_METRICS,
  podNodes,
  priceChangeTimes,
  samplesBetween,
  samplesPerJob,
  sampleTimes,
} from './opencostCostPromql';
import { labelKey } from './promRun';

/** Change times in (from, to]; or none could be located; or too many for windows, at least this many. */
type PriceChanges = number[] | 'unlocated' | { atLeast: number };

export interface CostRow {
  namespace: string;
  node: string;
  cost: number;
}

/** Windows the range may be cut into before the cost falls back to step integration. */
export const MAX_PRICE_WINDOWS = 100;
/** Window queries in flight at once. */
const WINDOW_CONCURRENCY = 4;
/** Δ is measured between samples this far apart (or as far as the series goes). */
const INTERVAL_SPAN_MS = 3_600_000;
/** Prometheus refuses range queries of more points per series. */
const MAX_STEPS = 10_000;

export async function opencostCost(ctx: EnergyContext, namespaces: string[] | undefined): Promise<CostRow[]> {
  const range: CostWindow = { endMs: ctx.toMs, lengthMs: ctx.toMs - ctx.fromMs - 1 };
  const intervals = await scrapeIntervals(ctx, range);
  if (intervals.size === 0) {
    return [];
  }
  const changes = await priceChanges(ctx, range, intervals);
  const windows = Array.isArray(changes) ? windowsBetween(ctx.fromMs, ctx.toMs, changes) : [];
  const reason = stepReason(changes, windows);
  if (reason) {
    ctx.notice(
      'info',
      `${reason}: cost is integrated at the ${ctx.timing.stepMs / 1000} s step instead of per scrape.`
    );
    return rowsOf(await ctx.instant(opencostCostByStep(namespaces, ctx.timing)), () => 1);
  }
  const sums = (
    await mapLimited(windows, WINDOW_CONCURRENCY, (w) => ctx.instant(costSamplesSum(namespaces, w)))
  ).flat();
  const unmeasured = new Set<string>();
  const hoursPerSample = (job: string) => {
    const ms = intervals.get(job) ?? (intervals.size === 1 ? [...intervals.values()][0] : undefined);
    if (ms === undefined) {
      unmeasured.add(job);
    }
    return ms === undefined ? undefined : ms / 3_600_000;
  };
  const storage = sums.filter((s) => s.labels.pod !== undefined);
  const rows = rowsOf(
    [...sums.filter((s) => s.labels.pod === undefined), ...(await onPodNodes(ctx, storage, range))],
    hoursPerSample
  );
  if (unmeasured.size) {
    ctx.notice(
      'warning',
      `Cost of OpenCost job(s) ${someOf([...unmeasured])} left out: no node price series of theirs to measure their scrape interval.`
    );
  }
  return rows;
}

/** Why the cost cannot be summed per price window, or undefined when it can. */
function stepReason(changes: PriceChanges, windows: CostWindow[]): string | undefined {
  if (changes === 'unlocated') {
    return 'Some OpenCost price changes could not be located (a price series with gaps)';
  }
  const tooMany = (times: string) =>
    `OpenCost prices change ${times} times in this range (more than ${MAX_PRICE_WINDOWS - 1})`;
  if (Array.isArray(changes)) {
    return windows.length > MAX_PRICE_WINDOWS ? tooMany(`${windows.length - 1}`) : undefined;
  }
  return tooMany(`at least ${changes.atLeast}`);
}

/** Storage sums per pod, labelled with the node the pod ran on longest in the range. */
async function onPodNodes(ctx: EnergyContext, storage: VectorSample[], range: CostWindow): Promise<VectorSample[]> {
  if (storage.length === 0) {
    return [];
  }
  const pods = storage.map((s) => ({ namespace: s.labels.namespace ?? '', pod: s.labels.pod ?? '' }));
  const nodeOf = new Map<string, string>();
  for (const s of await ctx.instant(podNodes(pods, range))) {
    nodeOf.set(`${s.labels.namespace}/${s.labels.pod}`, s.labels.node ?? '');
  }
  const out: VectorSample[] = [];
  const lost = new Set<string>();
  for (const s of storage) {
    const pod = `${s.labels.namespace}/${s.labels.pod}`;
    const node = nodeOf.get(pod);
    if (node === undefined) {
      lost.add(pod);
    } else {
      out.push({ ...s, labels: { namespace: s.labels.namespace ?? '', node, job: s.labels.job ?? '' } });
    }
  }
  if (lost.size) {
    ctx.notice(
      'warning',
      `Storage cost of ${someOf([...lost].sort())} left out: no CPU allocation of the pod in the range gives its node.`
    );
  }
  return out;
}

/** Sums samples per namespace and node, × hours per sample of the job (undefined: left out). */
function rowsOf(samples: VectorSample[], hoursPerSample: (job: string) => number | undefined): CostRow[] {
  const out = new Map<string, CostRow>();
  for (const s of samples) {
    const hours = hoursPerSample(s.labels.job ?? '');
    if (hours === undefined) {
      continue;
    }
    const namespace = s.labels.namespace ?? '';
    const node = s.labels.node ?? '';
    const key = `${namespace}\u0000${node}`;
    const row = out.get(key) ?? out.set(key, { namespace, node, cost: 0 }).get(key)!;
    row.cost += s.value * hours;
  }
  return [...out.values()];
}

/**
 * OpenCost's scrape interval per job, in ms: on the node price series seen at the range's end,
 * (t_end − t_start) / (samples between them − 1), t_start the sample an hour earlier. Without a
 * sample at the end (OpenCost gone by then), the range over the most samples of one series, with
 * a notice, as that overstates Δ when no node lived through the whole range.
 */
async function scrapeIntervals(ctx: EnergyContext, range: CostWindow): Promise<Map<string, number>> {
  const [ends, starts, counts] = await Promise.all([
    ctx.instant(sampleTimes(ctx.toMs)),
    ctx.instant(sampleTimes(ctx.toMs - INTERVAL_SPAN_MS)),
    ctx.instant(samplesPerJob(range)),
  ]);
  const startOf = new Map(starts.map((s) => [labelKey(s.labels), s.value * 1000]));
  const longest = new Map<string, { labels: Record<string, string>; fromMs: number; toMs: number }>();
  for (const end of ends) {
    const job = end.labels.job ?? '';
    const toMs = Math.round(end.value * 1000);
    const fromMs = Math.round(startOf.get(labelKey(end.labels)) ?? toMs);
    const best = longest.get(job);
    if (toMs > fromMs && (!best || toMs - fromMs > best.toMs - best.fromMs)) {
      longest.set(job, { labels: end.labels, fromMs, toMs });
    }
  }
  const intervals = new Map<string, number>();
  await Promise.all(
    [...longest].map(async ([job, s]) => {
      const [count] = await ctx.instant(samplesBetween(s.labels, s.fromMs, s.toMs));
      if (count && count.value > 1) {
        intervals.set(job, (s.toMs - s.fromMs) / (count.value - 1));
      }
    })
  );
  for (const c of counts) {
    const job = c.labels.job ?? '';
    if (!intervals.has(job) && c.value > 0) {
      const ms = (range.lengthMs + 1) / c.value;
      intervals.set(job, ms);
      ctx.notice(
        'warning',
        `OpenCost's scrape interval${job ? ` (job ${job})` : ''} could not be measured at the end of the range (no node price sample there): taken as ${(ms / 1000).toFixed(1)} s from sample counts, which overstates cost when no node lived through the whole range.`
      );
    }
  }
  return intervals;
}

/**
 * Every time (ms) in (from, to] at which a price series takes a new value; `unlocated` when a
 * series has fewer located changes than `changes()` counts (a change across a gap in it). Stops
 * as soon as the changes are too many for windows (`atLeast`): one series' count says so before
 * any range query, and the times found so far after each one, so churning spot prices cost four
 * instant queries, not a range query at the scrape interval per price series.
 */
async function priceChanges(
  ctx: EnergyContext,
  range: CostWindow,
  intervals: Map<string, number>
): Promise<PriceChanges> {
  const changed = await Promise.all(PRICE_METRICS.map((m) => ctx.instant(changedPrices(m, range))));
  // One change at most (one at from + 1 ms) makes no window: more than MAX changes, more than MAX windows.
  const most = Math.max(0, ...changed.flat().map((s) => s.value));
  if (most > MAX_PRICE_WINDOWS) {
    return { atLeast: most };
  }
  const times = new Set<number>();
  for (const [i, series] of changed.entries()) {
    for (const job of new Set(series.map((s) => s.labels.job ?? ''))) {
      const stepMs = Math.round(intervals.get(job) ?? 0);
      if (stepMs <= 0) {
        return 'unlocated';
      }
      const located = await changeTimes(ctx, priceChangeTimes(PRICE_METRICS[i], job, stepMs), stepMs);
      for (const s of series.filter((x) => (x.labels.job ?? '') === job)) {
        const at = located.get(labelKey(s.labels)) ?? [];
        if (at.length < s.value) {
          return 'unlocated';
        }
        at.forEach((t) => times.add(t));
      }
      if (times.size > MAX_PRICE_WINDOWS) {
        return { atLeast: times.size };
      }
    }
  }
  return [...times].sort((a, b) => a - b);
}

/** The change times in (from, to] per series, from range queries at step Δ (chunked to MAX_STEPS). */
async function changeTimes(ctx: EnergyContext, expr: string, stepMs: number): Promise<Map<string, number[]>> {
  const last = ctx.fromMs + Math.ceil((ctx.toMs - ctx.fromMs) / stepMs) * stepMs;
  const out = new Map<string, Set<number>>();
  for (let start = ctx.fromMs; start < last; start += stepMs * MAX_STEPS) {
    for (const s of await ctx.rangeAt(expr, start, Math.min(start + stepMs * MAX_STEPS, last), stepMs)) {
      const key = labelKey(s.labels);
      const seen = out.get(key) ?? out.set(key, new Set()).get(key)!;
      for (const v of s.values) {
        const at = Math.round(v * 1000);
        if (at > ctx.fromMs && at <= ctx.toMs) {
          seen.add(at);
        }
      }
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}

/** (from, to] cut 1 ms before each change: windows as `[length] @ end`, the first 1 ms short of from. */
export function windowsBetween(fromMs: number, toMs: number, changes: readonly number[]): CostWindow[] {
  const ends = [...changes.filter((c) => c - 1 > fromMs && c <= toMs).map((c) => c - 1), toMs];
  const out: CostWindow[] = [];
  let start = fromMs;
  for (const end of ends) {
    const lengthMs = end - start - (start === fromMs ? 1 : 0);
    if (lengthMs > 0) {
      out.push({ endMs: end, lengthMs });
    }
    start = end;
  }
  return out;
}
