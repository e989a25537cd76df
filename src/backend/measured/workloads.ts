/**
 * Pods to workloads: kube-state-metrics' owner chain (pod → ReplicaSet → Deployment, pod → Job →
 * CronJob, pod → StatefulSet/DaemonSet), else Kubernetes' naming rules. The join is done here on
 * per-pod aggregates (one value per pod) because the chain, its gaps and the name rule do not fit
 * one readable PromQL expression.
 */
import { someOf } from '../frames/noticeText';
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

/**
 * A Deployment names its ReplicaSets `<deployment>-<pod-template-hash>`: the pod template's
 * FNV-32a in decimal, each digit re-encoded by apimachinery's SafeEncodeString
 * (`alphanums[b % 27]`, so '0'..'9' become only `4-9bcdf`), at most 10 characters for a uint32
 * (kubernetes pkg/controller/controller_utils.go ComputeHash, apimachinery pkg/util/rand/rand.go).
 * At least 5: shorter hashes are values under 10^4 (one in 430,000) and more likely a name.
 */
const REPLICASET_OF_DEPLOYMENT = /^(.+)-[4-9bcdf]{5,10}$/;

/**
 * A CronJob names its Jobs `<cronjob>-<scheduled time in minutes since the epoch>`
 * (kubernetes pkg/controller/cronjob/utils.go getJobName): 8 digits from 1989 to 2160.
 */
const JOB_OF_CRONJOB = /^(.+)-\d{8,}$/;

/**
 * The Deployment or CronJob a ReplicaSet or Job name implies, for a Prometheus holding
 * the pod-owner series without the ReplicaSet and Job owner series (OpenCost's KSM-style metrics).
 */
export function parentFromName(owner: Workload): Workload | undefined {
  const [pattern, kind] =
    owner.kind === 'ReplicaSet'
      ? [REPLICASET_OF_DEPLOYMENT, 'Deployment']
      : owner.kind === 'Job'
        ? [JOB_OF_CRONJOB, 'CronJob']
        : [undefined, ''];
  const m = pattern?.exec(owner.name);
  return m ? { kind, name: m[1] } : undefined;
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
  const derivedFrom = new Map<string, string>();
  let derivedNotice: FrameNotice | undefined;
  const noteDerived = (namespace: string, owner: Workload, parent: Workload) => {
    const key = `${namespace}/${owner.kind}/${owner.name}`;
    if (derivedFrom.has(key)) {
      return;
    }
    derivedFrom.set(key, `${owner.kind} ${namespace}/${owner.name} → ${parent.kind} ${parent.name}`);
    // One notice, updated as owners are met.
    derivedNotice ??= ctx.notices[ctx.notices.push({ severity: 'info', text: '' }) - 1];
    derivedNotice.text = derivedText([...derivedFrom.values()]);
  };
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
    if (hasOwner(parent)) {
      return parent!;
    }
    const chainMissing = owner.kind === 'ReplicaSet' ? rsOwner.size === 0 : jobOwner.size === 0;
    const derived = chainMissing ? parentFromName(owner) : undefined;
    if (derived) {
      noteDerived(namespace, owner, derived);
    }
    return derived ?? owner;
  };
  const knownPods = pods.map((s) => [s.labels.namespace ?? '', s.labels.pod ?? ''] as const);
  return Object.assign(workloadOf, { knownPods });
}

function derivedText(derivations: string[]): string {
  const { metrics } = kubeStateMetrics;
  return (
    `${metrics.podOwner} without ${metrics.replicasetOwner} / ${metrics.jobOwner} (as OpenCost exports it): ` +
    `Deployments and CronJobs derived from ReplicaSet and Job names (\`<deployment>-<pod-template-hash>\`, ` +
    `\`<cronjob>-<minutes since epoch>\`): ${someOf(derivations)}. A ReplicaSet or Job created directly whose name ` +
    `merely ends like one is counted under the name before its suffix.`
  );
}
