/**
 * energyPerUnit against a real Prometheus holding the standard cluster's Kepler 0.10+ (zone
 * package), kube-state-metrics (node region labels) and Scaphandre fixtures, plus a request
 * counter composed here: `http_requests_total{job="api"}` on two pods, 5 and 3 requests a second,
 * the second restarting from zero mid-range. Over W3 (the last 45 minutes, where no pod starts,
 * stops or restarts) that is 8 × 2,700 = 21,600 requests.
 *
 * Namespace and pod scopes run with idlePower "exclude" here, so their energy is what Kepler
 * attributes to the pods (the SCI figures, idle share included, are energyPerUnitSci.test.ts's).
 *
 * Expected values: the fixture's true Joules (zone package, Kepler 0.10 attribution) divided by
 * 21,600; gCO2e = kWh × 301 gCO2e/kWh (eu-west-1 in 2025, the scenario's year: Electricity Maps IE
 * 2025, CO2.js 0.19.0) × 1.14 (AWS's published global PUE for 2025), both
 * nodes of `shop` being in eu-west-1 (kube_node_labels).
 *
 * Tolerances: Kepler counters over a window no pod starts or stops in are exact up to Kepler's
 * µJ resolution (relative 1e-6); the request counter is exact (the plugin's per-step increase
 * handles the restart). Scaphandre processes: relative 1e-6 (integer µW, f32 CPU shares).
 */
import { energyPerUnitHandler } from '../../src/backend/queries/energy/energyPerUnit';
import { startPrometheus, type PrometheusServer } from '../helpers/prometheus';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import { generateKubeStateMetrics } from '../fixtures/exporters/kubeStateMetrics';
import { generateScaphandre } from '../fixtures/exporters/scaphandre';
import { standardScenario } from '../fixtures/exporters/scenario';
import type { PrometheusSettings } from '../../src/datasource/types';
import { failure, frameNamed, rows, runHandler, seriesOf, settingsFor } from './energyTestKit';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});
jest.setTimeout(60_000);

const sc = standardScenario();
const S = sc.start;
const END = sc.end;
const MIN = 60;
const W3: [number, number] = [S + 135 * MIN, END];
const A = 'ip-10-0-1-23.eu-west-1.compute.internal';
const B = 'ip-10-0-2-41.eu-west-1.compute.internal';
const EU_WEST_1 = 301 * 1.14; // gCO2e per server kWh: grid × AWS PUE (2025)
const REQUESTS = 8 * (W3[1] - W3[0]); // 21,600
const INJECTION = '"}) or vector(1) #';
const INJECTION_ESCAPED = '"\\}\\) or vector\\(1\\) #';

/** The request counter: samples every 30 s over the whole scenario; pod b restarts at +150 min. */
function requests(): string {
  let out = '';
  const restart = S + 150 * MIN;
  for (let t = S; t <= END; t += 30) {
    out += `http_requests_total{job="api",pod="api-a"} ${5 * (t - S)} ${t}\n`;
  }
  for (let t = S; t <= END; t += 30) {
    out += `http_requests_total{job="api",pod="api-b"} ${t < restart ? 3 * (t - S) : 3 * (t - restart + 30)} ${t}\n`;
  }
  return out;
}

const kepler = generateKepler010(sc, { levels: { container: false, process: false, cpuInfo: false } });
const truth = kepler.truth;
let prom: PrometheusServer;
beforeAll(async () => {
  prom = await startPrometheus(
    [
      kepler.openMetrics,
      generateKubeStateMetrics(sc, { phase: false }).openMetrics,
      generateScaphandre(sc).openMetrics,
      requests(),
    ],
    { lookbackDelta: '29s' }
  );
}, 120_000);
afterAll(() => prom?.stop());

const run = (json: Record<string, unknown>, settings: Partial<PrometheusSettings> = {}, [from, to] = W3) =>
  runHandler(energyPerUnitHandler, json, settingsFor({ url: prom.url, ...settings }), { from, to, stepS: 30 });
const UNITS = 'sum(http_requests_total{job="api"})';

function expectRel(actual: unknown, expected: number, rel = 1e-6): void {
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(Math.abs(expected) * rel);
}

