/**
 * carbonEfficiency against Kepler 0.10+, kube-state-metrics, cAdvisor and OpenCost from the
 * standard scenario.
 *
 * Tolerances, and why:
 * - CPU used: cAdvisor samples lag the scrape by up to 10 s, which increase() extrapolates at both
 *   ends of the window: 20 s of each pod's largest rate (the fixture's own bound).
 * - CPU requested: the Riemann sum at the scrape step sees exactly what kube-state-metrics
 *   exported at each scrape: 1e-9.
 * - Idle share: as namespaceEnergy byRequest (each node's unattributed energy carries its pods'
 *   edge extrapolation). Wasted energy and CO2e multiply that by (1 − used/requested), whose
 *   cAdvisor error is a few 1e-3: 1% plus the idle allowance.
 */
import { carbonEfficiencyHandler } from '../../src/backend/queries/energy/carbonEfficiency';
import type { PodTruth } from '../fixtures/exporters/cluster';
import { generateCadvisor } from '../fixtures/exporters/cadvisor';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import { generateKubeStateMetrics } from '../fixtures/exporters/kubeStateMetrics';
import { generateOpenCost } from '../fixtures/exporters/opencost';
import {
  add,
  column,
  edgeAllowance,
  expectClose,
  FACTOR,
  failure,
  H,
  REGION_OF,
  relTol,
  requestShareSeconds,
  rowsOf,
  run,
  S,
  sc,
  settingsFor,
  START_TIMEOUT,
  startCluster,
  useClusterPrometheus,
  unattributedJoules,
} from './clusterEnergyHarness';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});

const W = { from: S + H, to: S + 2 * H };
const kepler = generateKepler010(sc);
const truth = kepler.truth;
const ksm = generateKubeStateMetrics(sc).openMetrics;
const cadvisor = generateCadvisor(sc).openMetrics;
const opencost = generateOpenCost(sc).openMetrics;

const prom = useClusterPrometheus([kepler.openMetrics, ksm, cadvisor, opencost]);

/** Per namespace|node: core-seconds used (truth), requested (as KSM exports them), idle share. */
function expected() {
  const used = truth.sumBy(
    (p) => p.cores,
    W.from,
    W.to,
    (p) => `${p.namespace}|${p.node}`
  );
  const lag: Record<string, number> = {};
  for (const p of truth.pods.values()) {
    let max = 0;
    for (let k = (W.from - S) / sc.step + 1; k <= (W.to - S) / sc.step; k++) {
      max = Math.max(max, p.cores[k]);
    }
    add(lag, p.namespace, max * 20);
  }
  const requested: Record<string, number> = {};
  for (let k = (W.from - S) / sc.step + 1; k <= (W.to - S) / sc.step; k++) {
    for (const ns of kepler.sim.snapshot(k).nodes.values()) {
      for (const p of ns.pods.filter((x) => x.exists && x.phase === 'Running')) {
        add(
          requested,
          `${p.spec.namespace}|${ns.spec.name}`,
          p.spec.containers.reduce((a, c) => a + (c.requests.cpu ?? 0), 0) * sc.step
        );
      }
    }
  }
  const u = unattributedJoules(truth, W.from, W.to);
  const { byPod, span } = requestShareSeconds(kepler.sim, W.from, W.to);
  const nodeEdges = edgeAllowance(
    truth,
    (p: PodTruth) => p.zoneW.package,
    W.from,
    W.to,
    (p) => p.node
  );
  const idle: Record<string, number> = {};
  const idleAllowance: Record<string, number> = {};
  for (const spec of sc.pods) {
    const share = (byPod.get(spec.uid) ?? 0) / span.get(spec.node)!;
    add(idle, `${spec.namespace}|${spec.node}`, u[spec.node] * share);
    add(idleAllowance, spec.namespace, (nodeEdges[spec.node] ?? 0) * share);
  }
  return { used, lag, requested, idle, idleAllowance };
}

const perNamespace = (rec: Record<string, number>, f: (v: number, key: string) => number = (v) => v) => {
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(rec)) {
    add(out, key.split('|')[0], f(v, key));
  }
  return out;
};

test('CPU used over requested per namespace (cAdvisor containers over KSM requests of running pods)', async () => {
  const [frame] = await run(carbonEfficiencyHandler, {}, settingsFor({ url: prom.url }), W);
  const e = expected();
  const rangeS = W.to - W.from;
  expectClose(
    column(frame, 'cpuUsed', 'namespace'),
    perNamespace(e.used, (v) => v / rangeS),
    (key, v) => v * 1e-6 + (e.lag[key] ?? 0) / rangeS
  );
  expectClose(
    column(frame, 'cpuRequested', 'namespace'),
    perNamespace(e.requested, (v) => v / rangeS),
    relTol(1e-9)
  );
  const used = perNamespace(e.used);
  const requested = perNamespace(e.requested);
  expectClose(
    column(frame, 'efficiency', 'namespace'),
    Object.fromEntries(Object.keys(requested).map((ns) => [ns, used[ns] / requested[ns]])),
    (key) => (e.lag[key] ?? 0) / requested[key] + 1e-6
  );
  // The idle notebook requests 1 core: ml uses about half of what it requests.
  expect(column(frame, 'efficiency', 'namespace').ml).toBeLessThan(0.6);
  expect(frame.fields.find((f) => f.name === 'efficiency')?.config?.unit).toBe('percentunit');
});

