/**
 * PromQL per power exporter generation: Joules over the range (instant query at the end) and watts
 * at each step (range query) per namespace, pod and node, the node totals that idle reallocation
 * needs, and DCGM GPU energy. All aggregation is pushed down (`sum by`, `increase`, `rate`,
 * subqueries): Node receives one number per (group, node), never a container or process series.
 *
 * Each source keeps its native label names (Kepler 0.10 `pod_namespace`, Kepler 0.7
 * `container_namespace`, ...); Node maps them to namespace/pod/node after the query.
 */
import { matcherEq, matcherNotEq, matcherRegex, quoteLabelValue, selector } from '../sources/prometheus/promql';
import {
  GRAIN_LABELS,
  type Grain,
  minusWhereBoth,
  namespaceMatchers,
  rangeOf,
  secondsOf,
  subqueryOf,
  sumBy,
  type Timing,
} from './promqlParts';

export type SourceId = 'kepler-0.10' | 'kepler-0.7' | 'scaphandre' | 'dcgm';

export interface NativeLabels {
  namespace: string;
  pod: string;
  node: string;
}

/** Energy and power of workloads, per namespace/pod and node. */
export interface WorkloadSource {
  id: SourceId;
  /** For notices, e.g. "Kepler 0.10+ (zone package)". */
  name: string;
  labels: NativeLabels;
  /**
   * Joules per (grain, node) over the range ending at the evaluation time. `pods`: an RE2 regex
   * the pod label must match (built from escaped names, workloadFilter.ts); all pods when absent.
   */
  energy(grain: Grain, namespaces: string[] | undefined, t: Timing, pods?: string): string;
  /** Watts per (grain, node) at the evaluation time; `pods` as for energy. */
  power(grain: Grain, namespaces: string[] | undefined, t: Timing, pods?: string): string;
}

/** A CPU energy source also measures whole nodes, so their unattributed (idle) energy is known. */
export interface CpuSource extends WorkloadSource {
  /** Label holding the node key on the node totals. */
  nodeLabel: string;
  nodeEnergy(t: Timing): string;
  nodePower(t: Timing): string;
  /** When node keys are not node names: a query whose series pair `from` (key) with `to` (name). */
  nodeNames?: { expr(t: Timing): string; from: string; to: string };
}

/** `label=~"<pods>"`, or nothing without a pod pattern. */
function podMatchers(label: string, pods: string | undefined): string[] {
  return pods ? [matcherRegex(label, pods)] : [];
}

/** The native labels a query groups by: the grain's labels and the node. */
export function nativeGroup(source: WorkloadSource, grain: Grain): string[] {
  return [...GRAIN_LABELS[grain].map((l) => source.labels[l]), source.labels.node];
}

/**
 * Kepler 0.10+: `kepler_pod_cpu_joules_total` of one zone (zones overlap: package includes core
 * and uncore, so they are never summed). Only `state="running"`: a stopped pod is exported once
 * more as `terminated` with its counter frozen, a copy of the running series' last value, which
 * summing both states would count twice (and, for a pod restarted twice, `increase()` over the
 * terminated series' samples from two incarnations is meaningless). The running series of a
 * restarted pod keeps its labels and restarts from its first interval's energy: `increase()`
 * treats that as a counter reset, which is exact. What only the terminated copy holds (energy
 * between a pod's last scrape and its stop, pods shorter than a scrape) is not counted.
 */
