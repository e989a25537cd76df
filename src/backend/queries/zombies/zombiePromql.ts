/**
 * PromQL of the zombie search, built from the injection-proof helpers (promql.ts) and the cluster
 * queries it shares with the energy types (clusterQueries.ts). Everything is aggregated in
 * Prometheus and evaluated as instant queries at the window's end (`range` = `[14d]`), or as
 * daily range queries (`range` = `[1d]`) for idleDays.
 *
 * CPU busy fraction: `1 − rate(idle + iowait)` per CPU, averaged over CPUs (iowait is an idle CPU
 * waiting on I/O). Its peak is `max_over_time` of 10-minute rates at a 5-minute subquery step.
 * Network: eth0-like devices only. `lo` never leaves the host and veth/CNI interfaces carry pod
 * traffic that eth0 counts again.
 *
 * `ns`: the query's namespace matchers (ZombieWindow.namespaceMatchers), on the label the metric
 * names its namespace with; empty for all namespaces.
 */
import {
  assertLabelName,
  matcherEq,
  matcherIn,
  matcherNotEq,
  quoteLabelValue,
  selector,
} from '../../sources/prometheus/promql';
import { cadvisorCpuWhere, cpuRequestsWhere } from '../../measured/clusterQueries';
import { cadvisor, kepler010, kubeStateMetrics, nodeExporter, opencost } from '../../sources/prometheus/exporters';
import { PEAK_STEP, RATE_WINDOW } from './zombieWindow';

/** Virtual and loopback interfaces: loopback, veth pairs and the common CNIs' devices. */
export const VIRTUAL_DEVICES =
  'lo|veth.*|eni.*|cali.*|cilium.*|lxc.*|flannel.*|cni.*|docker.*|br-.*|virbr.*|vxlan.*|tunl.*|tap.*|kube-ipvs.*|nodelocaldns|genev_sys.*|weave.*';
const GIB = '1073741824';

const notMatching = (label: string, regex: string) => `${assertLabelName(label)}!~${quoteLabelValue(regex)}`;

/** `max_over_time((expr)[range:5m])`: the peak of an instant expression over the range. */
export const peakOf = (expr: string, range: string) => `max_over_time((${expr})${range.slice(0, -1)}:${PEAK_STEP}])`;

/** node_exporter's CPU seconds in the modes of a CPU doing no work. */
const idleCpuSeconds = () =>
  selector(nodeExporter.metrics.cpuSeconds, [
    `${nodeExporter.labels.mode}=~${quoteLabelValue(nodeExporter.idleModes.join('|'))}`,
  ]);

/** node_exporter: busy fraction of all CPUs of each scrape target, at the evaluation time. */
export function hostBusy(): string {
  const idle = idleCpuSeconds();
  return `1 - avg by (job, instance) (sum by (job, instance, cpu) (rate(${idle}[${RATE_WINDOW}])))`;
}

/**
 * node_exporter: CPU-seconds over the range, not busy (`idle`) or all modes (`all`); their ratio
 * gives the mean busy fraction over the time the target was scraped, without a subquery.
 */
export function hostCpuSeconds(range: string, which: 'idle' | 'all'): string {
  const sel = which === 'idle' ? idleCpuSeconds() : selector(nodeExporter.metrics.cpuSeconds);
  return `sum by (job, instance) (increase(${sel}${range}))`;
}

export function hostCores(range: string): string {
  const idle = selector(nodeExporter.metrics.cpuSeconds, [matcherEq(nodeExporter.labels.mode, 'idle')]);
  return `count by (job, instance) (last_over_time(${idle}${range}))`;
}

/** Bytes in + out over the range on physical-like devices, per target. */
export function hostBytes(range: string): string {
  const dev = [notMatching(nodeExporter.labels.device, VIRTUAL_DEVICES)];
  const inc = (metric: string) => `sum by (job, instance) (increase(${selector(metric, dev)}${range}))`;
  return `${inc(nodeExporter.metrics.networkReceiveBytes)} + ${inc(nodeExporter.metrics.networkTransmitBytes)}`;
}

/** Every label of the target's info series (target labels such as EC2 SD's instance_id come with them). */
export const hostUname = (range: string) => `last_over_time(${nodeExporter.metrics.unameInfo}${range})`;
export const hostDmi = (range: string) => `last_over_time(${nodeExporter.metrics.dmiInfo}${range})`;

const ksm = kubeStateMetrics;
/** kube-state-metrics node identity: provider_id (`aws:///zone/i-…`) and internal_ip. */
export const k8sNodeInfo = (range: string) =>
  `group by (${ksm.labels.node}, ${ksm.labels.providerId}, ${ksm.labels.internalIp}) ` +
  `(last_over_time(${ksm.metrics.nodeInfo}${range}))`;
export const k8sNodeLabels = (range: string) =>
  `group by (${ksm.labels.node}, ${ksm.labels.instanceType}, ${ksm.labels.region}) ` +
  `(last_over_time(${ksm.metrics.nodeLabels}${range}))`;
