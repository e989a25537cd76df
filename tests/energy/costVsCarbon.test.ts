/**
 * costVsCarbon against OpenCost, Kepler 0.10+, DCGM and kube-state-metrics from the standard
 * scenario (two regions).
 *
 * Tolerances, and why:
 * - Cost: OpenCost's 60 s samples × prices, summed from raw samples by Prometheus, equal the
 *   fixture's own sum over its scrapes: relative 1e-9 (tests/energy/opencostCost.test.ts for
 *   prices that change, coarse steps and the fallback).
 * - CO2e: namespaceEnergy's co2e for the same groups (idle shared by request), which its own
 *   tests check against the truth: 1e-9. Shares and divergence are arithmetic on those: 1e-12.
 */
import { costVsCarbonHandler } from '../../src/backend/queries/energy/costVsCarbon';
import { namespaceEnergyHandler } from '../../src/backend/queries/energy/namespaceEnergy';
import { divergence } from '../../src/engine/measuredEnergy';
import { generateDcgm } from '../fixtures/exporters/dcgm';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import { generateKubeStateMetrics } from '../fixtures/exporters/kubeStateMetrics';
import { generateOpenCost } from '../fixtures/exporters/opencost';
import {
  A,
  add,
  B,
  C,
  column,
  expectClose,
  failure,
  H,
  INJECTION,
  opencostTruth,
  REGION_OF,
  relTol,
  rowsOf,
  run,
  S,
  sc,
  settingsFor,
  START_TIMEOUT,
  startCluster,
  useClusterPrometheus,
} from './clusterEnergyHarness';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});

// OpenCost is scraped every 60 s: integrate at 60 s steps.
const W = { from: S + H, to: S + 2 * H, stepS: 60 };
const kepler = generateKepler010(sc);
const opencost = generateOpenCost(sc);
const ksm = generateKubeStateMetrics(sc).openMetrics;

const prom = useClusterPrometheus([kepler.openMetrics, opencost.openMetrics, ksm, generateDcgm(sc).openMetrics]);

const expectedCost = () => opencostTruth(sc, opencost, W);

const regroup = (rec: Record<string, number>, key: (ns: string, node: string) => string) => {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(rec)) {
    const [ns, node] = k.split('|');
    add(out, key(ns, node), v);
  }
  return out;
};

test.each([
  ['namespace', (ns: string) => ns],
  ['node', (_: string, node: string) => node],
  ['region', (_: string, node: string) => REGION_OF[node]],
])('cost per %s: allocations × node prices + PVCs, integrated in Prometheus', async (groupBy, key) => {
  const [frame] = await run(costVsCarbonHandler, { groupBy }, settingsFor({ url: prom.url }), W);
  expectClose(column(frame, 'cost', groupBy), regroup(expectedCost(), key), relTol(1e-9));
  expect(frame.fields.find((f) => f.name === 'cost')?.config?.unit).toBe('currencyUSD');
});

test("the fixture agrees: namespace cost without storage is OpenCost's own", async () => {
  const cost = regroup(expectedCost(), (ns) => ns);
  const own = opencost.namespaceCost(W.from, W.to);
  expect(cost.jobs).toBeCloseTo(own.jobs, 12);
  expect(cost.ml).toBeCloseTo(own.ml, 12);
});

test("CO2e is namespaceEnergy's (idle shared by request); shares, divergence and flags follow", async () => {
  const [frame] = await run(costVsCarbonHandler, { groupBy: 'namespace' }, settingsFor({ url: prom.url }), W);
  const [energy] = await run(
    namespaceEnergyHandler,
    { groupBy: 'namespace', metric: 'co2e', idlePower: 'byRequest' },
    settingsFor({ url: prom.url }),
    W
  );
  expectClose(column(frame, 'co2e', 'namespace'), column(energy, 'co2e', 'namespace'), relTol(1e-9));
  const rows = rowsOf(frame);
  const sum = (name: string) => rows.reduce((a, r) => a + (r[name] as number), 0);
  expect(sum('costShare')).toBeCloseTo(1, 12);
  expect(sum('carbonShare')).toBeCloseTo(1, 12);
  for (const r of rows) {
    expect(r.costShare).toBeCloseTo((r.cost as number) / sum('cost'), 12);
    expect(r.carbonShare).toBeCloseTo((r.co2e as number) / sum('co2e'), 12);
    const d = divergence(r.costShare as number, r.carbonShare as number);
    expect(r.divergence).toBeCloseTo(d.index, 12);
    expect(r.flag).toBe(d.flag);
  }
  // The GPU node is expensive (T4 at $0.35/h) but in a region whose share of CO2e is smaller.
  const ml = rows.find((r) => r.namespace === 'ml')!;
  expect(ml.flag).toBe('cost-heavy');
  expect(frame.meta?.custom).toMatchObject({
    methodology: 'measured',
    accountingBasis: 'location',
    ghgScope: expect.stringMatching(/^Scope 2 \(purchased electricity\) for hardware you operate/),
  });
  expect(frame.meta?.executedQueryString).toContain(
    'sum by (namespace, node, job) (label_replace(sum by (namespace, node, job) (sum_over_time(container_cpu_allocation[3599999ms] @ '
  );
});

