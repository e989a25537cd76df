/**
 * Measured energy (J over the range) and power (W per step) per group and node: the CPU source's
 * attributed energy, DCGM GPU energy, and optionally the node idle energy reallocated to the
 * groups. Prometheus does the aggregation; this module only adds small per-(group, node) vectors.
 *
 * Idle reallocation. A node's unattributed energy U is its measured total minus what the exporter
 * attributes to all pods on it (Kepler 0.10: idle plus host processes and kernel; Kepler 0.7:
 * idle plus system/kernel; Scaphandre: host minus pod processes). It is shared by CPU requests
 * (`byRequest`), CPU usage (`byUsage`) or OpenCost's allocation (`byAllocation`, carbonEfficiency
 * without kube-state-metrics):
 * - energy: group g on node n gets U_n × ∫share_g,n dt / ∫[n has any share] dt, where share is the
 *   group's fraction of the node's requests (usage) at each step. Exact when the node's
 *   unattributed power is steady (mostly the idle baseline); the shares of a node always add up
 *   to 1, so attributed + reallocated energy adds up to the node total.
 * - power: at each step, max(0, node W − all pods' W) × share at that step.
 * GPU energy no workload holds (a GPU no pod has, dcgmAttribution.ts) is never a group's: it is
 * not reallocated, and per node with idle energy asked for it is the node's GPU idle, in `idle`.
 */
import { someOf } from '../frames/noticeText';
import type { Labels, MatrixSeries, VectorSample } from '../sources/prometheus/promResponse';
import type { IdleBasis } from './clusterQueries';
import { shareSeconds, shareSeries } from './shareSeconds';
import type { EnergyContext } from './energyContext';
import { type CpuSource, isGpuSource, type WorkloadSource } from './exporterQueries';
import { GRAIN_LABELS, type Grain } from './promqlParts';
import type { ChosenSources } from './sourceChoice';
import { JOULES_PER_KWH } from '../../engine/measuredEnergy';
import type { ServerReading } from '../../engine/serverEnergy';
import { AS_READ, type Namer, serverWeights, type Weigh } from './serverReading';

export interface GroupLabels {
  namespace?: string;
  pod?: string;
}

export interface EnergyRow {
  labels: GroupLabels;
  node: string;
  /** Joules attributed by the CPU source, measured by DCGM, and reallocated idle energy. */
  cpu: number;
  gpu: number;
  idle: number;
}

export interface PowerRow {
  labels: GroupLabels;
  node: string;
  /** Watts at ctx.times; NaN where no series had a point. */
  values: Float64Array;
}

const SEP = '\u0000';
const CANONICAL = { namespace: 'namespace', pod: 'pod', node: 'node' };

export function rowKey(labels: GroupLabels, node: string): string {
  return [labels.namespace ?? '', labels.pod ?? '', node].join(SEP);
}

function groupOf(labels: Labels, names: { namespace: string; pod: string }, grain: Grain): GroupLabels {
  const out: GroupLabels = {};
  for (const l of GRAIN_LABELS[grain]) {
    out[l] = labels[names[l]] ?? '';
  }
  return out;
}

const identity: Namer = (key) => key;

/** Node keys to node names (Kepler 0.7 and Scaphandre key nodes by target address). */
export async function nodeNamer(ctx: EnergyContext, cpu: CpuSource | undefined): Promise<Namer> {
  if (!cpu?.nodeNames) {
    return identity;
  }
  const { expr, from, to } = cpu.nodeNames;
  const names = new Map<string, string>();
  for (const s of await ctx.instant(expr(ctx.timing))) {
    if (s.labels[from] && s.labels[to]) {
      names.set(s.labels[from], s.labels[to]);
    }
  }
  return (key) => names.get(key) ?? key;
}

/**
 * Node key names and the weights making the CPU source's numbers IT energy (1 each as measured);
 * `reading` names each node's reading (undefined as measured), for text and bands that follow it.
 */
export async function namesAndWeights(
  ctx: EnergyContext,
  sources: Pick<ChosenSources, 'cpu' | 'boundary'>
): Promise<{ name: Namer; weigh: Weigh; reading: (node: string) => ServerReading | undefined }> {
  const name = await nodeNamer(ctx, sources.cpu);
  if (!sources.cpu || sources.boundary === 'measured') {
    return { name, weigh: AS_READ, reading: () => undefined };
  }
  const { weigh, readingAt } = await serverWeights(ctx, sources.cpu, name);
  return { name, weigh, reading: readingAt };
}

function byNode(samples: VectorSample[], label: string, name: Namer, weigh: Weigh = AS_READ): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of samples) {
    const node = name(s.labels[label] ?? '');
    out.set(node, (out.get(node) ?? 0) + s.value * weigh(s.labels, node));
  }
  return out;
}

/**
 * `pods` (an RE2 regex on the pod label, workloadFilter.ts) narrows the exporters' series only:
 * node totals and the shares' denominators stay whole, and idle rows of other pods in the
 * namespaces remain, so callers keep the rows they want (by pod, hence at the pod grain).
 */
