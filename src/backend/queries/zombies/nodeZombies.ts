/**
 * Idle machines from node_exporter, by AWS Compute Optimizer's rule: peak CPU (5-minute steps of
 * 10-minute rates) under `cpuPeakPercent` and eth0-like traffic under `networkMBPerDay` over the
 * window. A target that is a Kubernetes node is a `kubernetesNode` (identity, region and price
 * from kube-state-metrics and OpenCost, power from Kepler); any other is a `cloudInstance`, with
 * a provider when its labels or DMI data name one, else none (a host).
 */
import type { Labels, VectorSample } from '../../sources/prometheus/promResponse';
import { chooseSources } from '../../measured/sourceChoice';
import { cloudIdentity, type CloudIdentity, matchKubeNode, parseProviderId } from './hostIdentity';
import { kubeNodesOf, nodeMonth, unknownTypeReason } from './nodeInstances';
import { co2eNote, engineMonth, monthEnergy, monthlyFromWatts, withEmbodied } from './zombieEnergy';
import {
  hostBusy,
  hostBytes,
  hostCores,
  hostDmi,
  hostUname,
  keplerNodeJoules,
  peakOf,
  hostCpuSeconds,
} from './zombiePromql';
import { describeInstanceMonth } from '../../../engine/recommendations/instanceMonth';
import { factorNote, nodeRegions, regionFactor } from './zombieRegions';
import { HOURS_PER_MONTH } from './zombieRow';
import { dailyBy, keplerZones, type PromZombieRow, trailingIdleDays, type ZombieWindow } from './zombieWindow';

interface Host {
  key: string;
  labels: Labels;
  dmi?: Labels;
  nodename: string;
  cores?: number;
  peak?: number;
  mean?: number;
  bytes?: number;
}

const keyOf = (l: Labels) => `${l.job ?? ''}\u0000${l.instance ?? ''}`;

function hostsFrom(samples: Record<'peak' | 'mean' | 'cores' | 'bytes' | 'uname' | 'dmi', VectorSample[]>): Host[] {
  const hosts = new Map<string, Host>();
  const host = (l: Labels) => {
    const key = keyOf(l);
    return hosts.get(key) ?? hosts.set(key, { key, labels: {}, nodename: '' }).get(key)!;
  };
  samples.peak.forEach((s) => (host(s.labels).peak = s.value));
  samples.mean.forEach((s) => (host(s.labels).mean = s.value));
  samples.cores.forEach((s) => (host(s.labels).cores = s.value));
  samples.bytes.forEach((s) => (host(s.labels).bytes = s.value));
  samples.uname.forEach((s) => {
    const h = host(s.labels);
    h.labels = s.labels;
    h.nodename = s.labels.nodename ?? '';
  });
  samples.dmi.forEach((s) => (host(s.labels).dmi = s.labels));
  return [...hosts.values()].filter((h) => h.peak !== undefined);
}

