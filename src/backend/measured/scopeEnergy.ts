/**
 * The energy of energyPerUnit's scope over the window, per node (for each node's grid factor) and
 * per step. Namespaces, pods and nodes come from the shared energy model (sourceChoice.ts,
 * exporterQueries.ts, energyModel.ts: Kepler 0.10+, else Kepler 0.7, else Scaphandre --containers,
 * plus DCGM GPU energy); processes from Scaphandre's process power, by `exe`.
 *
 * The selector is a regex, while the shared builders take exact names. It is resolved to exact
 * names by Prometheus itself (label values of series matching `label=~"<regex>"`, built with
 * matcherRegex, so RE2 semantics and no way to leave the selector), then passed on:
 * - namespace: the matching namespaces, as the shared builders' namespace filter;
 * - pod: the namespaces holding a matching pod as the filter, then only the matching pods kept;
 * - node: each CPU source's node totals (`nodeEnergy`, idle and host processes included: the whole
 *   machine serves the work), plus DCGM GPU energy of pods on the node, for the matching nodes;
 * - process: `sum by (<node>) (sum_over_time(µW{exe=~"<regex>"}[window:step])) * step / 1e6`, by
 *   Scaphandre's Kubernetes node label.
 *
 * Namespaces and pods get their share of their nodes' idle energy (what the exporter measures for
 * a node but gives no pod: idle, host processes, kernel) when `idle` names a basis, shared as
 * namespaceEnergy shares it (energyModel.ts); SCI's E counts the hardware reserved for the
 * software, idle included. `reserve` names the share basis for the time each namespace or pod
 * reserved on its nodes (scopeReservation.ts, for SCI's M); the node scope reserves its nodes for
 * the steps they reported power.
 *
 * Joules over the window come from instant queries at its end (`increase` of Kepler's counters,
 * power integrated on the step grid for Scaphandre); Joules per step from the power series × the
 * step (Kepler's `rate()` windows are at least 2 minutes, so the per-step values are smoothed).
 */
import { dcgm, kepler010, kepler07 } from '../sources/prometheus/exporters';
import { matcherRegex, selector as promSelector } from '../sources/prometheus/promql';
import type { MatrixSeries, VectorSample } from '../sources/prometheus/promResponse';
import { badQuery } from '../core/errors';
import type { IdleBasis, ShareBasis } from './clusterQueries';
import { type EnergyContext, missingMessage, requireExporters } from './energyContext';
import { scaphandreSource, type SourceId, type WorkloadSource } from './exporterQueries';
import { measureEnergy, measurePower, namesAndWeights } from './energyModel';
import type { IntegrationWindow } from './integrationWindow';
import { processPowerSelector, SCAPH_NODE_LABEL, SCAPH_PROCESS_POWER } from './scaphandreQueries';
import { reservedShareHours } from './scopeReservation';
import { type ChosenSources, chooseSources } from './sourceChoice';
import { DEFAULT_ENERGY_BOUNDARY, type EnergyBoundary } from '../../shared/vocabulary';
import type { EnergyScope } from '../../datasource/types';

export interface ScopeEnergy {
  /** Joules over the window per node name ('' where the series name no node). */
  byNode: Map<string, number>;
  /** Joules in each step ending at ctx.times[i] (NaN where nothing was measured). */
  perStep: Float64Array;
  /** What was read, e.g. "Kepler 0.10+ (zone package)". */
  source: string;
  /** The names the selector matched (namespaces, pods, nodes); undefined for processes. */
  matched?: string[];
  /** How node idle energy is in byNode: shared by a basis, 'exclude'd, or whole ('node': the node scope). */
  idle: IdleBasis | 'node';
  /**
   * Hours reserved per node, weighted by the scope's share of the node (∫share dt); undefined
   * when unknown (processes, or no share basis).
   */
  reservedHours?: Map<string, number>;
}

export interface ScopeOptions {
  /** Node idle energy shared into namespaces and pods by this basis, or left out. */
  idle: IdleBasis;
  /** The basis of the time reserved on each node (namespaces and pods); none: unknown. */
  reserve: ShareBasis | undefined;
}

const NO_IDLE: ScopeOptions = { idle: 'exclude', reserve: undefined };

/** The series that carry each source's namespace and pod labels. */
const WORKLOAD_METRIC: Record<SourceId, string> = {
  'kepler-0.10': kepler010.metrics.podCpuJoules,
  'kepler-0.7': kepler07.metrics.containerJoules,
  scaphandre: SCAPH_PROCESS_POWER,
  dcgm: dcgm.metrics.power,
};

