/**
 * namespaceEnergy against a real Prometheus loaded with the standard scenario as Kepler 0.10+,
 * kube-state-metrics, OpenCost, cAdvisor and DCGM export it, checked against the fixtures' truth
 * (idle reallocation: namespaceEnergyIdle.test.ts; other exporters: namespaceEnergyExporters.test.ts).
 *
 * Tolerances, and why:
 * - Energy over a window (`increase()` at its end): relative 1e-6 plus 0.01 J (Kepler's µJ
 *   counters), plus one interval of a pod's largest energy in the window for each pod that
 *   starts, stops or restarts inside it: Prometheus extrapolates a series that starts or ends in
 *   the window by up to half an interval (towards zero for a counter starting near zero).
 * - Watts (`rate()` over 5 m at 5 m steps in a window where no pod starts or stops): 1e-6 + 1e-3 W.
 *   DCGM watts are the gauge's last sample (the interval's mean): 1e-6 W.
 * - CO2e: the energy tolerance × the node's factor.
 */
import { namespaceEnergyHandler } from '../../src/backend/queries/energy/namespaceEnergy';
import type { PodTruth } from '../fixtures/exporters/cluster';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import { generateKubeStateMetrics } from '../fixtures/exporters/kubeStateMetrics';
import {
  A,
  add,
  column,
  edgeAllowance,
  END,
  expectClose,
  FACTOR,
  failure,
  fullCluster,
  INJECTION,
  REGION_OF,
  relTol,
  rowsOf,
  run,
  S,
  sc,
  settingsFor,
  startCluster,
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
const byNsNode = (p: PodTruth) => `${p.namespace}|${p.node}`;

/** A pod in a namespace literally named like an injection attempt (Kepler only). */
function literalNamespace(): string {
  const lines = [];
  for (let k = 0; k <= (END - S) / sc.step; k++) {
    lines.push(
      `kepler_pod_cpu_joules_total{node_name="${A}",pod_id="lit",pod_name="lit-0",pod_namespace="\\"}) or vector(1) #",state="running",zone="package"} ${k * 3} ${S + k * sc.step}`
    );
  }
  return lines.join('\n') + '\n';
}

const full = useClusterPrometheus(fullCluster(kepler.openMetrics));
const keplerOnly = useClusterPrometheus([kepler.openMetrics, literalNamespace()]);
const settings = () => settingsFor({ url: full.url });

describe('energy per group (Kepler 0.10+, DCGM)', () => {
  test.each([
    ['W1 (a Job ends, a pod restarts)', W1],
    ['W2 (a pod starts)', W2],
  ])('per namespace: CPU from the running pod counters, GPU from DCGM, %s', async (_, w) => {
    const [frame] = await run(namespaceEnergyHandler, { groupBy: 'namespace', metric: 'energy' }, settings(), w);
    const edges = edgeAllowance(truth, pkg, w.from, w.to);
    expectClose(
      column(frame, 'cpu', 'namespace'),
      truth.podJoulesBy('package', w.from, w.to),
      relTol(1e-6, 0.01, edges)
    );
    const gpu = truth.sumBy((p) => p.gpuW, w.from, w.to);
    expect(Object.keys(gpu)).toEqual(['ml']);
    expectClose(column(frame, 'gpu', 'namespace'), gpu, relTol(1e-6, 1e-3));
    for (const r of rowsOf(frame)) {
      expect(r.energy).toBeCloseTo((r.cpu as number) + (r.gpu as number), 6);
      expect(r.kWh).toBeCloseTo((r.energy as number) / 3.6e6, 12);
    }
    expect(frame.meta?.executedQueryString).toContain(
      'sum by (pod_namespace, node_name) (increase(kepler_pod_cpu_joules_total{zone="package",state="running"}[1h]))'
    );
    expect(frame.fields.find((f) => f.name === 'energy')?.config?.unit).toBe('joule');
  });

  test('per pod: a restarted pod counted once, its terminated copy not at all', async () => {
    const [frame] = await run(namespaceEnergyHandler, { groupBy: 'pod', metric: 'energy' }, settings(), W1);
    const key = (p: PodTruth) => `${p.namespace}/${p.name}`;
    const want = truth.sumBy(pkg, W1.from, W1.to, key);
    expectClose(
      column(frame, 'cpu', 'namespace', 'pod'),
      want,
      relTol(1e-6, 0.01, edgeAllowance(truth, pkg, W1.from, W1.to, key))
    );
    // The terminated series would add the frozen counter (tens of kJ) if it were summed.
    expect(column(frame, 'cpu', 'namespace', 'pod')['shop/api-7d9c6-q4m2n']).toBeLessThan(
      want['shop/api-7d9c6-q4m2n'] * 1.02
    );
  });

  test('per workload: the owner chain (ReplicaSet → Deployment, Job → CronJob)', async () => {
    const [frame] = await run(namespaceEnergyHandler, { groupBy: 'workload', metric: 'energy' }, settings(), W1);
    const owner = new Map(sc.pods.map((p) => [p.uid, p.owner!.parent ?? p.owner!]));
    const uidOf = new Map([...truth.pods].map(([uid, p]) => [p, uid]));
    const key = (p: PodTruth) => `${p.namespace}/${owner.get(uidOf.get(p)!)!.kind}/${owner.get(uidOf.get(p)!)!.name}`;
    const got = column(frame, 'cpu', 'namespace', 'kind', 'workload');
    expectClose(
      got,
      truth.sumBy(pkg, W1.from, W1.to, key),
      relTol(1e-6, 0.01, edgeAllowance(truth, pkg, W1.from, W1.to, key))
    );
    expect(Object.keys(got)).toEqual(
      expect.arrayContaining(['shop/Deployment/api', 'jobs/CronJob/report', 'monitoring/DaemonSet/node-exporter'])
    );
  });

  test('per workload without kube-state-metrics: pod-name rule, with a notice', async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'workload', metric: 'energy' },
      settingsFor({ url: keplerOnly.url }),
      W1
    );
    expect(Object.keys(column(frame, 'cpu', 'namespace', 'kind', 'workload')).sort()).toEqual(
      [
        '"}) or vector(1) #/StatefulSet/lit',
        'jobs/CronJob/report',
        'ml/Deployment/notebook',
        'ml/StatefulSet/train',
        'monitoring/DaemonSet/Job/node-exporter',
        'monitoring/StatefulSet/prometheus',
        'shop/Deployment/api',
        'shop/Deployment/web',
        'shop/StatefulSet/db',
      ].sort()
    );
    expect(frame.meta?.notices?.map((n) => n.text).join('\n')).toMatch(/inferred from pod names/);
  });

  test('per node: the pods on each node', async () => {
    const [frame] = await run(namespaceEnergyHandler, { groupBy: 'node', metric: 'energy' }, settings(), W1);
    const want = truth.podJoulesBy('package', W1.from, W1.to, (p) => p.node);
    expectClose(
      column(frame, 'cpu', 'node'),
      want,
      relTol(
        1e-6,
        0.01,
        edgeAllowance(truth, pkg, W1.from, W1.to, (p) => p.node)
      )
    );
  });
});

