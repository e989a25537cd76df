/**
 * Kepler 0.10+ as it prints (checked at v0.10.0 and HEAD: internal/exporter/prometheus/collector/
 * power_collector.go): CPU energy and power per RAPL zone at node, pod, container and process
 * level, `state` running/terminated on workloads, and the constant node name on every series but
 * the CPU and build info.
 */
import { labels, metrics, states } from '../kepler010';
import { family, type FamilyDescription, goSorted, type LabelPairs, type ScrapeDefaults } from './family';

export const KEPLER010_SCRAPE: ScrapeDefaults = { job: 'kepler', port: 28282 };
export const KEPLER010_VERSION = 'v0.10.0';

export type Kepler010Level = 'node' | 'pod' | 'container' | 'process';
export type RaplZone = 'package' | 'core' | 'uncore' | 'dram' | 'psys';
export type WorkloadState = (typeof states)[keyof typeof states];

const joules = (level: Kepler010Level, name = `kepler_${level}_cpu_joules_total`): FamilyDescription =>
  family(name, `Energy consumption of cpu at ${level} level in joules`, 'counter');
const watts = (level: Kepler010Level): FamilyDescription =>
  family(`kepler_${level}_cpu_watts`, `Power consumption of cpu at ${level} level in watts`);

export const KEPLER010 = {
  nodeJoules: joules('node', metrics.nodeCpuJoules),
  nodeActiveJoules: family(
    'kepler_node_cpu_active_joules_total',
    'Energy consumption of cpu in active state at node level in joules',
    'counter'
  ),
  nodeIdleJoules: family(
    'kepler_node_cpu_idle_joules_total',
    'Energy consumption of cpu in idle state at node level in joules',
    'counter'
  ),
  nodeWatts: watts('node'),
  nodeActiveWatts: family(
    'kepler_node_cpu_active_watts',
    'Power consumption of cpu in active state at node level in watts'
  ),
  nodeIdleWatts: family('kepler_node_cpu_idle_watts', 'Power consumption of cpu in idle state at node level in watts'),
  nodeUsageRatio: family('kepler_node_cpu_usage_ratio', 'CPU usage ratio of a node (value between 0.0 and 1.0)'),
  nodeCpuInfo: family('kepler_node_cpu_info', 'CPU information from procfs'),
  podJoules: joules('pod', metrics.podCpuJoules),
  podWatts: watts('pod'),
  containerJoules: joules('container'),
  containerWatts: watts('container'),
  processJoules: joules('process'),
  processWatts: watts('process'),
  processSeconds: family(
    'kepler_process_cpu_seconds_total',
    'Total user and system time of cpu at process level in seconds',
    'counter'
  ),
  buildInfo: family(metrics.buildInfo, "A metric with a constant '1' value labeled with version information"),
};

/** sysfs path of a zone on a one-socket node, `aggregated-<zone>` when several sockets are merged. */
export function zonePath(zone: RaplZone, sockets = 1): string {
  if (sockets > 1) {
    return `aggregated-${zone}`;
  }
  const base = '/sys/class/powercap/intel-rapl';
  switch (zone) {
    case 'package':
      return `${base}/intel-rapl:0`;
    case 'core':
      return `${base}/intel-rapl:0/intel-rapl:0:0`;
    case 'uncore':
      return `${base}/intel-rapl:0/intel-rapl:0:1`;
    case 'dram':
      return `${base}/intel-rapl:0/intel-rapl:0:2`;
    case 'psys':
      return `${base}/intel-rapl:1`;
  }
}

export function cpuModel(arch: string): string {
  return arch === 'arm64' ? 'Neoverse-N1' : 'Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz';
}

/** The label sets of each level (a workload's series add state and zone to its identity). */
export const KEPLER010_LABELS = {
  node: (node: string): LabelPairs => [[labels.node, node]],
  zone: (node: string, zone: RaplZone, path: string): LabelPairs =>
    goSorted([
      [labels.zone, zone],
      ['path', path],
      [labels.node, node],
    ]),
  pod: (podId: string, pod: string, namespace: string): LabelPairs => [
    [labels.podId, podId],
    [labels.pod, pod],
    [labels.namespace, namespace],
  ],
  /** Containers have no namespace: they join pods on the pod id. */
  container: (containerId: string, name: string, podId: string): LabelPairs => [
    ['container_id', containerId],
    ['container_name', name],
    ['runtime', 'containerd'],
    [labels.podId, podId],
  ],
  process: (pid: number, comm: string, exe: string, type: 'regular' | 'container', containerId: string): LabelPairs => [
    ['pid', String(pid)],
    ['comm', comm],
    ['exe', exe],
    ['type', type],
    ['container_id', containerId],
    ['vm_id', ''],
  ],
  /** A workload's energy and power series in one zone. */
  workload: (identity: LabelPairs, state: WorkloadState, zone: RaplZone, node: string): LabelPairs =>
    goSorted([...identity, [labels.state, state], [labels.zone, zone], [labels.node, node]]),
  cpuInfo: (cpu: number, arch: string): LabelPairs => [
    ['processor', String(cpu)],
    ['vendor_id', arch === 'arm64' ? 'ARM' : 'GenuineIntel'],
    ['model_name', cpuModel(arch)],
    ['physical_id', '0'],
    ['core_id', String(Math.floor(cpu / 2))],
  ],
  build: (arch: string, version: string): LabelPairs => [
    ['arch', arch],
    ['branch', 'main'],
    ['revision', 'f0fd0bd'],
    [labels.version, version],
    ['goversion', 'go1.24.4'],
  ],
};
