/**
 * `namespaces`, `workloads`, `nodes` and `processes`: names the configured Prometheus knows, for
 * pickers and variables (`from`/`to`, default the last 24 hours). Each exporter spells its labels
 * differently, so every list asks each exporter that may carry it; absent exporters just add
 * nothing. Every user value goes through the promql.ts builders.
 */
import { isPrometheusConfigured, openPrometheus } from '../../sources';
import type { PromClient } from '../../sources/prometheus';
import { matcherNotEq, matcherRegex, promDuration, quoteLabelValue, selector } from '../../sources/prometheus/promql';
import type { VectorSample } from '../../sources/prometheus/promResponse';
import { workloadFromName, type Workload } from '../../measured/workloads';
import {
  SCAPH_NAMESPACE_LABEL,
  SCAPH_NODE_LABEL,
  SCAPH_POD_LABEL,
  SCAPH_PROCESS_POWER,
} from '../../measured/scaphandreQueries';
import type { DataSourceSettings } from '../../core/settings';
import {
  DAY_MS,
  namespaceParam,
  ok,
  ParamError,
  sortedUnique,
  windowParam,
  type ListedValue,
  type ResourceRequest,
  type ResourceResult,
  type TimeWindow,
} from './http';

/** The namespace label of each exporter family, with a metric that carries it. */
const NAMESPACE_LABELS: Array<[label: string, metric: string]> = [
  ['pod_namespace', 'kepler_pod_cpu_joules_total'],
  ['container_namespace', 'kepler_container_joules_total'],
  [SCAPH_NAMESPACE_LABEL, SCAPH_PROCESS_POWER],
  ['namespace', 'kube_pod_info'],
  ['namespace', 'container_cpu_allocation'],
];

/** Where node names are: kube-state-metrics, Kepler 0.10 and 0.7 node totals, Scaphandre --containers. */
const NODE_LABELS: Array<[label: string, metric: string]> = [
  ['node', 'kube_node_info'],
  ['node_name', 'kepler_node_cpu_joules_total'],
  ['exported_instance', 'kepler_node_package_joules_total'],
  [SCAPH_NODE_LABEL, SCAPH_PROCESS_POWER],
];

/** Exporters that name pods, for pods kube-state-metrics does not know (their workload comes from the name). */
const POD_LABELS: Array<{ metric: string; namespace: string; pod: string; extra?: string[] }> = [
  { metric: 'kepler_pod_cpu_joules_total', namespace: 'pod_namespace', pod: 'pod_name' },
  {
    metric: 'kepler_container_joules_total',
    namespace: 'container_namespace',
    pod: 'pod_name',
    // Kepler 0.7 books host and kernel work on these pseudo pods.
    extra: [`pod_name!~${quoteLabelValue('system_processes|kernel_processes')}`],
  },
  { metric: SCAPH_PROCESS_POWER, namespace: SCAPH_NAMESPACE_LABEL, pod: SCAPH_POD_LABEL },
];

const PROMETHEUS_WINDOW_MS = DAY_MS;

function prometheusWindow(request: ResourceRequest): TimeWindow {
  return windowParam(request.query, PROMETHEUS_WINDOW_MS);
}

async function prometheusClient(settings: DataSourceSettings, what: string): Promise<PromClient> {
  if (!isPrometheusConfigured(settings)) {
    throw new ParamError(`Prometheus is not configured: add its URL in the datasource settings to list ${what}.`);
  }
  return openPrometheus(settings).client();
}

/** Values of each (label, metric) pair over the window, merged. */
async function labelValuesOf(
  client: PromClient,
  pairs: Array<[string, string]>,
  window: TimeWindow,
  matchers: (label: string) => string[] = () => []
): Promise<string[]> {
  const lists = await Promise.all(
    pairs.map(([label, metric]) =>
      client
        .labelValues(label, [selector(metric, matchers(label))], { startMs: window.fromMs, endMs: window.toMs })
        .then((r) => r.data)
    )
  );
  return sortedUnique(lists.flat());
}

export async function listNamespaces(request: ResourceRequest, settings: DataSourceSettings): Promise<ResourceResult> {
  const window = prometheusWindow(request);
  const client = await prometheusClient(settings, 'namespaces');
  return ok(await labelValuesOf(client, NAMESPACE_LABELS, window));
}

export async function listNodes(request: ResourceRequest, settings: DataSourceSettings): Promise<ResourceResult> {
  const window = prometheusWindow(request);
  const client = await prometheusClient(settings, 'nodes');
  return ok((await labelValuesOf(client, NODE_LABELS, window)).map((value): ListedValue => ({ value })));
}

