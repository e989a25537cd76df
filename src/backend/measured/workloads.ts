/**
 * Pods to workloads: kube-state-metrics' owner chain (pod → ReplicaSet → Deployment, pod → Job →
 * CronJob, pod → StatefulSet/DaemonSet), else Kubernetes' naming rules. The join is done here on
 * per-pod aggregates (one value per pod) because the chain, its gaps and the name rule do not fit
 * one readable PromQL expression.
 */
import type { FrameNotice } from '../frames/frame';
import { kubeStateMetrics } from '../sources/prometheus/exporters';
import { ownerQueries } from './clusterQueries';
import type { EnergyContext } from './energyContext';

export interface Workload {
  kind: string;
  name: string;
}

export type WorkloadOf = (namespace: string, pod: string) => Workload;

/** A WorkloadOf that also lists the pods kube-state-metrics knows (`[namespace, pod]`), for pushdown. */
export type WorkloadLookup = WorkloadOf & { knownPods: ReadonlyArray<readonly [namespace: string, pod: string]> };

/** Kubernetes' safe-encoding alphabet (no vowels), used by pod-template hashes and name suffixes. */
const HASH = '[bcdfghjklmnpqrstvwxz2456789]';

/**
 * The workload a pod name implies, for clusters without kube-state-metrics:
 * `<deployment>-<rs hash>-<suffix>`, `<cronjob>-<schedule minutes>-<suffix>`, `<statefulset>-<ordinal>`,
 * `<daemonset or job>-<suffix>`, else the pod itself. Suffixes are lenient ([a-z0-9]{5}).
 */
export function workloadFromName(pod: string): Workload {
  const rules: Array<[RegExp, string]> = [
    [/^(.+)-\d{8,}-[a-z0-9]{5}$/, 'CronJob'],
    [new RegExp(`^(.+)-${HASH}{5,10}-[a-z0-9]{5}$`), 'Deployment'],
    [/^(.+)-\d+$/, 'StatefulSet'],
    [/^(.+)-[a-z0-9]{5}$/, 'DaemonSet/Job'],
  ];
  for (const [pattern, kind] of rules) {
    const m = pattern.exec(pod);
    if (m) {
      return { kind, name: m[1] };
    }
  }
  return { kind: 'Pod', name: pod };
}

/** Loads the owner chain over the range; falls back to names (with a notice) where it is missing. */
export async function loadWorkloads(ctx: EnergyContext, namespaces: string[] | undefined): Promise<WorkloadLookup> {
  const q = ownerQueries(namespaces, ctx.timing);
  const [pods, replicasets, jobs] = await Promise.all([
    ctx.instant(q.pods),
    ctx.instant(q.replicasets),
    ctx.instant(q.jobs),
  ]);
  const { labels } = kubeStateMetrics;
  const index = (samples: typeof pods, id: string) => {
    const out = new Map<string, Workload>();
    for (const s of samples) {
      const { namespace = '', [labels.ownerKind]: kind = '', [labels.ownerName]: name = '' } = s.labels;
      out.set(`${namespace}/${s.labels[id] ?? ''}`, { kind, name });
    }
    return out;
  };
  const podOwner = index(pods, labels.pod);
  const rsOwner = index(replicasets, labels.replicaset);
  const jobOwner = index(jobs, labels.jobName);
  const guessed = new Set<string>();
  let guessNotice: FrameNotice | undefined;
  if (podOwner.size === 0) {
    ctx.notice(
      'warning',
      `${kubeStateMetrics.metrics.podOwner} (kube-state-metrics) not found: workloads are inferred from pod names.`
    );
  }
  const hasOwner = (w?: Workload) => !!w && w.kind !== '' && w.kind !== kubeStateMetrics.NO_OWNER;
  const workloadOf: WorkloadOf = (namespace, pod) => {
    const owner = podOwner.get(`${namespace}/${pod}`);
    if (!owner) {
      if (podOwner.size > 0 && !guessed.has(pod)) {
        guessed.add(pod);
        // One notice, updated as pods are met.
        guessNotice ??= ctx.notices[ctx.notices.push({ severity: 'info', text: '' }) - 1];
        guessNotice.text = `Pods without ${kubeStateMetrics.metrics.podOwner}, grouped by name: ${[...guessed].join(', ')}.`;
      }
      return workloadFromName(pod);
    }
    if (!hasOwner(owner)) {
      return { kind: 'Pod', name: pod };
    }
    const parent =
      owner.kind === 'ReplicaSet'
        ? rsOwner.get(`${namespace}/${owner.name}`)
        : owner.kind === 'Job'
          ? jobOwner.get(`${namespace}/${owner.name}`)
          : undefined;
    return hasOwner(parent) ? parent! : owner;
  };
  const knownPods = pods.map((s) => [s.labels.namespace ?? '', s.labels.pod ?? ''] as const);
  return Object.assign(workloadOf, { knownPods });
}
