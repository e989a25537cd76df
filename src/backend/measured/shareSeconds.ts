/**
 * ∫ share dt: each group's share of its node's CPU requests (or usage, or allocation) summed over
 * the range's steps × step, and each node's span (the seconds in which anything on it had a
 * share), which node idle energy is divided by.
 *
 * By namespace or node, Prometheus evaluates the per-namespace sums once (a range query at the
 * step) and Node divides by the node totals: the subquery form (clusterQueries.nodeShareSeconds)
 * evaluates the numerator and the denominator at every step and joins them, three times the work
 * on a week of a thousand pods. By pod, a range query would return a point per pod per step, so
 * the subquery stays.
 *
 * The steps are the subquery's: multiples of the step in (from, to]. A step at which a node's
 * total is 0 counts for no one (the subquery's 0/0 would make the whole sum NaN).
 */
import type { MatrixSeries, VectorSample } from '../sources/prometheus/promResponse';
import { type ShareBasis, nodeBasis, nodeShare, nodeShareSeconds } from './clusterQueries';
import type { EnergyContext } from './energyContext';
import { GRAIN_LABELS, type Grain } from './promqlParts';

export interface ShareSeconds {
  /** Share-seconds per group and node (`node` and the grain's labels). */
  weights: VectorSample[];
  /** Seconds per node in which its total was above 0 (`node`). */
  spans: VectorSample[];
}

export async function shareSeconds(
  ctx: EnergyContext,
  basis: ShareBasis,
  grain: Grain,
  namespaces: string[] | undefined
): Promise<ShareSeconds> {
  const t = ctx.timing;
  const filtered = !!namespaces?.length;
  if (grain === 'pod') {
    const [weights, spans] = await Promise.all([
      ctx.instant(nodeShareSeconds(basis, GRAIN_LABELS[grain], namespaces, t)),
      // Unfiltered, the groups' share-seconds of a node add up to its span: no second query.
      filtered ? ctx.instant(nodeShareSeconds(basis, [], undefined, t)) : undefined,
    ]);
    return { weights, spans: spans ?? weights };
  }
  const series = await basisByNamespace(ctx, basis);
  const stepS = t.stepMs / 1000;
  const totals = new Map<string, Map<number, number>>();
  for (const s of series) {
    const node = s.labels.node ?? '';
    const byTime = totals.get(node) ?? totals.set(node, new Map()).get(node)!;
    s.timesMs.forEach((ms, i) => byTime.set(ms, (byTime.get(ms) ?? 0) + s.values[i]));
  }
  const inRange = (ms: number) => ms > ctx.fromMs && ms <= ctx.toMs;
  const keep = new Set(namespaces ?? []);
  const weights = new Map<string, VectorSample>();
  for (const s of series) {
    const node = s.labels.node ?? '';
    const namespace = s.labels.namespace ?? '';
    if (filtered && !keep.has(namespace)) {
      continue;
    }
    const labels: Record<string, string> = grain === 'namespace' ? { namespace, node } : { node };
    const key = JSON.stringify(labels);
    const w = weights.get(key) ?? weights.set(key, { labels, timeMs: ctx.toMs, value: 0 }).get(key)!;
    const byTime = totals.get(node)!;
    s.timesMs.forEach((ms, i) => {
      const total = byTime.get(ms)!;
      if (inRange(ms) && total > 0) {
        w.value += (s.values[i] / total) * stepS;
      }
    });
  }
  const spans: VectorSample[] = [...totals].map(([node, byTime]) => ({
    labels: { node },
    timeMs: ctx.toMs,
    value: [...byTime].filter(([ms, total]) => inRange(ms) && total > 0).length * stepS,
  }));
  return { weights: [...weights.values()], spans };
}

/**
 * The per-namespace basis on the range's grid (numerators; a node's total is their sum), sent once
 * per request: energy totals (shareSeconds) and power over time (shareSeries) both read it.
 */
function basisByNamespace(ctx: EnergyContext, basis: ShareBasis): Promise<MatrixSeries[]> {
  return ctx.rangeOnce(nodeBasis(basis, ['namespace'], ctx.timing));
}

/**
 * Each group's share of its node's basis at every step, as nodeShare's range query returns it
 * (labels `node` and the grain's). By namespace or node the shares are divided here from the
 * per-namespace sums: Prometheus joining every namespace to its node's total at every step took
 * 4 s of a week's energyPerUnit on a thousand pods (docs/benchmarks.md). By pod the join stays.
 */
export async function shareSeries(
  ctx: EnergyContext,
  basis: ShareBasis,
  grain: Grain,
  namespaces: string[] | undefined
): Promise<MatrixSeries[]> {
  if (grain === 'pod') {
    return ctx.range(nodeShare(basis, GRAIN_LABELS[grain], namespaces, ctx.timing));
  }
  const series = await basisByNamespace(ctx, basis);
  const totals = new Map<string, Map<number, number>>();
  for (const s of series) {
    const node = s.labels.node ?? '';
    const byTime = totals.get(node) ?? totals.set(node, new Map()).get(node)!;
    s.timesMs.forEach((ms, i) => byTime.set(ms, (byTime.get(ms) ?? 0) + s.values[i]));
  }
  const keep = namespaces?.length ? new Set(namespaces) : undefined;
  const groups = new Map<string, { labels: Record<string, string>; byTime: Map<number, number> }>();
  for (const s of series) {
    const node = s.labels.node ?? '';
    const namespace = s.labels.namespace ?? '';
    if (keep && !keep.has(namespace)) {
      continue;
    }
    const labels: Record<string, string> = grain === 'namespace' ? { namespace, node } : { node };
    const key = JSON.stringify(labels);
    const g = groups.get(key) ?? groups.set(key, { labels, byTime: new Map() }).get(key)!;
    s.timesMs.forEach((ms, i) => g.byTime.set(ms, (g.byTime.get(ms) ?? 0) + s.values[i]));
  }
  const out: MatrixSeries[] = [];
  for (const { labels, byTime } of groups.values()) {
    const node = totals.get(labels.node)!;
    // A step whose node total is 0 has no share (Prometheus's x / 0 drops out of the sums too).
    const points = [...byTime].filter(([ms]) => node.get(ms)! > 0).sort(([a], [b]) => a - b);
    out.push({ labels, timesMs: points.map(([ms]) => ms), values: points.map(([ms, v]) => v / node.get(ms)!) });
  }
  return out;
}