/** Where each source's node names are (Kepler 0.7 and Scaphandre key their node totals by target). */
const NODE_NAMES: Partial<Record<SourceId, { metric: string; label: string }>> = {
  'kepler-0.10': { metric: kepler010.metrics.nodeCpuJoules, label: kepler010.labels.node },
  'kepler-0.7': { metric: kepler07.metrics.nodePackageJoules, label: kepler07.labels.nodeName },
  scaphandre: { metric: SCAPH_PROCESS_POWER, label: SCAPH_NODE_LABEL },
};

export async function measureScope(
  ctx: EnergyContext,
  scope: EnergyScope,
  regex: string,
  w: IntegrationWindow,
  options: ScopeOptions = NO_IDLE,
  boundary: EnergyBoundary = DEFAULT_ENERGY_BOUNDARY
): Promise<ScopeEnergy> {
  if (scope === 'process') {
    return processScope(ctx, regex, w, boundary);
  }
  requireExporters(ctx, 'energyPerUnit');
  const sources = chooseSources(ctx, undefined, boundary);
  const all = [sources.cpu, sources.gpu].filter((s): s is WorkloadSource => !!s);
  if (all.length === 0) {
    throw badQuery(
      missingMessage(
        ctx,
        'energyPerUnit',
        `the ${scope} scope needs Kepler, Scaphandre --containers or DCGM with pod labels, none found`
      )
    );
  }
  const name = all.map((s) => s.name).join(' + ');
  if (scope === 'node') {
    return nodeScope(ctx, sources, regex, w, name);
  }
  const labelOf = (s: WorkloadSource) => (scope === 'namespace' ? s.labels.namespace : s.labels.pod);
  const matched = new Set<string>();
  const namespaces = new Set<string>();
  await Promise.all(
    all.map(async (s) => {
      const match = [promSelector(WORKLOAD_METRIC[s.id], [matcherRegex(labelOf(s), regex)])];
      const [names, inNamespaces] = await Promise.all([
        labelValues(ctx, labelOf(s), match),
        scope === 'pod' ? labelValues(ctx, s.labels.namespace, match) : Promise.resolve([]),
      ]);
      names.forEach((n) => matched.add(n));
      (scope === 'namespace' ? names : inNamespaces).forEach((n) => namespaces.add(n));
    })
  );
  const result: ScopeEnergy = {
    byNode: new Map(),
    perStep: nanArray(ctx.times.length),
    source: name,
    matched: [...matched].sort(),
    idle: options.idle,
    reservedHours: options.reserve ? new Map() : undefined,
  };
  if (namespaces.size === 0) {
    return result;
  }
  const grain = scope === 'namespace' ? 'namespace' : 'pod';
  const filter = [...namespaces].sort();
  const keep = (labels: { pod?: string }) => scope === 'namespace' || matched.has(labels.pod ?? '');
  const [rows, power, reserved] = await Promise.all([
    measureEnergy(ctx, sources, grain, filter, options.idle),
    measurePower(ctx, sources, grain, filter, options.idle),
    options.reserve ? reservedShareHours(ctx, options.reserve, grain, filter, keep) : undefined,
  ]);
  result.reservedHours = reserved;
  for (const row of rows.filter((r) => keep(r.labels))) {
    add(result.byNode, row.node, row.cpu + row.gpu + row.idle);
  }
  for (const row of power.filter((r) => keep(r.labels))) {
    row.values.forEach((watts, i) => addStep(result.perStep, i, watts * w.stepSeconds));
  }
  return result;
}

