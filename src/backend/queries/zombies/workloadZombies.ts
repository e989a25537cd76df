/**
 * Abandoned workloads (Kubecost's term): workloads that still request CPU but whose every pod
 * peaked under `cpuPeakPercent` of its request over the window, and whose pods together moved
 * under `networkMBPerDay` (cAdvisor pod network). Pods are rolled up to their owner (pod →
 * ReplicaSet → Deployment, Job → CronJob). A pod without network counters (hostNetwork) gives no
 * evidence, so its workload is not judged. Completed Job pods, which kube-state-metrics keeps
 * exporting with their requests, are left out.
 *
 * Energy: the reserved capacity's share of its node's measured power, requested cores / node
 * cores × the node's mean power over the window; CO2e adds the same share of the node's embodied
 * (the engine's, for its instance type), since the reservation keeps that hardware in use. Cost:
 * OpenCost's allocation at the node's prices.
 */
import { type Workload, loadWorkloads } from '../../measured/workloads';
import { co2eNote, monthlyFromWatts, sumEstimates, withEmbodied } from './zombieEnergy';
import { kubeNodesOf, nodeMonth, unknownTypeReason } from './nodeInstances';
import { nodeWatts } from './nodeZombies';
import { k8sNodeCores, peakOf, podBytes, podCpu, podCpuSeconds, podHourlyCost, podRequestsNow } from './zombiePromql';
import { factorNote, nodeRegions, placeOfNodes } from './zombieRegions';
import { HOURS_PER_MONTH } from './zombieRow';
import { dailyBy, type PromZombieRow, trailingIdleDays, type ZombieWindow } from './zombieWindow';

interface Pod {
  namespace: string;
  pod: string;
  node: string;
  request: number;
  peak?: number;
  mean?: number;
  bytes?: number;
  hourly?: number;
}

const podKey = (l: Record<string, string>) => `${l.namespace ?? ''}/${l.pod ?? ''}`;