export async function nodeZombies(w: ZombieWindow): Promise<PromZombieRow[]> {
  const { ctx, range } = w;
  const [peak, mean, cores, bytes, uname, dmi, nodes] = await Promise.all([
    ctx.instant(peakOf(hostBusy(), range)),
    ctx.instant(`1 - ${hostCpuSeconds(range, 'idle')} / ${hostCpuSeconds(range, 'all')}`),
    ctx.instant(hostCores(range)),
    ctx.instant(hostBytes(range)),
    ctx.instant(hostUname(range)),
    ctx.instant(hostDmi(range)),
    kubeNodesOf(w),
  ]);
  const hosts = hostsFrom({ peak, mean, cores, bytes, uname, dmi });
  if (hosts.length === 0) {
    ctx.notice(
      'info',
      'node_exporter (node_cpu_seconds_total) not found: idle nodes and instances were not looked for.'
    );
    return [];
  }
  const days = w.opts.windowDays;
  const idle = hosts.filter((h) => {
    if (h.bytes === undefined) {
      ctx.notice(
        'info',
        `No network counters for ${h.labels.instance ?? h.key}: not judged (no evidence is not idleness).`
      );
      return false;
    }
    return h.peak! < w.cpuFraction && h.bytes / days < w.bytesPerDay;
  });
  const judged = idle
    .map((h) => ({ h, node: matchKubeNode(h.labels, h.nodename, nodes) }))
    .filter(({ node }) => w.opts.kinds.has(node ? 'kubernetesNode' : 'cloudInstance'));
  if (judged.length === 0) {
    return [];
  }
  const [idleDays, watts, regions] = await Promise.all([
    hostIdleDays(w, new Set(judged.map(({ h }) => h.key))),
    nodeWatts(w),
    nodeRegions(
      w,
      judged.flatMap(({ node }) => (node ? [node.name] : []))
    ),
  ]);
  const rows: PromZombieRow[] = [];
  for (const { h, node } of judged) {
    const common = {
      source: 'prometheus' as const,
      cluster: '',
      namespace: '',
      workload: '',
      peakCpuPercent: h.peak! * 100,
      avgCpuPercent: h.mean !== undefined ? h.mean * 100 : null,
      networkBytesPerDay: h.bytes! / days,
      windowDays: days,
      idleDays: idleDays.get(h.key) ?? 0,
    };
    const evidence =
      `node_exporter ${h.labels.instance}: peak of 10-minute CPU busy at 5-minute steps and eth0-like bytes ` +
      `(lo and virtual interfaces excluded) over ${days} days.`;
    if (node) {
      const { provider, instanceId } = parseProviderId(node.providerId);
      const factor = regions.factor(node.name);
      const measured = watts.get(node.name);
      // Measured: operational from the node's power, embodied from the engine. Else all from the engine.
      const month = nodeMonth(w, node, factor?.region ?? node.region, meanPercent(h));
      const energy = measured
        ? withEmbodied(monthlyFromWatts(measured.watts, factor, w.endMs), month)
        : month && monthEnergy(month);
      const how = measured
        ? `${measured.source} node power averaged over the window × ${HOURS_PER_MONTH} h, ${factorNote(factor)}` +
          (month?.known ? `; embodied: the engine's month of ${node.instanceType} (${w.opts.methodology})` : '')
        : month?.known
          ? `billing engine estimate at the node's mean CPU: ${describeInstanceMonth(month, node.instanceType, w.opts.methodology)}`
          : `unknown (no power measured and ${unknownTypeReason(node)})`;
      rows.push({
        ...common,
        kind: 'kubernetesNode',
        provider,
        account: '',
        region: regions.region(node.name) ?? node.region,
        resourceId: node.name,
        name: node.name,
        instanceType: node.instanceType,
        instanceId,
        monthlyCost: node.hourlyCost !== undefined ? node.hourlyCost * HOURS_PER_MONTH : null,
        currency: node.hourlyCost !== undefined ? 'USD' : '',
        monthlyKWh: energy?.kWh ?? null,
        monthlyKgCO2e: energy?.kg ?? null,
        monthlyKgCO2eLow: energy?.lowKg ?? null,
        monthlyKgCO2eHigh: energy?.highKg ?? null,
        action: `Cordon, drain and remove node ${node.name}${instanceId ? ` (${instanceId})` : ''}: idle ${common.idleDays} of the last ${days} days.`,
        method:
          `${evidence} Energy: ${how}.${co2eNote(energy, `embodied unknown (${unknownTypeReason(node)})`)} ` +
          `Cost: ${node.hourlyCost !== undefined ? `OpenCost node_total_hourly_cost (mean over the window) × ${HOURS_PER_MONTH} h` : 'unknown (no OpenCost)'}.`,
      });
    } else {
      rows.push(instanceRow(w, h, common, evidence));
    }
  }
  return rows;
}

