/**
 * The row of an abandoned workload. Energy: the reserved capacity's share of its node's measured
 * whole-server IT power (nodePower.ts), requested cores / node cores × the node's mean IT power over
 * the window, × PUE (the engine); CO2e adds the same
 * share of the node's embodied (the engine's, for its instance type), since the reservation keeps
 * that hardware in use. Cost: OpenCost's allocation at the node's prices.
 */
import { HOURS_PER_MONTH, monthlyFromHourly } from '../../../engine/recommendations/month';
import { co2eNote, monthlyFromWatts, sumEstimates, withEmbodied } from '../../../engine/recommendations/zombieMonth';
import { kepler010, kubeStateMetrics } from '../../sources/prometheus/exporters';
import { unknownTypeReason } from './nodeInstances';
import type { ReservedNodes, WorkloadGroup } from './workloadEvidence';
import { factorNote, placeOfNodes } from './zombieRegions';
import type { PromZombieRow, ZombieWindow } from './zombieWindow';

export function workloadRow(w: ZombieWindow, g: WorkloadGroup, nodes: ReservedNodes, idleDays: number): PromZombieRow {
  const { regions, months, kube } = nodes;
  const days = w.opts.windowDays;
  const energy = sumEstimates(
    g.pods.map((p) => {
      const power = nodes.watts.get(p.node);
      const nodeCores = nodes.cores.get(p.node);
      if (power === undefined || !nodeCores) {
        return undefined;
      }
      const share = p.request / nodeCores;
      const measured = monthlyFromWatts(share * power.watts, regions.factor(p.node), w.endMs, power.spread);
      return withEmbodied(measured, months.get(p.node), share);
    })
  );
  const cost = g.pods.every((p) => p.hourly !== undefined)
    ? g.pods.reduce((a, p) => a + monthlyFromHourly(p.hourly!), 0)
    : null;
  const requested = g.pods.reduce((a, p) => a + p.request, 0);
  const peak = Math.max(...g.pods.map((p) => p.peakOfRequest!));
  const mean = g.pods.reduce((a, p) => a + (p.mean ?? 0) * p.request, 0) / requested;
  const { provider, region, factors } = placeOfNodes(
    regions,
    g.pods.map((p) => p.node)
  );
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
    idleDays,
    monthlyCost: cost,
    currency: cost !== null ? 'USD' : '',
    monthlyKWh: energy.kWh,
    monthlyKgCO2e: energy.kg,
    monthlyKgCO2eLow: energy.lowKg,
    monthlyKgCO2eHigh: energy.highKg,
    action:
      `Scale ${g.owner.kind} ${g.namespace}/${name} to zero or delete it: ${g.pods.length} pod(s) reserve ` +
      `${round(requested)} cores and used at most ${round(peak * 100)} % of them, idle ${idleDays} of the last ${days} days.`,
    method:
      `kube-state-metrics requests and cAdvisor use over ${days} days: every pod's peak 10-minute CPU use under ` +
      `${w.opts.cpuPeakPercent} % of its request, pod network (cAdvisor, one row per pod) under ${w.opts.networkMBPerDay} MB/day. ` +
      `Energy: requested cores / node cores × the node's mean whole-server IT power × ${HOURS_PER_MONTH} h × PUE ` +
      `(${powerNote(g, nodes)}; ${factors.map(factorNote).join('; ')}); CO2e adds the same share of the node's embodied (the engine's, ` +
      `for its instance type)${embodiedNote}.${co2eNote(energy, 'embodied unknown')} Cost: ${cost !== null ? `OpenCost allocation at node prices now × ${HOURS_PER_MONTH} h` : 'unknown (no OpenCost)'}.`,
  };
}

/** How each of the row's nodes' IT power was read (reading and uplift), node by node. */
function powerNote(g: WorkloadGroup, nodes: ReservedNodes): string {
  return [...new Set(g.pods.map((p) => p.node))]
    .sort()
    .map((node) => `node ${node}: ${nodes.watts.get(node)?.source ?? 'no measured power'}`)
    .join('; ');
}

/**
 * Why a row has no energy, node by node: the reserved share needs the node's CPU cores and its
 * mean measured power, and names the metric that would give each one missing. Undefined when the
 * row has energy (every pod's node has both).
 */
export function missingEnergyNotice(g: WorkloadGroup, nodes: ReservedNodes): string | undefined {
  const cores = `${kubeStateMetrics.metrics.nodeStatusCapacity}{${kubeStateMetrics.labels.resource}="cpu"} (kube-state-metrics)`;
  const power = `${kepler010.metrics.nodeCpuJoules} (Kepler 0.10+) or the CPU energy source's node counters`;
  const reasons = [...new Set(g.pods.map((p) => p.node))]
    .sort()
    .flatMap((node) => [
      ...(nodes.cores.get(node) ? [] : [`node ${node} has no CPU capacity, which ${cores} gives`]),
      ...(nodes.watts.get(node) === undefined ? [`node ${node} has no measured power, which ${power} give`] : []),
    ]);
  return reasons.length
    ? `No energy for abandoned ${g.owner.kind} ${g.namespace}/${g.owner.name} (its cost stays): ${reasons.join('; ')}.`
    : undefined;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