test('per region: us-east-1 and eu-west-1 rows', async () => {
  const [frame] = await run(costVsCarbonHandler, { groupBy: 'region' }, settingsFor({ url: prom.url }), W);
  expect(
    rowsOf(frame)
      .map((r) => r.region)
      .sort()
  ).toEqual(['eu-west-1', 'us-east-1']);
  const [byNode] = await run(costVsCarbonHandler, { groupBy: 'node' }, settingsFor({ url: prom.url }), W);
  const co2e = column(byNode, 'co2e', 'node');
  expect(column(frame, 'co2e', 'region')['eu-west-1']).toBeCloseTo(co2e[A] + co2e[B], 9);
  expect(column(frame, 'co2e', 'region')['us-east-1']).toBeCloseTo(co2e[C], 9);
});

test(
  'namespaces filter both sides literally; missing OpenCost is named',
  async () => {
    const [frame] = await run(
      costVsCarbonHandler,
      { groupBy: 'namespace', namespaces: ['shop', INJECTION] },
      settingsFor({ url: prom.url }),
      W
    );
    expect(rowsOf(frame).map((r) => r.namespace)).toEqual(['shop']);
    expect(rowsOf(frame)[0].costShare).toBe(1);
    expect(() => costVsCarbonHandler.parse({ queryType: 'costVsCarbon', groupBy: 'pod' })).toThrow(
      /groupBy: Invalid enum value/
    );
    const keplerOnly = await startCluster([kepler.openMetrics]);
    try {
      const err = await failure(
        run(costVsCarbonHandler, { groupBy: 'namespace' }, settingsFor({ url: keplerOnly.url }), W)
      );
      expect(err).toMatchObject({ status: 400, source: 'plugin' });
      expect(err.message).toMatch(
        /^costVsCarbon cannot run: OpenCost not found\. Exporters found .*: Kepler 0\.10 \(zones .*version v0\.10\.0\)/
      );
    } finally {
      await keplerOnly.stop();
    }
  },
  START_TIMEOUT
);

test(
  'without kube-state-metrics, CO2e covers attributed energy only, with a notice',
  async () => {
    const noKsm = await startCluster([kepler.openMetrics, opencost.openMetrics]);
    try {
      const settings = settingsFor({ url: noKsm.url });
      const [frame] = await run(costVsCarbonHandler, { groupBy: 'namespace' }, settings, W);
      const [energy] = await run(namespaceEnergyHandler, { groupBy: 'namespace', metric: 'co2e' }, settings, W);
      expectClose(column(frame, 'co2e', 'namespace'), column(energy, 'co2e', 'namespace'), relTol(1e-9));
      expect(frame.meta?.notices?.map((n) => n.text).join('\n')).toMatch(/not node idle energy/);
    } finally {
      await noKsm.stop();
    }
  },
  START_TIMEOUT
);

test(
  'namespaces OpenCost prices but no exporter measured have unknown energy and CO2e, not 0 (Kepler without its pod level)',
  async () => {
    const nodesOnly = generateKepler010(sc, { levels: { pod: false } }).openMetrics;
    const prom2 = await startCluster([nodesOnly, opencost.openMetrics]);
    try {
      const [frame] = await run(costVsCarbonHandler, { groupBy: 'namespace' }, settingsFor({ url: prom2.url }), W);
      const rows = rowsOf(frame);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.cost).toBeGreaterThan(0);
        expect([r.namespace, r.kWh, r.co2e, r.carbonShare, r.divergence]).toEqual([
          r.namespace,
          null,
          null,
          null,
          null,
        ]);
      }
    } finally {
      await prom2.stop();
    }
  },
  START_TIMEOUT
);

describe('energyBoundary', () => {
  // AWS PUE 1.14 (2025, pue.json aws-pue) on all three nodes; CO2e is IT energy × grid × PUE whichever kWh is shown.
  test('facility kWh = IT kWh × 1.14, CO2e the same; IT above the package reading (uplift and DRAM)', async () => {
    const kWh = async (energyBoundary: string) =>
      (await run(costVsCarbonHandler, { groupBy: 'namespace', energyBoundary }, settingsFor({ url: prom.url }), W))[0];
    const [it, facility, measured] = await Promise.all([kWh('it'), kWh('facility'), kWh('measured')]);
    const itKWh = column(it, 'kWh', 'namespace');
    expectClose(
      column(facility, 'kWh', 'namespace'),
      Object.fromEntries(Object.entries(itKWh).map(([k, v]) => [k, v * 1.14])),
      relTol(1e-12)
    );
    expectClose(column(facility, 'co2e', 'namespace'), column(it, 'co2e', 'namespace'), relTol(1e-12));
    for (const [ns, v] of Object.entries(column(measured, 'kWh', 'namespace'))) {
      expect(itKWh[ns]).toBeGreaterThan(v * 1.197);
    }
    expect(facility.fields.find((f) => f.name === 'kWh')?.config?.description).toMatch(/^Facility energy: IT energy/);
  });
});
