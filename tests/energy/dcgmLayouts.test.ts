/**
 * DCGM GPU energy on every label layout dcgm-exporter and its scrape produce (the fixture's
 * variants, tests/fixtures/exporters/dcgm.ts), read with the backend's PromQL in a real Prometheus
 * and checked against the generator's truth: the workload's energy is its pod's GPU watts, the
 * rest of the GPU's energy is the node's GPU idle, never a workload's (the exporter's own pod
 * included), and each series is counted once when a Prometheus holds two layouts (an upgrade).
 *
 * The GPU's only pod (train-0) stops at +150 min. Tolerances, and why:
 * - A window where no series starts or stops: the mJ counter, 2e-3 J.
 * - A window where the GPU's series changes (pod released, exporter upgraded): increase()
 *   extrapolates each series by up to half an interval at its ends, so 1.5 intervals at the
 *   GPU's maximum power (the fixture's bound, as for Kepler 0.7's restarts).
 */
import { dcgmSource } from '../../src/backend/measured/exporterQueries';
import { timing } from '../../src/backend/measured/promqlParts';
import { namespaceEnergyHandler } from '../../src/backend/queries/energy/namespaceEnergy';
import type { PodLabelPrefix } from '../../src/backend/sources/prometheus/exporters/dcgm';
import { type DcgmOptions, DCGM_NAMESPACE, generateDcgm, gpuReleasedAt } from '../fixtures/exporters/dcgm';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import { generateKubeStateMetrics } from '../fixtures/exporters/kubeStateMetrics';
import { joinOpenMetrics, queryPrometheus } from '../helpers/prometheus';
import { seriesOf } from './energyTestKit';
import {
  C,
  column,
  END,
  expectClose,
  MIN,
  relTol,
  run,
  S,
  sc,
  settingsFor,
  START_TIMEOUT,
  startCluster,
} from './clusterEnergyHarness';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});

const RELEASE = S + 150 * MIN;
const released = gpuReleasedAt(sc, RELEASE);
const gpuSpec = released.nodes.find((n) => n.name === C)!.gpus![0];
const SERIES_CHANGE_TOL = 1.5 * sc.step * gpuSpec.maxW;
const COUNTER_TOL = 2e-3;

interface Window {
  from: number;
  to: number;
  tol: number;
}
const HELD: Window = { from: S + 60 * MIN, to: S + 120 * MIN, tol: COUNTER_TOL };
const FREE: Window = { from: S + 160 * MIN, to: END, tol: COUNTER_TOL };
const ACROSS: Window = { from: S + 120 * MIN, to: END, tol: SERIES_CHANGE_TOL };

const truth = generateDcgm(released).truth;
const trainUid = released.pods.find((p) => p.name === 'train-0')!.uid;

/** Truth: train-0's GPU joules, and the rest of the GPU's (idle, no pod's). */
function expected(w: Window): { workload: number; idle: number } {
  const workload = truth.integrate(truth.pods.get(trainUid)!.gpuW, w.from, w.to);
  return { workload, idle: truth.integrate(truth.nodes.get(C)!.gpuW[0], w.from, w.to) - workload };
}

/** Samples of an OpenMetrics document with timestamps in [fromS, toS) (metadata lines kept). */
function samplesBetween(doc: string, fromS: number, toS: number): string {
  return doc
    .split('\n')
    .filter((line) => {
      if (line === '' || line.startsWith('#')) {
        return line !== '# EOF';
      }
      const ts = Number(line.slice(line.lastIndexOf(' ') + 1));
      return ts >= fromS && ts < toS;
    })
    .join('\n');
}

async function joules(
  url: string,
  expr: string,
  at: number,
  keyOf: (m: Record<string, string>) => string
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of await queryPrometheus(url, expr, at)) {
    const key = keyOf(s.metric);
    out[key] = (out[key] ?? 0) + s.value;
  }
  return out;
}