export async function measureEnergy(
  ctx: EnergyContext,
  sources: ChosenSources,
  grain: Grain,
  namespaces: string[] | undefined,
  idle: IdleBasis,
  pods?: string
): Promise<EnergyRow[]> {
  const t = ctx.timing;
  const { cpu, gpu } = sources;
  const mode = cpu ? idle : 'exclude';
  const filtered = !!namespaces?.length || !!pods;
  const realloc = mode !== 'exclude';
  const gpuIdle = gpu && isGpuSource(gpu) ? gpu : undefined;
  const [cpuSamples, gpuSamples, { name, weigh }, totals, allPods, shares, gpuIdleSamples] = await Promise.all([
    cpu ? ctx.instant(cpu.energy(grain, namespaces, t, pods)) : [],
    gpu ? ctx.instant(gpu.energy(grain, namespaces, t, pods)) : [],
    namesAndWeights(ctx, sources),
    realloc ? ctx.instant(cpu!.nodeEnergy(t)) : [],
    realloc && filtered ? ctx.instant(cpu!.energy('node', undefined, t)) : [],
    realloc ? shareSeconds(ctx, mode, grain, namespaces) : { weights: [], spans: [] },
    gpuIdle ? ctx.instant(gpuIdle.idleEnergy(t)) : [],
  ]);
  const rows = new Map<string, EnergyRow>();
  const add = (labels: GroupLabels, node: string, field: 'cpu' | 'gpu' | 'idle', value: number) => {
    if (!Number.isFinite(value)) {
      return;
    }
    const key = rowKey(labels, node);
    const row = rows.get(key) ?? { labels, node, cpu: 0, gpu: 0, idle: 0 };
    row[field] += value;
    rows.set(key, row);
  };
  const collect = (
    samples: VectorSample[],
    source: WorkloadSource,
    field: 'cpu' | 'gpu',
    namer: Namer,
    w: Weigh = AS_READ
  ) => {
    for (const s of samples) {
      const node = namer(s.labels[source.labels.node] ?? '');
      add(groupOf(s.labels, source.labels, grain), node, field, s.value * w(s.labels, node));
    }
  };
  if (cpu) {
    collect(cpuSamples, cpu, 'cpu', name, weigh);
  }
  if (gpu) {
    // DCGM's power is the GPU board's: the whole GPU, never uplifted.
    collect(gpuSamples, gpu, 'gpu', identity);
  }
  if (realloc) {
    const attributed = filtered ? byNode(allPods, cpu!.labels.node, name, weigh) : cpuByNode(rows);
    const unattributed = new Map<string, number>();
    for (const [node, total] of byNode(totals, cpu!.nodeLabel, name, weigh)) {
      unattributed.set(node, Math.max(0, total - (attributed.get(node) ?? 0)));
    }
    const span = byNode(shares.spans, 'node', identity);
    for (const w of shares.weights) {
      const node = w.labels.node ?? '';
      const u = unattributed.get(node);
      const s = span.get(node);
      if (u !== undefined && s) {
        add(groupOf(w.labels, CANONICAL, grain), node, 'idle', (u * w.value) / s);
      }
    }
    const stranded = [...unattributed].filter(([node, u]) => u > 0 && !span.get(node)).map(([node]) => node);
    idleNotices(ctx, mode, cpu!, stranded);
  }
  if (gpuIdle) {
    const idleByNode = byNode(gpuIdleSamples, gpuIdle.labels.node, identity);
    if (gpuIdleInNodeRows(grain, realloc, filtered)) {
      for (const [node, joules] of idleByNode) {
        add({}, node, 'idle', joules);
      }
    } else {
      gpuIdleNotice(ctx, idleByNode);
    }
  }
  return [...rows.values()];
}

function cpuByNode(rows: Map<string, EnergyRow>): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows.values()) {
    out.set(r.node, (out.get(r.node) ?? 0) + r.cpu);
  }
  return out;
}

/**
 * By node (unfiltered, idle shown), GPU energy no pod held is the node's idle; elsewhere it is no
 * row's (energy: a notice says how much and where it is shown).
 */
function gpuIdleInNodeRows(grain: Grain, realloc: boolean, filtered: boolean): boolean {
  return grain === 'node' && realloc && !filtered;
}

/** GPU energy no pod held, outside the node view: how much, on which nodes, and where it is shown. */
function gpuIdleNotice(ctx: EnergyContext, idleByNode: Map<string, number>): void {
  // Above 1 J: DCGM's counter is in mJ, and held-minus-attributed leaves rounding behind.
  const held = [...idleByNode].filter(([, joules]) => joules > 1).sort(([a], [b]) => a.localeCompare(b));
  if (held.length === 0) {
    return;
  }
  const kWh = held.reduce((a, [, joules]) => a + joules, 0) / JOULES_PER_KWH;
  ctx.notice(
    'info',
    `${formatKWh(kWh)} of GPU energy on ${someOf(held.map(([node]) => node))} was held by no pod: it is each node's GPU idle energy, in no namespace or pod row here (group by node, with idle energy, to see it).`
  );
}

