/**
 * What carbonEfficiency measures, per namespace and node over the range: CPU core-seconds used
 * (cAdvisor) and requested (kube-state-metrics, else OpenCost's allocation), and the measured CPU
 * energy with the node idle share by request (or by allocation without kube-state-metrics).
 */
import { cpuRequestedSeconds, cpuUsedSeconds } from '../../measured/clusterQueries';
import { type EnergyContext, requireFound } from '../../measured/energyContext';
import { measureEnergy } from '../../measured/energyModel';
import { chooseSources } from '../../measured/sourceChoice';
import type { EnergyBoundary } from '../../../shared/vocabulary';
import { metrics as cadvisorMetrics } from '../../sources/prometheus/exporters/cadvisor';

export interface NodeUsage {
  /** Core-seconds used. */
  used: number;
  /** Core-seconds requested. */
  requested: number;
  /** Measured CPU Joules. */
  energy: number;
  /** Joules of the node's idle energy shared to the namespace. */
  idle: number;
}

/** Namespace → node → usage. Series without a namespace are left out. */
export type NamespaceUsage = Map<string, Map<string, NodeUsage>>;

export async function measureNamespaceUsage(
  ctx: EnergyContext,
  namespaces: string[] | undefined,
  boundary: EnergyBoundary
): Promise<NamespaceUsage> {
  const { kubeStateMetrics, opencost, cadvisor } = ctx.discovery.findings;
  const sources = chooseSources(ctx, undefined, boundary);
  requireFound(ctx, 'carbonEfficiency', 'it', [
    !sources.cpu && 'a CPU energy exporter (Kepler or Scaphandre --containers)',
    !cadvisor.found && `cAdvisor (${cadvisorMetrics.cpuSeconds})`,
    !kubeStateMetrics.found && !opencost.found && 'kube-state-metrics (or OpenCost) for CPU requests',
  ]);
  const requestsFrom = kubeStateMetrics.found ? 'kube-state-metrics' : 'opencost';
  if (requestsFrom === 'opencost') {
    ctx.notice(
      'warning',
      "kube-state-metrics not found: requests are OpenCost's CPU allocation (max of request and usage)."
    );
  }
  const [used, requested, rows] = await Promise.all([
    ctx.instant(cpuUsedSeconds(namespaces, ctx.timing)),
    ctx.instant(cpuRequestedSeconds(requestsFrom, namespaces, ctx.timing)),
    measureEnergy(
      ctx,
      { cpu: sources.cpu, boundary: sources.boundary },
      'namespace',
      namespaces,
      requestsFrom === 'opencost' ? 'byAllocation' : 'byRequest'
    ),
  ]);
  const usage: NamespaceUsage = new Map();
  const cell = (ns: string, node: string) => {
    const byNode = usage.get(ns) ?? usage.set(ns, new Map()).get(ns)!;
    return byNode.get(node) ?? byNode.set(node, { used: 0, requested: 0, energy: 0, idle: 0 }).get(node)!;
  };
  used.forEach((s) => (cell(s.labels.namespace ?? '', s.labels.node ?? '').used += s.value));
  requested.forEach((s) => (cell(s.labels.namespace ?? '', s.labels.node ?? '').requested += s.value));
  for (const r of rows) {
    const c = cell(r.labels.namespace ?? '', r.node);
    c.energy += r.cpu;
    c.idle += r.idle;
  }
  usage.delete('');
  return usage;
}
