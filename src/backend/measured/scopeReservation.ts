/**
 * What SCI's embodied term M needs from the cluster for a scope: the time it reserved on each node
 * and each node's instance type.
 *
 * Time reserved (TiR × the scope's share of the node): for namespaces and pods, ∫share dt over the
 * window in hours, the share being the one node idle energy is shared by (shareSeconds.ts: CPU
 * requests or usage of the node's pods at each step). The shares of a node's groups add up to 1
 * whenever anything on it has a share, so the node's embodied emissions over that time are shared
 * out whole, the same way as its idle energy (energyModel.ts).
 *
 * Instance types: OpenCost's `instance_type` on node prices (its prices use it), else the
 * kube-state-metrics node label `node.kubernetes.io/instance-type` (allow-listed labels).
 */
import { kubeStateMetrics, opencost } from '../sources/prometheus/exporters';
import type { ShareBasis } from './clusterQueries';
import type { EnergyContext } from './energyContext';
import type { GroupLabels } from './energyModel';
import { type Grain, rangeOf } from './promqlParts';
import { shareSeconds } from './shareSeconds';

const SECONDS_PER_HOUR = 3600;

/** Share-hours per node of the groups `keep` accepts (namespace or pod grain). */
export async function reservedShareHours(
  ctx: EnergyContext,
  basis: ShareBasis,
  grain: Exclude<Grain, 'node'>,
  namespaces: string[],
  keep: (labels: GroupLabels) => boolean
): Promise<Map<string, number>> {
  const { weights } = await shareSeconds(ctx, basis, grain, namespaces);
  const hours = new Map<string, number>();
  for (const w of weights) {
    const node = w.labels.node ?? '';
    if (keep({ namespace: w.labels.namespace, pod: w.labels.pod }) && Number.isFinite(w.value)) {
      hours.set(node, (hours.get(node) ?? 0) + w.value / SECONDS_PER_HOUR);
    }
  }
  return hours;
}

/** Node name → instance type, from OpenCost, else kube-state-metrics node labels. */
export async function nodeInstanceTypes(ctx: EnergyContext): Promise<Map<string, string>> {
  const { opencost: oc, kubeStateMetrics: ksm } = ctx.discovery.findings;
  const range = rangeOf(ctx.timing.rangeMs);
  const k = kubeStateMetrics;
  const [fromCost, fromLabels] = await Promise.all([
    oc.found
      ? ctx.instant(
          `group by (${opencost.labels.node}, ${opencost.labels.instanceType}) ` +
            `(last_over_time(${opencost.metrics.nodeTotalHourlyCost}${range}))`
        )
      : [],
    ksm.found
      ? ctx.instant(
          `group by (${k.labels.node}, ${k.labels.instanceType}) (last_over_time(${k.metrics.nodeLabels}${range}))`
        )
      : [],
  ]);
  const types = new Map<string, string>();
  for (const s of fromLabels) {
    const type = s.labels[k.labels.instanceType];
    if (s.labels[k.labels.node] && type) {
      types.set(s.labels[k.labels.node], type);
    }
  }
  for (const s of fromCost) {
    const type = s.labels[opencost.labels.instanceType];
    if (s.labels[opencost.labels.node] && type) {
      types.set(s.labels[opencost.labels.node], type);
    }
  }
  return types;
}
