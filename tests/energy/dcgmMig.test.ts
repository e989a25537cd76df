/**
 * DCGM with the GPU split into MIG instances (tests/fixtures/exporters/dcgm.ts `mig`): one series
 * per instance, each carrying the whole GPU's power and energy (device fields, dcgm-exporter
 * #317), the instance profile in GPU_I_PROFILE and its id in GPU_I_ID, the holder's pod labels
 * while it runs. Instances: 3g.40gb held by train-0, 2g.20gb by the notebook, 1g.10gb by no pod.
 *
 * Truth, by hand from the generator's GPU watts: the GPU's joules over the window counted once,
 * split by compute slices over the instances' 3 + 2 + 1 = 6: train-0 3/6, the notebook 2/6, and
 * the unheld 1/6 is the node's GPU idle. Summing the series as they are would count the GPU three
 * times. Tolerance: the mJ counter, 2e-3 J per series (three series).
 */
import { dcgmSource } from '../../src/backend/measured/exporterQueries';
import { timing } from '../../src/backend/measured/promqlParts';
import { namespaceEnergyHandler } from '../../src/backend/queries/energy/namespaceEnergy';
import { type DcgmOptions, generateDcgm, type MigInstance } from '../fixtures/exporters/dcgm';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import { queryPrometheus } from '../helpers/prometheus';
import { C, column, MIN, run, S, sc, settingsFor, START_TIMEOUT, startCluster } from './clusterEnergyHarness';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});

const NOTEBOOK = 'notebook-6c5d4-k8p2w';
const MIG: MigInstance[] = [
  { profile: '3g.40gb', id: 2, holder: 'train-0' },
  { profile: '2g.20gb', id: 3, holder: NOTEBOOK },
  { profile: '1g.10gb', id: 9 },
];
const W = { from: S + 60 * MIN, to: S + 120 * MIN };
const TOL = 3 * 2e-3;

const truth = generateDcgm(sc).truth;
const gpuJoules = truth.integrate(truth.nodes.get(C)!.gpuW[0], W.from, W.to);
const want = { 'ml/train-0': gpuJoules / 2, [`ml/${NOTEBOOK}`]: gpuJoules / 3 };

async function sumBy(url: string, expr: string, at: number, keyOf: (m: Record<string, string>) => string) {
  const out: Record<string, number> = {};
  for (const s of await queryPrometheus(url, expr, at)) {
    out[keyOf(s.metric)] = (out[keyOf(s.metric)] ?? 0) + s.value;
  }
  return out;
}

describe.each([
  { name: 'static scrape', opts: { mig: MIG } as DcgmOptions, prefix: '' as const },
  {
    name: "the chart's ServiceMonitor (honorLabels false)",
    opts: { mig: MIG, serviceMonitor: { honorLabels: false } } as DcgmOptions,
    prefix: 'exported_' as const,
  },
])('MIG, $name', ({ opts, prefix }) => {
  test(
    'each instance gets its compute slices of the GPU, counted once; the unheld instance is the node idle',
    async () => {
      const doc = generateDcgm(sc, opts).openMetrics;
      expect(doc).toContain('GPU_I_PROFILE="3g.40gb",GPU_I_ID="2",Hostname=');
      const prom = await startCluster([doc]);
      try {
        const t = timing((W.to - W.from) * 1000, sc.step * 1000);
        const source = dcgmSource(prefix, true, true);
        const pods = await sumBy(
          prom.url,
          source.energy('pod', undefined, t),
          W.to,
          (m) => `${m[`${prefix}namespace`]}/${m[`${prefix}pod`]}`
        );
        expect(Object.keys(pods).sort()).toEqual(Object.keys(want).sort());
        for (const [pod, joules] of Object.entries(want)) {
          expect(Math.abs(pods[pod] - joules)).toBeLessThanOrEqual(TOL);
        }
        const idle = await sumBy(prom.url, source.idleEnergy(t), W.to, (m) => m.Hostname);
        expect(Math.abs(idle[C] - gpuJoules / 6)).toBeLessThanOrEqual(TOL);

        // Power at one scrape: the GPU's watts (printed with 6 decimals) × 3/6.
        const at = S + 90 * MIN;
        const k = (at - sc.start) / sc.step;
        const watts = await sumBy(prom.url, source.power('pod', undefined, t), at, (m) => m[`${prefix}pod`]);
        expect(watts['train-0']).toBeCloseTo(truth.nodes.get(C)!.gpuW[0][k] / 2, 5);

        // Read without the shares, each instance is the whole GPU: three GPUs, two of them held.
        const naive = await sumBy(prom.url, dcgmSource(prefix, true, false).idleEnergy(t), W.to, (m) => m.Hostname);
        expect(Math.abs(naive[C] - gpuJoules)).toBeLessThanOrEqual(TOL);
      } finally {
        await prom.stop();
      }
    },
    START_TIMEOUT
  );
});

test(
  'namespaceEnergy finds MIG in discovery and books each pod its share, the node the unheld rest',
  async () => {
    const prom = await startCluster([generateKepler010(sc).openMetrics, generateDcgm(sc, { mig: MIG }).openMetrics]);
    try {
      const settings = settingsFor({ url: prom.url });
      const [byPod] = await run(namespaceEnergyHandler, { groupBy: 'pod', metric: 'energy' }, settings, W);
      const gpu = column(byPod, 'gpu', 'namespace', 'pod');
      for (const [pod, joules] of Object.entries(want)) {
        expect(Math.abs(gpu[pod] - joules)).toBeLessThanOrEqual(TOL);
      }
      const [byNode] = await run(namespaceEnergyHandler, { groupBy: 'node', metric: 'energy' }, settings, W);
      const nodeGpu = column(byNode, 'gpu', 'node');
      expect(Math.abs(nodeGpu[C] - (want['ml/train-0'] + want[`ml/${NOTEBOOK}`]))).toBeLessThanOrEqual(TOL);
    } finally {
      await prom.stop();
    }
  },
  START_TIMEOUT
);