test("requested-but-idle energy: idle share × (1 − used/requested) per node, CO2e at the node's region", async () => {
  const [frame] = await run(carbonEfficiencyHandler, {}, settingsFor({ url: prom.url }), W);
  const e = expected();
  expectClose(column(frame, 'idleShare', 'namespace'), perNamespace(e.idle), relTol(1e-6, 0.01, e.idleAllowance));
  const wasted: Record<string, number> = {};
  const grams: Record<string, number> = {};
  for (const [key, idle] of Object.entries(e.idle)) {
    const [ns, node] = key.split('|');
    const w = e.requested[key] > 0 ? idle * Math.max(0, 1 - (e.used[key] ?? 0) / e.requested[key]) : 0;
    add(wasted, ns, w);
    add(grams, ns, (w / 3.6e6) * FACTOR[REGION_OF[node]]);
  }
  expectClose(column(frame, 'wastedEnergy', 'namespace'), wasted, relTol(0.01, 1, e.idleAllowance));
  expectClose(
    column(frame, 'wastedCo2e', 'namespace'),
    grams,
    (key, v) => v * 0.01 + ((e.idleAllowance[key] ?? 0) / 3.6e6) * 500
  );
  const rows = Object.fromEntries(rowsOf(frame).map((r) => [r.namespace, r]));
  // jobs used more than it requested in this window (the report job bursts to 0.9 cores on 0.5).
  expect(rows.jobs.wastedEnergy).toBe(0);
  expect(rows.ml.region).toBe('us-east-1');
});

test(
  'namespaces are literal; missing exporters are named',
  async () => {
    const [frame] = await run(carbonEfficiencyHandler, { namespaces: ['ml', '.*'] }, settingsFor({ url: prom.url }), W);
    expect(rowsOf(frame).map((r) => r.namespace)).toEqual(['ml']);
    const noCadvisor = await startCluster([kepler.openMetrics, ksm]);
    try {
      const err = await failure(run(carbonEfficiencyHandler, {}, settingsFor({ url: noCadvisor.url }), W));
      expect(err).toMatchObject({ status: 400, source: 'plugin' });
      expect(err.message).toMatch(
        /carbonEfficiency cannot run: it needs cAdvisor \(container_cpu_usage_seconds_total\), not found\. Exporters found .*Kepler 0\.10 \(.*version v0\.10\.0\).*kube-state-metrics/
      );
    } finally {
      await noCadvisor.stop();
    }
  },
  START_TIMEOUT
);

test(
  "without kube-state-metrics, OpenCost's allocation stands in for requests (so efficiency ≤ 1)",
  async () => {
    const noKsm = await startCluster([kepler.openMetrics, cadvisor, opencost]);
    try {
      // OpenCost is scraped every 60 s: with the test's 29 s lookback, a 30 s step would see it every other step.
      const [frame] = await run(carbonEfficiencyHandler, {}, settingsFor({ url: noKsm.url }), { ...W, stepS: 60 });
      expect(rowsOf(frame)).toHaveLength(4);
      for (const r of rowsOf(frame)) {
        expect(r.efficiency as number).toBeLessThanOrEqual(1.01);
      }
      expect(frame.meta?.notices?.map((n) => n.text).join('\n')).toMatch(/OpenCost's CPU allocation/);
    } finally {
      await noKsm.stop();
    }
  },
  START_TIMEOUT
);

test('energyBoundary facility: energy, idle share and waste × AWS PUE 1.14 (2025); CO2e unchanged', async () => {
  const at = async (energyBoundary: string) =>
    (await run(carbonEfficiencyHandler, { energyBoundary }, settingsFor({ url: prom.url }), W))[0];
  const [it, facility] = await Promise.all([at('it'), at('facility')]);
  for (const name of ['energy', 'idleShare', 'wastedEnergy', 'wastedKWh']) {
    expectClose(
      column(facility, name, 'namespace'),
      Object.fromEntries(Object.entries(column(it, name, 'namespace')).map(([k, v]) => [k, v * 1.14])),
      relTol(1e-12)
    );
  }
  expectClose(column(facility, 'wastedCo2e', 'namespace'), column(it, 'wastedCo2e', 'namespace'), relTol(1e-12));
});
