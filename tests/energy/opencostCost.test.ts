/**
 * OpenCost cost summed from raw samples (src/backend/measured/opencostCost.ts) against the
 * fixture's truth: Σ over OpenCost's scrapes in (from, to] of each pod's $/h at that scrape's
 * prices × 60 s, plus PVCs. Exact (relative 1e-9) whatever the panel's step, with constant prices
 * and with prices that change at known scrapes. The step integration it replaced agrees (1e-9)
 * at a 60 s step; at coarser steps it reads one scrape in several and is off by percents where
 * jobs are short, which the raw sum is not.
 *
 * The repriced scenario: node A's CPU price alternates at every scrape from S+H+1 min to S+H+100
 * min (100 changes), node B's RAM price and node C's GPU price change once. A range to S+H+99 min
 * holds 99 changes, cut into 100 windows (MAX_PRICE_WINDOWS): exact. To S+H+100 min, 101 windows:
 * integrated at the step, with a notice (equal to the truth at a 60 s step, as the scrapes are).
 */
import { costVsCarbonHandler } from '../../src/backend/queries/energy/costVsCarbon';
import { opencostCostByStep } from '../../src/backend/measured/clusterQueries';
import { MAX_PRICE_WINDOWS } from '../../src/backend/measured/opencostCost';
import { timing } from '../../src/backend/measured/promqlParts';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import { generateKubeStateMetrics } from '../fixtures/exporters/kubeStateMetrics';
import { generateOpenCost } from '../fixtures/exporters/opencost';
import { standardScenario } from '../fixtures/exporters/scenario';
import { queryPrometheus } from '../helpers/prometheus';
import {
  A,
  B,
  C,
  column,
  expectClose,
  H,
  opencostTruth,
  relTol,
  run,
  S,
  sc,
  settingsFor,
  useClusterPrometheus,
} from './clusterEnergyHarness';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});

const MIN = 60;

const repriced = standardScenario();
for (const node of repriced.nodes) {
  const base = node.price;
  if (node.name === A) {
    node.repriced = Array.from({ length: 100 }, (_, i) => ({
      fromS: S + H + (i + 1) * MIN,
      cpuHourly: i % 2 === 0 ? base.cpuHourly * 2 : base.cpuHourly,
    }));
  } else if (node.name === B) {
    node.repriced = [{ fromS: S + H + 17 * MIN, ramGiBHourly: base.ramGiBHourly * 3 }];
  } else if (node.name === C) {
    node.repriced = [{ fromS: S + H + 41 * MIN, gpuHourly: (base.gpuHourly ?? 0) + 0.2 }];
  }
}
const repricedCost = generateOpenCost(repriced);
// Spot-like: node A's CPU price alternates at every scrape for 102 minutes, nothing else changes.
const churning = standardScenario();
const churnA = churning.nodes.find((n) => n.name === A)!;
churnA.repriced = Array.from({ length: 102 }, (_, i) => ({
  fromS: S + H + (i + 1) * MIN,
  cpuHourly: i % 2 === 0 ? churnA.price.cpuHourly * 2 : churnA.price.cpuHourly,
}));
const churningCost = generateOpenCost(churning);
const constantCost = generateOpenCost(sc);

const repricedProm = useClusterPrometheus([
  generateKepler010(repriced).openMetrics,
  repricedCost.openMetrics,
  generateKubeStateMetrics(repriced).openMetrics,
]);
const churningProm = useClusterPrometheus([generateKepler010(churning).openMetrics, churningCost.openMetrics]);
const constantProm = useClusterPrometheus([
  generateKepler010(sc).openMetrics,
  constantCost.openMetrics,
  generateKubeStateMetrics(sc).openMetrics,
]);

const byNode = (rec: Record<string, number>) => {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(rec)) {
    const node = k.split('|')[1];
    out[node] = (out[node] ?? 0) + v;
  }
  return out;
};

async function costByNode(url: string, w: { from: number; to: number; stepS: number }) {
  const [frame] = await run(costVsCarbonHandler, { groupBy: 'node' }, settingsFor({ url }), w);
  return { cost: column(frame, 'cost', 'node'), meta: frame.meta! };
}

const windowsIn = (executed: string) => executed.split('sum by (namespace, node, job) (label_replace(').length - 1;

