/**
 * promqlEnergy against a real Prometheus holding small hand-written series, so every expected
 * number is computed here by hand:
 * - power: 100 W (and the same in µW) on host a, 40 W on host b, every 30 s;
 * - energy counters: 100 J/s (and the same in µJ) on host a, restarting from zero mid-range;
 *   40 J/s on host b, restarting at another time (so a sum of the two drops twice).
 * One hour, 3,600 s: host a 360,000 J = 0.1 kWh, host b 144,000 J = 0.04 kWh.
 * CO2e: kWh × 301 gCO2e/kWh (eu-west-1 in 2025: Electricity Maps IE 2025, CO2.js 0.19.0) × 1.14
 * (AWS's published global PUE for 2025).
 *
 * Tolerance: relative 1e-9. Every value is exact in binary or a short decimal, each step reads
 * one sample on the step grid, and Prometheus returns values with 17 significant digits.
 */
import { promqlEnergyHandler } from '../../src/backend/queries/energy/promqlEnergy';
import { startPrometheus, type PrometheusServer } from '../helpers/prometheus';
import { failure, field, frameNamed, rows, runHandler, seriesOf, settingsFor } from './energyTestKit';
import type { PrometheusSettings } from '../../src/datasource/types';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});
jest.setTimeout(60_000);

const T0 = 1_736_121_600; // 2025-01-06T00:00:00Z
const T1 = T0 + 3600;
const STEP = 30;
const EU_WEST_1 = 301 * 1.14; // gCO2e per server kWh: grid × AWS PUE
const A_J = 100 * 3600;
const B_J = 40 * 3600;

/** Samples every 30 s from 2 minutes before T0 to T1. */
function series(name: string, labels: string, value: (t: number) => number): string {
  let out = '';
  for (let t = T0 - 120; t <= T1; t += STEP) {
    out += `${name}{${labels}} ${value(t)} ${t}\n`;
  }
  return out;
}
/** A counter growing `perSecond` from 0 at T0 − 120, restarting from zero at `resetAt`. */
const counter = (perSecond: number, resetAt: number) => (t: number) =>
  t < resetAt ? perSecond * (t - (T0 - 120)) : perSecond * (t - resetAt + STEP);

const FIXTURE = [
  series('test_power_watts', 'host="a"', () => 100),
  series('test_power_watts', 'host="b"', () => 40),
  series('test_power_microwatts', 'host="a"', () => 100e6),
  series('test_energy_joules_total', 'host="a"', counter(100, T0 + 1200)),
  series('test_energy_joules_total', 'host="b"', counter(40, T0 + 2400)),
  series('test_energy_microjoules_total', 'host="a"', (t) => counter(100, T0 + 1200)(t) * 1e6),
].join('');

let prom: PrometheusServer;
beforeAll(async () => {
  prom = await startPrometheus(FIXTURE);
}, 60_000);
afterAll(() => prom?.stop());

const run = (json: Record<string, unknown>, settings: Partial<PrometheusSettings> = {}, stepS = STEP) =>
  runHandler(promqlEnergyHandler, json, settingsFor({ url: prom.url, ...settings }), { from: T0, to: T1, stepS });

const totals = async (json: Record<string, unknown>, settings: Partial<PrometheusSettings> = {}, stepS = STEP) =>
  rows(frameNamed(await run(json, settings, stepS), 'promqlEnergy'));

const close = (actual: unknown, expected: number) =>
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-9);

describe('each unit, against hand-computed kWh and CO2e', () => {
  it.each([
    ['watts', 'test_power_watts{host="a"}'],
    ['microwatts', 'test_power_microwatts{host="a"}'],
    ['joules', 'test_energy_joules_total{host="a"}'],
    ['microjoules', 'test_energy_microjoules_total{host="a"}'],
  ])('%s: %s over one hour is 0.1 kWh and 0.1 × 301 × 1.14 gCO2e', async (unit, expr) => {
    const [row] = await totals({ expr, unit, region: 'eu-west-1' });
    close(row.joules, A_J);
    close(row.kWh, 0.1);
    close(row.co2e, 0.1 * EU_WEST_1); // 31.6211 g
    expect(row).toMatchObject({ host: 'a', provider: 'aws', region: 'eu-west-1', grid_intensity: 301, pue: 1.14 });
  });

  it('returns power series in W (µW converted) and energy series in J per step', async () => {
    const power = await run({ expr: 'test_power_microwatts', unit: 'microwatts', region: 'eu-west-1' });
    const p = seriesOf(power[0]);
    expect(field(power[0], 'power').config?.unit).toBe('watt');
    expect(p.times).toHaveLength(121); // the range's start and each step's end
    expect(new Set(p.values)).toEqual(new Set([100]));
    const energy = await run({ expr: 'test_energy_joules_total{host="a"}', unit: 'joules', region: 'eu-west-1' });
    const e = seriesOf(energy[0]);
    expect(field(energy[0], 'energy').config?.unit).toBe('joule');
    expect(e.times).toHaveLength(120);
    expect(e.times[0]).toBe((T0 + STEP) * 1000);
    // 3000 J per step, the step where the counter restarted included.
    expect(new Set(e.values)).toEqual(new Set([3000]));
  });

  it('keeps each series apart and in the table, and integrates at any step', async () => {
    const table = await totals({ expr: 'test_power_watts', unit: 'watts', region: 'aws:eu-west-1' }, {}, 60);
    expect(table.map((r) => r.host)).toEqual(['a', 'b']);
    close(table[0].joules, A_J);
    close(table[1].joules, B_J);
    close(table[1].co2e, 0.04 * EU_WEST_1);
  });

  it('sums counters per series before summing them: two restarts at different times do not count twice', async () => {
    const frames = await run({ expr: 'sum(test_energy_joules_total)', unit: 'joules', region: 'eu-west-1' });
    const [row] = rows(frameNamed(frames, 'promqlEnergy'));
    close(row.joules, A_J + B_J);
    expect(frames[0].meta?.executedQueryString).toBe('sum (irate((test_energy_joules_total)[45s:30s])) * 30');
    const grouped = await totals({
      expr: 'sum by (host) (test_energy_joules_total)',
      unit: 'joules',
      region: 'eu-west-1',
    });
    expect(grouped.map((r) => [r.host, r.joules])).toEqual([
      ['a', expect.closeTo(A_J, 6)],
      ['b', expect.closeTo(B_J, 6)],
    ]);
  });
});