describe('Kepler scopes, against hand-computed J and gCO2e per request', () => {
  it('namespace: J/request and gCO2e/request of shop', async () => {
    const frames = await run({
      scope: 'namespace',
      selector: 'shop',
      unitQuery: UNITS,
      unitName: 'request',
      idlePower: 'exclude',
    });
    const [row] = rows(frameNamed(frames, 'energyPerUnit'));
    const joules = truth.podJoulesBy('package', ...W3).shop;
    expect(row.units).toBe(REQUESTS);
    expectRel(row.joules, joules);
    expectRel(row.joules_per_unit, joules / REQUESTS);
    // eu-west-1 301 g/kWh × AWS PUE 1.14 (2025)
    expectRel(row.co2e_per_unit, ((joules / 3.6e6) * EU_WEST_1) / REQUESTS);
    expect(row).toMatchObject({ scope: 'namespace', selector: 'shop', region: 'aws:eu-west-1' });
    expectRel(row.gridFactor, EU_WEST_1, 1e-12);
    const table = frames[0];
    expect(table.fields.find((f) => f.name === 'joules_per_unit')?.config?.unit).toBe('suffix: J/request');
    expect(table.meta?.executedQueryString).toContain('sum(irate((http_requests_total{job="api"})[45s:30s])) * 30');
  });

  it('namespace regex: every matching namespace, matched in full', async () => {
    const [row] = rows(
      frameNamed(
        await run({ scope: 'namespace', selector: 'shop|jobs', unitQuery: UNITS, idlePower: 'exclude' }),
        'energyPerUnit'
      )
    );
    const byNs = truth.podJoulesBy('package', ...W3);
    expectRel(row.joules, byNs.shop + byNs.jobs);
    const [none] = rows(
      frameNamed(await run({ scope: 'namespace', selector: 'sho', unitQuery: UNITS }), 'energyPerUnit')
    );
    expect(none).toMatchObject({ joules: 0, joules_per_unit: null, co2e_per_unit: null });
  });

  it('pod: the api pods only', async () => {
    const [row] = rows(
      frameNamed(
        await run({ scope: 'pod', selector: 'api-.*', unitQuery: UNITS, idlePower: 'exclude' }),
        'energyPerUnit'
      )
    );
    const api = Object.entries(truth.podJoulesBy('package', ...W3, (p) => p.name))
      .filter(([pod]) => pod.startsWith('api-'))
      .reduce((a, [, j]) => a + j, 0);
    expect(api).toBeGreaterThan(0);
    expectRel(row.joules, api);
    expectRel(row.joules_per_unit, api / REQUESTS);
  });

  it("node: the node's whole energy (idle and host processes included)", async () => {
    const [row] = rows(frameNamed(await run({ scope: 'node', selector: B, unitQuery: UNITS }), 'energyPerUnit'));
    const joules = truth.nodeJoules(B, 'package', ...W3);
    expectRel(row.joules, joules);
    expectRel(row.co2e_per_unit, ((joules / 3.6e6) * EU_WEST_1) / REQUESTS);
    const [both] = rows(
      frameNamed(await run({ scope: 'node', selector: 'ip-10-0-.*', unitQuery: UNITS }), 'energyPerUnit')
    );
    expectRel(both.joules, joules + truth.nodeJoules(A, 'package', ...W3));
  });

  it('gives J per request at each step, from the power series (Kepler rate() windows: smoothed)', async () => {
    const frames = await run({ scope: 'namespace', selector: 'shop', unitQuery: UNITS, unitName: 'request' });
    const perStep = frames.find((f) => f.meta?.type === 'timeseries-multi')!;
    const { times, values } = seriesOf(perStep);
    expect(times).toHaveLength((W3[1] - W3[0]) / 30);
    // Each step counts 8 × 30 requests; its Joules are the namespace's power × 30 s.
    const mean = (values as number[]).reduce((a, v) => a + v, 0) / values.length;
    const [row] = rows(frameNamed(frames, 'energyPerUnit'));
    expect(Math.abs(mean - (row.joules_per_unit as number))).toBeLessThanOrEqual(
      (row.joules_per_unit as number) * 0.02
    );
  });
});

