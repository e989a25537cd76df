/**
 * energyPerUnit's SCI = (E × I + M) per R (GSF SPEC.md 1.1.0, ISO/IEC 21031) against a real
 * Prometheus holding the standard cluster's Kepler 0.10+ (zone package), kube-state-metrics (CPU
 * requests, node region and instance-type labels) and the request counter of energyPerUnit.test.ts
 * (21,600 requests over the last 45 minutes, W3, where no pod starts, stops or restarts).
 *
 * Expected values, from the generator's truth and the data files (not through the plugin):
 * - E = (the scope's true package Joules + its share of its nodes' unattributed Joules, by CPU
 *   requests over time) / 3.6e6 × AWS PUE (pue.json);
 * - I = eu-west-1's grid factor for 2025 (grid-intensity.json);
 * - M = Σ nodes TE × (∫share dt / EL) × (RR / ToR), TE, RR and ToR from the CCF EC2 table row of
 *   the node's instance type (A m5.xlarge: 4 of 96 vCPUs; B m5.2xlarge: 8 of 96; 1.6103792 t),
 *   EL = 35,040 h (aws-constants.json), ∫share dt the requests' share-seconds of the fixture;
 * - R = 21,600.
 * Tolerances: attributed Joules exact to Kepler's µJ (1e-6); idle shares and share-seconds over a
 * window no pod starts or stops in: 1e-6 relative.
 */
import { energyPerUnitHandler } from '../../src/backend/queries/energy/energyPerUnit';
import ccfConstants from '../../src/engine/data/ccf/aws-constants.json';
import ccfInstances from '../../src/engine/data/ccf/aws-instances.json';
import { startPrometheus, type PrometheusServer } from '../helpers/prometheus';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import { generateKubeStateMetrics } from '../fixtures/exporters/kubeStateMetrics';
import type { Scenario } from '../fixtures/exporters/clusterModel';
import { standardScenario } from '../fixtures/exporters/scenario';
import { requestShareSeconds, unattributedJoules } from './clusterEnergyHarness';
import { frameNamed, rows, runHandler, settingsFor } from './energyTestKit';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});
jest.setTimeout(60_000);

const sc = standardScenario();
const S = sc.start;
const END = sc.end;
const W3: [number, number] = [S + 135 * 60, END];
const A = 'ip-10-0-1-23.eu-west-1.compute.internal';
const B = 'ip-10-0-2-41.eu-west-1.compute.internal';
const REQUESTS = 8 * (W3[1] - W3[0]);
const UNITS = 'sum(http_requests_total{job="api"})';
const EL_HOURS = ccfConstants.serverLifespanHours.value;

/**
 * The fixture runs in 2025: AWS's published PUE for 2025 (1.14, pue.json aws-pue) and eu-west-1's
 * grid factor for 2025 (Electricity Maps IE, 301 g/kWh, grid-intensity.json), as the other energy
 * tests take them.
 */
const PUE = 1.14;
const GRID = 301;

/** Embodied grams per share-hour of an instance type: TE × 1000 / EL × RR / ToR (CCF's EC2 row). */
function gramsPerHour(type: string): number {
  const [family, size] = type.split('.');
  const table = ccfInstances.ec2InstanceTypes.values as unknown as Record<
    string,
    Array<[string, number, number, number]>
  >;
  const familyRows = table[family];
  const [, vCpus, , tonnes] = familyRows.find((r) => r[0] === size)!;
  return ((tonnes * 1e6) / EL_HOURS) * (vCpus / familyRows[familyRows.length - 1][1]);
}

function requests(): string {
  let out = '';
  for (let t = S; t <= END; t += 30) {
    out += `http_requests_total{job="api",pod="api-a"} ${5 * (t - S)} ${t}\n`;
    out += `http_requests_total{job="api",pod="api-b"} ${3 * (t - S)} ${t}\n`;
  }
  return out;
}

const kepler = generateKepler010(sc, { levels: { container: false, process: false, cpuInfo: false } });
const truth = kepler.truth;
/** The same cluster, node B labelled with an instance type no table knows. */
const unknownTypeScenario: Scenario = {
  ...sc,
  nodes: sc.nodes.map((n) => (n.name === B ? { ...n, instanceType: 'x9.imaginary' } : n)),
};
let prom: PrometheusServer;
let unknownType: PrometheusServer;
beforeAll(async () => {
  [prom, unknownType] = await Promise.all(
    [sc, unknownTypeScenario].map((scenario) =>
      startPrometheus([kepler.openMetrics, generateKubeStateMetrics(scenario).openMetrics, requests()], {
        lookbackDelta: '29s',
      })
    )
  );
}, 120_000);
afterAll(async () => {
  await prom?.stop();
  await unknownType?.stop();
});

const run = (json: Record<string, unknown>, server = () => prom) =>
  runHandler(energyPerUnitHandler, json, settingsFor({ url: server().url }), { from: W3[0], to: W3[1], stepS: 30 });

function expectRel(actual: unknown, expected: number, rel = 1e-6): void {
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(Math.abs(expected) * rel);
}

/** The truth for pods `keep` accepts: Joules with idle share by requests, and embodied grams. */
function scopeTruth(keep: (pod: { namespace: string; name: string }) => boolean): { joules: number; grams: number } {
  const attributed = truth.podJoulesBy('package', ...W3, (p) => `${p.namespace}/${p.name}`);
  const u = unattributedJoules(truth, ...W3);
  const { byPod, span } = requestShareSeconds(kepler.sim, ...W3);
  const typeOf = new Map(sc.nodes.map((n) => [n.name, n.instanceType]));
  let joules = 0;
  let grams = 0;
  for (const p of sc.pods.filter(keep)) {
    const shareSeconds = byPod.get(p.uid) ?? 0;
    joules += (attributed[`${p.namespace}/${p.name}`] ?? 0) + (u[p.node] * shareSeconds) / span.get(p.node)!;
    grams += (shareSeconds / 3600) * gramsPerHour(typeOf.get(p.node)!);
  }
  return { joules, grams };
}