test('the fixture reprices what it says: A alternates, B and C change once', () => {
  expect(MAX_PRICE_WINDOWS).toBe(100);
  const a = repriced.nodes.find((n) => n.name === A)!;
  expect(a.repriced).toHaveLength(100);
  // Σ costs at the new prices differ from Σ at the old ones: the changes matter to the total.
  const w = { from: S + H, to: S + H + 99 * MIN };
  const atBase = byNode(opencostTruth(sc, constantCost, w));
  const atRepriced = byNode(opencostTruth(repriced, repricedCost, w));
  for (const node of [A, B, C]) {
    expect(Math.abs(atRepriced[node] / atBase[node] - 1)).toBeGreaterThan(0.01);
  }
});

test.each([60, 300, 900])('99 changes (100 windows), %i s step: exact per scrape', async (stepS) => {
  const w = { from: S + H, to: S + H + 99 * MIN, stepS };
  const { cost, meta } = await costByNode(repricedProm.url, w);
  expectClose(cost, byNode(opencostTruth(repriced, repricedCost, w)), relTol(1e-9));
  expect(windowsIn(meta.executedQueryString!)).toBe(100);
  expect(meta.notices ?? []).not.toContainEqual(
    expect.objectContaining({ text: expect.stringMatching(/OpenCost prices change/) })
  );
});

test('100 changes (101 windows): integrated at the step, with a notice', async () => {
  const w = { from: S + H, to: S + H + 100 * MIN, stepS: 60 };
  const { cost, meta } = await costByNode(repricedProm.url, w);
  expectClose(cost, byNode(opencostTruth(repriced, repricedCost, w)), relTol(1e-9));
  expect(windowsIn(meta.executedQueryString!)).toBe(0);
  expect(meta.executedQueryString).toContain('[1h39m59s999ms:1m]) * 60 / 3600');
  expect(meta.notices).toContainEqual(
    expect.objectContaining({
      severity: 'info',
      text: 'OpenCost prices change 100 times in this range (more than 99): cost is integrated at the 60 s step instead of per scrape.',
    })
  );
});

test('101 changes counted by one series: step integration at once, no change located one by one', async () => {
  // changes() over (from, to] sees 101 of the 102 (the first compares with the sample at from).
  const w = { from: S + H, to: S + H + 102 * MIN, stepS: 60 };
  const { cost, meta } = await costByNode(churningProm.url, w);
  expectClose(cost, byNode(opencostTruth(churning, churningCost, w)), relTol(1e-9));
  expect(meta.executedQueryString).not.toContain('timestamp(node_cpu_hourly_cost{job=');
  expect(meta.notices).toContainEqual({
    severity: 'info',
    text: 'OpenCost prices change at least 101 times in this range (more than 99): cost is integrated at the 60 s step instead of per scrape.',
  });
});

async function stepIntegrated(url: string, w: { from: number; to: number; stepS: number }) {
  const expr = opencostCostByStep(undefined, timing((w.to - w.from) * 1000, w.stepS * 1000));
  const out: Record<string, number> = {};
  for (const s of await queryPrometheus(url, expr, w.to)) {
    out[s.metric.node] = (out[s.metric.node] ?? 0) + s.value;
  }
  return out;
}

test('constant prices: one window, exact at any step; the step integration it replaced agrees at the scrape interval only', async () => {
  const at = (stepS: number) => ({ from: S + 20 * MIN, to: S + 2 * H + 50 * MIN, stepS });
  const truth = byNode(opencostTruth(sc, constantCost, at(60)));
  for (const stepS of [60, 300]) {
    const { cost, meta } = await costByNode(constantProm.url, at(stepS));
    expectClose(cost, truth, relTol(1e-9));
    expect(windowsIn(meta.executedQueryString!)).toBe(1);
  }
  // At 60 s the old subquery reads every scrape: within 0.5 % (in fact 1e-9) of the new sum.
  expectClose(await stepIntegrated(constantProm.url, at(60)), truth, relTol(1e-9));
  // At 5 minutes it reads one scrape in five: node A's short jobs make it 3.2 % low.
  const coarse = await stepIntegrated(constantProm.url, at(300));
  expect(1 - coarse[A] / truth[A]).toBeCloseTo(0.0312, 3);
});