export function kepler010Source(zone: string): CpuSource {
  const pods = (namespaces?: string[], podPattern?: string) =>
    selector('kepler_pod_cpu_joules_total', [
      matcherEq('zone', zone),
      matcherEq('state', 'running'),
      ...namespaceMatchers('pod_namespace', namespaces),
      ...podMatchers('pod_name', podPattern),
    ]);
  const nodes = selector('kepler_node_cpu_joules_total', [matcherEq('zone', zone)]);
  const source: CpuSource = {
    id: 'kepler-0.10',
    name: `Kepler 0.10+ (zone ${zone})`,
    labels: { namespace: 'pod_namespace', pod: 'pod_name', node: 'node_name' },
    energy: (grain, namespaces, t, podPattern) =>
      sumBy(nativeGroup(source, grain), `increase(${pods(namespaces, podPattern)}${rangeOf(t.rangeMs)})`),
    power: (grain, namespaces, t, podPattern) =>
      sumBy(nativeGroup(source, grain), `rate(${pods(namespaces, podPattern)}${rangeOf(t.windowMs)})`),
    nodeLabel: 'node_name',
    nodeEnergy: (t) => sumBy(['node_name'], `increase(${nodes}${rangeOf(t.rangeMs)})`),
    nodePower: (t) => sumBy(['node_name'], `rate(${nodes}${rangeOf(t.windowMs)})`),
  };
  return source;
}

/** Kepler 0.7 node components that make up `kepler_container_joules_total` (package + dram + other + gpu). */
const LEGACY_TOTAL = ['package', 'dram', 'other', 'gpu'];

/**
 * Kepler 0.7: `kepler_container_joules_total{mode="dynamic"}`. Idle is left to our reallocation
 * (node counters, both modes, minus the containers' dynamic energy): the containers' own idle
 * series are zero by default (EXPOSE_ESTIMATED_IDLE_POWER_METRICS=false) and split by CPU time
 * only when set. Host processes and the kernel (`system_processes`, `kernel_processes`) are not
 * Kubernetes workloads: they stay unattributed, as in Kepler 0.10. Containers carry the target's
 * `instance` (the node's address); the node series name the node in `exported_instance`.
 * With DCGM present, GPU energy comes from DCGM, so Kepler's gpu component is taken out.
 */
export function kepler07Source(components: string[], excludeGpu: boolean): CpuSource {
  const matchers = (namespaces?: string[], pods?: string) => [
    matcherEq('mode', 'dynamic'),
    `pod_name!~${quoteLabelValue('system_processes|kernel_processes')}`,
    ...namespaceMatchers('container_namespace', namespaces),
    ...podMatchers('pod_name', pods),
  ];
  const total = (namespaces?: string[], pods?: string) =>
    selector('kepler_container_joules_total', matchers(namespaces, pods));
  const gpu = (namespaces?: string[], pods?: string) =>
    selector('kepler_container_gpu_joules_total', matchers(namespaces, pods));
  const withoutGpu = (by: string[], fn: string, ns: string[] | undefined, pods: string | undefined, range: string) =>
    excludeGpu
      ? minusWhereBoth(sumBy(by, `${fn}(${total(ns, pods)}${range})`), sumBy(by, `${fn}(${gpu(ns, pods)}${range})`))
      : sumBy(by, `${fn}(${total(ns, pods)}${range})`);
  const nodeParts = LEGACY_TOTAL.filter((c) => components.includes(c) && !(excludeGpu && c === 'gpu'));
  // Components are different metrics with otherwise equal labels: tag each before `or`.
  const nodeSum = (fn: string, range: string) =>
    sumBy(
      ['instance'],
      nodeParts
        .map(
          (c) => `label_replace(${fn}(kepler_node_${c}_joules_total${range}), "component", "${c}", "__name__", ".*")`
        )
        .join(' or ')
    );
  const source: CpuSource = {
    id: 'kepler-0.7',
    name: 'Kepler 0.7',
    labels: { namespace: 'container_namespace', pod: 'pod_name', node: 'instance' },
    energy: (grain, ns, t, pods) => withoutGpu(nativeGroup(source, grain), 'increase', ns, pods, rangeOf(t.rangeMs)),
    power: (grain, ns, t, pods) => withoutGpu(nativeGroup(source, grain), 'rate', ns, pods, rangeOf(t.windowMs)),
    nodeLabel: 'instance',
    nodeEnergy: (t) => nodeSum('increase', rangeOf(t.rangeMs)),
    nodePower: (t) => nodeSum('rate', rangeOf(t.windowMs)),
    nodeNames: {
      expr: (t) =>
        `group by (instance, exported_instance) (last_over_time(kepler_node_package_joules_total${rangeOf(t.rangeMs)}))`,
      from: 'instance',
      to: 'exported_instance',
    },
  };
  return source;
}

