/**
 * Shared pieces of the zombieInstances tests: the zombie scenario (15 days at 5 minutes) loaded
 * into a real Prometheus, its ground truth, the handler run as the protocol layer runs it, and
 * the expected monthly figures computed from the truth arrays, the scenario's prices and the
 * bundled grid/PUE data files (not through the plugin's code).
 *
 * The TSDB is built once per fixture version and cached under .tmp/zombie-tsdb; each test file
 * serves a copy (Prometheus writes into its data directory). Lookback 299 s: imported blocks have
 * no staleness markers, and just under the 5-minute scrape a stopped series disappears at the
 * next step as it would in a scraping Prometheus.
 */
import fs from 'fs';
import path from 'path';

import type { Frame } from '../../src/backend/frames/frame';
import { Secrets, type DataSourceSettings } from '../../src/backend/core/settings';
import { zombieInstancesHandler } from '../../src/backend/queries/zombies/zombieInstances';
import type { CarbonDataSourceOptions } from '../../src/datasource/types';
import { Simulation } from '../fixtures/exporters/clusterSimulation';
import { prepareZombieTsdb } from '../fixtures/exporters/zombieFixture';
import { EC2_HOST, ZOMBIE_NODES, zombieScenario } from '../fixtures/exporters/zombieScenario';
import { ZombieTruth } from '../fixtures/exporters/zombieTruth';
import { makeScratchDir, SCRATCH_ROOT, startPrometheus, type PrometheusServer } from '../helpers/prometheus';
import { runHandler } from '../energy/energyTestKit';
import gridJson from '../../src/engine/data/grid-intensity.json';
import pueJson from '../../src/engine/data/pue.json';
import uncertaintyJson from '../../src/engine/data/uncertainty.json';
import upliftJson from '../../src/engine/data/measured-server-uplift.json';

export const zs = zombieScenario();
export const sc = zs.scenario;
export const END = sc.end;
export const START_TIMEOUT = 180_000;
export const HOURS_PER_MONTH = 730;

/** What the scenario makes idle over the last 14 days, as `kind:resourceId` (see zombieScenario.ts). */
export const IDLE_14D = [
  `kubernetesNode:${ZOMBIE_NODES.D}`,
  `cloudInstance:${EC2_HOST.instanceId}`,
  'cloudInstance:nas-01',
  'workload:legacy/reports-api',
  'workload:ml/notebook',
  'volume:pvc-3e4f5a6b',
  'volume:pvc-7c8d9e0f',
  // One row per owner: the CronJob's one run in the window, nightly-report-29000000-x4k7q.
  'terminatedWorkload:batch/nightly-report',
];

let truth: ZombieTruth | undefined;
export function zombieTruth(): ZombieTruth {
  truth ??= new ZombieTruth(new Simulation(sc), zs);
  return truth;
}

/** The scenario's TSDB (built or cached), copied for this test file and served (`extraArgs`: more flags). */
export async function startZombiePrometheus(extraArgs: string[] = []): Promise<PrometheusServer> {
  const tsdb = await prepareZombieTsdb(zs, path.join(SCRATCH_ROOT, 'zombie-tsdb'));
  const copy = makeScratchDir('zombie-data-');
  fs.cpSync(tsdb.dataDir, copy, { recursive: true });
  const prom = await startPrometheus('', { dataDir: copy, lookbackDelta: '299s', startTimeoutMs: 60_000, extraArgs });
  return {
    ...prom,
    stop: async () => {
      await prom.stop();
      fs.rmSync(copy, { recursive: true, force: true });
    },
  };
}

let uid = 0;
export function settingsFor(jsonData: CarbonDataSourceOptions): DataSourceSettings {
  uid++;
  return { uid: `zombie-${uid}`, name: 'zombie', jsonData, secrets: new Secrets(), lastUpdatedMS: uid };
}

/** zombieInstances over the range ending at the scenario's end. */
export function runZombies(settings: DataSourceSettings, json: Record<string, unknown> = {}): Promise<Frame[]> {
  return runHandler(zombieInstancesHandler, json, settings, { from: END - 6 * 3600, to: END, stepS: 300 });
}

export type Row = Record<string, string | number | null>;

export function rowsOf(frame: Frame): Row[] {
  const n = frame.fields[0]?.values.length ?? 0;
  return Array.from({ length: n }, (_, i) =>
    Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i] as string | number | null]))
  );
}