describe('power over time', () => {
  test('per namespace: rate of the pod counters over the step, plus DCGM watts', async () => {
    const w = { ...W3, stepS: 300 };
    const frames = await run(namespaceEnergyHandler, { groupBy: 'namespace', metric: 'power' }, settings(), w);
    expect(frames.map((f) => f.meta?.type)).toEqual(frames.map(() => 'timeseries-multi'));
    const ml = sc.pods.find((p) => p.name === 'train-0')!;
    for (const f of frames) {
      const ns = f.fields[1].labels!.namespace;
      expect(f.fields[1].config?.unit).toBe('watt');
      const times = f.fields[0].values as number[];
      expect(times[0]).toBe(Math.ceil(W3.from / 300) * 300 * 1000);
      (f.fields[1].values as number[]).forEach((v, i) => {
        const t = times[i] / 1000;
        const cpu = truth.sumBy(pkg, t - 300, t)[ns] / 300;
        const gpu = ns === 'ml' ? truth.pods.get(ml.uid)!.gpuW[(t - S) / sc.step] : 0;
        expect(Math.abs(v - (cpu + gpu))).toBeLessThan((cpu + gpu) * 1e-6 + 1e-3);
      });
    }
  });
});

describe('CO2e', () => {
  const expected = (w: { from: number; to: number }, gpu = true) => {
    const joules = truth.sumBy(
      (p) => p.zoneW.package!.map((x, k) => x + (gpu ? p.gpuW[k] : 0)),
      w.from,
      w.to,
      byNsNode
    );
    const grams: Record<string, number> = {};
    for (const [key, j] of Object.entries(joules)) {
      const [ns, node] = key.split('|');
      add(grams, ns, (j / 3.6e6) * FACTOR[REGION_OF[node]]);
    }
    return grams;
  };
  const tolerance = (w: { from: number; to: number }) => {
    const edges = edgeAllowance(truth, pkg, w.from, w.to, byNsNode);
    const out: Record<string, number> = {};
    for (const [key, j] of Object.entries(edges)) {
      const [ns, node] = key.split('|');
      add(out, ns, (j / 3.6e6) * FACTOR[REGION_OF[node]]);
    }
    return out;
  };

  test("each node's energy at its own region's factor (two regions), regions from OpenCost", async () => {
    const [frame] = await run(namespaceEnergyHandler, { groupBy: 'namespace', metric: 'co2e' }, settings(), W1);
    expectClose(column(frame, 'co2e', 'namespace'), expected(W1), relTol(1e-6, 1e-6, tolerance(W1)));
    const rows = Object.fromEntries(rowsOf(frame).map((r) => [r.namespace, r]));
    expect(rows.ml.region).toBe('us-east-1');
    expect(rows.ml.gridFactor).toBeCloseTo(418 * 1.14, 6); // PJM 2025 × AWS PUE 2025
    expect(rows.shop.gridFactor).toBeCloseTo(301 * 1.14, 6); // IE 2025 × AWS PUE 2025
    // node-exporter runs on all three nodes: both regions, an energy-weighted factor in between.
    expect(rows.monitoring.region).toBe('eu-west-1, us-east-1');
    expect(frame.fields.find((f) => f.name === 'co2e')?.config?.unit).toBe('massg');
  });

  test('regions from kube-state-metrics node labels without OpenCost; the default region otherwise', async () => {
    const ksm = await startCluster([kepler.openMetrics, generateKubeStateMetrics(sc).openMetrics]);
    try {
      const [frame] = await run(
        namespaceEnergyHandler,
        { groupBy: 'namespace', metric: 'co2e' },
        settingsFor({ url: ksm.url }),
        W1
      );
      expectClose(column(frame, 'co2e', 'namespace'), expected(W1, false), relTol(1e-6, 1e-6, tolerance(W1)));
    } finally {
      await ksm.stop();
    }
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'node', metric: 'co2e' },
      settingsFor({ url: keplerOnly.url, defaultRegion: 'eu-west-1' }),
      W1
    );
    const joules = column(frame, 'energy', 'node');
    for (const r of rowsOf(frame)) {
      expect(r.co2e).toBeCloseTo((joules[r.node as string] / 3.6e6) * FACTOR['eu-west-1'], 9);
    }
    expect(frame.meta?.notices?.map((n) => n.text).join('\n')).toMatch(/the default region eu-west-1 is used/);
    const err = await failure(
      run(namespaceEnergyHandler, { groupBy: 'node', metric: 'co2e' }, settingsFor({ url: keplerOnly.url }), W1)
    );
    expect(err).toMatchObject({ status: 400, source: 'plugin' });
    expect(err.message).toMatch(/No node has a known region.*default region/);
  });
});