/** Scaphandre's `exe` values (full paths in 1.x); with `namespace=`, only processes of matching pods. */
export async function listProcesses(request: ResourceRequest, settings: DataSourceSettings): Promise<ResourceResult> {
  const namespace = namespaceParam(request.query);
  const window = prometheusWindow(request);
  const client = await prometheusClient(settings, 'processes');
  const matchers = () => (namespace ? [matcherRegex(SCAPH_NAMESPACE_LABEL, namespace)] : []);
  const exes = await labelValuesOf(client, [['exe', SCAPH_PROCESS_POWER]], window, matchers);
  return ok(exes.map((value): ListedValue => ({ value })));
}

/**
 * Owner workloads (Deployment, StatefulSet, DaemonSet, CronJob, Job, bare Pod), optionally in the
 * namespaces matching `namespace=`: kube-state-metrics' owner chain where it knows the pod, else
 * Kubernetes' naming rules on the pods Kepler and Scaphandre report (as the energy queries do).
 */
export async function listWorkloads(request: ResourceRequest, settings: DataSourceSettings): Promise<ResourceResult> {
  const namespace = namespaceParam(request.query);
  const window = prometheusWindow(request);
  const client = await prometheusClient(settings, 'workloads');
  const range = `[${promDuration(Math.max(1000, window.toMs - window.fromMs))}]`;
  const nsMatchers = (label: string) => (namespace ? [matcherRegex(label, namespace)] : [matcherNotEq(label, '')]);
  const groups = (by: string[], metric: string, matchers: string[]) =>
    client
      .query(`group by (${by.join(', ')}) (last_over_time(${selector(metric, matchers)}${range}))`, window.toMs)
      .then((r) => (r.data.resultType === 'vector' ? r.data.series : []));

  const [pods, replicasets, jobs, ...exporterPods] = await Promise.all([
    groups(['namespace', 'pod', 'owner_kind', 'owner_name'], 'kube_pod_owner', nsMatchers('namespace')),
    groups(['namespace', 'replicaset', 'owner_kind', 'owner_name'], 'kube_replicaset_owner', nsMatchers('namespace')),
    groups(['namespace', 'job_name', 'owner_kind', 'owner_name'], 'kube_job_owner', nsMatchers('namespace')),
    ...POD_LABELS.map((p) =>
      groups([p.namespace, p.pod], p.metric, [...nsMatchers(p.namespace), ...(p.extra ?? [])]).then((series) =>
        series.map((s) => ({ namespace: s.labels[p.namespace] ?? '', pod: s.labels[p.pod] ?? '' }))
      )
    ),
  ]);

  const parents = (samples: VectorSample[], id: string) =>
    new Map(samples.map((s) => [`${s.labels.namespace}/${s.labels[id]}`, ownerOf(s)]));
  const rsParent = parents(replicasets, 'replicaset');
  const jobParent = parents(jobs, 'job_name');
  const found = new Map<string, { kinds: Set<string>; namespaces: Set<string> }>();
  const add = (ns: string, w: Workload) => {
    const entry = found.get(w.name) ?? { kinds: new Set(), namespaces: new Set() };
    entry.kinds.add(w.kind);
    entry.namespaces.add(ns);
    found.set(w.name, entry);
  };

  const known = new Set<string>();
  for (const s of pods) {
    const ns = s.labels.namespace ?? '';
    const pod = s.labels.pod ?? '';
    known.add(`${ns}/${pod}`);
    const owner = ownerOf(s);
    if (!owner) {
      add(ns, { kind: 'Pod', name: pod });
      continue;
    }
    const parent =
      owner.kind === 'ReplicaSet'
        ? rsParent.get(`${ns}/${owner.name}`)
        : owner.kind === 'Job'
          ? jobParent.get(`${ns}/${owner.name}`)
          : undefined;
    add(ns, parent ?? owner);
  }
  for (const { namespace: ns, pod } of exporterPods.flat()) {
    if (pod && !known.has(`${ns}/${pod}`)) {
      add(ns, workloadFromName(pod));
    }
  }
  const values = [...found.keys()].sort().map((name): ListedValue => {
    const { kinds, namespaces } = found.get(name)!;
    return { value: name, label: `${name} (${[...kinds].sort().join(', ')} in ${[...namespaces].sort().join(', ')})` };
  });
  return ok(values);
}

/** kube-state-metrics writes `<none>` for a missing owner. */
function ownerOf(sample: VectorSample): Workload | undefined {
  const kind = sample.labels.owner_kind ?? '';
  const name = sample.labels.owner_name ?? '';
  return kind && kind !== '<none>' && name && name !== '<none>' ? { kind, name } : undefined;
}
