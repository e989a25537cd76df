/**
 * Shared pieces of the namespaceEnergy / carbonEfficiency / costVsCarbon tests: the standard
 * scenario loaded into a real Prometheus, handlers run as the protocol layer runs them, frame
 * readers, expected values from the fixtures' ground truth, and tolerance checks.
 *
 * Prometheus runs with a 29 s lookback: imported blocks have no staleness markers, so with the
 * default 5 m a stopped series (a finished Job's requests, a restarted container's processes)
 * would stay visible for 5 minutes; just under the 30 s scrape interval, each step sees exactly
 * the samples scraped at that step, as a scraping Prometheus (which marks series stale) would.
 * OpenCost is scraped every 60 s, so queries integrating its series use 60 s steps.
 */
import type { Frame } from '../../src/backend/frames/frame';
import { Secrets, type DataSourceSettings } from '../../src/backend/queries/settings';
import type { PrometheusSettings } from '../../src/datasource/types';
import type { ClusterTruth, PodTruth, Scenario, Simulation } from '../fixtures/exporters/cluster';
import { generateCadvisor } from '../fixtures/exporters/cadvisor';
import { generateDcgm } from '../fixtures/exporters/dcgm';
import { generateKubeStateMetrics } from '../fixtures/exporters/kubeStateMetrics';
import { generateOpenCost } from '../fixtures/exporters/opencost';
import { standardScenario } from '../fixtures/exporters/scenario';
import { startPrometheus, type PrometheusServer } from '../helpers/prometheus';

export const sc: Scenario = standardScenario();
export const S = sc.start;
export const END = sc.end;
export const MIN = 60;
export const H = 3600;
export const A = 'ip-10-0-1-23.eu-west-1.compute.internal';
export const B = 'ip-10-0-2-41.eu-west-1.compute.internal';
export const C = 'ip-10-1-3-17.ec2.internal';
export const REGION_OF: Record<string, string> = { [A]: 'eu-west-1', [B]: 'eu-west-1', [C]: 'us-east-1' };
/** Server-side factors (g per kWh measured at the server): grid × AWS PUE 1.135 (CCF). */
export const FACTOR: Record<string, number> = {
  'eu-west-1': 278.6 * 1.135, // EEA via CCF, 278.6 g/kWh
  'us-east-1': 379.069 * 1.135, // eGRID2020 via CCF, 379.069 g/kWh
};
export const START_TIMEOUT = 90_000;
export const INJECTION = '"}) or vector(1) #';

/** Kepler (given) with kube-state-metrics, OpenCost, cAdvisor and DCGM of the standard scenario. */
export function fullCluster(kepler: string): string[] {
  return [
    kepler,
    generateKubeStateMetrics(sc).openMetrics,
    generateOpenCost(sc).openMetrics,
    generateCadvisor(sc).openMetrics,
    generateDcgm(sc).openMetrics,
  ];
}

export function startCluster(openMetrics: string[]): Promise<PrometheusServer> {
  return startPrometheus(openMetrics, { lookbackDelta: '29s' });
}

let uid = 0;
export function settingsFor(prometheus: PrometheusSettings): DataSourceSettings {
  uid++;
  return { uid: `energy-${uid}`, name: 'energy', jsonData: { prometheus }, secrets: new Secrets(), lastUpdatedMS: uid };
}

// Running a handler and catching its QueryError are the same for every energy test.
export { failure, runHandler as run, type RunOptions as Window } from './energyTestKit';

export type Row = Record<string, string | number | null>;

export function rowsOf(frame: Frame): Row[] {
  const n = frame.fields[0]?.values.length ?? 0;
  return Array.from({ length: n }, (_, i) =>
    Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i] as string | number | null]))
  );
}

/** `value` per key, the key being the given columns joined with `/`. */
export function column(frame: Frame, value: string, ...keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rowsOf(frame)) {
    out[keys.map((k) => r[k]).join('/')] = r[value] as number;
  }
  return out;
}

