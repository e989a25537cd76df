/**
 * namespaceEnergy on the other exporter generations: Kepler 0.7 (with and without DCGM),
 * Scaphandre --containers, DCGM alone, and Kepler 0.10+ with restarts and lingering terminated
 * copies, each against the fixtures' truth.
 *
 * Tolerances, and why:
 * - Kepler 0.7: counters in whole mJ (0.001 J per interval and component: 0.2 J over a window),
 *   plus 1.5 intervals of a starting/stopping/restarting pod's package energy (the fixture's own
 *   bound: package plus its smaller dram/other/gpu parts), extrapolated by Prometheus.
 * - Scaphandre: no counter; the Riemann sum at the 30 s scrape step is the exact sum of the
 *   samples (integer µW hosts, f32-derived process µW): relative 1e-6 + 1 mJ.
 * - DCGM: mJ counter: 1e-3 J.
 * - Idle reallocation: node totals exact by construction (1e-6 + 0.2 J).
 */
import { namespaceEnergyHandler } from '../../src/backend/queries/energy/namespaceEnergy';
import { type PodSpec, type Scenario, Simulation, type PodTruth } from '../fixtures/exporters/cluster';
import { generateDcgm } from '../fixtures/exporters/dcgm';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import { generateKepler07, type Kepler07Component, kepler07NodeComponents } from '../fixtures/exporters/kepler07';
import { generateKubeStateMetrics } from '../fixtures/exporters/kubeStateMetrics';
import { generateOpenCost } from '../fixtures/exporters/opencost';
import { generateScaphandre } from '../fixtures/exporters/scaphandre';
import { queryPrometheus } from '../helpers/prometheus';
import {
  add,
  B,
  column,
  edgeAllowance,
  END,
  expectClose,
  FACTOR,
  H,
  MIN,
  relTol,
  rowsOf,
  run,
  S,
  sc,
  settingsFor,
  START_TIMEOUT,
  startCluster,
  useClusterPrometheus,
  W1,
  W2,
} from './clusterEnergyHarness';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});

const ksm = generateKubeStateMetrics(sc).openMetrics;
const dcgm = generateDcgm(sc);

