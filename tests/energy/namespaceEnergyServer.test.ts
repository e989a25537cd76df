/**
 * namespaceEnergy's energy boundaries against a real Prometheus loaded with the standard scenario
 * as Kepler 0.10+ exports it (every zone: package, core, uncore, dram; node C also psys), checked
 * against the generator's per-zone truth:
 * - IT (default): per node psys where it exists, else package + dram, else package, × the uplift of
 *   src/engine/data/measured-server-uplift.json (values written out below; their derivation from
 *   Teads and the 80 PLUS levels is tested in src/engine/serverEnergy.test.ts); GPU (DCGM) as is;
 * - facility: IT × AWS PUE 1.14 (2025, pue.json aws-pue) for the eu-west-1 and us-east-1 nodes;
 * - measured: the package zone as read (methodology v1).
 * Tolerances as in namespaceEnergy.test.ts: relative 1e-6 plus 0.01 J per zone read, plus one
 * interval of a pod's largest energy for each pod that starts, stops or restarts in the window.
 */
import { namespaceEnergyHandler } from '../../src/backend/queries/energy/namespaceEnergy';
import type { PodTruth } from '../fixtures/exporters/cluster';
import { ClusterTruth } from '../fixtures/exporters/clusterTruth';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import {
  A,
  B,
  C,
  column,
  edgeAllowance,
  expectClose,
  fullCluster,
  relTol,
  rowsOf,
  run,
  sc,
  settingsFor,
  useClusterPrometheus,
  W1,
  W2,
} from './clusterEnergyHarness';
import type { Frame } from '../../src/backend/frames/frame';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});

/** measured-server-uplift.json: package + DRAM (Teads median), psys (1 / 94 %), package only (Teads median). */
const UPLIFT = { packageDram: 1.197, platform: 1.064, packageOnly: 2.426 };
/** AWS PUE (CCF 2024 snapshot, src/engine/data/pue.json). */
const AWS_PUE = 1.14;

const kepler = generateKepler010(sc);
const truth = kepler.truth;
const full = useClusterPrometheus(fullCluster(kepler.openMetrics));
const settings = () => settingsFor({ url: full.url });
/** The same cluster on VMs without DRAM zones (Kepler prints package, core and uncore only). */
const noDram = generateKepler010(sc, { zones: ['package', 'core', 'uncore'] });
const noDramProm = useClusterPrometheus([noDram.openMetrics]);

/** A pod's IT watts per interval: its zones of its node's reading × that reading's uplift. */
function itW(p: PodTruth): Float64Array {
  const zones = truth.serverZones(p.node);
  const uplift = zones[0] === 'psys' ? UPLIFT.platform : UPLIFT.packageDram;
  return ClusterTruth.zonesW(p.zoneW, zones).map((w) => w * uplift);
}
const pkg = (p: PodTruth) => p.zoneW.package;
const gpuJ = (w: { from: number; to: number }) => truth.sumBy((p) => p.gpuW, w.from, w.to);

function plus(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = (out[k] ?? 0) + v;
  }
  return out;
}

function description(frame: Frame, name: string): string {
  return frame.fields.find((f) => f.name === name)?.config?.description ?? '';
}