export const k8sNodeCores = (range: string) =>
  `max by (node) (last_over_time(${selector(ksm.metrics.nodeStatusCapacity, [matcherEq(ksm.labels.resource, 'cpu')])}${range}))`;

/** OpenCost: a node's mean $/h over the window, with its identity labels. */
export const opencostNodes = (range: string) =>
  `max by (${opencost.labels.node}, ${opencost.labels.instanceType}, ${opencost.labels.region}, ${opencost.labels.providerId}) ` +
  `(avg_over_time(${opencost.metrics.nodeTotalHourlyCost}${range}))`;

/** Kepler 0.10+ zones as one matcher (results keep zones apart: they may overlap, psys and package). */
const keplerZones = (zones: string[]) => `${kepler010.labels.zone}=~${quoteLabelValue(zones.join('|'))}`;

/** Per pod: CPU cores used at the evaluation time (10-minute rate, containers only). */
export function podCpu(ns: readonly string[]): string {
  return `sum by (namespace, pod) (rate(${cadvisorCpuWhere(ns)}[${RATE_WINDOW}]))`;
}

/** Per pod: core-seconds used over the range (the mean without a subquery). */
export function podCpuSeconds(range: string, ns: readonly string[]): string {
  return `sum by (namespace, pod) (increase(${cadvisorCpuWhere(ns)}${range}))`;
}

/** CPU requested now, per pod and node (completed pods out, duplicate exporters deduplicated). */
export const podRequestsNow = (ns: readonly string[]) =>
  `sum by (namespace, pod, node) (${cpuRequestsWhere(ns, true)})`;

/**
 * Pod network bytes in + out over the range. The kubelet reports a pod's network namespace on
 * its pod-level rows (`container=""` and the sandbox `POD`) with equal counters: `max by` keeps one.
 */
export function podBytes(range: string, ns: readonly string[]): string {
  const inc = (metric: string) =>
    `sum by (namespace, pod) (max by (namespace, pod, interface) (increase(${selector(metric, [matcherNotEq(cadvisor.labels.pod, ''), ...ns])}${range})))`;
  return `${inc(cadvisor.metrics.networkReceiveBytes)} + ${inc(cadvisor.metrics.networkTransmitBytes)}`;
}

/** OpenCost: a pod's $/h now, allocations priced at its node's rates (what keeping it costs). */
export function podHourlyCost(ns: readonly string[]): string {
  const price = (metric: string) => `on (node) group_left () max by (node) (${metric})`;
  const m = opencost.metrics;
  const hourly =
    `sum by (namespace, pod) (${selector(m.cpuAllocation, ns)} * ${price(m.nodeCpuHourlyCost)})` +
    ` + sum by (namespace, pod) (${selector(m.memoryAllocationBytes, ns)} / ${GIB} * ${price(m.nodeRamHourlyCost)})`;
  return hourly;
}

/** Kepler 0.10: the frozen counters of workloads that stopped in the window, per pod and zone. */
export function terminatedJoules(zones: string[], range: string, ns: readonly string[]): string {
  const { metrics, labels, states } = kepler010;
  const sel = selector(metrics.podCpuJoules, [matcherEq(labels.state, states.terminated), keplerZones(zones), ...ns]);
  return `sum by (${labels.node}, ${labels.podId}, ${labels.pod}, ${labels.namespace}, ${labels.zone}) (max_over_time(${sel}${range}))`;
}

/** What a pod still running at the window's start had already counted, per zone (to subtract). */
export function runningJoulesAtStart(zones: string[], offset: string, podIds: string[]): string {
  const { metrics, labels, states } = kepler010;
  const sel = selector(metrics.podCpuJoules, [
    matcherEq(labels.state, states.running),
    keplerZones(zones),
    matcherIn(labels.podId, podIds),
  ]);
  return `sum by (${labels.podId}, ${labels.zone}) (last_over_time(${sel}[${RATE_WINDOW}] offset ${offset}))`;
}

const PV = opencost.labels.persistentVolume;
/** OpenCost volume prices ($/GiB-h) present now. */
export const pvPrices = () => `max by (${PV}, ${opencost.labels.providerId}) (${opencost.metrics.pvHourlyCost})`;
/** Volumes some pod's PVC referenced in the range. */
export const pvAttached = (range: string) =>
  `group by (${PV}) (max_over_time(${opencost.metrics.pvcAllocation}${range}))`;
export const pvCapacity = () => `max by (${PV}) (${ksm.metrics.persistentVolumeCapacityBytes})`;
export const pvClaims = (ns: readonly string[]) =>
  `group by (${PV}, ${ksm.labels.claimNamespace}, ${ksm.labels.claimName}) (${selector(ksm.metrics.persistentVolumeClaimRef, ns)})`;
export const pvRegions = () =>
  `group by (${PV}, ${ksm.labels.region}, ${ksm.labels.legacyRegion}) (${ksm.metrics.persistentVolumeLabels})`;
/** Per day: volumes priced by OpenCost that day. */
export const pvPresentDaily = () => `group by (${PV}) (last_over_time(${opencost.metrics.pvHourlyCost}[1d]))`;