export async function workloadZombies(w: ZombieWindow): Promise<PromZombieRow[]> {
  const { ctx, range } = w;
  const { kubeStateMetrics, cadvisor, opencost } = ctx.discovery.findings;
  if (!kubeStateMetrics.found || !cadvisor.found) {
    ctx.notice(
      'info',
      'Abandoned workloads need kube-state-metrics (CPU requests) and cAdvisor (CPU and network use): not looked for.'
    );
    return [];
  }
  // Every per-pod query is narrowed to the query's namespaces in Prometheus.
  const ns = w.namespaceMatchers('namespace');
  const [requests, peaks, means, bytes, costs, workloadOf] = await Promise.all([
    ctx.instant(podRequestsNow(ns)),
    ctx.instant(peakOf(podCpu(ns), range)),
    ctx.instant(podCpuSeconds(range, ns)),
    ctx.instant(podBytes(range, ns)),
    opencost.found ? ctx.instant(podHourlyCost(ns)) : [],
    w.once('workloads', () => loadWorkloads(ctx, undefined)),
  ]);
  const pods = new Map<string, Pod>();
  for (const s of requests) {
    const { namespace = '', pod = '', node = '' } = s.labels;
    if (s.value > 0) {
      pods.set(podKey(s.labels), { namespace, pod, node, request: s.value });
    }
  }
  const set = (
    samples: typeof peaks,
    field: 'peak' | 'mean' | 'bytes' | 'hourly',
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
  set(peaks, 'peak', (v, p) => v / p.request);
  set(means, 'mean', (v, p) => v / windowS / p.request);
  set(bytes, 'bytes');
  set(costs, 'hourly');

  const groups = new Map<string, { namespace: string; owner: Workload; pods: Pod[] }>();
  for (const p of pods.values()) {
    const owner = workloadOf(p.namespace, p.pod);
    const key = `${p.namespace}/${owner.kind}/${owner.name}`;
    const g = groups.get(key) ?? groups.set(key, { namespace: p.namespace, owner, pods: [] }).get(key)!;
    g.pods.push(p);
  }
  const days = w.opts.windowDays;
  const unjudged: string[] = [];
  const idle = [...groups.values()].filter((g) => {
    if (g.pods.some((p) => p.peak === undefined || p.bytes === undefined)) {
      unjudged.push(`${g.namespace}/${g.owner.name}`);
      return false;
    }
    const traffic = g.pods.reduce((a, p) => a + p.bytes!, 0) / days;
    return g.pods.every((p) => p.peak! < w.cpuFraction) && traffic < w.bytesPerDay;
  });
  if (unjudged.length) {
    ctx.notice(
      'info',
      `Not judged (no CPU or pod network counters, e.g. hostNetwork pods): ${unjudged.sort().join(', ')}.`
    );
  }
  if (idle.length === 0) {
    return [];
  }
  const nodes = [...new Set(idle.flatMap((g) => g.pods.map((p) => p.node)))];
  const [cores, watts, regions, idleDays, kube] = await Promise.all([
    ctx.instant(k8sNodeCores(range)),
    nodeWatts(w),
    nodeRegions(w, nodes),
    podIdleDays(w, pods),
    kubeNodesOf(w),
  ]);
  const coresOf = new Map(cores.map((s) => [s.labels.node ?? '', s.value]));
  // Embodied does not depend on utilisation: the engine's default is as good as any.
  const months = new Map(nodes.map((n) => [n, nodeMonth(w, kube.get(n), regions.region(n) ?? '', null)]));
  return idle.map((g) => {
    const energy = sumEstimates(
      g.pods.map((p) => {
        const nodeW = watts.get(p.node)?.watts;
        const nodeCores = coresOf.get(p.node);
        if (nodeW === undefined || !nodeCores) {
          return undefined;
        }
        const share = p.request / nodeCores;
        return withEmbodied(
          monthlyFromWatts(share * nodeW, regions.factor(p.node), w.endMs),
          months.get(p.node),
          share
        );
      })
    );
    const cost = g.pods.every((p) => p.hourly !== undefined)
      ? g.pods.reduce((a, p) => a + p.hourly! * HOURS_PER_MONTH, 0)
      : null;
    const requested = g.pods.reduce((a, p) => a + p.request, 0);
    const peak = Math.max(...g.pods.map((p) => p.peak!));
    const mean = g.pods.reduce((a, p) => a + (p.mean ?? 0) * p.request, 0) / requested;
    const { provider, region, factors } = placeOfNodes(
      regions,
      g.pods.map((p) => p.node)
    );
    const idleFor = trailingIdleDays(w, (t) => {
      const present = g.pods.map((p) => idleDays.get(`${p.namespace}/${p.pod}`)?.get(t)).filter((d) => d !== undefined);
      const traffic = present.reduce((a, d) => a + d!.bytes, 0);
      return present.length > 0 && present.every((d) => d!.peak < w.cpuFraction) && traffic < w.bytesPerDay;
    });
    const name = g.owner.name;
    const noEmbodied = [...new Set(g.pods.map((p) => p.node))].filter((n) => !months.get(n)?.known);
    const embodiedNote = noEmbodied.length
      ? ` (none for node ${noEmbodied.map((n) => `${n}: ${unknownTypeReason(kube.get(n))}`).join('; ')})`
      : '';
    return {
      kind: 'workload' as const,
      source: 'prometheus' as const,
      provider,
      account: '',
      region,
      resourceId: `${g.namespace}/${name}`,
      name,
      instanceType: '',
      cluster: '',
      namespace: g.namespace,
      workload: `${g.owner.kind}/${name}`,
      peakCpuPercent: peak * 100,
      avgCpuPercent: mean * 100,
      networkBytesPerDay: g.pods.reduce((a, p) => a + p.bytes!, 0) / days,
      windowDays: days,
      idleDays: idleFor,
      monthlyCost: cost,
      currency: cost !== null ? 'USD' : '',
      monthlyKWh: energy.kWh,
      monthlyKgCO2e: energy.kg,
      monthlyKgCO2eLow: energy.lowKg,
      monthlyKgCO2eHigh: energy.highKg,
      action:
        `Scale ${g.owner.kind} ${g.namespace}/${name} to zero or delete it: ${g.pods.length} pod(s) reserve ` +
        `${round(requested)} cores and used at most ${round(peak * 100)} % of them, idle ${idleFor} of the last ${days} days.`,
      method:
        `kube-state-metrics requests and cAdvisor use over ${days} days: every pod's peak 10-minute CPU use under ` +
        `${w.opts.cpuPeakPercent} % of its request, pod network (cAdvisor, one row per pod) under ${w.opts.networkMBPerDay} MB/day. ` +
        `Energy: requested cores / node cores × the node's mean measured power × ${HOURS_PER_MONTH} h ` +
        `(${factors.map(factorNote).join('; ')}); CO2e adds the same share of the node's embodied (the engine's, ` +
        `for its instance type)${embodiedNote}.${co2eNote(energy, 'embodied unknown')} Cost: ${cost !== null ? `OpenCost allocation at node prices now × ${HOURS_PER_MONTH} h` : 'unknown (no OpenCost)'}.`,
    };
  });
}

/** Per pod and day: peak CPU over request and network bytes of that day. */
async function podIdleDays(
  w: ZombieWindow,
  pods: Map<string, Pod>
): Promise<Map<string, Map<number, { peak: number; bytes: number }>>> {
  const ns = w.namespaceMatchers('namespace');
  const [peaks, bytes] = await Promise.all([w.daily(peakOf(podCpu(ns), '[1d]')), w.daily(podBytes('[1d]', ns))]);
  const p = dailyBy(peaks, podKey);
  const b = dailyBy(bytes, podKey);
  const out = new Map<string, Map<number, { peak: number; bytes: number }>>();
  for (const [key, byDay] of p) {
    const days = new Map<number, { peak: number; bytes: number }>();
    const request = pods.get(key)?.request;
    for (const [t, cores] of byDay) {
      const traffic = b.get(key)?.get(t);
      if (traffic !== undefined && request) {
        days.set(t, { peak: cores / request, bytes: traffic });
      }
    }
    out.set(key, days);
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