/** Σ over intervals in (from, to] of a per-interval value computed from the snapshots. */
function integrateSim(
  sim: Simulation,
  from: number,
  to: number,
  f: (k: number) => Record<string, number>
): Record<string, number> {
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
  const prom = useClusterPrometheus([fx.openMetrics, ksm, generateOpenCost(sc).openMetrics]);
  const withDcgm = useClusterPrometheus([fx.openMetrics, ksm, dcgm.openMetrics]);

  /** Kepler 0.7's own dynamic split per namespace, over the given components. */
  const dynamic = (from: number, to: number, comps: Kepler07Component[]) => {
    const out: Record<string, number> = {};
    for (const [uid, w] of fx.podDynamicW) {
      for (const c of comps) {
        if (w[c]) {
          add(out, fx.truth.pods.get(uid)!.namespace, fx.truth.integrate(w[c]!, from, to));
        }
      }
    }
    return out;
  };
  const edges = (w: { from: number; to: number }) => {
    const out = edgeAllowance(fx.truth, (p: PodTruth) => p.zoneW.package, w.from, w.to);
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v * 1.5]));
  };
  const nodeTotals = (w: { from: number; to: number }, comps: Kepler07Component[]) =>
    integrateSim(fx.sim, w.from, w.to, (k) => {
      const out: Record<string, number> = {};
      for (const [name, ns] of fx.sim.snapshot(k).nodes) {
        const parts = kepler07NodeComponents(ns);
        out[name] = comps.reduce((a, c) => a + (parts[c]?.total ?? 0), 0);
      }
      return out;
    });

  test.each([
    ['W1', W1],
    ['W2', W2],
  ])(
    'dynamic energy per namespace (package + dram + other + gpu), no host/kernel pseudo-namespaces, %s',
    async (_, w) => {
      const [frame] = await run(
        namespaceEnergyHandler,
        { groupBy: 'namespace', metric: 'energy' },
        settingsFor({ url: prom.url }),
        w
      );
      expectClose(column(frame, 'energy', 'namespace'), dynamic(w.from, w.to, TOTAL), relTol(1e-6, 0.2, edges(w)));
      expect(frame.meta?.executedQueryString).toContain(
        'sum by (container_namespace, instance) (increase(kepler_container_joules_total{mode="dynamic",pod_name!~"system_processes|kernel_processes"}[1h]))'
      );
    }
  );

  test('nodes are named (instance → exported_instance); byRequest adds up to the node counters, both modes', async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'node', metric: 'energy', idlePower: 'byRequest' },
      settingsFor({ url: prom.url }),
      W1
    );
    const got = Object.fromEntries(
      rowsOf(frame).map((r) => [r.node as string, (r.cpu as number) + (r.idle as number)])
    );
    expectClose(got, nodeTotals(W1, TOTAL), relTol(1e-6, 0.2));
  });

  test("CO2e per namespace at each node's region", async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'co2e' },
      settingsFor({ url: prom.url }),
      W2
    );
    const joules = column(frame, 'energy', 'namespace');
    const rows = Object.fromEntries(rowsOf(frame).map((r) => [r.namespace, r]));
    expect(rows.ml.co2e).toBeCloseTo((joules.ml / 3.6e6) * FACTOR['us-east-1'], 9);
    expect(rows.shop.co2e).toBeCloseTo((joules.shop / 3.6e6) * FACTOR['eu-west-1'], 9);
  });

  test("with DCGM: GPU energy is DCGM's, Kepler's gpu component comes out of CPU and node totals", async () => {
    const settings = settingsFor({ url: withDcgm.url });
    const [frame] = await run(namespaceEnergyHandler, { groupBy: 'namespace', metric: 'energy' }, settings, W1);
    expectClose(
      column(frame, 'cpu', 'namespace'),
      dynamic(W1.from, W1.to, ['package', 'dram', 'other']),
      relTol(1e-6, 0.2, edges(W1))
    );
    expectClose(
      column(frame, 'gpu', 'namespace'),
      dcgm.truth.sumBy((p) => p.gpuW, W1.from, W1.to),
      relTol(1e-6, 1e-3)
    );
    expect(frame.meta?.notices?.map((n) => n.text).join('\n')).toMatch(/gpu component is left out/);
    const [nodes] = await run(
      namespaceEnergyHandler,
      { groupBy: 'node', metric: 'energy', idlePower: 'byRequest' },
      settings,
      W1
    );
    const got = Object.fromEntries(
      rowsOf(nodes).map((r) => [r.node as string, (r.cpu as number) + (r.idle as number)])
    );
    expectClose(got, nodeTotals(W1, ['package', 'dram', 'other']), relTol(1e-6, 0.2));
  });
});

describe('Scaphandre --containers', () => {
  const fx = generateScaphandre(sc);
  const host = fx.truth.hosts.get(B)!;
  const prom = useClusterPrometheus([fx.openMetrics, ksm]);

  const byNamespace = (from: number, to: number) => {
    const out: Record<string, number> = {};
    for (const p of host.processes.values()) {
      if (p.pod) {
        add(out, p.pod.split('/')[0], fx.truth.integrate(p.watts, from, to));
      }
    }
    return out;
  };

  test.each([
    ['W1 (a pod restarts: new PIDs)', W1],
    ['W2 (a pod starts)', W2],
  ])('energy per namespace: process power integrated in Prometheus, %s', async (_, w) => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'energy' },
      settingsFor({ url: prom.url }),
      w
    );
    expectClose(column(frame, 'energy', 'namespace'), byNamespace(w.from, w.to), relTol(1e-6, 1e-3));
    expect(frame.meta?.executedQueryString).toContain(
      'sum_over_time((sum by (kubernetes_pod_namespace, kubernetes_node_name) (scaph_process_power_consumption_microwatts{kubernetes_pod_namespace!=""}))[59m59s999ms:30s]) * 30 / 1e6'
    );
  });

  test('byRequest: pods + reallocated = host energy; a host with no pods is left with a notice', async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'node', metric: 'energy', idlePower: 'byRequest' },
      settingsFor({ url: prom.url, defaultRegion: 'eu-west-1' }),
      W1
    );
    const got = Object.fromEntries(
      rowsOf(frame).map((r) => [r.node as string, (r.cpu as number) + (r.idle as number)])
    );
    expectClose(got, { [B]: fx.truth.integrate(host.watts, W1.from, W1.to) }, relTol(1e-6, 1e-3));
    expect(frame.meta?.notices?.map((n) => n.text).join('\n')).toMatch(
      /Idle energy of 192\.168\.10\.21:8080 was not reallocated/
    );
  });

  test('power per namespace: the per-step sum of process µW, in W', async () => {
    const frames = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'power' },
      settingsFor({ url: prom.url }),
      {
        from: S + 140 * MIN,
        to: END,
        stepS: 300,
      }
    );
    for (const f of frames) {
      const ns = f.fields[1].labels!.namespace;
      (f.fields[0].values as number[]).forEach((ms, i) => {
        const k = (ms / 1000 - S) / sc.step;
        let want = 0;
        host.processes.forEach((p) => (p.pod?.startsWith(`${ns}/`) ? (want += p.watts[k]) : undefined));
        expect(Math.abs((f.fields[1].values[i] as number) - want)).toBeLessThan(want * 1e-6 + 1e-6);
      });
    }
  });

  test('CO2e: node B is in eu-west-1 (kube-state-metrics node labels)', async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'co2e' },
      settingsFor({ url: prom.url }),
      W2
    );
    const want = byNamespace(W2.from, W2.to);
    expectClose(
      column(frame, 'co2e', 'namespace'),
      Object.fromEntries(Object.entries(want).map(([ns, j]) => [ns, (j / 3.6e6) * FACTOR['eu-west-1']])),
      relTol(1e-6, 1e-9)
    );
  });
});