describe('whole-server (IT) energy from Kepler 0.10+ zones', () => {
  test('the readings: psys on C, package + DRAM on A and B (the generator models them so)', () => {
    expect([A, B, C].map((n) => truth.serverZones(n))).toEqual([['package', 'dram'], ['package', 'dram'], ['psys']]);
  });

  test.each([
    ['W1', W1],
    ['W2', W2],
  ])('per namespace (%s): package + DRAM × 1.197 on A and B, psys × 1.064 on C, DCGM as is', async (_, w) => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'energy', energyBoundary: 'it' },
      settings(),
      w
    );
    const edges = edgeAllowance(truth, itW, w.from, w.to);
    expectClose(column(frame, 'cpu', 'namespace'), truth.sumBy(itW, w.from, w.to), relTol(1e-6, 0.03, edges));
    expectClose(
      column(frame, 'energy', 'namespace'),
      plus(truth.sumBy(itW, w.from, w.to), gpuJ(w)),
      relTol(1e-6, 0.03, edges)
    );
    expect(description(frame, 'kWh')).toMatch(/^IT energy: the whole server/);
    expect(frame.fields.find((f) => f.name === 'kWh')?.config?.displayNameFromDS).toBe('Energy (kWh)');
    // One query for every zone a reading can use, kept apart by zone: never core or uncore.
    expect(frame.meta?.executedQueryString).toContain(
      'sum by (pod_namespace, node_name, zone) (increase(kepler_pod_cpu_joules_total{zone=~"package|dram|psys",state="running"}[1h]))'
    );
  });

  test('IT energy is the default of a query that does not say', () => {
    const parsed = namespaceEnergyHandler.parse({
      refId: 'A',
      queryType: 'namespaceEnergy',
      groupBy: 'namespace',
      metric: 'energy',
    });
    expect(parsed.energyBoundary).toBe('it');
  });

  test('no double counting on the psys node: its pods count psys alone, not psys + package + dram', async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'pod', metric: 'energy', energyBoundary: 'it' },
      settings(),
      W1
    );
    const key = (p: PodTruth) => `${p.namespace}/${p.name}`;
    const onC = (p: PodTruth) => (p.node === C ? itW(p) : undefined);
    const want = truth.sumBy(onC, W1.from, W1.to, key);
    expect(Object.keys(want).length).toBeGreaterThan(0);
    const got = column(frame, 'cpu', 'namespace', 'pod');
    const edges = edgeAllowance(truth, onC, W1.from, W1.to, key);
    expectClose(Object.fromEntries(Object.keys(want).map((k) => [k, got[k]])), want, relTol(1e-6, 0.03, edges));
    // psys + package + dram would be well above psys alone (package + dram is most of psys here).
    const all = truth.sumBy(
      (p) => (p.node === C ? ClusterTruth.zonesW(p.zoneW, ['psys', 'package', 'dram']) : undefined),
      W1.from,
      W1.to,
      key
    );
    for (const k of Object.keys(want)) {
      expect(got[k]).toBeLessThan(all[k]);
    }
  });

  test('per node with idle energy: each node total is its reading × uplift (what Kepler measures for the node)', async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'node', metric: 'energy', energyBoundary: 'it', idlePower: 'byRequest' },
      settings(),
      W2
    );
    const want: Record<string, number> = {};
    for (const n of [A, B, C]) {
      const zones = truth.serverZones(n);
      const uplift = zones[0] === 'psys' ? UPLIFT.platform : UPLIFT.packageDram;
      want[n] = zones.reduce((a, z) => a + truth.nodeJoules(n, z, W2.from, W2.to), 0) * uplift;
    }
    const cpuAndIdle = Object.fromEntries(
      rowsOf(frame).map((r) => [r.node as string, (r.cpu as number) + (r.idle as number)])
    );
    expectClose(cpuAndIdle, want, relTol(1e-6, 0.05));
  });

  test('facility energy = IT × PUE (1.14 on these AWS nodes); CO2e is the same whichever is shown', async () => {
    const json = { groupBy: 'namespace', metric: 'energy' };
    const [it] = await run(namespaceEnergyHandler, { ...json, energyBoundary: 'it' }, settings(), W1);
    const [facility] = await run(namespaceEnergyHandler, { ...json, energyBoundary: 'facility' }, settings(), W1);
    const itKWh = column(it, 'kWh', 'namespace');
    expectClose(
      column(facility, 'kWh', 'namespace'),
      Object.fromEntries(Object.entries(itKWh).map(([k, v]) => [k, v * AWS_PUE])),
      relTol(1e-12)
    );
    expect(description(facility, 'kWh')).toMatch(/^Facility energy: IT energy \(whole server\) × the PUE/);
    const co2e = { groupBy: 'namespace', metric: 'co2e' };
    const [co2eIt] = await run(namespaceEnergyHandler, { ...co2e, energyBoundary: 'it' }, settings(), W1);
    const [co2eFacility] = await run(namespaceEnergyHandler, { ...co2e, energyBoundary: 'facility' }, settings(), W1);
    expectClose(column(co2eFacility, 'co2e', 'namespace'), column(co2eIt, 'co2e', 'namespace'), relTol(1e-12));
    // Grid factor per kWh shown: grid × PUE for IT, grid alone for facility (eu-west-1 301 g/kWh, Electricity Maps IE 2025).
    const shop = (f: Frame) => rowsOf(f).find((r) => r.namespace === 'shop')!;
    expect(shop(co2eFacility).gridFactor).toBeCloseTo(301, 6);
    expect(shop(co2eIt).gridFactor).toBeCloseTo(301 * AWS_PUE, 6);
  });

  test('flipping the option back to measured reads the package zone as is (v1)', async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'energy', energyBoundary: 'measured' },
      settings(),
      W1
    );
    expectClose(
      column(frame, 'cpu', 'namespace'),
      truth.podJoulesBy('package', W1.from, W1.to),
      relTol(1e-6, 0.01, edgeAllowance(truth, pkg, W1.from, W1.to))
    );
    expect(description(frame, 'kWh')).toMatch(/^Measured energy: the exporter’s reading as is/);
  });

  test('power by node: IT watts are each zone of the node reading × its uplift, never core, uncore or both psys and package', async () => {
    const w = { from: W2.from + 600, to: W2.to, stepS: 300 };
    const json = { groupBy: 'node', metric: 'power', namespaces: ['monitoring'] };
    const series = async (extra: Record<string, unknown>) =>
      Object.fromEntries(
        (await run(namespaceEnergyHandler, { ...json, ...extra }, settings(), w)).map((f) => [
          f.fields[1].labels?.node ?? '',
          f.fields[1].values as number[],
        ])
      );
    const [it, pkgW, dramW, psysW] = await Promise.all([
      series({ energyBoundary: 'it' }),
      series({ energyBoundary: 'measured', zone: 'package' }),
      series({ energyBoundary: 'measured', zone: 'dram' }),
      series({ energyBoundary: 'measured', zone: 'psys' }),
    ]);
    expect(Object.keys(it).sort()).toEqual(Object.keys(pkgW).sort());
    for (const node of Object.keys(it)) {
      it[node].forEach((watts, i) => {
        const want =
          node === C ? psysW[node][i] * UPLIFT.platform : (pkgW[node][i] + dramW[node][i]) * UPLIFT.packageDram;
        expect(watts).toBeCloseTo(want, 6);
      });
    }
    const [frame] = await run(namespaceEnergyHandler, { ...json, energyBoundary: 'it' }, settings(), w);
    expect(frame.fields[1].config?.description).toMatch(/^Power\. IT energy: the whole server/);
  });
});

describe('cloud VMs without a DRAM zone', () => {
  test('package × 2.426 (the uplift covers memory), with a warning naming the nodes', async () => {
    const t = noDram.truth;
    const w = W1;
    const pick = (p: PodTruth) => p.zoneW.package!.map((x) => x * UPLIFT.packageOnly);
    const frames = await run(
      namespaceEnergyHandler,
      { groupBy: 'namespace', metric: 'energy', energyBoundary: 'it' },
      settingsFor({ url: noDramProm.url }),
      w
    );
    const [frame] = frames;
    expectClose(
      column(frame, 'cpu', 'namespace'),
      t.sumBy(pick, w.from, w.to),
      relTol(1e-6, 0.03, edgeAllowance(t, pick, w.from, w.to))
    );
    const notices = (frame.meta?.notices ?? []).map((n) => n.text).join('\n');
    expect(notices).toMatch(/No DRAM zone on .*ip-10-0-1-23/);
    expect(notices).toContain('× 2.426');
  });
});