describe('namespaces from template variables are literal names', () => {
  test('an injection attempt matches nothing, or only the namespace literally named so', async () => {
    const [none] = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'energy', namespaces: [INJECTION] },
      settings(),
      W1
    );
    expect(rowsOf(none)).toEqual([]);
    const [mixed] = await run(
      namespaceEnergyHandler,
      { groupBy: 'pod', metric: 'energy', namespaces: ['shop', INJECTION] },
      settings(),
      W1
    );
    expect(new Set(rowsOf(mixed).map((r) => r.namespace))).toEqual(new Set(['shop']));
    const power = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'power', namespaces: [INJECTION] },
      settings(),
      W1
    );
    expect(power).toHaveLength(1);
    expect(power[0].fields).toEqual([]);
    // Where a namespace really has that name, it alone comes back.
    const [literal] = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'energy', namespaces: [INJECTION] },
      settingsFor({ url: keplerOnly.url }),
      W1
    );
    expect(column(literal, 'cpu', 'namespace')).toEqual({ [INJECTION]: expect.closeTo(3 * 120, 6) });
  });

  test('a filter does not change the shares: idle energy of a namespace is the same filtered or not', async () => {
    const q = { groupBy: 'namespace', metric: 'energy', idlePower: 'byRequest' };
    const [all] = await run(namespaceEnergyHandler, q, settings(), W1);
    const [one] = await run(namespaceEnergyHandler, { ...q, namespaces: ['ml'] }, settings(), W1);
    expect(rowsOf(one)).toHaveLength(1);
    expect(column(one, 'idle', 'namespace').ml).toBeCloseTo(column(all, 'idle', 'namespace').ml, 6);
  });
});

describe('bad input', () => {
  test('unknown groupBy, unknown zone, idle mode without its exporter, empty namespace: 400 naming the field', async () => {
    expect(() =>
      namespaceEnergyHandler.parse({ queryType: 'namespaceEnergy', groupBy: 'cluster', metric: 'energy' })
    ).toThrow(/groupBy: Invalid enum value.*'namespace' \| 'pod' \| 'workload' \| 'node'/);
    expect(() =>
      namespaceEnergyHandler.parse({ queryType: 'namespaceEnergy', groupBy: 'pod', metric: 'energy', namespaces: [''] })
    ).toThrow(/namespaces.0: namespace names cannot be empty/);
    const zone = await failure(
      run(namespaceEnergyHandler, { groupBy: 'pod', metric: 'energy', zone: 'gpu' }, settings(), W1)
    );
    expect(zone).toMatchObject({ status: 400, source: 'plugin' });
    expect(zone.message).toMatch(/^zone: .*"gpu".*zones found: core, dram, package, psys, uncore/);
    const idle = await failure(
      run(
        namespaceEnergyHandler,
        { groupBy: 'pod', metric: 'energy', idlePower: 'byUsage' },
        settingsFor({ url: keplerOnly.url }),
        W1
      )
    );
    expect(idle).toMatchObject({ status: 400, source: 'plugin' });
    expect(idle.message).toMatch(
      /idlePower "byUsage" needs cAdvisor .*Exporters found .*Kepler 0\.10 \(.*version v0\.10\.0\)/
    );
  });

  test('another zone is read alone (dram)', async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'energy', zone: 'dram' },
      settings(),
      W3
    );
    expectClose(column(frame, 'cpu', 'namespace'), truth.podJoulesBy('dram', W3.from, W3.to), relTol(1e-6, 0.01));
  });
});
