/**
 * carbonEfficiency: per namespace, CPU used over CPU requested, and the energy and CO2e of the
 * requested-but-idle capacity.
 *
 * Definitions, per namespace ns and node n over the range:
 * - used_ns,n: core-seconds from cAdvisor (`increase` of its CPU seconds counter, containers
 *   only); requested_ns,n: core-seconds of CPU requests (kube-state-metrics, completed
 *   pods out), or of OpenCost's allocation when KSM is absent (max(request, usage): never below
 *   usage, so efficiency reads ≤ 1 there).
 * - idleShare_ns,n: the node's idle energy (measured total − what the exporter attributes to pods)
 *   shared by request, exactly as namespaceEnergy's `idlePower: byRequest`.
 * - wasted_ns,n = idleShare_ns,n × max(0, 1 − used_ns,n / requested_ns,n): the idle power the
 *   namespace's reservation holds, scaled by the part of the reservation it leaves unused. A
 *   namespace using all it requests wastes nothing; one using nothing wastes its whole share.
 * - efficiency_ns = Σn used / Σn requested; CO2e of wasted energy uses each node's region.
 */
import { carbonEfficiency } from '../../../shared/queryTypes/carbonEfficiency';
import { defineHandler } from '../defineHandler';
import { JOULES_PER_KWH } from '../../../engine/measuredEnergy';
import { cpuRequestedSeconds, cpuUsedSeconds } from '../../measured/clusterQueries';
import { openEnergyContext, requireFound } from '../../measured/energyContext';
import { numberColumn, tableFrame, UNIT } from './energyFrames';
import { measureEnergy } from '../../measured/energyModel';
import { noMatchNotice } from './namespaceEnergy';
import { loadRegions } from '../../measured/regions';
import { chooseSources } from '../../measured/sourceChoice';
import { metrics as cadvisorMetrics } from '../../sources/prometheus/exporters/cadvisor';

interface Cell {
  used: number;
  requested: number;
  energy: number;
  idle: number;
}

export const carbonEfficiencyHandler = defineHandler(carbonEfficiency, async (request) => {
  const query = request.query;
  const ctx = await openEnergyContext(request);
  const { kubeStateMetrics, opencost, cadvisor } = ctx.discovery.findings;
  const sources = chooseSources(ctx, undefined);
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
    ctx.instant(cpuUsedSeconds(query.namespaces, ctx.timing)),
    ctx.instant(cpuRequestedSeconds(requestsFrom, query.namespaces, ctx.timing)),
    measureEnergy(
      ctx,
      { cpu: sources.cpu },
      'namespace',
      query.namespaces,
      requestsFrom === 'opencost' ? 'byAllocation' : 'byRequest'
    ),
  ]);
  const cells = new Map<string, Map<string, Cell>>();
  const cell = (ns: string, node: string) => {
    const byNode = cells.get(ns) ?? cells.set(ns, new Map()).get(ns)!;
    return byNode.get(node) ?? byNode.set(node, { used: 0, requested: 0, energy: 0, idle: 0 }).get(node)!;
  };
  used.forEach((s) => (cell(s.labels.namespace ?? '', s.labels.node ?? '').used += s.value));
  requested.forEach((s) => (cell(s.labels.namespace ?? '', s.labels.node ?? '').requested += s.value));
  for (const r of rows) {
    const c = cell(r.labels.namespace ?? '', r.node);
    c.energy += r.cpu;
    c.idle += r.idle;
  }
  cells.delete('');
  noMatchNotice(ctx, cells.size, query.namespaces);
  const regions = await loadRegions(
    ctx,
    request.settings,
    [...cells.values()].flatMap((m) => [...m.keys()])
  );
  const rangeS = ctx.timing.rangeMs / 1000;
  const out = [...cells].map(([namespace, byNode]) => {
    let used = 0;
    let requested = 0;
    let energy = 0;
    let idle = 0;
    let wasted = 0;
    let grams: number | null = 0;
    const names = new Set<string>();
    for (const [node, c] of byNode) {
      used += c.used;
      requested += c.requested;
      energy += c.energy;
      idle += c.idle;
      const w = c.requested > 0 ? c.idle * Math.max(0, 1 - c.used / c.requested) : 0;
      wasted += w;
      const factor = regions.factor(node);
      if (factor) {
        grams = (grams ?? 0) + (w / JOULES_PER_KWH) * factor.gramsPerServerKWh;
        names.add(factor.region);
      } else if (w > 0) {
        grams = null;
      }
    }
    return { namespace, used, requested, energy, idle, wasted, grams, regions: [...names].sort().join(', ') };
  });
  out.sort((a, b) => b.wasted - a.wasted || a.namespace.localeCompare(b.namespace));
  return [
    tableFrame(
      'carbonEfficiency',
      [
        { name: 'namespace', kind: 'string', values: out.map((o) => o.namespace) },
        numberColumn(
          'cpuUsed',
          out.map((o) => o.used / rangeS),
          UNIT.cores,
          'CPU used (avg)'
        ),
        numberColumn(
          'cpuRequested',
          out.map((o) => o.requested / rangeS),
          UNIT.cores,
          'CPU requested (avg)'
        ),
        numberColumn(
          'efficiency',
          out.map((o) => (o.requested > 0 ? o.used / o.requested : null)),
          UNIT.ratio,
          'Used / requested'
        ),
        numberColumn(
          'energy',
          out.map((o) => o.energy),
          UNIT.joule,
          'Measured energy'
        ),
        numberColumn(
          'idleShare',
          out.map((o) => o.idle),
          UNIT.joule,
          'Node idle share (by request)'
        ),
        numberColumn(
          'wastedEnergy',
          out.map((o) => o.wasted),
          UNIT.joule,
          'Requested-but-idle energy'
        ),
        numberColumn(
          'wastedKWh',
          out.map((o) => o.wasted / JOULES_PER_KWH),
          UNIT.kWh,
          'Requested-but-idle (kWh)'
        ),
        numberColumn(
          'wastedCo2e',
          out.map((o) => o.grams),
          UNIT.grams,
          'Requested-but-idle CO2e'
        ),
        { name: 'region', kind: 'string', values: out.map((o) => o.regions) },
      ],
      ctx
    ),
  ];
});
