/**
 * The rows of idle machines: a Kubernetes node (identity, region and price from kube-state-metrics
 * and OpenCost, whole-server IT power from the CPU source (nodePower.ts), embodied from the engine) or a cloud instance
 * or host (energy from the engine's month of its instance type, when it has one).
 */
import type { NodeRegions } from '../../measured/regions';
import { describeInstanceMonth } from '../../../engine/recommendations/instanceMonth';
import { HOURS_PER_MONTH, monthlyFromHourly } from '../../../engine/recommendations/month';
import {
  co2eNote,
  engineMonth,
  monthEnergy,
  monthlyFromWatts,
  withEmbodied,
} from '../../../engine/recommendations/zombieMonth';
import type { Host } from './hostEvidence';
import { cloudIdentity, type CloudIdentity, type KubeNode, parseProviderId } from './hostIdentity';
import { nodeMonth, unknownTypeReason } from './nodeInstances';
import type { NodeWatts } from './nodePower';
import { metrics as opencostMetrics } from '../../sources/prometheus/exporters/opencost';
import { factorNote, regionFactor } from './zombieRegions';
import type { PromZombieRow, ZombieWindow } from './zombieWindow';

/** What the node rows read besides the host: the nodes' power and regions. */
export interface NodeContext {
  watts: NodeWatts;
  regions: NodeRegions;
}

type Common = Pick<
  PromZombieRow,
  | 'source'
  | 'cluster'
  | 'namespace'
  | 'workload'
  | 'peakCpuPercent'
  | 'avgCpuPercent'
  | 'networkBytesPerDay'
  | 'windowDays'
  | 'idleDays'
>;

/** The row of an idle host: a Kubernetes node when it is one, else a cloud instance or host. */
export function machineRow(
  w: ZombieWindow,
  h: Host,
  node: KubeNode | undefined,
  idleDays: number,
  nodes: NodeContext
): PromZombieRow {
  const days = w.opts.windowDays;
  const common: Common = {
    source: 'prometheus' as const,
    cluster: '',
    namespace: '',
    workload: '',
    peakCpuPercent: h.peak! * 100,
    avgCpuPercent: h.mean !== undefined ? h.mean * 100 : null,
    networkBytesPerDay: h.bytes! / days,
    windowDays: days,
    idleDays,
  };
  const evidence =
    `node_exporter ${h.labels.instance}: peak of 10-minute CPU busy at 5-minute steps and eth0-like bytes ` +
    `(lo and virtual interfaces excluded) over ${days} days.`;
  return node ? nodeRow(w, h, node, common, evidence, nodes) : instanceRow(w, h, common, evidence);
}

function nodeRow(
  w: ZombieWindow,
  h: Host,
  node: KubeNode,
  common: Common,
  evidence: string,
  { watts, regions }: NodeContext
): PromZombieRow {
  const days = w.opts.windowDays;
  const { provider, instanceId } = parseProviderId(node.providerId);
  const factor = regions.factor(node.name);
  const measured = watts.get(node.name);
  // Measured: operational from the node's power, embodied from the engine. Else all from the engine.
  const month = nodeMonth(w, node, factor?.region ?? node.region, meanPercent(h));
  const energy = measured
    ? withEmbodied(monthlyFromWatts(measured.watts, factor, w.endMs, measured.spread), month)
    : month && monthEnergy(month);
  const how = measured
    ? `whole-server IT power (${measured.source}) averaged over the window × ${HOURS_PER_MONTH} h, × PUE for facility kWh, ${factorNote(factor)}` +
      (month?.known ? `; embodied: the engine's month of ${node.instanceType} (${w.opts.methodology})` : '')
    : month?.known
      ? `billing engine estimate at the node's mean CPU: ${describeInstanceMonth(month, node.instanceType, w.opts.methodology)}`
      : `unknown (no power measured and ${unknownTypeReason(node)})`;
  return {
    ...common,
    kind: 'kubernetesNode',
    provider,
    account: '',
    region: regions.region(node.name) ?? node.region,
    resourceId: node.name,
    name: node.name,
    instanceType: node.instanceType,
    instanceId,
    monthlyCost: node.hourlyCost !== undefined ? monthlyFromHourly(node.hourlyCost) : null,
    currency: node.hourlyCost !== undefined ? 'USD' : '',
    monthlyKWh: energy?.kWh ?? null,
    monthlyKgCO2e: energy?.kg ?? null,
    monthlyKgCO2eLow: energy?.lowKg ?? null,
    monthlyKgCO2eHigh: energy?.highKg ?? null,
    action: `Cordon, drain and remove node ${node.name}${instanceId ? ` (${instanceId})` : ''}: idle ${common.idleDays} of the last ${days} days.`,
    method:
      `${evidence} Energy: ${how}.${co2eNote(energy, `embodied unknown (${unknownTypeReason(node)})`)} ` +
      `Cost: ${node.hourlyCost !== undefined ? `OpenCost ${opencostMetrics.nodeTotalHourlyCost} (mean over the window) × ${HOURS_PER_MONTH} h` : 'unknown (no OpenCost)'}.`,
  };
}

function instanceRow(w: ZombieWindow, h: Host, common: Common, evidence: string): PromZombieRow {
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
