/**
 * Whole-server (IT) energy from Kepler 0.7 and Scaphandre --containers, against the fixtures' truth:
 * - Kepler 0.7's container and node totals are package + dram + other (+ gpu), `other` being
 *   platform − package − dram on a node with a platform meter (node C): that node is read as psys
 *   (× 1.064), A and B, whose dram counters move, as package + DRAM (× 1.197);
 * - Scaphandre's host power is package + DRAM on node B (no psys: value_source powercap_rapl_pkg),
 *   so its processes' power counts × 1.197.
 * Uplifts: src/engine/data/measured-server-uplift.json (derivation tested in
 * src/engine/serverEnergy.test.ts). Tolerances as namespaceEnergyExporters.test.ts, × the uplift.
 */
import { namespaceEnergyHandler } from '../../src/backend/queries/energy/namespaceEnergy';
import { Simulation } from '../fixtures/exporters/cluster';
import { generateKepler07, type Kepler07Component, kepler07NodeComponents } from '../fixtures/exporters/kepler07';
import { generateKubeStateMetrics } from '../fixtures/exporters/kubeStateMetrics';
import { generateScaphandre } from '../fixtures/exporters/scaphandre';
import {
  A,
  add,
  B,
  C,
  column,
  expectClose,
  relTol,
  rowsOf,
  run,
  S,
  sc,
  settingsFor,
  useClusterPrometheus,
  W1,
  W2,
} from './clusterEnergyHarness';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});

const UPLIFT = { packageDram: 1.197, platform: 1.064 };
const ksm = generateKubeStateMetrics(sc).openMetrics;

function integrateSim(sim: Simulation, from: number, to: number, f: (k: number) => Record<string, number>) {
  const out: Record<string, number> = {};
  for (let k = (from - S) / sc.step + 1; k <= (to - S) / sc.step; k++) {
    for (const [key, w] of Object.entries(f(k))) {
      add(out, key, w * sc.step);
    }
  }
  return out;
}

describe('Kepler 0.7', () => {
  const fx = generateKepler07(sc);
  const TOTAL: Kepler07Component[] = ['package', 'dram', 'other', 'gpu'];
  const prom = useClusterPrometheus([fx.openMetrics, ksm]);

  test('node totals with idle: platform nodes × 1.064, package + DRAM nodes × 1.197', async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'node', metric: 'energy', idlePower: 'byRequest', energyBoundary: 'it' },
      settingsFor({ url: prom.url }),
      W1
    );
    const measured = integrateSim(fx.sim, W1.from, W1.to, (k) => {
      const out: Record<string, number> = {};
      for (const [name, ns] of fx.sim.snapshot(k).nodes) {
        const parts = kepler07NodeComponents(ns);
        out[name] = TOTAL.reduce((a, c) => a + (parts[c]?.total ?? 0), 0);
      }
      return out;
    });
    const uplift: Record<string, number> = { [A]: UPLIFT.packageDram, [B]: UPLIFT.packageDram, [C]: UPLIFT.platform };
    const want = Object.fromEntries(Object.entries(measured).map(([n, j]) => [n, j * uplift[n]]));
    const got = Object.fromEntries(
      rowsOf(frame).map((r) => [r.node as string, (r.cpu as number) + (r.idle as number)])
    );
    expectClose(got, want, relTol(1e-6, 0.3));
    const notices = (frame.meta?.notices ?? []).map((n) => n.text).join('\n');
    expect(notices).toContain(`RAPL psys (platform) × 1.064 (1.042–1.136) on ${C}`);
  });
});

describe('Scaphandre --containers', () => {
  const fx = generateScaphandre(sc);
  const host = fx.truth.hosts.get(B)!;
  const prom = useClusterPrometheus([fx.openMetrics, ksm]);

  test.each([
    ['W1', W1],
    ['W2', W2],
  ])('process energy per namespace × 1.197 (host read as package + DRAM), %s', async (_, w) => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'energy', energyBoundary: 'it' },
      settingsFor({ url: prom.url }),
      w
    );
    const want: Record<string, number> = {};
    for (const p of host.processes.values()) {
      if (p.pod) {
        add(want, p.pod.split('/')[0], fx.truth.integrate(p.watts, w.from, w.to) * UPLIFT.packageDram);
      }
    }
    expectClose(column(frame, 'energy', 'namespace'), want, relTol(1e-6, 2e-3));
  });
});