describe('process scope (Scaphandre), outside Kubernetes: the default region', () => {
  it('integrates the matching processes and charges them to the default region', async () => {
    const fx = generateScaphandre(sc);
    const host = fx.truth.hosts.get('legacy-db-01')!;
    const joules = [...host.processes.values()]
      .filter((p) => p.exe === '/usr/sbin/nginx')
      .reduce((a, p) => a + fx.truth.integrate(p.watts, ...W3), 0);
    const [row] = rows(
      frameNamed(
        await run({ scope: 'process', selector: '/usr/sbin/nginx', unitQuery: UNITS }, { defaultRegion: 'eu-west-1' }),
        'energyPerUnit'
      )
    );
    expectRel(row.joules, joules);
    expectRel(row.co2e_per_unit, ((joules / 3.6e6) * EU_WEST_1) / REQUESTS);
    const err = await failure(run({ scope: 'process', selector: '/usr/sbin/nginx', unitQuery: UNITS }));
    expect(err).toMatchObject({ status: 400, source: 'plugin' });
    expect(err.message).toMatch(/^energyPerUnit needs a region for the grid's carbon intensity/);
  });
});

describe('namespace scope from Scaphandre --containers (no Kepler)', () => {
  let scaphOnly: PrometheusServer;
  beforeAll(async () => {
    scaphOnly = await startPrometheus([generateScaphandre(sc).openMetrics, requests()], { lookbackDelta: '29s' });
  }, 60_000);
  afterAll(() => scaphOnly?.stop());

  it("integrates the namespace's process power on node B, charged to the default region", async () => {
    const fx = generateScaphandre(sc);
    const joules = [...fx.truth.hosts.get(B)!.processes.values()]
      .filter((p) => p.pod?.startsWith('shop/'))
      .reduce((a, p) => a + fx.truth.integrate(p.watts, ...W3), 0);
    const frames = await runHandler(
      energyPerUnitHandler,
      { scope: 'namespace', selector: 'shop', unitQuery: UNITS },
      settingsFor({ url: scaphOnly.url, defaultRegion: 'eu-west-1' }),
      { from: W3[0], to: W3[1], stepS: 30 }
    );
    const [row] = rows(frameNamed(frames, 'energyPerUnit'));
    expectRel(row.joules, joules);
    expectRel(row.co2e_per_unit, ((joules / 3.6e6) * EU_WEST_1) / REQUESTS);
    expect(frames[0].meta?.notices?.map((n) => n.text)).toContainEqual(
      expect.stringMatching(/^Energy of the namespace scope \(Scaphandre \(--containers\)\) matching "shop": shop,/)
    );
  });
});

describe('units of work', () => {
  it('leaves the per-unit values empty, with a notice, when no unit was counted', async () => {
    const frames = await run({
      scope: 'namespace',
      selector: 'shop',
      unitQuery: 'http_requests_total{job="none"}',
      unitName: 'request',
    });
    const [row] = rows(frameNamed(frames, 'energyPerUnit'));
    expect(row).toMatchObject({ units: 0, joules_per_unit: null, co2e_per_unit: null });
    expect(row.joules as number).toBeGreaterThan(0);
    expect(frames[0].meta?.notices?.map((n) => n.text)).toContain(
      'The unit query counted no requests over this range, so Joules and gCO2e per request are empty (no division by zero).'
    );
  });

  it("fails the unit query's syntax error as the user's 400, showing what was sent", async () => {
    const err = await failure(run({ scope: 'namespace', selector: 'shop', unitQuery: 'sum(http_requests_total' }));
    expect(err).toMatchObject({ status: 400, source: 'plugin' });
    expect(err.message).toMatch(
      /^Prometheus rejected the expression \(bad_data\): .*\(the expression as sent, with the plugin's per-step increase around it: sum\(irate\(\(sum\(http_requests_total\)\[45s:30s\]\)\) \* 30\)$/
    );
  });

  it('refuses a rate or an increase: the plugin takes the increase itself', () => {
    expect(() =>
      energyPerUnitHandler.parse({
        queryType: 'energyPerUnit',
        scope: 'namespace',
        selector: 'shop',
        unitQuery: 'sum(rate(http_requests_total[5m]))',
      })
    ).toThrow(/^unitQuery must return a counter .* it calls rate\(\)\./);
  });

  it('counts a plain counter selector (no sum) the same', async () => {
    const [row] = rows(
      frameNamed(await run({ scope: 'namespace', selector: 'shop', unitQuery: 'http_requests_total' }), 'energyPerUnit')
    );
    expect(row.units).toBe(REQUESTS);
  });
});

describe('template variable values that look like PromQL', () => {
  it('keep their meaning in the selector: escaped they match nothing, raw they are an invalid regex', async () => {
    for (const scope of ['namespace', 'pod', 'node', 'process']) {
      const frames = await run(
        { scope, selector: INJECTION_ESCAPED, unitQuery: UNITS },
        { defaultRegion: 'eu-west-1' }
      );
      const [row] = rows(frameNamed(frames, 'energyPerUnit'));
      expect(row).toMatchObject({ joules: 0, joules_per_unit: null, units: REQUESTS });
      expect(() =>
        energyPerUnitHandler.parse({ queryType: 'energyPerUnit', scope, selector: INJECTION, unitQuery: UNITS })
      ).toThrow(/^The regex for selector is not valid/);
    }
  });
});

describe('energyBoundary', () => {
  test('facility Joules = IT Joules × AWS PUE 1.14 (2025) in the table and per step; CO2e per unit unchanged', async () => {
    const json = { scope: 'namespace', selector: 'shop', unitQuery: UNITS, unitName: 'request' };
    const [it, facility] = await Promise.all([
      run({ ...json, energyBoundary: 'it' }),
      run({ ...json, energyBoundary: 'facility' }),
    ]);
    const [itRow] = rows(frameNamed(it, 'energyPerUnit'));
    const [facilityRow] = rows(frameNamed(facility, 'energyPerUnit'));
    expect(facilityRow.joules as number).toBeCloseTo((itRow.joules as number) * 1.14, 6);
    expect(facilityRow.co2e_per_unit as number).toBeCloseTo(itRow.co2e_per_unit as number, 9);
    // eu-west-1 (301 g/kWh): per kWh of facility energy the grid alone.
    expect(facilityRow.gridFactor as number).toBeCloseTo(301, 6);
    const steps = (frames: typeof it) => seriesOf(frames.find((f) => f.name !== 'energyPerUnit')!).values;
    steps(facility).forEach((v, i) => v !== null && expect(v).toBeCloseTo(steps(it)[i]! * 1.14, 6));
  });
});
