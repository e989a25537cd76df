/**
 * The Kubernetes list routes (namespaces, workloads, nodes, processes) against a real Prometheus
 * holding the standard scenario's Kepler 0.10, kube-state-metrics and Scaphandre fixtures. Expected
 * lists come from the scenario spec (pods' owners, nodes, processes), not from our code.
 */
import { handleResource } from '../../src/backend/queries/resources';
import type { DataSourceSettings } from '../../src/backend/core/settings';
import type { PodSpec, ProcessSpec } from '../fixtures/exporters/cluster';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import { generateKubeStateMetrics } from '../fixtures/exporters/kubeStateMetrics';
import { generateScaphandre } from '../fixtures/exporters/scaphandre';
import { standardScenario } from '../fixtures/exporters/scenario';
import { startPrometheus, type PrometheusServer } from '../helpers/prometheus';
import { instanceFor } from '../helpers/instances';
import { settingsFor } from '../energy/energyTestKit';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});
jest.setTimeout(60_000);

const sc = standardScenario();
const WINDOW = `from=${sc.start * 1000}&to=${sc.end * 1000}`;
let full: PrometheusServer;
let keplerOnly: PrometheusServer;
let fullSettings: DataSourceSettings;
let keplerSettings: DataSourceSettings;

beforeAll(async () => {
  const kepler = generateKepler010(sc).openMetrics;
  [full, keplerOnly] = await Promise.all([
    startPrometheus([kepler, generateKubeStateMetrics(sc).openMetrics, generateScaphandre(sc).openMetrics], {
      lookbackDelta: '29s',
    }),
    startPrometheus([kepler], { lookbackDelta: '29s' }),
  ]);
  fullSettings = settingsFor({ url: full.url });
  keplerSettings = settingsFor({ url: keplerOnly.url });
}, 120_000);
afterAll(async () => {
  await Promise.all([full?.stop(), keplerOnly?.stop()]);
});

async function list(path: string, query: string, settings = fullSettings): Promise<unknown> {
  const result = await handleResource(
    { method: 'GET', path, query: new URLSearchParams(query) },
    instanceFor(settings)
  );
  expect(result.status).toBe(200);
  return result.body;
}
const values = (body: unknown) => (body as Array<{ value: string }>).map((v) => v.value);
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** The workload the spec declares for a pod: the owner's parent, else the owner, else the pod. */
const workloadOf = (p: PodSpec) => p.owner?.parent ?? p.owner ?? { kind: 'Pod', name: p.name };

describe('Kubernetes list routes on the standard scenario', () => {
  it('namespaces: every namespace with pods', async () => {
    expect(await list('namespaces', WINDOW)).toEqual(sorted(sc.pods.map((p) => p.namespace)));
  });

  it('nodes: the cluster nodes (the bare-metal Scaphandre host is no node)', async () => {
    expect(values(await list('nodes', WINDOW))).toEqual(sorted(sc.nodes.map((n) => n.name)));
  });

  it('workloads: owners resolved through ReplicaSets and Jobs, labelled with kind and namespace', async () => {
    const body = (await list('workloads', WINDOW)) as Array<{ value: string; label: string }>;
    expect(values(body)).toEqual(sorted(sc.pods.map((p) => workloadOf(p).name)));
    const report = sc.pods.find((p) => p.namespace === 'jobs' && p.owner?.kind === 'Job')!;
    expect(body.find((w) => w.value === workloadOf(report).name)?.label).toBe(
      `${workloadOf(report).name} (${workloadOf(report).kind} in jobs)`
    );
  });

  it('workloads in the namespaces a regex matches, as a variable such as $namespace = (shop|jobs) sends', async () => {
    const expected = sorted(
      sc.pods.filter((p) => ['shop', 'jobs'].includes(p.namespace)).map((p) => workloadOf(p).name)
    );
    expect(values(await list('workloads', `${WINDOW}&namespace=(shop|jobs)`))).toEqual(expected);
    expect(values(await list('workloads', `${WINDOW}&namespace=nothing-here`))).toEqual([]);
  });

  it('workloads without kube-state-metrics: from the pod names Kepler reports', async () => {
    // By hand from Kubernetes' naming rules: api-7d9c6-x2x8k and web-5f6d8-abcde are Deployment
    // pods (pod-template hash + suffix), db-0 a StatefulSet pod.
    const body = (await list('workloads', `${WINDOW}&namespace=shop`, keplerSettings)) as Array<{
      value: string;
      label: string;
    }>;
    expect(body).toEqual([
      { value: 'api', label: 'api (Deployment in shop)' },
      { value: 'db', label: 'db (StatefulSet in shop)' },
      { value: 'web', label: 'web (Deployment in shop)' },
    ]);
  });

  it('processes: every executable Scaphandre reports, or those of one namespace', async () => {
    const host = sc.hosts.find((h) => h.containers)!;
    const podProcesses = (pods: PodSpec[]) =>
      pods
        .filter((p) => p.node === host.node)
        .flatMap((p) => p.containers.flatMap((c) => (c.processes ?? []).map((x) => x.exe)));
    const hostProcesses: ProcessSpec[] = [
      ...(sc.nodes.find((n) => n.name === host.node)!.hostProcesses ?? []),
      ...sc.hosts.flatMap((h) => h.standalone?.processes ?? []),
    ];
    // Kernel threads have no exe: Scaphandre writes exe="", which is no label value.
    const all = sorted([...podProcesses(sc.pods), ...hostProcesses.map((p) => p.exe)].filter((e) => e !== ''));
    expect(values(await list('processes', WINDOW))).toEqual(all);
    expect(values(await list('processes', `${WINDOW}&namespace=shop`))).toEqual(
      sorted(podProcesses(sc.pods.filter((p) => p.namespace === 'shop')))
    );
  });

  it('an injection attempt in namespace= stays a label value', async () => {
    // What the datasource sends for a variable holding `"}) or vector(1) #` (regex-escaped); a
    // selector it escaped from would list every workload.
    const injection = encodeURIComponent('"\\}\\) or vector\\(1\\) #');
    expect(values(await list('workloads', `${WINDOW}&namespace=${injection}`))).toEqual([]);
    expect(values(await list('processes', `${WINDOW}&namespace=${injection}`))).toEqual([]);
  });
});
