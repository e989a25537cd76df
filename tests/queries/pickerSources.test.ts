/**
 * The namespace and node pickers list what the energy queries can return, on layouts where the
 * old lists did not: DCGM alone (its pod namespaces and `Hostname` nodes, once listed by no
 * route), and Kepler 0.7 alone (its host-process and kernel pseudo pods in namespaces `system`
 * and `kernel`, which the queries leave out). Real Prometheus; expected lists come from the
 * fixture generator's truth and the scenario spec, not from our code.
 */
import { handleResource } from '../../src/backend/queries/resources';
import { DCGM_NAMESPACE, generateDcgm, gpuReleasedAt } from '../fixtures/exporters/dcgm';
import { generateKepler07 } from '../fixtures/exporters/kepler07';
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
const dcgm = generateDcgm(sc);
const kepler07 = generateKepler07(sc);
// The Helm chart's ServiceMonitor (honorLabels false) on a cluster whose only GPU pod stops
// halfway: after that, every DCGM series carries the exporter's own pod as namespace/pod.
const RELEASE = sc.start + Math.round((sc.end - sc.start) / 2);
const released = gpuReleasedAt(sc, RELEASE);
const chart = generateDcgm(released, { serviceMonitor: { honorLabels: false } });
let dcgmOnly: PrometheusServer;
let keplerOnly: PrometheusServer;
let chartOnly: PrometheusServer;

beforeAll(async () => {
  [dcgmOnly, keplerOnly, chartOnly] = await Promise.all([
    startPrometheus([dcgm.openMetrics], { lookbackDelta: '29s' }),
    startPrometheus([kepler07.openMetrics], { lookbackDelta: '29s' }),
    startPrometheus([chart.openMetrics], { lookbackDelta: '29s' }),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([dcgmOnly?.stop(), keplerOnly?.stop(), chartOnly?.stop()]);
});

async function list(path: string, server: PrometheusServer, window = WINDOW): Promise<string[]> {
  const result = await handleResource(
    { method: 'GET', path, query: new URLSearchParams(window) },
    instanceFor(settingsFor({ url: server.url }))
  );
  expect(result.status).toBe(200);
  const body = result.body as Array<string | { value: string }>;
  return body.map((v) => (typeof v === 'string' ? v : v.value));
}
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

describe('pickers on DCGM alone', () => {
  // The pods that held a GPU in the window, by the generator's truth.
  const gpuPods = Object.keys(
    dcgm.truth.sumBy(
      (p) => p.gpuW,
      sc.start,
      sc.end,
      (p) => `${p.namespace}/${p.node}`
    )
  );

  it('namespaces: those of the pods holding a GPU', async () => {
    expect(gpuPods.length).toBeGreaterThan(0);
    expect(await list('namespaces', dcgmOnly)).toEqual(sorted(gpuPods.map((k) => k.split('/')[0])));
  });

  it('nodes: the nodes of those GPUs, by their Hostname', async () => {
    expect(await list('nodes', dcgmOnly)).toEqual(sorted(gpuPods.map((k) => k.split('/')[1])));
  });
});

describe('pickers on DCGM scraped by the Helm chart (honorLabels false)', () => {
  // By the generator's truth: the GPUs' nodes, and the pods holding one in a window.
  const gpuNodes = sorted(released.nodes.filter((n) => (n.gpus ?? []).length > 0).map((n) => n.name));
  const heldNamespaces = (from: number, to: number) =>
    sorted(
      Object.keys(
        chart.truth.sumBy(
          (p) => p.gpuW,
          from,
          to,
          (p) => p.namespace
        )
      )
    );
  const after = `from=${(RELEASE + 600) * 1000}&to=${sc.end * 1000}`;
  const before = `from=${sc.start * 1000}&to=${(RELEASE - 600) * 1000}`;

  it('namespaces: the GPU pods’ while one is held, none once the GPU is free (never the exporter’s own)', async () => {
    expect(heldNamespaces(sc.start, RELEASE - 600).length).toBeGreaterThan(0);
    expect(await list('namespaces', chartOnly, before)).toEqual(heldNamespaces(sc.start, RELEASE - 600));
    expect(heldNamespaces(RELEASE + 600, sc.end)).toEqual([]);
    const free = await list('namespaces', chartOnly, after);
    expect(free).toEqual([]);
    expect(free).not.toContain(DCGM_NAMESPACE);
  });

  it('nodes: every GPU node, held or not (their GPU idle energy is reported per node)', async () => {
    expect(gpuNodes.length).toBeGreaterThan(0);
    expect(await list('nodes', chartOnly, after)).toEqual(gpuNodes);
  });
});

describe('pickers on Kepler 0.7 alone', () => {
  it('namespaces: every namespace with pods, not the pseudo pods’ system and kernel', async () => {
    const namespaces = await list('namespaces', keplerOnly);
    expect(namespaces).toEqual(sorted(sc.pods.map((p) => p.namespace)));
    expect(namespaces).not.toContain('system');
    expect(namespaces).not.toContain('kernel');
  });

  it('nodes: the node names of the node series, not the targets’ addresses', async () => {
    expect(await list('nodes', keplerOnly)).toEqual(sorted(sc.nodes.map((n) => n.name)));
  });
});
