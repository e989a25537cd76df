/**
 * What each Kubernetes node is (kube-state-metrics, OpenCost: instance type, region, provider id,
 * price), loaded once per window for the node and workload rows, and the engine's month of its
 * instance, whose embodied kg idle nodes and the workloads reserving them carry.
 */
import type { InstanceMonth } from '../../../engine/recommendations/instanceMonth';
import type { VectorSample } from '../../sources/prometheus/promResponse';
import { type KubeNode, kubeNodes, parseProviderId } from './hostIdentity';
import { engineMonth } from '../../../engine/recommendations/zombieMonth';
import { k8sNodeInfo, k8sNodeLabels, opencostNodes } from './zombiePromql';
import type { ZombieWindow } from './zombieWindow';

/** Nodes by name; empty without kube-state-metrics and OpenCost. */
export function kubeNodesOf(w: ZombieWindow): Promise<Map<string, KubeNode>> {
  return w.once('kubeNodes', async () => {
    const { ctx, range } = w;
    const { kubeStateMetrics, opencost } = ctx.discovery.findings;
    const none: VectorSample[] = [];
    const [info, labels, prices] = await Promise.all([
      kubeStateMetrics.found ? ctx.instant(k8sNodeInfo(range)) : none,
      kubeStateMetrics.found ? ctx.instant(k8sNodeLabels(range)) : none,
      opencost.found ? ctx.instant(opencostNodes(range)) : none,
    ]);
    return kubeNodes(info, labels, prices);
  });
}

/**
 * The engine's month of a node's instance at `utilisationPercent` in `region`; undefined when it
 * is not an AWS instance with a type (the engine knows AWS types only). `known` is false for a
 * type the engine has no data for.
 */
export function nodeMonth(
  w: ZombieWindow,
  node: KubeNode | undefined,
  region: string,
  utilisationPercent: number | null
): InstanceMonth | undefined {
  if (!node || parseProviderId(node.providerId).provider !== 'aws' || !node.instanceType) {
    return undefined;
  }
  return engineMonth(node.instanceType, region, utilisationPercent, w.opts.methodology, w.endMs);
}

/** Why the engine has no month for a node ("instance type x1 is not known to the engine"), for method texts. */
export function unknownTypeReason(node: KubeNode | undefined): string {
  if (!node?.instanceType) {
    return 'the node has no instance type label';
  }
  if (parseProviderId(node.providerId).provider !== 'aws') {
    return `the engine knows AWS instance types only, not ${node.instanceType}`;
  }
  return `instance type ${node.instanceType} is not known to the engine`;
}
