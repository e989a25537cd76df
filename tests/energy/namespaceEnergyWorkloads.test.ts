/**
 * namespaceEnergy's `workloads` filter against a real Prometheus loaded with the standard scenario
 * (Kepler 0.10+, kube-state-metrics, OpenCost, cAdvisor, DCGM) plus one pod kube-state-metrics
 * does not know, `shop/api-gateway-5f6d8-abcde` (a Deployment `api-gateway` by its name): the
 * pushed-down pod pattern `api(?:-.+)?` lets its series through, the exact filter must drop it.
 * Expected values are the fixture truth of the selected workloads' pods (owners from the scenario
 * spec); tolerances as in namespaceEnergy.test.ts (relative 1e-6 + 0.01 J, plus one interval per
 * pod that starts, stops or restarts in the window).
 */
import { namespaceEnergyHandler } from '../../src/backend/queries/energy/namespaceEnergy';
import type { PodTruth } from '../fixtures/exporters/cluster';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import {
  A,
  B,
  column,
  edgeAllowance,
  END,
  expectClose,
  failure,
  fullCluster,
  H,
  relTol,
  requestShareSeconds,
  rowsOf,
  run,
  S,
  sc,
  settingsFor,
  unattributedJoules,
  useClusterPrometheus,
  W1,
  W3,
} from './clusterEnergyHarness';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});

const kepler = generateKepler010(sc);
const truth = kepler.truth;
const pkg = (p: PodTruth) => p.zoneW.package;

/** The owner workload of each truth pod, from the scenario spec (top of the owner chain). */
const uidOf = new Map([...truth.pods].map(([uid, p]) => [p, uid]));
const ownerOf = new Map(sc.pods.map((p) => [p.uid, p.owner!.parent ?? p.owner!]));
const workloadOf = (p: PodTruth) => ownerOf.get(uidOf.get(p)!)!.name;

/** Truth summed by `key` over the pods of `names` only. */
function truthOf(names: string[], w: { from: number; to: number }, key: (p: PodTruth) => string) {
  const picked = (p: PodTruth) => (names.includes(workloadOf(p)) ? key(p) : '');
  const want = truth.sumBy(pkg, w.from, w.to, picked);
  const edges = edgeAllowance(truth, pkg, w.from, w.to, picked);
  delete want[''];
  return { want, tol: relTol(1e-6, 0.01, edges) };
}

/** The pod kube-state-metrics does not know: 3 J per 30 s scrape, on node A, all along. */
const GATEWAY = 'api-gateway-5f6d8-abcde';
const GATEWAY_J_PER_STEP = 3;
function gatewayPod(): string {
  const lines = [];
  for (let k = 0; k <= (END - S) / sc.step; k++) {
    lines.push(
      `kepler_pod_cpu_joules_total{node_name="${A}",pod_id="gw",pod_name="${GATEWAY}",pod_namespace="shop",state="running",zone="package"} ${k * GATEWAY_J_PER_STEP} ${S + k * sc.step}`
    );
  }
  return lines.join('\n') + '\n';
}

const prom = useClusterPrometheus([...fullCluster(kepler.openMetrics), gatewayPod()]);

const settings = () => settingsFor({ url: prom.url });
const notices = (frame: { meta?: { notices?: Array<{ text: string }> } }) =>
  (frame.meta?.notices ?? []).map((n) => n.text).join('\n');

