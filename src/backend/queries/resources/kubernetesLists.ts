/**
 * `namespaces`, `workloads`, `nodes` and `processes`: names the configured Prometheus knows, for
 * pickers and variables (`from`/`to`, default the last 24 hours). Each exporter spells its labels
 * differently, so every list asks each exporter that may carry it; absent exporters just add
 * nothing. Namespaces and nodes come from the energy exporters the queries read, chosen and
 * filtered as the queries choose and filter them (each source's `listing`), plus the Kubernetes
 * and cost exporters other query types read. Every user value goes through the promql.ts builders.
 */
import { isPrometheusConfigured, openPrometheus } from '../../sources';
import type { PromClient } from '../../sources/prometheus';
import { kepler010, kepler07, kubeStateMetrics as ksm, opencost, scaphandre } from '../../sources/prometheus/exporters';
import { matcherNotEq, matcherRegex, promDuration, selector } from '../../sources/prometheus/promql';
import { instantSamples, type VectorSample } from '../../sources/prometheus/promResponse';
import { parentFromName, workloadFromName, type Workload } from '../../measured/workloads';
import {
  type LabelOnSeries,
  type Listing,
  notKepler07PseudoPod,
  type WorkloadSource,
} from '../../measured/exporterQueries';
import { discoverFor } from '../../measured/energyContext';
import { chooseSources, DEFAULT_ZONE } from '../../measured/sourceChoice';
import type { DatasourceInstance } from '../../core/instance';
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

/** Namespaces besides the energy sources': kube-state-metrics' pods and OpenCost's allocations. */
const NAMESPACE_LABELS: LabelOnSeries[] = [
  { label: ksm.labels.namespace, series: ksm.metrics.podInfo },
  { label: 'namespace', series: opencost.metrics.cpuAllocation },
];

/** Nodes besides the energy sources': kube-state-metrics' nodes. */
const NODE_LABELS: LabelOnSeries[] = [{ label: ksm.labels.node, series: ksm.metrics.nodeInfo }];

/** Exporters that name pods, for pods kube-state-metrics does not know (their workload comes from the name). */
const POD_LABELS: Array<{ metric: string; namespace: string; pod: string; extra?: string[] }> = [
  { metric: kepler010.metrics.podCpuJoules, namespace: kepler010.labels.namespace, pod: kepler010.labels.pod },
  {
    metric: kepler07.metrics.containerJoules,
    namespace: kepler07.labels.namespace,
    pod: kepler07.labels.pod,
    // Kepler 0.7 books host and kernel work on these pseudo pods.
    extra: [notKepler07PseudoPod()],
  },
  { metric: scaphandre.metrics.processPower, namespace: scaphandre.labels.namespace, pod: scaphandre.labels.pod },
];

const PROMETHEUS_WINDOW_MS = DAY_MS;

function prometheusWindow(request: ResourceRequest): TimeWindow {
  return windowParam(request.query, PROMETHEUS_WINDOW_MS);
}

async function prometheusClient(instance: DatasourceInstance, what: string): Promise<PromClient> {
  if (!isPrometheusConfigured(instance.settings)) {
    throw new ParamError(`Prometheus is not configured: add its URL in the datasource settings to list ${what}.`);
  }
  return openPrometheus(instance).client();
}

/** Values of each label on its series (or in its query's result) over the window, merged. */
async function labelValuesOf(client: PromClient, pairs: Listing[], window: TimeWindow): Promise<string[]> {
  const lists = await Promise.all(
    pairs.map((pair) =>
      'query' in pair
        ? client
            .query(pair.query(Math.max(1000, window.toMs - window.fromMs)), window.toMs)
            .then((r) => instantSamples(r.data, 'plugin').map((s) => s.labels[pair.label] ?? ''))
        : client
            .labelValues(pair.label, [pair.series], { startMs: window.fromMs, endMs: window.toMs })
            .then((r) => r.data)
    )
  );
  return sortedUnique(lists.flat().filter((v) => v !== ''));
}

/**
 * The energy exporters the queries would read over the window, chosen as they choose them. The
 * zone only picks which Kepler 0.10 series are read (every zone has the same pods and nodes): the
 * default one, else the first found, so a Kepler without the default zone still lists.
 */
async function energySources(instance: DatasourceInstance, window: TimeWindow): Promise<WorkloadSource[]> {
  const discovery = await discoverFor(instance, window.fromMs, window.toMs);
  const zones = discovery.findings.kepler.zones;
  const zone = zones.length === 0 || zones.includes(DEFAULT_ZONE) ? undefined : zones[0];
  const { cpu, gpu } = chooseSources({ discovery, notice: () => undefined }, zone);
  return [cpu, gpu].filter((s): s is WorkloadSource => s !== undefined);
}

