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
import { Secrets, type DataSourceSettings } from '../../src/backend/core/settings';
import type { PrometheusSettings } from '../../src/datasource/types';
import type { ClusterTruth, Scenario, Simulation } from '../fixtures/exporters/cluster';
import { generateCadvisor } from '../fixtures/exporters/cadvisor';
import { generateDcgm } from '../fixtures/exporters/dcgm';
import { generateKubeStateMetrics } from '../fixtures/exporters/kubeStateMetrics';
import { generateOpenCost, type OpenCostFixture } from '../fixtures/exporters/opencost';
import { usePrometheus } from '../fixtures/exporters/fixtureTestSetup';
import { standardScenario } from '../fixtures/exporters/scenario';
import { startPrometheus, type PrometheusOptions, type PrometheusServer } from '../helpers/prometheus';

export const sc: Scenario = standardScenario();
export const S = sc.start;
export const END = sc.end;
export const MIN = 60;
export const H = 3600;
export const A = 'ip-10-0-1-23.eu-west-1.compute.internal';
export const B = 'ip-10-0-2-41.eu-west-1.compute.internal';
export const C = 'ip-10-1-3-17.ec2.internal';
export const REGION_OF: Record<string, string> = { [A]: 'eu-west-1', [B]: 'eu-west-1', [C]: 'us-east-1' };
/**
 * Server-side factors (g per kWh measured at the server) for the scenario's year, 2025: grid ×
 * AWS's published 2025 PUE 1.14; grid: Electricity Maps' 2025 yearly averages (CO2.js 0.19.0).
 */
export const FACTOR: Record<string, number> = {
  'eu-west-1': 301 * 1.14, // IE 2025, 301 g/kWh
  'us-east-1': 418 * 1.14, // US-MIDA-PJM 2025, 418 g/kWh
};
export const START_TIMEOUT = 90_000;

/** Contains the report Job's end (+75 min) and the api pod's restart (+100 min). */
export const W1 = { from: S + H, to: S + 2 * H };
/** Contains the ingest pod's start (+130 min). */
export const W2 = { from: S + 2 * H, to: END };
/** No pod starts, stops or restarts (and no rate() window reaches back to the ingest pod's start). */
export const W3 = { from: S + 140 * MIN, to: END };
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

const CLUSTER_OPTIONS: PrometheusOptions = { lookbackDelta: '29s' };

/** A Prometheus started inside one test (the caller stops it). */
export function startCluster(openMetrics: string[]): Promise<PrometheusServer> {
  return startPrometheus(openMetrics, CLUSTER_OPTIONS);
}

/**
 * A Prometheus holding `openMetrics` for the enclosing describe block (or file), with the 29 s
 * lookback: started in beforeAll, stopped in afterAll; the handle reads through to the server.
 */
export function useClusterPrometheus(openMetrics: string[], options: PrometheusOptions = {}): PrometheusServer {
  return usePrometheus(openMetrics, { ...CLUSTER_OPTIONS, ...options }, START_TIMEOUT);
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

/**
 * OpenCost's $ per namespace|node in (from, to]: its scrapes' $/h × interval (the truth's prices
 * at each scrape), plus each running pod's PVCs (the standard scenario's db-0 and prometheus-0
 * hold theirs for the whole range).
 */
export function opencostTruth(scenario: Scenario, opencost: OpenCostFixture, w: { from: number; to: number }) {
  const out: Record<string, number> = {};
  const interval = opencost.scrapeIntervalS;
  for (const p of opencost.truth.pods.values()) {
    for (let k = 0; k <= opencost.sim.n; k += interval / scenario.step) {
      const t = opencost.sim.time(k);
      if (t > w.from && t <= w.to && p.costPerHour[k] > 0) {
        add(out, `${p.namespace}|${p.node}`, (p.costPerHour[k] * interval) / 3600);
      }
    }
  }
  for (const pod of scenario.pods.filter((p) => p.pvcs)) {
    for (const pvc of pod.pvcs!) {
      add(out, `${pod.namespace}|${pod.node}`, (opencost.pvHourly[pvc.volume] * (w.to - w.from)) / 3600);
    }
  }
  return out;
}

export function add(rec: Record<string, number>, key: string, v: number): void {
  rec[key] = (rec[key] ?? 0) + v;
}

// Tolerance checks and the edge allowance (one interval of energy per pod that starts, stops or
// restarts in the window; why: tests/fixtures/exporters/fixtureTestSetup.ts) are the fixture tests'.
export { edgeAllowance, expectClose, relTol, type Tol } from '../fixtures/exporters/fixtureTestSetup';

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