/**
 * Scaphandre `--containers`: process power (µW gauges) of processes in pods. There is no process
 * energy counter, so energy is the Riemann sum of the per-group power at each step, done in
 * Prometheus: `sum_over_time((sum by (...) (power))[range:step]) * step`. Host power (the node
 * total) is integrated the same way, so host − processes compares like with like. Pods carry
 * `kubernetes_node_name`; host series only the target's `instance`.
 */
export function scaphandreSource(): CpuSource {
  const processes = (namespaces?: string[], pods?: string) =>
    selector('scaph_process_power_consumption_microwatts', [
      ...(namespaces && namespaces.length > 0
        ? namespaceMatchers('kubernetes_pod_namespace', namespaces)
        : [matcherNotEq('kubernetes_pod_namespace', '')]),
      ...podMatchers('kubernetes_pod_name', pods),
    ]);
  const integrate = (expr: string, t: Timing) =>
    `sum_over_time((${expr})${subqueryOf(t.rangeMs, t.stepMs)}) * ${secondsOf(t.stepMs)} / 1e6`;
  const source: CpuSource = {
    id: 'scaphandre',
    name: 'Scaphandre (--containers)',
    labels: { namespace: 'kubernetes_pod_namespace', pod: 'kubernetes_pod_name', node: 'kubernetes_node_name' },
    energy: (grain, ns, t, pods) => integrate(sumBy(nativeGroup(source, grain), processes(ns, pods)), t),
    power: (grain, ns, _t, pods) => `${sumBy(nativeGroup(source, grain), processes(ns, pods))} / 1e6`,
    nodeLabel: 'instance',
    nodeEnergy: (t) => integrate(sumBy(['instance'], 'scaph_host_power_microwatts'), t),
    nodePower: () => `${sumBy(['instance'], 'scaph_host_power_microwatts')} / 1e6`,
    nodeNames: {
      expr: (t) =>
        `group by (instance, kubernetes_node_name) (last_over_time(${selector(
          'scaph_process_power_consumption_microwatts',
          [matcherNotEq('kubernetes_node_name', '')]
        )}${rangeOf(t.rangeMs)}))`,
      from: 'instance',
      to: 'kubernetes_node_name',
    },
  };
  return source;
}

/**
 * DCGM: GPU energy of the pod holding each GPU (the exporter's pod mapping). The energy counter
 * is in mJ since boot; without it, power (W) is integrated like Scaphandre's. Series of GPUs no
 * pod holds have no (or empty) pod labels and are left out: that GPU idle energy is no workload's.
 * The node is DCGM's `Hostname` (the node name when the exporter runs with it).
 */
export function dcgmSource(prefix: '' | 'exported_', energyCounter: boolean): WorkloadSource {
  const nsLabel = `${prefix}namespace`;
  const matchers = (namespaces?: string[], pods?: string) => [
    ...(namespaces && namespaces.length > 0 ? namespaceMatchers(nsLabel, namespaces) : [matcherNotEq(nsLabel, '')]),
    ...podMatchers(`${prefix}pod`, pods),
  ];
  const power = (namespaces?: string[], pods?: string) =>
    selector('DCGM_FI_DEV_POWER_USAGE', matchers(namespaces, pods));
  const source: WorkloadSource = {
    id: 'dcgm',
    name: 'DCGM',
    labels: { namespace: nsLabel, pod: `${prefix}pod`, node: 'Hostname' },
    energy: (grain, ns, t, pods) =>
      energyCounter
        ? `${sumBy(
            nativeGroup(source, grain),
            `increase(${selector('DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION', matchers(ns, pods))}${rangeOf(t.rangeMs)})`
          )} / 1000`
        : `sum_over_time((${sumBy(nativeGroup(source, grain), power(ns, pods))})${subqueryOf(t.rangeMs, t.stepMs)}) * ${secondsOf(t.stepMs)}`,
    power: (grain, ns, _t, pods) => sumBy(nativeGroup(source, grain), power(ns, pods)),
  };
  return source;
}