export async function listNamespaces(request: ResourceRequest, instance: DatasourceInstance): Promise<ResourceResult> {
  const window = prometheusWindow(request);
  const client = await prometheusClient(instance, 'namespaces');
  const sources = await energySources(instance, window);
  return ok(await labelValuesOf(client, [...sources.map((s) => s.listing.namespaces), ...NAMESPACE_LABELS], window));
}

export async function listNodes(request: ResourceRequest, instance: DatasourceInstance): Promise<ResourceResult> {
  const window = prometheusWindow(request);
  const client = await prometheusClient(instance, 'nodes');
  const sources = await energySources(instance, window);
  const nodes = await labelValuesOf(client, [...sources.map((s) => s.listing.nodes), ...NODE_LABELS], window);
  return ok(nodes.map((value): ListedValue => ({ value })));
}

/** Scaphandre's `exe` values (full paths in 1.x); with `namespace=`, only processes of matching pods. */
export async function listProcesses(request: ResourceRequest, instance: DatasourceInstance): Promise<ResourceResult> {
  const namespace = namespaceParam(request.query);
  const window = prometheusWindow(request);
  const client = await prometheusClient(instance, 'processes');
  const matchers = namespace ? [matcherRegex(scaphandre.labels.namespace, namespace)] : [];
  const exes = await labelValuesOf(
    client,
    [{ label: scaphandre.labels.exe, series: selector(scaphandre.metrics.processPower, matchers) }],
    window
  );
  return ok(exes.map((value): ListedValue => ({ value })));
}

/**
 * Owner workloads (Deployment, StatefulSet, DaemonSet, CronJob, Job, bare Pod), optionally in the
 * namespaces matching `namespace=`: kube-state-metrics' owner chain where it knows the pod, else
 * Kubernetes' naming rules on the pods Kepler and Scaphandre report (as the energy queries do).
 */
export async function listWorkloads(request: ResourceRequest, instance: DatasourceInstance): Promise<ResourceResult> {
  const namespace = namespaceParam(request.query);
  const window = prometheusWindow(request);
  const client = await prometheusClient(instance, 'workloads');
  const range = `[${promDuration(Math.max(1000, window.toMs - window.fromMs))}]`;
  const nsMatchers = (label: string) => (namespace ? [matcherRegex(label, namespace)] : [matcherNotEq(label, '')]);
  const groups = (by: string[], metric: string, matchers: string[]) =>
    client
      .query(`group by (${by.join(', ')}) (last_over_time(${selector(metric, matchers)}${range}))`, window.toMs)
      .then((r) => instantSamples(r.data, 'plugin'));
  const owners = (id: string, metric: string) =>
    groups(
      [ksm.labels.namespace, id, ksm.labels.ownerKind, ksm.labels.ownerName],
      metric,
      nsMatchers(ksm.labels.namespace)
    );

  const [pods, replicasets, jobs, ...exporterPods] = await Promise.all([
    owners(ksm.labels.pod, ksm.metrics.podOwner),
    owners(ksm.labels.replicaset, ksm.metrics.replicasetOwner),
    owners(ksm.labels.jobName, ksm.metrics.jobOwner),
    ...POD_LABELS.map((p) =>
      groups([p.namespace, p.pod], p.metric, [...nsMatchers(p.namespace), ...(p.extra ?? [])]).then((series) =>
        series.map((s) => ({ namespace: s.labels[p.namespace] ?? '', pod: s.labels[p.pod] ?? '' }))
      )
    ),
  ]);

  const parents = (samples: VectorSample[], id: string) =>
    new Map(samples.map((s) => [`${s.labels.namespace}/${s.labels[id]}`, ownerOf(s)]));
  const rsParent = parents(replicasets, ksm.labels.replicaset);
  const jobParent = parents(jobs, ksm.labels.jobName);
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
    // OpenCost exports pod owners only: the parent from the name, as the energy queries do.
    const chainMissing = owner.kind === 'ReplicaSet' ? rsParent.size === 0 : jobParent.size === 0;
    add(ns, parent ?? (chainMissing ? parentFromName(owner) : undefined) ?? owner);
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
  const kind = sample.labels[ksm.labels.ownerKind] ?? '';
  const name = sample.labels[ksm.labels.ownerName] ?? '';
  return kind && kind !== ksm.NO_OWNER && name && name !== ksm.NO_OWNER ? { kind, name } : undefined;
}