function instanceRow(
  w: ZombieWindow,
  h: Host,
  common: Omit<
    PromZombieRow,
    | 'kind'
    | 'provider'
    | 'account'
    | 'region'
    | 'resourceId'
    | 'name'
    | 'instanceType'
    | 'monthlyCost'
    | 'currency'
    | 'monthlyKWh'
    | 'monthlyKgCO2e'
    | 'monthlyKgCO2eLow'
    | 'monthlyKgCO2eHigh'
    | 'action'
    | 'method'
  >,
  evidence: string
): PromZombieRow {
  const id: CloudIdentity = cloudIdentity(h.labels, h.dmi);
  const located = id.provider ? regionFactor(w, id.region, id.provider) : { region: '' };
  const month =
    id.provider === 'aws' && id.instanceType
      ? engineMonth(id.instanceType, located.region, meanPercent(h), w.opts.methodology, w.endMs)
      : undefined;
  const energy = month && monthEnergy(month);
  const name = h.nodename || (h.labels.instance ?? '');
  const what = id.instanceId || name;
  return {
    ...common,
    kind: 'cloudInstance',
    provider: id.provider,
    account: id.account,
    region: located.region,
    resourceId: what,
    name,
    instanceType: id.instanceType,
    ...(id.instanceId ? { instanceId: id.instanceId } : {}),
    monthlyCost: null,
    currency: '',
    monthlyKWh: energy?.kWh ?? null,
    monthlyKgCO2e: energy?.kg ?? null,
    monthlyKgCO2eLow: energy?.lowKg ?? null,
    monthlyKgCO2eHigh: energy?.highKg ?? null,
    action: id.provider
      ? `Stop or terminate ${what}${id.instanceType ? ` (${id.instanceType})` : ''}: idle ${common.idleDays} of the last ${common.windowDays} days.`
      : `Power off or repurpose host ${what}: idle ${common.idleDays} of the last ${common.windowDays} days.`,
    method:
      `${evidence} ` +
      (month && energy
        ? `Energy: billing engine estimate at the host's mean CPU (region ${located.region || 'unknown'}): ${describeInstanceMonth(month, id.instanceType, w.opts.methodology)}${co2eNote(energy, '')} `
        : `Energy: unknown (no power exporter covers this host and ${unknownHostReason(id)}). `) +
      'Cost: unknown to Prometheus (Cost Explorer knows it).',
  };
}

/** The measured mean CPU in percent; null (the engine's default and band) when node_exporter gave none. */
function meanPercent(h: Host): number | null {
  return h.mean !== undefined ? h.mean * 100 : null;
}

function unknownHostReason(id: CloudIdentity): string {
  if (!id.provider) {
    return 'it has no cloud identity, so no instance type';
  }
  if (id.provider !== 'aws' || !id.instanceType) {
    return `the engine knows AWS instance types only${id.instanceType ? `, not ${id.provider} ${id.instanceType}` : ''}`;
  }
  return `instance type ${id.instanceType} is not known to the engine`;
}

/** Mean power over the window per Kubernetes node: Kepler 0.10 zones, else the CPU source's node totals. */
export function nodeWatts(w: ZombieWindow): Promise<Map<string, { watts: number; source: string }>> {
  return w.once('nodeWatts', () => loadNodeWatts(w));
}

async function loadNodeWatts(w: ZombieWindow): Promise<Map<string, { watts: number; source: string }>> {
  const { ctx } = w;
  const seconds = (w.endMs - w.startMs) / 1000;
  const out = new Map<string, { watts: number; source: string }>();
  const zones = keplerZones(w);
  if (zones.length > 0) {
    for (const s of await ctx.instant(keplerNodeJoules(zones, w.range))) {
      out.set(s.labels.node_name ?? '', { watts: s.value / seconds, source: `Kepler (zones ${zones.join(' + ')})` });
    }
    return out;
  }
  const cpu = chooseSources(ctx, undefined).cpu;
  if (!cpu) {
    return out;
  }
  const names = new Map<string, string>();
  if (cpu.nodeNames) {
    for (const s of await ctx.instant(cpu.nodeNames.expr(ctx.timing))) {
      names.set(s.labels[cpu.nodeNames.from] ?? '', s.labels[cpu.nodeNames.to] ?? '');
    }
  }
  for (const s of await ctx.instant(cpu.nodeEnergy(ctx.timing))) {
    const key = s.labels[cpu.nodeLabel] ?? '';
    out.set(names.get(key) ?? key, { watts: s.value / seconds, source: cpu.name });
  }
  return out;
}

/** Trailing days each host met the rule, from daily peaks and bytes. */
async function hostIdleDays(w: ZombieWindow, keys: Set<string>): Promise<Map<string, number>> {
  const [peaks, bytes] = await Promise.all([w.daily(peakOf(hostBusy(), '[1d]')), w.daily(hostBytes('[1d]'))]);
  const p = dailyBy(peaks, keyOf);
  const b = dailyBy(bytes, keyOf);
  const out = new Map<string, number>();
  for (const key of keys) {
    out.set(
      key,
      trailingIdleDays(w, (t) => {
        const cpu = p.get(key)?.get(t);
        const net = b.get(key)?.get(t);
        return cpu !== undefined && net !== undefined && cpu < w.cpuFraction && net < w.bytesPerDay;
      })
    );
  }
  return out;
}