describe('DCGM alone', () => {
  test(
    'GPU energy only, with a notice',
    async () => {
      const prom = await startCluster([dcgm.openMetrics]);
      try {
        const [frame] = await run(
          namespaceEnergyHandler,
          { groupBy: 'pod', metric: 'energy' },
          settingsFor({ url: prom.url }),
          W1
        );
        expectClose(
          column(frame, 'gpu', 'namespace', 'pod'),
          dcgm.truth.sumBy(
            (p) => p.gpuW,
            W1.from,
            W1.to,
            (p) => `${p.namespace}/${p.name}`
          ),
          relTol(1e-6, 1e-3)
        );
        expect(frame.meta?.notices?.map((n) => n.text).join('\n')).toMatch(/GPU energy only/);
      } finally {
        await prom.stop();
      }
    },
    START_TIMEOUT
  );
});

describe('Kepler 0.10+: a pod restarted twice, terminated copies kept for 3 scrapes', () => {
  // The api pod on node B restarts at +40 and +100 min; Kepler keeps each terminated copy for 3 scrapes.
  const scenario: Scenario = {
    ...sc,
    pods: sc.pods.map((p): PodSpec =>
      p.name === 'api-7d9c6-q4m2n' ? { ...p, restartsAt: [S + 40 * MIN, S + 100 * MIN] } : p
    ),
  };
  const fx = generateKepler010(scenario, { terminatedScrapes: 3 });
  const w = { from: S + 30 * MIN, to: S + 2 * H };
  const prom = useClusterPrometheus([fx.openMetrics]);

  test('each pod counted once: running series only, restarts as counter resets', async () => {
    const key = (p: PodTruth) => `${p.namespace}/${p.name}`;
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'pod', metric: 'energy' },
      settingsFor({ url: prom.url }),
      w
    );
    const want = fx.truth.sumBy((p) => p.zoneW.package, w.from, w.to, key);
    const allowance = edgeAllowance(fx.truth, (p) => p.zoneW.package, w.from, w.to, key, scenario);
    expectClose(column(frame, 'cpu', 'namespace', 'pod'), want, relTol(1e-6, 0.01, allowance));
    // Why not both states: the terminated series holds frozen copies from two incarnations, and
    // increase() across them reads the jump between the copies as energy.
    const [naive] = await queryPrometheus(
      prom.url,
      'sum(increase(kepler_pod_cpu_joules_total{zone="package",pod_name="api-7d9c6-q4m2n"}[90m]))',
      w.to
    );
    expect(naive.value - want['shop/api-7d9c6-q4m2n']).toBeGreaterThan(0.2 * want['shop/api-7d9c6-q4m2n']);
  });
});