const CHART_FALSE: DcgmOptions = { serviceMonitor: { honorLabels: false } };
const layouts: Array<{ name: string; docs: () => string[]; prefixes: PodLabelPrefix[] }> = [
  {
    name: "the chart's ServiceMonitor (honorLabels false)",
    docs: () => [generateDcgm(released, CHART_FALSE).openMetrics],
    prefixes: ['exported_', ''],
  },
  {
    name: 'the ServiceMonitor with honorLabels true',
    docs: () => [generateDcgm(released, { serviceMonitor: { honorLabels: true } }).openMetrics],
    prefixes: [''],
  },
  {
    name: '--use-old-namespace through the chart ServiceMonitor',
    docs: () => [generateDcgm(released, { ...CHART_FALSE, oldNamespace: true }).openMetrics],
    prefixes: [''],
  },
  {
    name: 'main (hostname), static scrape',
    docs: () => [generateDcgm(released, { hostnameLabel: 'hostname' }).openMetrics],
    prefixes: [''],
  },
  {
    name: '3.3.5-3.4.0 (empty pod labels), static scrape',
    docs: () => [generateDcgm(released, { emptyPodLabels: true }).openMetrics],
    prefixes: [''],
  },
  {
    // Upgraded at +90 min (inside HELD) from 4.5.3-4.8.2 to main, switching to --use-old-namespace.
    name: 'an upgrade inside the window: Hostname/pod/exported_pod before, hostname/pod_name after',
    docs: () => {
      const cut = S + 90 * MIN;
      const before = generateDcgm(released, CHART_FALSE).openMetrics;
      const after = generateDcgm(released, {
        ...CHART_FALSE,
        hostnameLabel: 'hostname',
        oldNamespace: true,
      }).openMetrics;
      return [joinOpenMetrics([samplesBetween(before, S, cut), samplesBetween(after, cut, END + 1)])];
    },
    prefixes: ['exported_'],
  },
];

describe.each(layouts)('DCGM: $name', ({ name, docs, prefixes }) => {
  const upgrade = name.startsWith('an upgrade');
  test.each(prefixes)(
    'workload energy is its pod GPU joules, the rest the node GPU idle (pod labels read as "%s")',
    async (prefix) => {
      const prom = await startCluster(docs());
      try {
        for (const w0 of [HELD, FREE, ACROSS]) {
          const w = upgrade && w0 === HELD ? { ...w0, tol: SERIES_CHANGE_TOL } : w0;
          const t = timing((w.to - w.from) * 1000, sc.step * 1000);
          const source = dcgmSource(prefix, true);
          const want = expected(w);
          const pods = await joules(
            prom.url,
            source.energy('pod', undefined, t),
            w.to,
            (m) => `${m[`${prefix}namespace`]}/${m[`${prefix}pod`]}/${m.Hostname}`
          );
          const podKey = `ml/train-0/${C}`;
          expect(Object.keys(pods)).toEqual(want.workload > 0 ? [podKey] : []);
          expect(Math.abs((pods[podKey] ?? 0) - want.workload)).toBeLessThanOrEqual(w.tol);
          const idle = await joules(prom.url, source.idleEnergy(t), w.to, (m) => m.Hostname);
          expect(Object.keys(idle)).toEqual([C]);
          expect(Math.abs(idle[C] - want.idle)).toBeLessThanOrEqual(w.tol);
        }
      } finally {
        await prom.stop();
      }
    },
    START_TIMEOUT
  );
});

describe("namespaceEnergy on the chart's ServiceMonitor (honorLabels false)", () => {
  test(
    "no pod holds the GPU: no row, not the exporter's pod; while held, the pod's GPU joules",
    async () => {
      const prom = await startCluster([generateDcgm(released, CHART_FALSE).openMetrics]);
      try {
        const settings = settingsFor({ url: prom.url });
        const [free] = await run(namespaceEnergyHandler, { groupBy: 'pod', metric: 'energy' }, settings, FREE);
        expect(
          Object.keys(column(free, 'gpu', 'namespace', 'pod')).filter((k) => k.startsWith(DCGM_NAMESPACE))
        ).toEqual([]);
        expect(column(free, 'gpu', 'namespace', 'pod')).toEqual({});
        const [held] = await run(namespaceEnergyHandler, { groupBy: 'pod', metric: 'energy' }, settings, HELD);
        const got = column(held, 'gpu', 'namespace', 'pod');
        expect(Object.keys(got)).toEqual(['ml/train-0']);
        expect(Math.abs(got['ml/train-0'] - expected(HELD).workload)).toBeLessThanOrEqual(COUNTER_TOL);
      } finally {
        await prom.stop();
      }
    },
    START_TIMEOUT
  );
});