describe('workloads filter', () => {
  test("per workload: only shop's api (its two pods, one restarted), not the api-gateway the pattern lets through", async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'workload', metric: 'energy', workloads: ['api'] },
      settings(),
      W1
    );
    const { want, tol } = truthOf(['api'], W1, (p) => `${p.namespace}/Deployment/api`);
    expect(Object.keys(want)).toEqual(['shop/Deployment/api']);
    expectClose(column(frame, 'cpu', 'namespace', 'kind', 'workload'), want, tol);
    expect(frame.meta?.executedQueryString).toContain(
      'increase(kepler_pod_cpu_joules_total{zone="package",state="running",pod_name=~"api(?:-.+)?"}[1h])'
    );
    expect(notices(frame)).toMatch(/Only pods of the workloads "api" count/);
  });

  test('per namespace and per node: each sums only the pods of the selected workloads', async () => {
    const names = ['api', 'report', 'node-exporter'];
    const [ns] = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'energy', workloads: names },
      settings(),
      W1
    );
    const byNs = truthOf(names, W1, (p) => p.namespace);
    expect(Object.keys(byNs.want).sort()).toEqual(['jobs', 'monitoring', 'shop']);
    expectClose(column(ns, 'cpu', 'namespace'), byNs.want, byNs.tol);
    const [node] = await run(
      namespaceEnergyHandler,
      { groupBy: 'node', metric: 'energy', workloads: ['api'] },
      settings(),
      W1
    );
    const byNode = truthOf(['api'], W1, (p) => p.node);
    expect(Object.keys(byNode.want).sort()).toEqual([A, B].sort());
    expectClose(column(node, 'cpu', 'node'), byNode.want, byNode.tol);
  });

  test('per pod, with a namespaces filter too: the pods of the workload in those namespaces', async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'pod', metric: 'energy', namespaces: ['shop', 'ml'], workloads: ['api', 'train', 'report'] },
      settings(),
      W1
    );
    // report runs in jobs, outside the namespaces: nothing of it, and a notice says so.
    const { want, tol } = truthOf(['api', 'train'], W1, (p) => `${p.namespace}/${p.name}`);
    expect(Object.keys(want).sort()).toEqual(['ml/train-0', 'shop/api-7d9c6-q4m2n', 'shop/api-7d9c6-x2x8k']);
    expectClose(column(frame, 'cpu', 'namespace', 'pod'), want, tol);
    expect(notices(frame)).toMatch(/No energy series for pods of the workloads "report"/);
  });

  test('a pod kube-state-metrics does not know counts by its name', async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'pod', metric: 'energy', workloads: ['api-gateway'] },
      settings(),
      W1
    );
    // The counter rises 3 J per scrape over the whole range: 120 scrapes in the hour.
    expect(column(frame, 'cpu', 'namespace', 'pod')).toEqual({
      [`shop/${GATEWAY}`]: expect.closeTo((GATEWAY_J_PER_STEP * H) / sc.step, 6),
    });
    expect(notices(frame)).toMatch(/Pods without kube_pod_owner, grouped by name: api-gateway-5f6d8-abcde/);
  });

  test("idle byRequest: the workload's pods get their share of their nodes' unattributed energy", async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'workload', metric: 'energy', workloads: ['api'], idlePower: 'byRequest' },
      settings(),
      W1
    );
    const u = unattributedJoules(truth, W1.from, W1.to);
    // The gateway pod is attributed energy on node A the truth does not know of.
    u[A] -= (GATEWAY_J_PER_STEP * H) / sc.step;
    const { byPod, span } = requestShareSeconds(kepler.sim, W1.from, W1.to);
    const nodeEdges = edgeAllowance(truth, pkg, W1.from, W1.to, (p) => p.node);
    let want = 0;
    let allowance = 0;
    for (const spec of sc.pods.filter((p) => (p.owner!.parent ?? p.owner!).name === 'api')) {
      const share = (byPod.get(spec.uid) ?? 0) / span.get(spec.node)!;
      want += u[spec.node] * share;
      allowance += (nodeEdges[spec.node] ?? 0) * share;
    }
    expect(want).toBeGreaterThan(0);
    const [row] = rowsOf(frame);
    expect(rowsOf(frame)).toHaveLength(1);
    expect(Math.abs((row.idle as number) - want)).toBeLessThanOrEqual(want * 1e-6 + 0.01 + allowance);
  });

  test('power per node: watts of the api pods only', async () => {
    const w = { ...W3, stepS: 300 };
    const frames = await run(
      namespaceEnergyHandler,
      { groupBy: 'node', metric: 'power', workloads: ['api'] },
      settings(),
      w
    );
    expect(frames.map((f) => f.fields[1].labels!.node).sort()).toEqual([A, B].sort());
    for (const f of frames) {
      const node = f.fields[1].labels!.node;
      const times = f.fields[0].values as number[];
      expect(times.length).toBeGreaterThan(0);
      (f.fields[1].values as number[]).forEach((v, i) => {
        const t = times[i] / 1000;
        const watts = truthOf(['api'], { from: t - 300, to: t }, (p) => p.node).want[node] / 300;
        expect(Math.abs(v - watts)).toBeLessThan(watts * 1e-6 + 1e-3);
      });
    }
  });

  test('an empty list is no filter; an unknown workload matches nothing, with a notice', async () => {
    const [all] = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'energy', workloads: [] },
      settings(),
      W3
    );
    const want = truth.podJoulesBy('package', W3.from, W3.to);
    want.shop += (GATEWAY_J_PER_STEP * (W3.to - W3.from)) / sc.step;
    expectClose(column(all, 'cpu', 'namespace'), want, relTol(1e-6, 0.01));
    expect(notices(all)).not.toMatch(/Only pods of the workloads/);
    const [none] = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'energy', workloads: ['nope'] },
      settings(),
      W3
    );
    expect(rowsOf(none)).toEqual([]);
    expect(notices(none)).toMatch(/No energy series for pods of the workloads "nope"/);
  });
});

describe('bad workloads', () => {
  const parse = (workloads: unknown) =>
    namespaceEnergyHandler.parse({ queryType: 'namespaceEnergy', groupBy: 'pod', metric: 'energy', workloads });

  test.each([
    [
      'a namespace/name',
      ['shop/api'],
      /workloads.0: unknown workload format: give the name alone.*"api", not "shop\/api"/,
    ],
    ['a kind/name', ['api', 'Deployment/api'], /workloads.1: unknown workload format/],
    ['an empty name', [' '], /workloads.0: workload names cannot be empty/],
    ['a single string', 'api', /workloads: expected a list of workload names, e.g. \["api", "web"\]/],
    ['a number', [3], /workloads.0: expected a workload name \(text\)/],
  ])('%s: a 400 naming the field', async (_, workloads, message) => {
    const err = await failure(Promise.resolve().then(() => parse(workloads)));
    expect(err).toMatchObject({ status: 400, source: 'plugin' });
    expect(err.message).toMatch(message);
  });

  test('names that look like PromQL or regex stay literal names', async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'workload', metric: 'energy', workloads: ['.*', 'api|web', '"} or vector(1) #'] },
      settings(),
      W1
    );
    expect(rowsOf(frame)).toEqual([]);
    expect(frame.meta?.executedQueryString).toContain('pod_name=~"\\\\.\\\\*(?:-.+)?|api\\\\|web(?:-.+)?|');
  });
});
