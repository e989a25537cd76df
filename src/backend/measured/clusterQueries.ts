/**
 * PromQL over kube-state-metrics, cAdvisor and OpenCost: CPU request and usage shares of each
 * node (for idle reallocation and efficiency), cost per namespace and node, node regions and pod
 * owners. Aggregated in Prometheus like the exporter queries (exporterQueries.ts).
 */
import { cadvisor, kubeStateMetrics, opencost } from '../sources/prometheus/exporters';
import { matcherEq, matcherNotEq, quoteLabelValue, selector } from '../sources/prometheus/promql';
import { namespaceMatchers, rangeOf, secondsOf, subqueryOf, sumBy, type Timing } from './promqlParts';

/** What node idle energy is shared by: CPU requests (KSM), usage (cAdvisor) or OpenCost's allocation. */
export type ShareBasis = 'byRequest' | 'byUsage' | 'byAllocation';
export type IdleBasis = 'exclude' | ShareBasis;

const GIB = '1073741824';

/**
 * CPU requests per container, completed pods out: kube-state-metrics keeps exporting a finished
 * Job pod, requests included, until the pod is deleted. `dedupe` adds a `max by` for totals:
 * OpenCost re-exports KSM-style series, two KSM replicas double them. Shares skip it (it is most
 * of their cost), as a duplicated exporter doubles numerator and denominator alike.
 */
export function cpuRequests(namespaces?: string[], dedupe = false): string {
  return cpuRequestsWhere(namespaceMatchers('namespace', namespaces), dedupe);
}

/** cpuRequests narrowed by ready-made matchers (the zombie search's namespace regexes). */
export function cpuRequestsWhere(matchers: readonly string[], dedupe = false): string {
  const { metrics, labels } = kubeStateMetrics;
  const requests = selector(metrics.containerResourceRequests, [matcherEq(labels.resource, 'cpu'), ...matchers]);
  const perContainer = dedupe ? `max by (namespace, pod, container, node) (${requests})` : requests;
  const completed = selector(metrics.podStatusPhase, [
    `${labels.phase}=~${quoteLabelValue(kubeStateMetrics.completedPhases.join('|'))}`,
  ]);
  return `(${perContainer} unless on (namespace, pod) (${completed} == 1))`;
}

/** cAdvisor containers only: `container=""` is the pod cgroup (containers + sandbox), `POD` the sandbox. */
export function cadvisorCpu(namespaces?: string[]): string {
  return cadvisorCpuWhere(namespaceMatchers('namespace', namespaces));
}

/** cadvisorCpu narrowed by ready-made matchers (the zombie search's namespace regexes). */
export function cadvisorCpuWhere(matchers: readonly string[]): string {
  return selector(cadvisor.metrics.cpuSeconds, [
    ...cadvisor.notContainerRows.map((row) => matcherNotEq(cadvisor.labels.container, row)),
    ...matchers,
  ]);
}

/** OpenCost's CPU allocation per container: max(request, usage), deduplicated. */
export function cpuAllocation(namespaces?: string[]): string {
  const allocation = selector(opencost.metrics.cpuAllocation, namespaceMatchers('namespace', namespaces));
  return `max by (namespace, pod, container, node) (${allocation})`;
}

function basis(kind: ShareBasis, namespaces: string[] | undefined, t: Timing): string {
  switch (kind) {
    case 'byRequest':
      return cpuRequests(namespaces);
    case 'byUsage':
      return `rate(${cadvisorCpu(namespaces)}${rangeOf(t.windowMs)})`;
    case 'byAllocation':
      return cpuAllocation(namespaces);
  }
}

/**
 * Each group's share of its node's CPU requests (or usage) at the evaluation time. The
 * denominator is every pod on the node, whatever the namespace filter, so a filtered view shows
 * the same shares as the full one.
 */
export function nodeShare(kind: ShareBasis, by: string[], namespaces: string[] | undefined, t: Timing): string {
  return `${sumBy([...by, 'node'], basis(kind, namespaces, t))} / on (node) group_left () ${sumBy(
    ['node'],
    basis(kind, undefined, t)
  )}`;
}

/** The basis summed per group and node, every namespace (a share's numerator at one step). */
export function nodeBasis(kind: ShareBasis, by: string[], t: Timing): string {
  return sumBy([...by, 'node'], basis(kind, undefined, t));
}

/** ∫ share dt over the range, in share-seconds (a Riemann sum at the step, in Prometheus). */
export function nodeShareSeconds(kind: ShareBasis, by: string[], namespaces: string[] | undefined, t: Timing): string {
  return `sum_over_time((${nodeShare(kind, by, namespaces, t)})${subqueryOf(t.rangeMs, t.stepMs)}) * ${secondsOf(t.stepMs)}`;
}

