/**
 * namespaceEnergy's idle power reallocation (Kepler 0.10+ attributes node idle power to no pod):
 * shared by CPU request (kube-state-metrics) or usage (cAdvisor), checked against the truth.
 *
 * Tolerances, and why:
 * - Node totals: attributed + reallocated energy is the node counter's increase by construction
 *   (the shares of a node add up to 1): relative 1e-6 + 0.01 J.
 * - Per namespace (byRequest): the node's unattributed energy is total − pods, so it carries the
 *   pods' edge extrapolation (one interval of a starting/stopping pod's energy); each namespace
 *   is allowed its share of its nodes' edges.
 * - byUsage: cAdvisor's timestamps lag the scrape by up to 10 s, which rate() extrapolates: 2%.
 * - Watts (5 m steps, no pod starting or stopping): 1e-6 + 1e-3 W.
 */
import { namespaceEnergyHandler } from '../../src/backend/queries/energy/namespaceEnergy';
import type { PodTruth } from '../fixtures/exporters/cluster';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import {
  A,
  add,
  B,
  C,
  column,
  edgeAllowance,
  expectClose,
  fullCluster,
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
  W2,
  W3,
} from './clusterEnergyHarness';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});

const kepler = generateKepler010(sc);
const truth = kepler.truth;
const pkg = (p: PodTruth) => p.zoneW.package;

const full = useClusterPrometheus(fullCluster(kepler.openMetrics));

const settings = () => settingsFor({ url: full.url });

describe('idle power reallocation', () => {
  const nodeTotals = (w: { from: number; to: number }) =>
    Object.fromEntries([A, B, C].map((n) => [n, truth.nodeJoules(n, 'package', w.from, w.to)]));

  test.each(['byRequest', 'byUsage'])(
    '%s: attributed + reallocated energy adds up to each node total',
    async (idlePower) => {
      for (const w of [W1, W2]) {
        const [frame] = await run(
          namespaceEnergyHandler,
          { groupBy: 'node', metric: 'energy', idlePower },
          settings(),
          w
        );
        const rows = rowsOf(frame);
        const got = Object.fromEntries(rows.map((r) => [r.node as string, (r.cpu as number) + (r.idle as number)]));
        expectClose(got, nodeTotals(w), relTol(1e-6, 0.01));
        // By namespace too: every node's idle energy went to some namespace.
        const [ns] = await run(
          namespaceEnergyHandler,
          { groupBy: 'namespace', metric: 'energy', idlePower },
          settings(),
          w
        );
        const sum = rowsOf(ns).reduce((a, r) => a + (r.cpu as number) + (r.idle as number), 0);
        const total = Object.values(nodeTotals(w)).reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - total)).toBeLessThan(total * 1e-6 + 0.1);
      }
    }
  );

  test("byRequest: each namespace gets its time-integrated share of its nodes' CPU requests", async () => {
    const w = W1;
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'energy', idlePower: 'byRequest' },
      settings(),
      w
    );
    const u = unattributedJoules(truth, w.from, w.to);
    const { byPod, span } = requestShareSeconds(kepler.sim, w.from, w.to);
    const want: Record<string, number> = {};
    const allowance: Record<string, number> = {};
    const nodeEdges = edgeAllowance(truth, pkg, w.from, w.to, (p) => p.node);
    for (const spec of sc.pods) {
      const share = (byPod.get(spec.uid) ?? 0) / span.get(spec.node)!;
      add(want, spec.namespace, u[spec.node] * share);
      add(allowance, spec.namespace, (nodeEdges[spec.node] ?? 0) * share);
    }
    expectClose(column(frame, 'idle', 'namespace'), want, relTol(1e-6, 0.01, allowance));
    expect(frame.meta?.notices?.[0].text).toMatch(/CPU requests \(kube-state-metrics\)/);
  });

  test('byUsage: shares follow cAdvisor CPU usage (the idle notebook gets almost nothing)', async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'pod', metric: 'energy', idlePower: 'byUsage' },
      settings(),
      W3
    );
    const idle = column(frame, 'idle', 'namespace', 'pod');
    const [byReq] = await run(
      namespaceEnergyHandler,
      { groupBy: 'pod', metric: 'energy', idlePower: 'byRequest' },
      settings(),
      W3
    );
    const idleReq = column(byReq, 'idle', 'namespace', 'pod');
    // The notebook requests 1 core and uses 0.002: a third of node C's requests, 0.1% of its usage.
    expect(idle['ml/notebook-6c5d4-k8p2w']).toBeLessThan(idleReq['ml/notebook-6c5d4-k8p2w'] / 50);
    // At each step, each pod's share of its node's CPU usage over the 2 m rate window (true cores;
    // cAdvisor's timestamps lag the scrape by up to 10 s, which rate() extrapolates: 2%).
    const u = unattributedJoules(truth, W3.from, W3.to);
    const shareSeconds: Record<string, number> = {};
    const span: Record<string, number> = {};
    for (let k = (W3.from - S) / sc.step + 1; k <= (W3.to - S) / sc.step; k++) {
      const usage = (p: PodTruth) => (p.cores[k] + p.cores[k - 1] + p.cores[k - 2] + p.cores[k - 3]) / 4;
      const nodeUsage: Record<string, number> = {};
      truth.pods.forEach((p) => add(nodeUsage, p.node, usage(p)));
      Object.keys(nodeUsage).forEach((n) => add(span, n, sc.step));
      truth.pods.forEach((p) =>
        add(shareSeconds, `${p.namespace}/${p.name}`, (usage(p) / nodeUsage[p.node]) * sc.step)
      );
    }
    const want: Record<string, number> = {};
    for (const p of truth.pods.values()) {
      const key = `${p.namespace}/${p.name}`;
      add(want, key, (u[p.node] * (shareSeconds[key] ?? 0)) / span[p.node]);
    }
    expectClose(idle, want, relTol(0.02, 1));
  });

  test('power: attributed + reallocated watts follow each node total', async () => {
    const w = { ...W3, stepS: 300 };
    const frames = await run(
      namespaceEnergyHandler,
      { groupBy: 'node', metric: 'power', idlePower: 'byRequest' },
      settings(),
      w
    );
    for (const f of frames) {
      const node = f.fields[1].labels!.node;
      const times = f.fields[0].values as number[];
      const values = f.fields[1].values as number[];
      const gpu = truth.nodes.get(node)!.gpuW[0];
      times.forEach((ms, i) => {
        const t = ms / 1000;
        const k = (t - S) / sc.step;
        const want = truth.mean(truth.nodes.get(node)!.zoneW.package!, t - 300, t) + (gpu ? gpu[k] : 0);
        expect(Math.abs(values[i] - want)).toBeLessThan(want * 1e-6 + 1e-3);
      });
    }
    expect(frames.map((f) => f.fields[1].labels!.node).sort()).toEqual([A, B, C].sort());
  });
});