describe('region', () => {
  it("takes the datasource's default region when the query names none, and says so", async () => {
    const frames = await run({ expr: 'test_power_watts{host="a"}', unit: 'watts' }, { defaultRegion: 'aws:eu-west-1' });
    const [row] = rows(frameNamed(frames, 'promqlEnergy'));
    close(row.co2e, 0.1 * EU_WEST_1);
    const texts = frames[0].meta?.notices?.map((n) => n.text) ?? [];
    expect(texts).toContain("Region aws:eu-west-1 is the datasource's default region.");
    expect(texts[0]).toMatch(
      /^Energy = power × 30 s per step \(the value at t stands for the step ending at t\)\. aws:eu-west-1 grid 301 gCO2e\/kWh \(2025; .*\) × PUE 1\.14 = 343\.14 gCO2e per kWh measured at the server\.$/
    );
  });

  it('combines the region with the query provider, and refuses an unknown region', async () => {
    const [row] = await totals({
      expr: 'test_power_watts{host="a"}',
      unit: 'watts',
      region: 'eu-west-1',
      provider: 'aws',
    });
    expect(row.region).toBe('eu-west-1');
    const err = await failure(run({ expr: 'test_power_watts', unit: 'watts', region: 'mars-1' }));
    expect(err).toMatchObject({ status: 400, source: 'plugin' });
    expect(err.message).toMatch(/^Unknown region "mars-1": use a cloud region id such as /);
  });

  it('refuses to guess without a region, saying how to set one', async () => {
    const err = await failure(run({ expr: 'test_power_watts', unit: 'watts' }));
    expect(err).toMatchObject({ status: 400, source: 'plugin' });
    expect(err.message).toBe(
      "promqlEnergy needs a region for the grid's carbon intensity: choose one in the query's Region field, or set " +
        '"Default region" in the datasource\'s Prometheus settings (jsonData.prometheus.defaultRegion, e.g. eu-west-1 or aws:eu-west-1).'
    );
  });
});

describe("the user's PromQL", () => {
  it("fails a syntax error as the user's 400 with Prometheus's message", async () => {
    const err = await failure(run({ expr: 'sum(test_power_watts', unit: 'watts', region: 'eu-west-1' }));
    expect(err).toMatchObject({ status: 400, source: 'plugin' });
    expect(err.message).toMatch(/^Prometheus rejected the expression \(bad_data\): .*unclosed left parenthesis/);
    const wrapped = await failure(run({ expr: 'test_energy_joules_total{', unit: 'joules', region: 'eu-west-1' }));
    expect(wrapped).toMatchObject({ status: 400, source: 'plugin' });
    expect(wrapped.message).toMatch(
      /^Prometheus rejected the expression \(bad_data\): .* \(the expression as sent, with the plugin's per-step increase around it: irate\(\(test_energy_joules_total\{\)\[45s:30s\]\) \* 30\)$/
    );
  });

  it('refuses a rate or an increase declared as joules, before asking Prometheus', () => {
    expect(() =>
      promqlEnergyHandler.parse({
        queryType: 'promqlEnergy',
        expr: 'sum(increase(test_energy_joules_total[5m]))',
        unit: 'joules',
      })
    ).toThrow(
      'An expression declared in joules must return a counter (a value that only grows, such as http_requests_total), because the plugin ' +
        'takes its increase per step itself; it calls increase(). Give the counter itself (e.g. node_rapl_package_joules_total), or declare rate() of it as watts.'
    );
    // As watts, rate() of the counter is power: 100 W.
    return totals({ expr: 'rate(test_energy_joules_total{host="a"}[2m])', unit: 'watts', region: 'eu-west-1' }).then(
      ([row]) => expect(row.joules).toBeCloseTo(A_J, 0)
    );
  });

  it('keeps a trailing comment from swallowing the per-step increase', async () => {
    const [row] = await totals({
      expr: 'test_energy_joules_total{host="a"} # joules since boot',
      unit: 'joules',
      region: 'eu-west-1',
    });
    close(row.joules, A_J);
  });

  it('says so when the expression returns nothing', async () => {
    const frames = await run({ expr: 'test_power_watts{host="zzz"}', unit: 'watts', region: 'eu-west-1' });
    expect(rows(frameNamed(frames, 'promqlEnergy'))).toEqual([]);
    expect(frames[0].meta?.notices?.map((n) => n.text)).toContain('The expression returned no series over this range.');
  });
});