/** CPU core-seconds used per namespace and node over the range. */
export function cpuUsedSeconds(namespaces: string[] | undefined, t: Timing): string {
  return sumBy(['namespace', 'node'], `increase(${cadvisorCpu(namespaces)}${rangeOf(t.rangeMs)})`);
}

/**
 * CPU core-seconds requested per namespace and node over the range, from kube-state-metrics, or
 * from OpenCost's allocation (max(request, usage), so never below usage) when KSM is absent.
 */
export function cpuRequestedSeconds(
  from: 'kube-state-metrics' | 'opencost',
  namespaces: string[] | undefined,
  t: Timing
): string {
  const perStep = from === 'kube-state-metrics' ? cpuRequests(namespaces, true) : cpuAllocation(namespaces);
  return `sum_over_time((${sumBy(['namespace', 'node'], perStep)})${subqueryOf(t.rangeMs, t.stepMs)}) * ${secondsOf(t.stepMs)}`;
}

/** Tags a part of a sum, so parts with equal labels survive `or`. */
function part(name: string, expr: string): string {
  return `label_replace(${expr}, "part", "${name}", "__name__", ".*")`;
}

/**
 * OpenCost cost per namespace and node over the range, in currency units: allocations × node
 * prices (joined on `node`, which OpenCost sets to the node name, as it does `instance`), plus
 * PVC bytes × volume prices (a PVC's node is that of its pod's containers). Hourly cost at each
 * step, integrated in Prometheus: `sum_over_time(...[range:step]) * step / 3600`. A join at every
 * step: opencostCost.ts sums raw samples and joins once, and falls back to this only when prices
 * change too often to cut the range at each change.
 */
export function opencostCostByStep(namespaces: string[] | undefined, t: Timing): string {
  const ns = namespaceMatchers('namespace', namespaces);
  const price = (metric: string, on = 'node') => `max by (${on}) (${metric})`;
  const alloc = (metric: string) => selector(metric, ns);
  const m = opencost.metrics;
  const hourly = [
    part('cpu', `${alloc(m.cpuAllocation)} * on (node) group_left () ${price(m.nodeCpuHourlyCost)}`),
    part('ram', `${alloc(m.memoryAllocationBytes)} / ${GIB} * on (node) group_left () ${price(m.nodeRamHourlyCost)}`),
    part('gpu', `${alloc(m.gpuAllocation)} * on (node) group_left () ${price(m.nodeGpuHourlyCost)}`),
    part(
      'storage',
      `${alloc(m.pvcAllocation)} / ${GIB} * on (persistentvolume) group_left () ${price(m.pvHourlyCost, 'persistentvolume')}` +
        ` * on (namespace, pod) group_left (node) group by (namespace, pod, node) (${alloc(m.cpuAllocation)})`
    ),
  ].join(' or ');
  return `sum_over_time((${sumBy(['namespace', 'node'], hourly)})${subqueryOf(t.rangeMs, t.stepMs)}) * ${secondsOf(t.stepMs)} / 3600`;
}

/** Node → cloud region, from OpenCost's node prices. */
export function opencostRegions(t: Timing): string {
  return `group by (node, region) (last_over_time(${opencost.metrics.nodeCpuHourlyCost}${rangeOf(t.rangeMs)}))`;
}

/** Node → region, from kube-state-metrics node labels (topology label, or the deprecated one). */
export function ksmRegions(t: Timing): string {
  const { metrics, labels } = kubeStateMetrics;
  return (
    `group by (${labels.node}, ${labels.region}, ${labels.legacyRegion}) ` +
    `(last_over_time(${metrics.nodeLabels}${rangeOf(t.rangeMs)}))`
  );
}

/** Owners seen over the range: pods, ReplicaSets (→ Deployment) and Jobs (→ CronJob). */
export function ownerQueries(
  namespaces: string[] | undefined,
  t: Timing
): { pods: string; replicasets: string; jobs: string } {
  const { metrics, labels } = kubeStateMetrics;
  const owned = (metric: string, id: string) =>
    `group by (${labels.namespace}, ${id}, ${labels.ownerKind}, ${labels.ownerName}) (last_over_time(${selector(
      metric,
      namespaceMatchers(labels.namespace, namespaces)
    )}${rangeOf(t.rangeMs)}))`;
  return {
    pods: owned(metrics.podOwner, labels.pod),
    replicasets: owned(metrics.replicasetOwner, labels.replicaset),
    jobs: owned(metrics.jobOwner, labels.jobName),
  };
}
