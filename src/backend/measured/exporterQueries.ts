/**
 * PromQL per power exporter generation: Joules over the range (instant query at the end) and watts
 * at each step (range query) per namespace, pod and node, the node totals that idle reallocation
 * needs, and DCGM GPU energy. All aggregation is pushed down (`sum by`, `increase`, `rate`,
 * subqueries): Node receives one number per (group, node), never a container or process series.
 *
 * Each source keeps its native label names (sources/prometheus/exporters: Kepler 0.10's
 * namespace label is not Kepler 0.7's); Node maps them to namespace/pod/node after the query.
 */
import { dcgm, kepler010, kepler07, scaphandre } from '../sources/prometheus/exporters';
import {
  assertLabelName,
  matcherEq,
  matcherNotEq,
  matcherRegex,
  quoteLabelValue,
  regexLiteral,
  selector,
} from '../sources/prometheus/promql';
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
import { attributed, type PerSeries, unassigned, withNodeName } from './dcgmAttribution';

export type SourceId = 'kepler-0.10' | 'kepler-0.7' | 'scaphandre' | 'dcgm';

export interface NativeLabels {
  namespace: string;
  pod: string;
  node: string;
}

/** A label and the series (a selector) it is read from. */
export interface LabelOnSeries {
  label: string;
  series: string;
}

/**
 * A label read from an instant query over the window, for a source whose queries decide per series
 * which ones count in a way no selector can say (DCGM's scrape-target pods, dcgmAttribution.ts).
 */
export interface LabelOfQuery {
  label: string;
  query: (rangeMs: number) => string;
}

export type Listing = LabelOnSeries | LabelOfQuery;

/** Energy and power of workloads, per namespace/pod and node. */
export interface WorkloadSource {
  id: SourceId;
  /** For notices, e.g. "Kepler 0.10+ (zone package)". */
  name: string;
  labels: NativeLabels;
  /**
   * Where the pickers find what this source's queries can return: namespaces on the series its
   * workload queries read (with their exclusions), node names as the node grain reports them.
   */
  listing: { namespaces: Listing; nodes: Listing };
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
  /** Where results keep zones apart (Kepler 0.10+ read for whole-server energy): the zone label. */
  zoneLabel?: string;
}

/** `label=~"<pods>"`, or nothing without a pod pattern. */
function podMatchers(label: string, pods: string | undefined): string[] {
  return pods ? [matcherRegex(label, pods)] : [];
}

/** Kepler 0.7's pseudo pods left out (host processes and kernel threads). */
export function notKepler07PseudoPod(): string {
  const pseudoPods = kepler07.pseudoPods.map(regexLiteral).join('|');
  return `${assertLabelName(kepler07.labels.pod)}!~${quoteLabelValue(pseudoPods)}`;
}

/** The native labels a query groups by: the grain's labels and the node. */
export function nativeGroup(source: WorkloadSource, grain: Grain): string[] {
  return [...GRAIN_LABELS[grain].map((l) => source.labels[l]), source.labels.node];
}

/**
 * Kepler 0.10+: the pod CPU counters of `zones`. One zone is read as it is (energyBoundary
 * `measured`); several (package, dram, psys for whole-server energy) are kept apart by their `zone`
 * label in every result, and serverReading.ts weighs each zone by its node's reading, so overlapping
 * zones (psys contains package and dram, package contains core and uncore: Kepler exports every
 * sysfs zone by default, hack/config.yaml `rapl.zones: []` at v0.10.0 and HEAD) never add up. Only `state="running"`: a stopped pod is exported once
 * more as `terminated` with its counter frozen, a copy of the running series' last value, which
 * summing both states would count twice (and, for a pod restarted twice, `increase()` over the
 * terminated series' samples from two incarnations is meaningless). The running series of a
 * restarted pod keeps its labels and restarts from its first interval's energy: `increase()`
 * treats that as a counter reset, which is exact. What only the terminated copy holds (energy
 * between a pod's last scrape and its stop, pods shorter than a scrape) is not counted.
 */
export function kepler010Source(zones: readonly string[]): CpuSource {
  const { metrics, labels } = kepler010;
  const zoneMatcher =
    zones.length === 1
      ? matcherEq(labels.zone, zones[0])
      : matcherRegex(labels.zone, zones.map(regexLiteral).join('|'));
  const byZone = zones.length === 1 ? [] : [labels.zone];
  const pods = (namespaces?: string[], podPattern?: string) =>
    selector(metrics.podCpuJoules, [
      zoneMatcher,
      matcherEq(labels.state, kepler010.states.running),
      ...namespaceMatchers(labels.namespace, namespaces),
      ...podMatchers(labels.pod, podPattern),
    ]);
  const nodes = selector(metrics.nodeCpuJoules, [zoneMatcher]);
  const source: CpuSource = {
    id: 'kepler-0.10',
    name: `Kepler 0.10+ (zone${zones.length === 1 ? '' : 's'} ${zones.join(', ')})`,
    ...(byZone.length ? { zoneLabel: labels.zone } : {}),
    labels: { namespace: labels.namespace, pod: labels.pod, node: labels.node },
    listing: {
      namespaces: { label: labels.namespace, series: pods() },
      nodes: { label: labels.node, series: nodes },
    },
    energy: (grain, namespaces, t, podPattern) =>
      sumBy(
        [...nativeGroup(source, grain), ...byZone],
        `increase(${pods(namespaces, podPattern)}${rangeOf(t.rangeMs)})`
      ),
    power: (grain, namespaces, t, podPattern) =>
      sumBy([...nativeGroup(source, grain), ...byZone], `rate(${pods(namespaces, podPattern)}${rangeOf(t.windowMs)})`),
    nodeLabel: labels.node,
    nodeEnergy: (t) => sumBy([labels.node, ...byZone], `increase(${nodes}${rangeOf(t.rangeMs)})`),
    nodePower: (t) => sumBy([labels.node, ...byZone], `rate(${nodes}${rangeOf(t.windowMs)})`),
  };
  return source;
}

