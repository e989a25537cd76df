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
import { PEAK_STEP, RATE_WINDOW } from './zombieWindow';

/** Virtual and loopback interfaces: loopback, veth pairs and the common CNIs' devices. */
export const VIRTUAL_DEVICES =
  'lo|veth.*|eni.*|cali.*|cilium.*|lxc.*|flannel.*|cni.*|docker.*|br-.*|virbr.*|vxlan.*|tunl.*|tap.*|kube-ipvs.*|nodelocaldns|genev_sys.*|weave.*';
const GIB = '1073741824';

const notMatching = (label: string, regex: string) => `${assertLabelName(label)}!~${quoteLabelValue(regex)}`;

/** `max_over_time((expr)[range:5m])`: the peak of an instant expression over the range. */
export const peakOf = (expr: string, range: string) => `max_over_time((${expr})${range.slice(0, -1)}:${PEAK_STEP}])`;

/** node_exporter: busy fraction of all CPUs of each scrape target, at the evaluation time. */
export function hostBusy(): string {
  const idle = selector('node_cpu_seconds_total', [`mode=~${quoteLabelValue('idle|iowait')}`]);
  return `1 - avg by (job, instance) (sum by (job, instance, cpu) (rate(${idle}[${RATE_WINDOW}])))`;
}

/**
 * node_exporter: CPU-seconds over the range, not busy (`idle`) or all modes (`all`); their ratio
 * gives the mean busy fraction over the time the target was scraped, without a subquery.
 */
export function hostCpuSeconds(range: string, which: 'idle' | 'all'): string {
  const sel = selector('node_cpu_seconds_total', which === 'idle' ? [`mode=~${quoteLabelValue('idle|iowait')}`] : []);
  return `sum by (job, instance) (increase(${sel}${range}))`;
}

export function hostCores(range: string): string {
  return `count by (job, instance) (last_over_time(${selector('node_cpu_seconds_total', [matcherEq('mode', 'idle')])}${range}))`;
}

/** Bytes in + out over the range on physical-like devices, per target. */
export function hostBytes(range: string): string {
  const dev = [notMatching('device', VIRTUAL_DEVICES)];
  const inc = (metric: string) => `sum by (job, instance) (increase(${selector(metric, dev)}${range}))`;
  return `${inc('node_network_receive_bytes_total')} + ${inc('node_network_transmit_bytes_total')}`;
}

/** Every label of the target's info series (target labels such as EC2 SD's instance_id come with them). */
export const hostUname = (range: string) => `last_over_time(node_uname_info${range})`;
export const hostDmi = (range: string) => `last_over_time(node_dmi_info${range})`;

/** kube-state-metrics node identity: provider_id (`aws:///zone/i-…`) and internal_ip. */
export const k8sNodeInfo = (range: string) =>
  `group by (node, provider_id, internal_ip) (last_over_time(kube_node_info${range}))`;
export const k8sNodeLabels = (range: string) =>
  'group by (node, label_node_kubernetes_io_instance_type, label_topology_kubernetes_io_region) ' +
  `(last_over_time(kube_node_labels${range}))`;
export const k8sNodeCores = (range: string) =>
  `max by (node) (last_over_time(${selector('kube_node_status_capacity', [matcherEq('resource', 'cpu')])}${range}))`;

/** OpenCost: a node's mean $/h over the window, with its identity labels. */
export const opencostNodes = (range: string) =>
  `max by (node, instance_type, region, provider_id) (avg_over_time(node_total_hourly_cost${range}))`;

/** Kepler 0.10+ node Joules over the range in the given (non-overlapping) zones. */
export function keplerNodeJoules(zones: string[], range: string): string {
  const sel = selector('kepler_node_cpu_joules_total', [`zone=~${quoteLabelValue(zones.join('|'))}`]);
  return `sum by (node_name) (increase(${sel}${range}))`;
}

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
    `sum by (namespace, pod) (max by (namespace, pod, interface) (increase(${selector(metric, [matcherNotEq('pod', ''), ...ns])}${range})))`;
  return `${inc('container_network_receive_bytes_total')} + ${inc('container_network_transmit_bytes_total')}`;
}

/** OpenCost: a pod's $/h now, allocations priced at its node's rates (what keeping it costs). */
export function podHourlyCost(ns: readonly string[]): string {
  const price = (metric: string) => `on (node) group_left () max by (node) (${metric})`;
  const hourly =
    `sum by (namespace, pod) (${selector('container_cpu_allocation', ns)} * ${price('node_cpu_hourly_cost')})` +
    ` + sum by (namespace, pod) (${selector('container_memory_allocation_bytes', ns)} / ${GIB} * ${price('node_ram_hourly_cost')})`;
  return hourly;
}

/** Kepler 0.10: the frozen counters of workloads that stopped in the window, per pod and zone set. */
export function terminatedJoules(zones: string[], range: string, ns: readonly string[]): string {
  const sel = selector('kepler_pod_cpu_joules_total', [
    matcherEq('state', 'terminated'),
    `zone=~${quoteLabelValue(zones.join('|'))}`,
    ...ns,
  ]);
  return `sum by (node_name, pod_id, pod_name, pod_namespace) (max_over_time(${sel}${range}))`;
}

/** What a pod still running at the window's start had already counted (to subtract). */
export function runningJoulesAtStart(zones: string[], offset: string, podIds: string[]): string {
  const sel = selector('kepler_pod_cpu_joules_total', [
    matcherEq('state', 'running'),
    `zone=~${quoteLabelValue(zones.join('|'))}`,
    matcherIn('pod_id', podIds),
  ]);
  return `sum by (pod_id) (last_over_time(${sel}[${RATE_WINDOW}] offset ${offset}))`;
}

/** OpenCost volume prices ($/GiB-h) present now. */
export const pvPrices = () => 'max by (persistentvolume, provider_id) (pv_hourly_cost)';
/** Volumes some pod's PVC referenced in the range. */
export const pvAttached = (range: string) => `group by (persistentvolume) (max_over_time(pod_pvc_allocation${range}))`;
export const pvCapacity = () => 'max by (persistentvolume) (kube_persistentvolume_capacity_bytes)';
export const pvClaims = (ns: readonly string[]) =>
  `group by (persistentvolume, claim_namespace, name) (${selector('kube_persistentvolume_claim_ref', ns)})`;
export const pvRegions = () =>
  'group by (persistentvolume, label_topology_kubernetes_io_region, label_failure_domain_beta_kubernetes_io_region) (kube_persistentvolume_labels)';
/** Per day: volumes priced by OpenCost that day. */
export const pvPresentDaily = () => 'group by (persistentvolume) (last_over_time(pv_hourly_cost[1d]))';
