/**
 * The `workloads` filter of namespaceEnergy: only pods whose owner workload is among the given
 * names count. Names are as the `workloads` list route gives them (kubernetesLists.ts): the top
 * of the owner chain (Deployment, StatefulSet, DaemonSet, CronJob, Job, or the bare pod), else
 * what the pod name implies; a name matches in every namespace that has it (namespaces narrow).
 *
 * The owner chain is joined in Node (workloads.ts), so the filter is not one exact PromQL matcher.
 * A superset is pushed down instead: the pods kube-state-metrics puts in those workloads, plus
 * every pod named `<workload>` or `<workload>-…` (Kubernetes derives pod names so, and the naming
 * fallback reads them so). The exact test then runs on the per-pod rows, so a Deployment `api`
 * never takes the pods of a Deployment `api-gateway` that the prefix lets through.
 */
import { regexLiteral } from '../sources/prometheus/promql';
import type { EnergyContext } from './energyContext';
import type { GroupLabels } from './energyModel';
import type { WorkloadLookup } from './workloads';

export interface WorkloadFilter {
  /** RE2 regex on the exporters' pod label: a superset of the pods of the workloads. */
  podPattern: string;
  /** The exact test on a per-pod row; records which names matched, for the notice. */
  keep(labels: GroupLabels): boolean;
  /** Adds the notice saying what was filtered (call once the rows were kept or not). */
  notice(ctx: EnergyContext): void;
}

export function workloadFilter(names: string[], workloadOf: WorkloadLookup): WorkloadFilter {
  const wanted = new Set(names);
  const prefixes = names.map((n) => `${regexLiteral(n)}(?:-.+)?`);
  const prefixTest = new RegExp(`^(?:${prefixes.join('|')})$`);
  // Pods whose workload is wanted but whose name the prefixes miss (e.g. pods a custom controller names).
  const extra = workloadOf.knownPods
    .filter(([ns, pod]) => !prefixTest.test(pod) && wanted.has(workloadOf(ns, pod).name))
    .map(([, pod]) => regexLiteral(pod));
  const podPattern = [...prefixes, ...new Set(extra)].join('|');
  const matched = new Set<string>();
  return {
    podPattern,
    keep(labels) {
      const name = workloadOf(labels.namespace ?? '', labels.pod ?? '').name;
      if (wanted.has(name)) {
        matched.add(name);
        return true;
      }
      return false;
    },
    notice(ctx) {
      const quoted = (list: string[]) => list.map((n) => JSON.stringify(n)).join(', ');
      ctx.notice('info', `Only pods of the workloads ${quoted(names)} count (in every namespace that has them).`);
      const missing = names.filter((n) => !matched.has(n));
      if (missing.length > 0) {
        ctx.notice('info', `No energy series for pods of the workloads ${quoted(missing)} in this range.`);
      }
    },
  };
}