describe("per node with idle energy: the node's GPU idle is in its idle column", () => {
  test(
    'Kepler 0.10+, kube-state-metrics and DCGM (chart ServiceMonitor): cpu + idle = node counter + GPU joules no pod held',
    async () => {
      const kepler = generateKepler010(released);
      const prom = await startCluster([
        kepler.openMetrics,
        generateKubeStateMetrics(released).openMetrics,
        generateDcgm(released, CHART_FALSE).openMetrics,
      ]);
      try {
        const settings = settingsFor({ url: prom.url });
        for (const w of [FREE, HELD]) {
          const [frame] = await run(
            namespaceEnergyHandler,
            { groupBy: 'node', metric: 'energy', idlePower: 'byRequest' },
            settings,
            w
          );
          // Pods' CPU plus reallocated idle add up to the node's package counter (exact, 1e-6 + 0.2 J);
          // the GPU node's idle also holds the GPU energy no pod held.
          const cpu = column(frame, 'cpu', 'node');
          const idle = column(frame, 'idle', 'node');
          const got = Object.fromEntries(Object.keys(cpu).map((n) => [n, cpu[n] + idle[n]]));
          const want = Object.fromEntries(
            [...kepler.truth.nodes.keys()].map((n) => [
              n,
              kepler.truth.nodeJoules(n, 'package', w.from, w.to) + (n === C ? expected(w).idle : 0),
            ])
          );
          expectClose(got, want, relTol(1e-6, 0.2 + COUNTER_TOL));
          expectClose(column(frame, 'gpu', 'node'), { [C]: expected(w).workload }, relTol(1e-6, COUNTER_TOL));

          // By namespace the GPU idle is no row's: a notice gives its kWh (3 figures) and node.
          const [byNs] = await run(
            namespaceEnergyHandler,
            { groupBy: 'namespace', metric: 'energy', idlePower: 'byRequest' },
            settings,
            w
          );
          const notices = byNs.meta?.notices?.map((n) => n.text) ?? [];
          if (w === FREE) {
            const kWh = (expected(w).idle / 3.6e6).toPrecision(3);
            expect(notices).toContain(
              `${kWh} kWh of GPU energy on ${C} was held by no pod: it is each node's GPU idle energy, in no namespace or pod row here (group by node, with idle energy, to see it).`
            );
          } else {
            // Held throughout: no GPU energy is left to anyone.
            expect(notices.filter((n) => n.includes('GPU energy'))).toEqual([]);
          }
        }

        // Power by node after the release: node C's series is Kepler's node power (the package
        // counter's rate over the 300 s step) plus the GPU's watts, which no pod holds.
        const frames = await run(
          namespaceEnergyHandler,
          { groupBy: 'node', metric: 'power', idlePower: 'byRequest' },
          settings,
          { ...FREE, stepS: 300 }
        );
        const c = frames.map(seriesOf).find((x) => x.labels.node === C)!;
        expect(c.times.length).toBeGreaterThan(0);
        c.times.forEach((ms, i) => {
          const t = ms / 1000;
          const want =
            kepler.truth.nodeJoules(C, 'package', t - 300, t) / 300 + truth.nodes.get(C)!.gpuW[0][(t - S) / sc.step];
          expect(Math.abs((c.values[i] as number) - want)).toBeLessThan(want * 1e-6 + 1e-3);
        });
      } finally {
        await prom.stop();
      }
    },
    START_TIMEOUT
  );
});
