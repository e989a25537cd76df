/**
 * Which DCGM series belong to a workload, written in PromQL so Prometheus decides per series.
 *
 * A series names its workload in one of three label pairs (dcgm.podAttributions); each series is
 * read through the first pair it has non-empty, so a Prometheus holding several conventions (an
 * upgrade, `--use-old-namespace` switched, honor_labels changed) counts every series once. The
 * plain `namespace`/`pod` pair is also where a Kubernetes scrape target puts the exporter's own
 * pod: a series whose pair equals its target's (`up` of the same job and instance) is a GPU no
 * pod holds, whatever honor_labels says. The workload is copied into one pair (the source's
 * native labels, which the other code reads values of), the node into `Hostname` (from
 * `hostname` where the exporter prints that), so one `sum by` reads all.
 * Unassigned GPU energy is what the node's GPUs use minus what workloads hold: the node's GPU idle.
 */
import { dcgm } from '../sources/prometheus/exporters';
import { assertLabelName, matcherEq, matcherNotEq, matcherRegex, selector } from '../sources/prometheus/promql';
import { minusWhereBoth, namespaceMatchers, sumBy } from './promqlParts';

/** The pair an attributed series carries its workload in. */
export interface WorkloadLabels {
  namespace: string;
  pod: string;
}

/** The node label of every DCGM expression here. */
export const NODE_LABEL = dcgm.labels.node;

/**
 * `expr` per series: e.g. `s => \`increase(${s}[1h])\``; `window` is the same range for `up` and
 * the MIG instances, if any. `mig`: some GPUs are split into MIG instances (migShares).
 */
export interface PerSeries {
  apply(selector: string): string;
  window?: string;
  mig?: boolean;
}

/** What identifies one physical GPU, and one MIG instance of it. */
const GPU_ID = [dcgm.labels.node, dcgm.labels.nodeRenamed, dcgm.labels.gpu];
const INSTANCE_ID = [...GPU_ID, dcgm.labels.migInstance];

/**
 * Each MIG instance's share of its GPU: its profile's compute slices (`3g.40gb`: 3) over those of
 * every instance of the GPU seen in the window. Every instance's series carries the whole GPU's
 * power and energy, so instance × share counts the GPU once, split as its compute is.
 */
export function migShares(metric: string, window: string | undefined): string {
  const slices = dcgm.MIG_SLICES.map((n) => {
    const s = selector(metric, [matcherRegex(dcgm.labels.migProfile, `${n}g\\..*`)]);
    return `${n} * group by (${[...INSTANCE_ID, dcgm.labels.migProfile].join(', ')}) (${window ? `last_over_time(${s}${window})` : s})`;
  }).join(' or ');
  return `((${slices}) / on (${GPU_ID.join(', ')}) group_left () sum by (${GPU_ID.join(', ')}) (${slices}))`;
}

/**
 * `per.apply` of the series `metric{matchers}` selects, a MIG instance's × its share: whole
 * GPUs as they are, instances counted once per GPU. Without MIG, `per.apply` alone.
 */
function perGpu(metric: string, matchers: readonly string[], per: PerSeries): string {
  if (!per.mig) {
    return per.apply(selector(metric, [...matchers]));
  }
  const whole = per.apply(selector(metric, [...matchers, matcherEq(dcgm.labels.migProfile, '')]));
  const instances = per.apply(selector(metric, [...matchers, matcherNotEq(dcgm.labels.migProfile, '')]));
  return `(${whole} or ${instances} * on (${INSTANCE_ID.join(', ')}) group_left () ${migShares(metric, per.window)})`;
}

function copyLabel(expr: string, to: string, from: string, nonEmpty = false): string {
  if (to === from) {
    return expr;
  }
  return `label_replace(${expr}, "${assertLabelName(to)}", "$1", "${assertLabelName(from)}", "${nonEmpty ? '(.+)' : '(.*)'}")`;
}

/** `Hostname`, or `hostname` where printed (never both on one series: one exporter prints one). */
export function withNodeName(expr: string): string {
  return copyLabel(expr, dcgm.labels.node, dcgm.labels.nodeRenamed, true);
}

/** The scrape targets' own pods over the window: `group by (job, instance, namespace, pod) (up)`. */
function targetPods(window: string | undefined): string {
  const up = selector(dcgm.scrapeHealth, [matcherNotEq(dcgm.labels.pod, '')]);
  return `group by (${dcgm.targetIdentity.join(', ')}) (${window ? `last_over_time(${up}${window})` : up})`;
}

/**
 * `per.apply` of every series of `metric` held by a workload, its workload copied `into` one pair
 * and its node into `Hostname`. `namespaces`: exact values; `pods`: an RE2 regex on the pod name.
 */
export function attributed(
  metric: string,
  per: PerSeries,
  into: WorkloadLabels,
  namespaces?: string[],
  pods?: string
): string {
  const branches = dcgm.podAttributions.map((a, i) => {
    const matchers = [
      ...dcgm.podAttributions.slice(0, i).map((earlier) => matcherEq(earlier.pod, '')),
      ...(namespaces && namespaces.length > 0
        ? namespaceMatchers(a.namespace, namespaces)
        : [matcherNotEq(a.namespace, '')]),
      matcherNotEq(a.pod, ''),
      ...(pods ? [matcherRegex(a.pod, pods)] : []),
    ];
    const tagged = copyLabel(copyLabel(perGpu(metric, matchers, per), into.namespace, a.namespace), into.pod, a.pod);
    return a.sharedWithTarget
      ? `(${tagged} unless on (${dcgm.targetIdentity.join(', ')}) ${targetPods(per.window)})`
      : tagged;
  });
  return withNodeName(branches.join(' or '));
}

/** Per node: what all its GPUs used minus what workloads held (the node's GPU idle). */
export function unassigned(metric: string, per: PerSeries): string {
  const node = [NODE_LABEL];
  return minusWhereBoth(
    sumBy(node, withNodeName(perGpu(metric, [], per))),
    sumBy(node, attributed(metric, per, dcgm.labels))
  );
}