function formatKWh(kWh: number): string {
  return `${kWh.toPrecision(3)} kWh`;
}

const BASIS_NAMES = {
  byRequest: 'CPU requests (kube-state-metrics)',
  byUsage: 'CPU usage (cAdvisor)',
  byAllocation: 'CPU allocation (OpenCost: max of request and usage)',
};

function idleNotices(ctx: EnergyContext, mode: IdleBasis, cpu: CpuSource, stranded: string[]): void {
  const basis = BASIS_NAMES[mode as Exclude<IdleBasis, 'exclude'>];
  ctx.notice(
    'info',
    `Node idle energy (what ${cpu.name} measures for a node but attributes to no pod: idle, host processes, kernel) ` +
      `is shared by each pod's share of its node's ${basis} over time.`
  );
  if (stranded.length) {
    ctx.notice(
      'warning',
      `Idle energy of ${someOf(stranded)} was not reallocated: no pod there had ${basis} in the range (or the node names differ between exporters).`
    );
  }
}

/** `pods` as for measureEnergy. */
export async function measurePower(
  ctx: EnergyContext,
  sources: ChosenSources,
  grain: Grain,
  namespaces: string[] | undefined,
  idle: IdleBasis,
  pods?: string
): Promise<PowerRow[]> {
  const t = ctx.timing;
  const { cpu, gpu } = sources;
  const mode = cpu ? idle : 'exclude';
  const realloc = mode !== 'exclude';
  const filtered = !!namespaces?.length || !!pods;
  const gpuIdle = gpu && isGpuSource(gpu) && gpuIdleInNodeRows(grain, realloc, filtered) ? gpu : undefined;
  const [cpuSeries, gpuSeries, { name, weigh }, totals, allPods, shares, gpuIdleSeries] = await Promise.all([
    cpu ? ctx.range(cpu.power(grain, namespaces, t, pods)) : [],
    gpu ? ctx.range(gpu.power(grain, namespaces, t, pods)) : [],
    namesAndWeights(ctx, sources),
    realloc ? ctx.range(cpu!.nodePower(t)) : [],
    realloc ? ctx.range(cpu!.power('node', undefined, t)) : [],
    realloc ? shareSeries(ctx, mode, grain, namespaces) : [],
    gpuIdle ? ctx.range(gpuIdle.idlePower(t)) : [],
  ]);
  const n = ctx.times.length;
  const slot = (ts: number) => Math.round((ts - ctx.times[0]) / t.stepMs);
  const addInto = (values: Float64Array, series: MatrixSeries, scale: (i: number) => number = () => 1) => {
    series.timesMs.forEach((ts, j) => {
      const i = slot(ts);
      const v = series.values[j] * scale(i);
      if (i >= 0 && i < n && Number.isFinite(v)) {
        values[i] = Number.isNaN(values[i]) ? v : values[i] + v;
      }
    });
  };
  const rows = new Map<string, PowerRow>();
  const row = (labels: GroupLabels, node: string) => {
    const key = rowKey(labels, node);
    let r = rows.get(key);
    if (!r) {
      r = { labels, node, values: new Float64Array(n).fill(NaN) };
      rows.set(key, r);
    }
    return r;
  };
  const collect = (series: MatrixSeries[], source: WorkloadSource, namer: Namer, w: Weigh = AS_READ) => {
    for (const s of series) {
      const node = namer(s.labels[source.labels.node] ?? '');
      const k = w(s.labels, node);
      addInto(row(groupOf(s.labels, source.labels, grain), node).values, s, () => k);
    }
  };
  if (cpu) {
    collect(cpuSeries, cpu, name, weigh);
  }
  if (gpu) {
    collect(gpuSeries, gpu, identity);
  }
  if (realloc) {
    const perNode = (series: MatrixSeries[], label: string) => {
      const out = new Map<string, Float64Array>();
      for (const s of series) {
        const node = name(s.labels[label] ?? '');
        const k = weigh(s.labels, node);
        addInto(out.get(node) ?? out.set(node, new Float64Array(n).fill(NaN)).get(node)!, s, () => k);
      }
      return out;
    };
    const all = perNode(allPods, cpu!.labels.node);
    const unattributed = new Map<string, Float64Array>();
    for (const [node, total] of perNode(totals, cpu!.nodeLabel)) {
      const pods = all.get(node);
      unattributed.set(
        node,
        total.map((w, i) => Math.max(0, w - (pods && !Number.isNaN(pods[i]) ? pods[i] : 0)))
      );
    }
    for (const s of shares) {
      const u = unattributed.get(s.labels.node ?? '');
      if (u) {
        addInto(row(groupOf(s.labels, CANONICAL, grain), s.labels.node ?? '').values, s, (i) => u[i]);
      }
    }
    idleNotices(ctx, mode, cpu!, []);
  }
  for (const s of gpuIdleSeries) {
    addInto(row({}, s.labels[gpuIdle!.labels.node] ?? '').values, s);
  }
  return [...rows.values()];
}