/** Rows by `kind:resourceId`. */
export function byId(frame: Frame): Map<string, Row> {
  return new Map(rowsOf(frame).map((r) => [`${r.kind}:${r.resourceId}`, r]));
}

/** The entry of the latest year not after `year`, else the earliest (the nearest year outside). */
function ofYear<T extends { year: number }>(entries: T[], year: number): T {
  const sorted = [...entries].sort((a, b) => a.year - b.year);
  return [...sorted].reverse().find((f) => f.year <= year) ?? sorted[0];
}

/**
 * gCO2e per kWh drawn at the server in an AWS region in `year`, read from the data files: the
 * region's current grid series (its factors not from CCF, `ccf-*`, where it has any) for `year` ×
 * AWS's own published PUE for `year` (pue.json source aws-pue), both by the nearest-year rule.
 */
export function serverFactor(
  region: string,
  year = new Date(END * 1000).getUTCFullYear()
): { grams: number; pue: number; factorYear: number } {
  const record = (gridJson as any).regions.find((r: any) => r.provider === 'aws' && r.region === region);
  const current = record.factors.filter((f: any) => !f.source.startsWith('ccf-'));
  const chosen = ofYear<any>(current.length > 0 ? current : record.factors, year);
  const pue = ofYear<any>(
    (pueJson as any).values.filter((v: any) => v.provider === 'aws' && v.source === 'aws-pue'),
    year
  ).pue as number;
  return { grams: chosen.gCO2ePerKWh * pue, pue, factorYear: chosen.year };
}

/** An uplift from measured zones to the whole server: central value and 90 % range (5th-95th percentile). */
export interface UpliftBand {
  central: number;
  low: number;
  high: number;
}

/**
 * The whole-server uplift of `node`'s reading, read from measured-server-uplift.json (not through
 * serverEnergy.ts): psys where the node has it, else package + dram, else package alone.
 */
export function upliftOf(t: ZombieTruth, node: string): UpliftBand {
  const zones = t.cluster.serverZones(node);
  const entry =
    zones[0] === 'psys' ? upliftJson.platform : zones.length === 2 ? upliftJson.packageDram : upliftJson.packageOnly;
  return { central: entry.central, low: entry.low, high: entry.high };
}

/** A node's mean IT power over [from, to], W: its whole-server zones (generator truth) × its uplift. */
export function itWatts(t: ZombieTruth, node: string, from: number, to: number): number {
  const c = t.cluster;
  const joules = c.serverZones(node).reduce((a, z) => a + c.nodeJoules(node, z, from, to), 0);
  return (joules / (to - from)) * upliftOf(t, node).central;
}

/**
 * The greenops grid band (uncertainty.json gridFactor) of `region`'s factor used in the scenario's
 * year: ± relativeBandPerYear × sqrt(max(1, years between usage and factor)). `low`/`high` are the
 * 90 % interval multipliers of measured kg: that band, PUE's ±(uncertainty.json pue) and, for
 * whole-server energy, the uplift's range as lognormal factors, docs/methodology.md section 4:
 * exp(∓√(ln(PUE end)² + ln(grid end)² + ln(uplift end)²)).
 */
export function gridBandOf(region: string, uplift?: UpliftBand): { low: number; high: number; band: number } {
  const year = new Date(END * 1000).getUTCFullYear();
  const gap = Math.abs(year - serverFactor(region).factorYear);
  const band = uncertaintyJson.gridFactor.relativeBandPerYear * Math.sqrt(Math.max(1, gap));
  const pue = uncertaintyJson.pue.relativeBand;
  const upBelow = uplift ? Math.log(uplift.central / uplift.low) : 0;
  const upAbove = uplift ? Math.log(uplift.high / uplift.central) : 0;
  const below = Math.sqrt(Math.log(1 / (1 - pue)) ** 2 + Math.log(1 / (1 - band)) ** 2 + upBelow ** 2);
  const above = Math.sqrt(Math.log(1 + pue) ** 2 + Math.log(1 + band) ** 2 + upAbove ** 2);
  return { low: Math.exp(-below), high: Math.exp(above), band };
}

/** The 90 % bounds of a sum of two independent parts (kg ∓ √(Δa² + Δb²)), docs/methodology.md section 4. */
export function sumBounds(a: number, aLow: number, aHigh: number, b: number, bLow: number, bHigh: number) {
  return {
    low: a + b - Math.sqrt((a - aLow) ** 2 + (b - bLow) ** 2),
    high: a + b + Math.sqrt((aHigh - a) ** 2 + (bHigh - b) ** 2),
  };
}