describe('SCI components against the truth', () => {
  it('namespace shop: E with its idle share × PUE, I, E × I, M by request share, R, SCI', async () => {
    const frames = await run({ scope: 'namespace', selector: 'shop', unitQuery: UNITS, unitName: 'request' });
    const [row] = rows(frameNamed(frames, 'energyPerUnit'));
    const want = scopeTruth((p) => p.namespace === 'shop');
    const E = (want.joules / 3.6e6) * PUE;
    expectRel(row.joules, want.joules);
    expectRel(row.sci_E, E);
    expectRel(row.sci_I, GRID, 1e-12);
    expectRel(row.sci_O, E * GRID);
    expectRel(row.sci_M, want.grams);
    expect(row.units).toBe(REQUESTS);
    expectRel(row.sci, (E * GRID + want.grams) / REQUESTS);
    // The old figures stay: J per request and operational gCO2e per request (now with the idle share).
    expectRel(row.joules_per_unit, want.joules / REQUESTS);
    expectRel(row.co2e_per_unit, (E * GRID) / REQUESTS);
    expect(frames[0].fields.find((f) => f.name === 'sci')?.config?.unit).toBe('suffix: gCO2e/request');
    const texts = frames[0].meta?.notices?.map((n) => n.text) ?? [];
    expect(texts).toContainEqual(expect.stringMatching(/^SCI = \(E × I \+ M\) per R .*m5\.2xlarge/));
    expect(texts).toContainEqual(expect.stringMatching(/CPU requests \(kube-state-metrics\)/));
  });

  it('pod scope: the api pods, their idle and embodied shares only', async () => {
    const [row] = rows(frameNamed(await run({ scope: 'pod', selector: 'api-.*', unitQuery: UNITS }), 'energyPerUnit'));
    const want = scopeTruth((p) => p.name.startsWith('api-'));
    expect(want.grams).toBeGreaterThan(0);
    expectRel(row.joules, want.joules);
    expectRel(row.sci_M, want.grams);
    expectRel(row.sci, ((want.joules / 3.6e6) * PUE * GRID + want.grams) / REQUESTS);
  });

  it('idlePower exclude: E is the attributed energy only; M is still reserved by requests', async () => {
    const frames = await run({ scope: 'namespace', selector: 'shop', unitQuery: UNITS, idlePower: 'exclude' });
    const [row] = rows(frameNamed(frames, 'energyPerUnit'));
    expect(frames[0].meta?.notices?.map((n) => n.text)).toContainEqual(
      expect.stringMatching(/^E leaves out node idle energy \(idlePower exclude/)
    );
    const attributed = truth.podJoulesBy('package', ...W3).shop;
    expectRel(row.joules, attributed);
    expectRel(row.sci_E, (attributed / 3.6e6) * PUE);
    expectRel(row.sci_M, scopeTruth((p) => p.namespace === 'shop').grams);
  });

  it('node scope: the whole node for the 45 minutes it reported power', async () => {
    const [row] = rows(frameNamed(await run({ scope: 'node', selector: B, unitQuery: UNITS }), 'energyPerUnit'));
    const joules = truth.nodeJoules(B, 'package', ...W3);
    // m5.2xlarge: 1,610,379.2 g × 0.75 h / 35,040 h × 8/96 = 2.8724 g.
    const M = 1_610_379.2 * (0.75 / 35_040) * (8 / 96);
    expect(gramsPerHour('m5.2xlarge') * 0.75).toBeCloseTo(M, 9);
    expectRel(row.sci_M, M);
    expectRel(row.sci, ((joules / 3.6e6) * PUE * GRID + M) / REQUESTS);
  });

  it('no units: SCI empty, with the existing notice', async () => {
    const frames = await run({ scope: 'namespace', selector: 'shop', unitQuery: 'http_requests_total{job="none"}' });
    const [row] = rows(frameNamed(frames, 'energyPerUnit'));
    expect(row).toMatchObject({ units: 0, sci: null, joules_per_unit: null, co2e_per_unit: null });
    expect(row.sci_M as number).toBeGreaterThan(0);
    expect(frames[0].meta?.notices?.map((n) => n.text)).toContain(
      'The unit query counted no units over this range, so Joules and gCO2e per unit are empty (no division by zero).'
    );
  });
});

describe('a node of unknown instance type', () => {
  it('leaves M and SCI empty (never 0), says which node, and keeps E × I', async () => {
    const frames = await run({ scope: 'namespace', selector: 'shop', unitQuery: UNITS }, () => unknownType);
    const [row] = rows(frameNamed(frames, 'energyPerUnit'));
    expect(row).toMatchObject({ sci_M: null, sci: null });
    const want = scopeTruth((p) => p.namespace === 'shop');
    expectRel(row.sci_O, (want.joules / 3.6e6) * PUE * GRID);
    expect(frames[0].meta?.notices?.map((n) => n.text)).toContain(
      `M (embodied) is unknown, so SCI is empty: the instance type of ${B} (x9.imaginary) is in none of CCF's catalogues (EC2 types, Azure VM sizes, GCP machine types).`
    );
    // A scope on node A alone (m5.xlarge) still has its M.
    const [onA] = rows(
      frameNamed(await run({ scope: 'node', selector: A, unitQuery: UNITS }, () => unknownType), 'energyPerUnit')
    );
    expectRel(onA.sci_M, gramsPerHour('m5.xlarge') * 0.75);
  });
});
