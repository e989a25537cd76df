/**
 * What the abandoned-workload rule (engine/recommendations/idleRules.ts) and its rows read from
 * Prometheus: each pod's CPU request now (kube-state-metrics), its peak and mean CPU use as a
 * fraction of that request and its network bytes over the window (cAdvisor), its OpenCost $/h,
 * rolled up to its owner workload; then, for the workloads found idle, the nodes they reserve
 * (cores, power, region, instance) and each pod's evidence per day. Fetching only: every figure
 * is aggregated in Prometheus, narrowed to the query's namespaces there.
 */
import type { InstanceMonth } from '../../../engine/recommendations/instanceMonth';
import { type PodEvidence, reservesCpu } from '../../../engine/recommendations/idleRules';
import type { NodeRegions } from '../../measured/regions';
import { type Workload, loadWorkloads } from '../../measured/workloads';
import type { KubeNode } from './hostIdentity';
import { kubeNodesOf, nodeMonth } from './nodeInstances';
import { type NodeWatts, nodeWatts } from './nodePower';
import { k8sNodeCores, peakOf, podBytes, podCpu, podCpuSeconds, podHourlyCost, podRequestsNow } from './zombiePromql';
import { nodeRegions } from './zombieRegions';
import { dailyBy, type ZombieWindow } from './zombieWindow';

export interface Pod extends PodEvidence {
  namespace: string;
  pod: string;
  node: string;
  /** Cores requested now. */
  request: number;
  /** Mean CPU use over the window as a fraction of the request. */
  mean?: number;
  /** OpenCost allocation at the node's prices now, $/h. */
  hourly?: number;
}

export interface WorkloadGroup {
  namespace: string;
  owner: Workload;
  pods: Pod[];
}

const podKey = (l: Record<string, string>) => `${l.namespace ?? ''}/${l.pod ?? ''}`;

/** Pods that request CPU, by `namespace/pod`, with their window evidence, and their owner workloads. */
export async function fetchWorkloads(w: ZombieWindow): Promise<{ pods: Map<string, Pod>; groups: WorkloadGroup[] }> {
  const { ctx, range } = w;
  const ns = w.namespaceMatchers('namespace');
  const [requests, peaks, means, bytes, costs, workloadOf] = await Promise.all([
    ctx.instant(podRequestsNow(ns)),
    ctx.instant(peakOf(podCpu(ns), range)),
    ctx.instant(podCpuSeconds(range, ns)),
    ctx.instant(podBytes(range, ns)),
    ctx.discovery.findings.opencost.found ? ctx.instant(podHourlyCost(ns)) : [],
    w.once('workloads', () => loadWorkloads(ctx, undefined)),
  ]);
  const pods = new Map<string, Pod>();
  for (const s of requests) {
    const { namespace = '', pod = '', node = '' } = s.labels;
    if (reservesCpu(s.value)) {
      pods.set(podKey(s.labels), { namespace, pod, node, request: s.value });
    }
  }
  const set = (
    samples: typeof peaks,
    field: 'peakOfRequest' | 'mean' | 'bytes' | 'hourly',
    scale: (v: number, p: Pod) => number = (v) => v
  ) =>
    samples.forEach((s) => {
      const p = pods.get(podKey(s.labels));
      if (p) {
        p[field] = scale(s.value, p);
      }
    });
  // Peaks and means of cores used, as fractions of what the pod requests now.
  const windowS = (w.endMs - w.startMs) / 1000;
  set(peaks, 'peakOfRequest', (v, p) => v / p.request);
  set(means, 'mean', (v, p) => v / windowS / p.request);
  set(bytes, 'bytes');
  set(costs, 'hourly');

  const groups = new Map<string, WorkloadGroup>();
  for (const p of pods.values()) {
    const owner = workloadOf(p.namespace, p.pod);
    const key = `${p.namespace}/${owner.kind}/${owner.name}`;
    const g = groups.get(key) ?? groups.set(key, { namespace: p.namespace, owner, pods: [] }).get(key)!;
    g.pods.push(p);
  }
  return { pods, groups: [...groups.values()] };
}

/** The nodes idle workloads reserve, and their pods' evidence per day. */
export interface ReservedNodes {
  cores: Map<string, number>;
  watts: NodeWatts;
  regions: NodeRegions;
  kube: Map<string, KubeNode>;
  /** The engine's month of each node's instance (embodied does not depend on utilisation). */
  months: Map<string, InstanceMonth | undefined>;
  /** A pod's evidence on the day ending at `dayEndMs`, its bytes those of that day. */
  podDay(pod: Pod, dayEndMs: number): PodEvidence | undefined;
}

export async function fetchReservedNodes(
  w: ZombieWindow,
  nodes: string[],
  pods: Map<string, Pod>
): Promise<ReservedNodes> {
  const [cores, watts, regions, days, kube] = await Promise.all([
    w.ctx.instant(k8sNodeCores(w.range)),
    nodeWatts(w),
    nodeRegions(w, nodes),
    podDays(w, pods),
    kubeNodesOf(w),
  ]);
  // Embodied does not depend on utilisation: the engine's default is as good as any.
  const months = new Map(nodes.map((n) => [n, nodeMonth(w, kube.get(n), regions.region(n) ?? '', null)]));
  return {
    cores: new Map(cores.map((s) => [s.labels.node ?? '', s.value])),
    watts,
    regions,
    kube,
    months,
    podDay: (p, t) => days.get(`${p.namespace}/${p.pod}`)?.get(t),
  };
}

/** Per pod and day: peak CPU over request and network bytes of that day. */
async function podDays(w: ZombieWindow, pods: Map<string, Pod>): Promise<Map<string, Map<number, PodEvidence>>> {
  const ns = w.namespaceMatchers('namespace');
  const [peaks, bytes] = await Promise.all([w.daily(peakOf(podCpu(ns), '[1d]')), w.daily(podBytes('[1d]', ns))]);
  const p = dailyBy(peaks, podKey);
  const b = dailyBy(bytes, podKey);
  const out = new Map<string, Map<number, PodEvidence>>();
  for (const [key, byDay] of p) {
    const days = new Map<number, PodEvidence>();
    const request = pods.get(key)?.request;
    for (const [t, cores] of byDay) {
      const traffic = b.get(key)?.get(t);
      if (traffic !== undefined && request) {
        days.set(t, { peakOfRequest: cores / request, bytes: traffic });
      }
    }
    out.set(key, days);
  }
  return out;
}