/**
 * Kepler 0.7: the container total in `mode="dynamic"`. Idle is left to our reallocation
 * (node counters, both modes, minus the containers' dynamic energy): the containers' own idle
 * series are zero by default (EXPOSE_ESTIMATED_IDLE_POWER_METRICS=false) and split by CPU time
 * only when set. Host processes and the kernel (kepler07.pseudoPods) are not Kubernetes
 * workloads: they stay unattributed, as in Kepler 0.10. Containers carry the target's address;
 * the node series name the node in their own label (kepler07.labels).
 * With DCGM present, GPU energy comes from DCGM, so Kepler's gpu component is taken out.
 */
export function kepler07Source(components: readonly string[], excludeGpu: boolean): CpuSource {
  const { metrics, labels } = kepler07;
  const matchers = (namespaces?: string[], pods?: string) => [
    matcherEq(labels.mode, kepler07.modes.dynamic),
    notKepler07PseudoPod(),
    ...namespaceMatchers(labels.namespace, namespaces),
    ...podMatchers(labels.pod, pods),
  ];
  const total = (namespaces?: string[], pods?: string) => selector(metrics.containerJoules, matchers(namespaces, pods));
  const gpu = (namespaces?: string[], pods?: string) =>
    selector(metrics.containerGpuJoules, matchers(namespaces, pods));
  const withoutGpu = (by: string[], fn: string, ns: string[] | undefined, pods: string | undefined, range: string) =>
    excludeGpu
      ? minusWhereBoth(sumBy(by, `${fn}(${total(ns, pods)}${range})`), sumBy(by, `${fn}(${gpu(ns, pods)}${range})`))
      : sumBy(by, `${fn}(${total(ns, pods)}${range})`);
  const nodeParts = kepler07.containerTotalComponents.filter(
    (c) => components.includes(c) && !(excludeGpu && c === 'gpu')
  );
  // Components are different metrics with otherwise equal labels: tag each before `or`.
  const nodeSum = (fn: string, range: string) =>
    sumBy(
      [labels.target],
      nodeParts
        .map(
          (c) =>
            `label_replace(${fn}(${kepler07.nodeComponentJoules(c)}${range}), "component", "${c}", "__name__", ".*")`
        )
        .join(' or ')
    );
  const nodeNameSeries = metrics.nodePackageJoules;
  const source: CpuSource = {
    id: 'kepler-0.7',
    name: 'Kepler 0.7',
    labels: { namespace: labels.namespace, pod: labels.pod, node: labels.target },
    // Container series name no node: the node grain reports the names nodeNames maps to.
    listing: {
      namespaces: { label: labels.namespace, series: total() },
      nodes: { label: labels.nodeName, series: nodeNameSeries },
    },
    energy: (grain, ns, t, pods) => withoutGpu(nativeGroup(source, grain), 'increase', ns, pods, rangeOf(t.rangeMs)),
    power: (grain, ns, t, pods) => withoutGpu(nativeGroup(source, grain), 'rate', ns, pods, rangeOf(t.windowMs)),
    nodeLabel: labels.target,
    nodeEnergy: (t) => nodeSum('increase', rangeOf(t.rangeMs)),
    nodePower: (t) => nodeSum('rate', rangeOf(t.windowMs)),
    nodeNames: {
      expr: (t) =>
        `group by (${labels.target}, ${labels.nodeName}) (last_over_time(${nodeNameSeries}${rangeOf(t.rangeMs)}))`,
      from: labels.target,
      to: labels.nodeName,
    },
  };
  return source;
}

/**
 * Scaphandre `--containers`: process power (µW gauges) of processes in pods. There is no process
 * energy counter, so energy is the Riemann sum of the per-group power at each step, done in
 * Prometheus: `sum_over_time((sum by (...) (power))[range:step]) * step`. Host power (the node
 * total) is integrated the same way, so host − processes compares like with like. Pods carry
 * their node's name (scaphandre.labels.node); host series only the target's `instance`.
 */
