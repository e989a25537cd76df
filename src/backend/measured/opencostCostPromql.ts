/**
 * PromQL for OpenCost's cost over a range, summed from raw samples and joined to prices once.
 *
 * OpenCost writes every allocation and price series in the same scrape, so a container's cost
 * over a window is Σ samples (alloc × price) × Δ / 3600, Δ the scrape interval. Where the node's
 * price is constant in the window that is price × Σ alloc samples × Δ / 3600: Prometheus sums
 * each series' raw samples (`sum_over_time`, one pass over the chunks) and joins the sums to the
 * prices once, instead of evaluating a four-way join at every step of a subquery. Windows where a
 * price changes are split at the change (opencostCost.ts), so each window has one price per node.
 *
 * Windows are `[len] @ end` in milliseconds. Prometheus 2.x ranges include their start, 3.x ranges
 * do not: window boundaries sit 1 ms before a sample (the change) or are the query's own start
 * with 1 ms taken off, so both versions read the same samples.
 */
import { opencost } from '../sources/prometheus/exporters';
import { matcherEq, matcherIn, promDuration, selector } from '../sources/prometheus/promql';
import { namespaceMatchers } from './promqlParts';

const GIB = '1073741824';

/** A window (endMs − lengthMs, endMs] of the range, in which every price is constant. */
export interface CostWindow {
  endMs: number;
  lengthMs: number;
}

/** `[60000ms] @ 1700000000.123`: the window as a range and an evaluation time. */
export function windowOf(w: CostWindow): string {
  return `[${promDuration(w.lengthMs)}] @ ${(w.endMs / 1000).toFixed(3)}`;
}

/** Tags a part of a sum, so parts with equal labels survive `or`. */
function part(name: string, expr: string): string {
  return `label_replace(${expr}, "part", "${name}", "__name__", ".*")`;
}

/**
 * Σ raw samples of allocation × price in the window, in (currency/h)·samples (× Δ(job) / 3600
 * gives currency): per namespace, node and scrape job for CPU, RAM and GPU; per namespace, pod
 * and job for storage (PVC allocations have no node: podNodes gives it, once for the range).
 */
export function costSamplesSum(namespaces: readonly string[] | undefined, w: CostWindow): string {
  const ns = namespaceMatchers('namespace', namespaces);
  const m = opencost.metrics;
  const win = windowOf(w);
  const samples = (metric: string, by: string) => `sum by (${by}) (sum_over_time(${selector(metric, ns)}${win}))`;
  const price = (metric: string, on = 'node') => `max by (${on}) (last_over_time(${metric}${win}))`;
  const perNode = (metric: string, priceMetric: string, scale = '') =>
    `${samples(metric, 'namespace, node, job')}${scale} * on (node) group_left () ${price(priceMetric)}`;
  const parts = [
    part('cpu', perNode(m.cpuAllocation, m.nodeCpuHourlyCost)),
    part('ram', perNode(m.memoryAllocationBytes, m.nodeRamHourlyCost, ` / ${GIB}`)),
    part('gpu', perNode(m.gpuAllocation, m.nodeGpuHourlyCost)),
  ];
  const storage =
    `${samples(m.pvcAllocation, 'namespace, pod, persistentvolume, job')} / ${GIB}` +
    ` * on (persistentvolume) group_left () ${price(m.pvHourlyCost, 'persistentvolume')}`;
  return `sum by (namespace, node, job) (${parts.join(' or ')}) or sum by (namespace, pod, job) (${storage})`;
}

/**
 * The node each pod ran on longest in the range (most CPU allocation samples), for the pods
 * whose storage is booked: a StatefulSet pod may come back on another node.
 */
export function podNodes(pods: ReadonlyArray<{ namespace: string; pod: string }>, w: CostWindow): string {
  const matchers = [
    matcherIn(
      'namespace',
      pods.map((p) => p.namespace)
    ),
    matcherIn(
      'pod',
      pods.map((p) => p.pod)
    ),
  ];
  return (
    'topk by (namespace, pod) (1, count by (namespace, pod, node) ' +
    `(count_over_time(${selector(opencost.metrics.cpuAllocation, matchers)}${windowOf(w)})))`
  );
}

/** Every price the cost reads: node CPU, RAM and GPU prices and volume prices. */
export const PRICE_METRICS = [
  opencost.metrics.nodeCpuHourlyCost,
  opencost.metrics.nodeRamHourlyCost,
  opencost.metrics.nodeGpuHourlyCost,
  opencost.metrics.pvHourlyCost,
] as const;

/** Price series whose value changes in the window (`changes` counts changes between samples). */
export function changedPrices(metric: string, w: CostWindow): string {
  return `changes(${metric}${windowOf(w)}) > 0`;
}

/**
 * For a range query at step Δ: the timestamp of each sample of the given price series whose
 * value differs from the one before it (Δ earlier), i.e. the times prices change.
 */
export function priceChangeTimes(metric: string, job: string, intervalMs: number): string {
  const s = selector(metric, [matcherEq('job', job)]);
  return `timestamp(${s}) and (${s} != ${s} offset ${promDuration(intervalMs)})`;
}

/** The sample time of each node price series at an instant (within the lookback). */
export function sampleTimes(atMs: number): string {
  return `timestamp(${opencost.metrics.nodeCpuHourlyCost} @ ${(atMs / 1000).toFixed(3)})`;
}

/** Samples of one node price series from `fromMs` to `toMs`, both included (1 ms wider each way). */
export function samplesBetween(labels: Record<string, string>, fromMs: number, toMs: number): string {
  const matchers = Object.entries(labels)
    .filter(([k]) => k !== '__name__')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => matcherEq(k, v));
  const w = { endMs: toMs, lengthMs: toMs - fromMs + 1 };
  return `count_over_time(${selector(opencost.metrics.nodeCpuHourlyCost, matchers)}${windowOf(w)})`;
}

/** The most samples any node price series of each job has in the window (the fallback interval). */
export function samplesPerJob(w: CostWindow): string {
  return `max by (job) (count_over_time(${opencost.metrics.nodeCpuHourlyCost}${windowOf(w)}))`;
}