export type Tol = (key: string, expected: number) => number;
export const relTol =
  (rel: number, abs = 0, extra: Record<string, number> = {}): Tol =>
  (key, e) =>
    Math.abs(e) * rel + abs + (extra[key] ?? 0);

/** Every key of either side within its tolerance; a failure lists the offending keys. */
export function expectClose(actual: Record<string, number>, expected: Record<string, number>, tol: Tol): void {
  const bad: unknown[] = [];
  for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
    const a = actual[key] ?? 0;
    const e = expected[key] ?? 0;
    const t = tol(key, e);
    if (!(Math.abs(a - e) <= t)) {
      bad.push({ key, actual: a, expected: e, diff: a - e, tolerance: t });
    }
  }
  expect(bad).toEqual([]);
}

export function add(rec: Record<string, number>, key: string, v: number): void {
  rec[key] = (rec[key] ?? 0) + v;
}

/**
 * One interval of energy (the largest in the window) per pod that starts, stops or restarts in
 * [from, to]: Prometheus extrapolates a series that starts or stops inside a window by up to half
 * an interval, or towards zero for a counter that starts near zero (see
 * tests/fixtures/exporters/fixtureTestSetup.ts).
 */
export function edgeAllowance(
  truth: ClusterTruth,
  pick: (p: PodTruth) => ArrayLike<number> | undefined,
  from: number,
  to: number,
  key: (p: PodTruth) => string = (p) => p.namespace,
  scenario: Scenario = sc
): Record<string, number> {
  const out: Record<string, number> = {};
  const specs = new Map(scenario.pods.map((p) => [p.uid, p]));
  for (const [uid, p] of truth.pods) {
    const spec = specs.get(uid)!;
    const inside = (t?: number) => t !== undefined && t >= from && t <= to;
    if (!inside(spec.start) && !inside(spec.end) && !(spec.restartsAt ?? []).some(inside)) {
      continue;
    }
    const series = pick(p);
    if (!series) {
      continue;
    }
    let max = 0;
    for (let k = (from - S) / scenario.step + 1; k <= (to - S) / scenario.step; k++) {
      max = Math.max(max, series[k]);
    }
    add(out, key(p), max * scenario.step);
  }
  return out;
}

/**
 * Each pod's share of its node's CPU requests as kube-state-metrics exports them (pods that exist
 * and are not Succeeded/Failed), integrated over the scrapes in (from, to]: share-seconds per pod
 * uid, and per node the seconds in which any pod requested CPU.
 */
export function requestShareSeconds(
  sim: Simulation,
  from: number,
  to: number
): { byPod: Map<string, number>; span: Map<string, number> } {
  const byPod = new Map<string, number>();
  const span = new Map<string, number>();
  const step = sim.scenario.step;
  for (let k = (from - sim.scenario.start) / step + 1; k <= (to - sim.scenario.start) / step; k++) {
    for (const [name, ns] of sim.snapshot(k).nodes) {
      const pods = ns.pods.filter((p) => p.exists && p.phase === 'Running');
      const req = (p: (typeof pods)[number]) => p.spec.containers.reduce((a, c) => a + (c.requests.cpu ?? 0), 0);
      const total = pods.reduce((a, p) => a + req(p), 0);
      if (total > 0) {
        span.set(name, (span.get(name) ?? 0) + step);
        for (const p of pods) {
          byPod.set(p.spec.uid, (byPod.get(p.spec.uid) ?? 0) + (req(p) / total) * step);
        }
      }
    }
  }
  return { byPod, span };
}

/** The node energy no pod is given (truth): node zone energy − its pods' energy. */
export function unattributedJoules(truth: ClusterTruth, from: number, to: number): Record<string, number> {
  const pods = truth.podJoulesBy('package', from, to, (p) => p.node);
  return Object.fromEntries(
    [...truth.nodes.keys()].map((n) => [n, truth.nodeJoules(n, 'package', from, to) - (pods[n] ?? 0)])
  );
}