export function scaphandreSource(): CpuSource {
  const { metrics, labels } = scaphandre;
  const processes = (namespaces?: string[], pods?: string) =>
    selector(metrics.processPower, [
      ...(namespaces && namespaces.length > 0
        ? namespaceMatchers(labels.namespace, namespaces)
        : [matcherNotEq(labels.namespace, '')]),
      ...podMatchers(labels.pod, pods),
    ]);
  const integrate = (expr: string, t: Timing) =>
    `sum_over_time((${expr})${subqueryOf(t.rangeMs, t.stepMs)}) * ${secondsOf(t.stepMs)} / 1e6`;
  const namedNodes = selector(metrics.processPower, [matcherNotEq(labels.node, '')]);
  const source: CpuSource = {
    id: 'scaphandre',
    name: 'Scaphandre (--containers)',
    labels: { namespace: labels.namespace, pod: labels.pod, node: labels.node },
    listing: {
      namespaces: { label: labels.namespace, series: processes() },
      nodes: { label: labels.node, series: namedNodes },
    },
    energy: (grain, ns, t, pods) => integrate(sumBy(nativeGroup(source, grain), processes(ns, pods)), t),
    power: (grain, ns, _t, pods) => `${sumBy(nativeGroup(source, grain), processes(ns, pods))} / 1e6`,
    nodeLabel: labels.host,
    nodeEnergy: (t) => integrate(sumBy([labels.host], metrics.hostPower), t),
    nodePower: () => `${sumBy([labels.host], metrics.hostPower)} / 1e6`,
    nodeNames: {
      expr: (t) => `group by (${labels.host}, ${labels.node}) (last_over_time(${namedNodes}${rangeOf(t.rangeMs)}))`,
      from: labels.host,
      to: labels.node,
    },
  };
  return source;
}

/** GPU energy of workloads, and of the GPUs no workload holds (per node). */
export interface GpuSource extends WorkloadSource {
  /** Joules per node of GPUs no workload held, over the range (dcgmAttribution.unassigned). */
  idleEnergy(t: Timing): string;
  /** Watts per node of GPUs no workload holds, at the evaluation time. */
  idlePower(t: Timing): string;
}

export function isGpuSource(s: WorkloadSource): s is GpuSource {
  return 'idleEnergy' in s;
}

/**
 * DCGM: GPU energy of the pod holding each GPU (the exporter's pod mapping, in whichever label
 * convention each series carries: dcgmAttribution.ts). The energy counter is in mJ since boot;
 * without it, power (W) is integrated like Scaphandre's. A GPU no pod holds is no workload's: its
 * energy is the node's GPU idle (idleEnergy). `prefix`: the pair discovery found, where results
 * carry the workload and the pickers look. `mig`: GPUs split into MIG instances, each instance's
 * series counted for its share of the GPU's compute slices (dcgmAttribution.migShares).
 */
export function dcgmSource(prefix: dcgm.PodLabelPrefix, energyCounter: boolean, mig = false): GpuSource {
  const { metrics, labels } = dcgm;
  const nsLabel = `${prefix}${labels.namespace}`;
  const podLabel = `${prefix}${labels.pod}`;
  const into = { namespace: nsLabel, pod: podLabel };
  const readMetric = energyCounter ? metrics.energy : metrics.power;
  const increase = (t: Timing): PerSeries => ({
    apply: (s) => `increase(${s}${rangeOf(t.rangeMs)})`,
    window: rangeOf(t.rangeMs),
    mig,
  });
  const instant: PerSeries = { apply: (s) => s, mig };
  const integrate = (expr: string, t: Timing) =>
    `sum_over_time((${expr})${subqueryOf(t.rangeMs, t.stepMs)}) * ${secondsOf(t.stepMs)}`;
  const source: GpuSource = {
    id: 'dcgm',
    name: 'DCGM',
    labels: { namespace: nsLabel, pod: podLabel, node: labels.node },
    // What the queries return: namespaces of attributed series only (never the exporter's own pod),
    // and every node with a GPU, since a GPU no pod holds is still the node's (idle) energy.
    listing: {
      namespaces: {
        label: labels.namespace,
        query: (rangeMs) => {
          const last: PerSeries = { apply: (s) => `last_over_time(${s}${rangeOf(rangeMs)})`, window: rangeOf(rangeMs) };
          return `group by (${labels.namespace}) (${attributed(readMetric, last, dcgm.labels)})`;
        },
      },
      nodes: {
        label: labels.node,
        query: (rangeMs) =>
          `group by (${labels.node}) (${withNodeName(`last_over_time(${readMetric}${rangeOf(rangeMs)})`)})`,
      },
    },
    energy: (grain, ns, t, pods) =>
      energyCounter
        ? `${sumBy(nativeGroup(source, grain), attributed(metrics.energy, increase(t), into, ns, pods))} / 1000`
        : integrate(sumBy(nativeGroup(source, grain), attributed(metrics.power, instant, into, ns, pods)), t),
    power: (grain, ns, _t, pods) =>
      sumBy(nativeGroup(source, grain), attributed(metrics.power, instant, into, ns, pods)),
    idleEnergy: (t) =>
      energyCounter
        ? `(${unassigned(metrics.energy, increase(t))}) / 1000`
        : integrate(unassigned(metrics.power, instant), t),
    idlePower: () => unassigned(metrics.power, instant),
  };
  return source;
}