async function nodeScope(
  ctx: EnergyContext,
  sources: ChosenSources,
  regex: string,
  w: IntegrationWindow,
  name: string
): Promise<ScopeEnergy> {
  const { cpu, gpu } = sources;
  const where = cpu && NODE_NAMES[cpu.id];
  if (!cpu || !where) {
    throw badQuery(
      missingMessage(
        ctx,
        'energyPerUnit',
        'the node scope needs node totals from Kepler or Scaphandre --containers, not found'
      )
    );
  }
  const t = ctx.timing;
  const [names, { name: keyToName, weigh }, energy, power, gpuEnergy, gpuPower] = await Promise.all([
    labelValues(ctx, where.label, [promSelector(where.metric, [matcherRegex(where.label, regex)])]),
    namesAndWeights(ctx, sources),
    ctx.instant(cpu.nodeEnergy(t)),
    ctx.range(cpu.nodePower(t)),
    gpu ? ctx.instant(gpu.energy('node', undefined, t)) : Promise.resolve([] as VectorSample[]),
    gpu ? ctx.range(gpu.power('node', undefined, t)) : Promise.resolve([] as MatrixSeries[]),
  ]);
  const wanted = new Set(names);
  const result: ScopeEnergy = {
    byNode: new Map(),
    perStep: nanArray(ctx.times.length),
    source: name,
    matched: [...wanted].sort(),
    idle: 'node',
    reservedHours: new Map(),
  };
  const nodeOf = (labels: Record<string, string>, label: string) => keyToName(labels[label] ?? '');
  for (const s of energy) {
    const node = nodeOf(s.labels, cpu.nodeLabel);
    if (wanted.has(node)) {
      add(result.byNode, node, s.value * weigh(s.labels, node));
    }
  }
  for (const s of gpuEnergy) {
    const node = s.labels[gpu!.labels.node] ?? '';
    if (wanted.has(node)) {
      add(result.byNode, node, s.value);
    }
  }
  const perStep = (series: MatrixSeries[], label: string, named: boolean) => {
    for (const s of series) {
      const node = named ? nodeOf(s.labels, label) : (s.labels[label] ?? '');
      // CPU node totals weighed into IT energy; GPU board power as measured.
      const k = named ? weigh(s.labels, node) : 1;
      if (wanted.has(node)) {
        s.timesMs.forEach((ts, j) => addStep(result.perStep, slot(ctx, ts), s.values[j] * k * w.stepSeconds));
      }
    }
  };
  perStep(power, cpu.nodeLabel, true);
  // Reserved: the steps of the window (index 0 is the step before it) in which the node reported power.
  for (const s of power) {
    const node = nodeOf(s.labels, cpu.nodeLabel);
    const steps = s.timesMs.filter((ts, j) => slot(ctx, ts) >= 1 && Number.isFinite(s.values[j])).length;
    const hours = (steps * w.stepSeconds) / 3600;
    if (wanted.has(node) && hours > (result.reservedHours!.get(node) ?? 0)) {
      result.reservedHours!.set(node, hours);
    }
  }
  if (gpu) {
    perStep(gpuPower, gpu.labels.node, false);
  }
  return result;
}

/**
 * Scaphandre process power is a CPU-time share of its host's power (psys, else package + DRAM):
 * weighed like the host's (serverReading.ts) for IT energy, per Kubernetes node.
 */
async function processScope(
  ctx: EnergyContext,
  regex: string,
  w: IntegrationWindow,
  boundary: EnergyBoundary
): Promise<ScopeEnergy> {
  if (!ctx.discovery.findings.scaphandre.processes) {
    throw badQuery(
      missingMessage(ctx, 'energyPerUnit', 'the process scope reads Scaphandre process series, not found')
    );
  }
  const watts = processPowerSelector({ exe: regex });
  const [energy, power, { weigh }] = await Promise.all([
    ctx.instant(processScopeJoules(regex, w)),
    ctx.range(`sum by (${SCAPH_NODE_LABEL}) (${watts}) * ${w.stepSeconds} / 1e6`),
    namesAndWeights(ctx, { cpu: scaphandreSource(), boundary }),
  ]);
  const result: ScopeEnergy = {
    byNode: new Map(),
    perStep: nanArray(ctx.times.length),
    source: 'Scaphandre processes',
    idle: 'exclude',
  };
  for (const s of energy) {
    const node = s.labels[SCAPH_NODE_LABEL] ?? '';
    add(result.byNode, node, s.value * weigh(s.labels, node));
  }
  for (const s of power) {
    const k = weigh(s.labels, s.labels[SCAPH_NODE_LABEL] ?? '');
    s.timesMs.forEach((ts, j) => addStep(result.perStep, slot(ctx, ts), s.values[j] * k));
  }
  return result;
}

/** Joules of the processes whose `exe` matches, per Kubernetes node ('' outside Kubernetes). */
export function processScopeJoules(regex: string, w: IntegrationWindow): string {
  return (
    `sum by (${SCAPH_NODE_LABEL}) (sum_over_time(${processPowerSelector({ exe: regex })}[${w.window}:${w.step}]))` +
    ` * ${w.stepSeconds} / 1e6`
  );
}

async function labelValues(ctx: EnergyContext, label: string, match: string[]): Promise<string[]> {
  ctx.executed.push(`label values of ${label} on ${match.join(', ')}`);
  const response = await ctx.client.labelValues(label, match, { startMs: ctx.fromMs, endMs: ctx.toMs });
  return response.data;
}

function slot(ctx: EnergyContext, ts: number): number {
  return Math.round((ts - ctx.times[0]) / ctx.timing.stepMs);
}

function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}

function add(map: Map<string, number>, key: string, value: number): void {
  if (Number.isFinite(value)) {
    map.set(key, (map.get(key) ?? 0) + value);
  }
}

function addStep(steps: Float64Array, i: number, joules: number): void {
  if (i >= 0 && i < steps.length && Number.isFinite(joules)) {
    steps[i] = Number.isNaN(steps[i]) ? joules : steps[i] + joules;
  }
}
