/**
 * processPower against a real Prometheus holding the Scaphandre fixture (tests/fixtures/exporters):
 * a Kubernetes node running Scaphandre with --containers and a bare-metal database host without
 * it, whose processes include an energy leak (a flat busy loop), a bursty nginx and an hourly cron
 * job with a new PID per run. Expected values come from the generator's ground truth.
 *
 * Tolerances, and why:
 * - At a 30 s step (the fixture's scrape interval, samples on the step grid) every subquery point
 *   takes exactly one sample, so Joules = Σ µW · 30 s is the truth up to the exporter's resolution:
 *   integer host µW and f32 CPU percentages (relative ~1e-7). Relative 1e-6 plus 1 mJ.
 * - Watts at each step are the samples themselves: relative 1e-6 plus 1 µW.
 * - At a 60 s step one sample in two stands for 60 s (a Riemann sum): exact for the flat leak,
 *   within 3% for the others here (their load changes slowly against 60 s, or in bursts of whole minutes).
 * - Prometheus runs with a 29 s lookback: imported blocks have no staleness markers, so with the
 *   default 5 min a cron run that ended would still be read for 5 minutes by the subquery points
 *   after it; a scraping Prometheus writes those markers and needs no such setting.
 */
import type { Frame } from '../../src/backend/frames/frame';
import { processPowerHandler } from '../../src/backend/queries/energy/processPower';
import { startPrometheus, type PrometheusServer } from '../helpers/prometheus';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import { generateScaphandre, scaphCmdline } from '../fixtures/exporters/scaphandre';
import { standardScenario } from '../fixtures/exporters/scenario';
import type { Scenario } from '../fixtures/exporters/cluster';
import {
  expectClose,
  failure,
  field,
  frameNamed,
  relTol,
  rows,
  runHandler,
  seriesOf,
  settingsFor,
} from './energyTestKit';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});
jest.setTimeout(60_000);

const sc: Scenario = standardScenario();
const S = sc.start;
const H = 3600;
const END = sc.end;
const LEGACY = '192.168.10.21:8080';
const NODE_B = '10.0.2.41:8080';
const HOSTS: Record<string, string> = {
  [NODE_B]: 'ip-10-0-2-41.eu-west-1.compute.internal',
  [LEGACY]: 'legacy-db-01',
};
const INJECTION = '"}) or vector(1) #';
/** What the datasource sends for a variable holding INJECTION in a regex field (Grafana's regex escaping). */
const INJECTION_ESCAPED = '"\\}\\) or vector\\(1\\) #';

const fx = generateScaphandre(sc);
const truth = fx.truth;
const bareMetalOnly: Scenario = { ...sc, hosts: sc.hosts.filter((h) => !h.containers) };
let prom: PrometheusServer;
let bareMetal: PrometheusServer;
let keplerOnly: PrometheusServer;

beforeAll(async () => {
  [prom, bareMetal, keplerOnly] = await Promise.all([
    startPrometheus(fx.openMetrics, { lookbackDelta: '29s' }),
    startPrometheus(generateScaphandre(bareMetalOnly).openMetrics, { lookbackDelta: '29s' }),
    startPrometheus(
      generateKepler010(sc, { levels: { container: false, process: false, cpuInfo: false } }).openMetrics
    ),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([prom?.stop(), bareMetal?.stop(), keplerOnly?.stop()]);
});

interface TruthProcess {
  instance: string;
  pid: string;
  exe: string;
  cmdline: string;
  namespace?: string;
  joules: number;
  watts: Float64Array;
  cores: Float64Array;
}

function truthProcesses(from: number, to: number): TruthProcess[] {
  const out: TruthProcess[] = [];
  for (const [instance, host] of Object.entries(HOSTS)) {
    for (const [pid, p] of truth.hosts.get(host)!.processes) {
      const joules = truth.integrate(p.watts, from, to);
      if (joules > 0) {
        out.push({
          instance,
          pid: String(pid),
          exe: p.exe,
          cmdline: scaphCmdline(p.argv),
          namespace: p.pod?.split('/')[0],
          joules,
          watts: p.watts,
          cores: p.cores,
        });
      }
    }
  }
  return out.sort((a, b) => b.joules - a.joules);
}

const timeSeries = (frames: Frame[]) => frames.filter((f) => f.meta?.type === 'timeseries-multi');
const keyOf = (r: { instance?: unknown; pid?: unknown }) => `${r.instance}/${r.pid}`;
const run = (json: Record<string, unknown>, from = S, to = END, server = () => prom, stepS = 30) =>
  runHandler(processPowerHandler, json, settingsFor({ url: server().url }), { from, to, stepS });

describe('points per series', () => {
  it('widens the subquery step to keep at most 11,000 points, whatever maxDataPoints and interval say', async () => {
    // Grafana's interval 1 ms and maxDataPoints int64's maximum (the issue's 10-year case sent
    // `[315359999500ms:1s]`). Over the week ending with the fixture, at most 10,999 steps:
    // ceil(604,800,000 ms / 10,999) = 54,987 ms, in whole seconds up 55 s; without the cap the 1 s
    // minimum step would win.
    const from = END - 7 * 86_400;
    const stepS = 55;
    const frames = await runHandler(
      processPowerHandler,
      { metric: 'energy', topN: 4 },
      settingsFor({ url: prom.url }),
      { from, to: END, stepS: 0.001, maxDataPoints: 2 ** 63 - 1 }
    );
    const executed = frames[0].meta?.executedQueryString ?? '';
    const steps = [...executed.matchAll(/:(\w+)\]/g)].map((m) => m[1]);
    expect(steps.length).toBeGreaterThan(0);
    expect(new Set(steps)).toEqual(new Set([`${stepS}s`]));
    expect(rows(frameNamed(frames, 'processEnergy')).length).toBeGreaterThan(0);
  });
});

describe('energy: Joules integrated from power', () => {
  it('ranks the top N processes of all hosts by Joules over the range, as the truth does', async () => {
    const frames = await run({ metric: 'energy', topN: 4 });
    const table = rows(frameNamed(frames, 'processEnergy'));
    // The three cron runs that follow are within f32 noise of each other: no stable order there.
    const want = truthProcesses(S, END).slice(0, 4);
    expect(table.map(keyOf)).toEqual(want.map(keyOf));
    expect(table.map((r) => [r.exe, r.cmdline])).toEqual(want.map((p) => [p.exe, p.cmdline]));
    expectClose(
      Object.fromEntries(table.map((r) => [keyOf(r), r.joules as number])),
      Object.fromEntries(want.map((p) => [keyOf(p), p.joules])),
      relTol(1e-6, 1e-3)
    );
    for (const r of table) {
      expect(r.kWh).toBeCloseTo((r.joules as number) / 3.6e6, 12);
    }
    // The leak (one core for 3 h) outranks each cron run (3.5 cores for 10 minutes), by energy.
    expect(table[1]).toMatchObject({ pid: '48211', cmdline: '/usr/bin/python3-cwhile True: pass' });
  });

  it('counts a short-lived process only while it runs (a new PID per cron run)', async () => {
    const frames = await run({ metric: 'energy', cmdline: '/bin/bash/usr/local/bin/backup\\.sh', topN: 10 });
    const table = rows(frameNamed(frames, 'processEnergy'));
    const want = truthProcesses(S, END).filter((p) => p.cmdline === '/bin/bash/usr/local/bin/backup.sh');
    expect(want).toHaveLength(3);
    expectClose(
      Object.fromEntries(table.map((r) => [keyOf(r), r.joules as number])),
      Object.fromEntries(want.map((p) => [keyOf(p), p.joules])),
      relTol(1e-6, 1e-3)
    );
  });

  it('compares host energy with the sum of its processes; the remainder is unattributed (idle)', async () => {
    const [from, to] = [S + H, END];
    const frames = await run({ metric: 'energy', topN: 200 }, from, to);
    const hosts = rows(frameNamed(frames, 'hostEnergy'));
    expect(hosts.map((r) => r.instance)).toEqual([NODE_B, LEGACY]);
    for (const r of hosts) {
      const h = truth.hosts.get(HOSTS[r.instance as string])!;
      const hostJ = truth.integrate(h.watts, from, to);
      const procJ = [...h.processes.values()].reduce((a, p) => a + truth.integrate(p.watts, from, to), 0);
      expect(Math.abs((r.host_joules as number) - hostJ)).toBeLessThanOrEqual(hostJ * 1e-6 + 1e-3);
      expect(Math.abs((r.processes_joules as number) - procJ)).toBeLessThanOrEqual(procJ * 1e-6 + 1e-3);
      expect(r.unattributed_joules as number).toBeCloseTo(hostJ - procJ, 0);
      expect(r.unattributed_share as number).toBeCloseTo((hostJ - procJ) / hostJ, 6);
    }
  });

  it('at a 60 s step, one sample in two stands for the step: within 3% (the flat leak exactly)', async () => {
    const frames = await run(
      { metric: 'energy', exe: '/usr/bin/python3.*|/usr/sbin/nginx', topN: 10 },
      S,
      END,
      () => prom,
      60
    );
    const table = rows(frameNamed(frames, 'processEnergy'));
    const want = truthProcesses(S, END).filter((p) => /^(\/usr\/bin\/python3.*|\/usr\/sbin\/nginx)$/.test(p.exe));
    expectClose(
      Object.fromEntries(table.map((r) => [keyOf(r), r.joules as number])),
      Object.fromEntries(want.map((p) => [keyOf(p), p.joules])),
      relTol(0.03, 1e-3)
    );
  });
});

describe('power: watts per process and per host', () => {
  it('returns the top N processes as W series, in rank order, with pid, exe and cmdline labels', async () => {
    const frames = await run({ metric: 'power', topN: 3 });
    const want = truthProcesses(S, END).slice(0, 3);
    const processFrames = timeSeries(frames).filter((f) => seriesOf(f).labels.pid !== undefined);
    expect(processFrames.map((f) => keyOf(seriesOf(f).labels))).toEqual(want.map(keyOf));
    for (const [i, frame] of processFrames.entries()) {
      const { times, values, labels } = seriesOf(frame);
      expect(labels).toMatchObject({ pid: want[i].pid, exe: want[i].exe, cmdline: want[i].cmdline });
      expect(frame.meta?.type).toBe('timeseries-multi');
      expect(field(frame, 'power').config?.unit).toBe('watt');
      // cmdline is shown as Scaphandre joins it: no separators added or guessed.
      expect(field(frame, 'power').config?.displayNameFromDS).toBe(
        `${want[i].cmdline} (pid ${want[i].pid}) on ${want[i].instance}`
      );
      expect(times).toHaveLength((END - S) / 30 + 1);
      times.forEach((t, j) => {
        const k = (t / 1000 - S) / 30;
        expect(Math.abs(values[j]! - want[i].watts[k])).toBeLessThanOrEqual(want[i].watts[k] * 1e-6 + 1e-6);
      });
    }
  });

  it('adds host power, all processes and the unattributed remainder per host, step by step', async () => {
    const frames = await run({ metric: 'power', topN: 1, exe: '/usr/sbin/nginx' });
    const byRole = (role: string) => timeSeries(frames).find((f) => seriesOf(f).labels.series === role)!;
    // Only the host of the selected processes (nginx runs on the bare-metal host only).
    expect(
      timeSeries(frames)
        .filter((f) => seriesOf(f).labels.series)
        .map((f) => seriesOf(f).labels.instance)
    ).toEqual([LEGACY, LEGACY, LEGACY]);
    const h = truth.hosts.get('legacy-db-01')!;
    const host = seriesOf(byRole('host'));
    const procs = seriesOf(byRole('processes'));
    const rest = seriesOf(byRole('unattributed'));
    host.times.forEach((t, j) => {
      const k = (t / 1000 - S) / 30;
      const procW = [...h.processes.values()].reduce((a, p) => a + p.watts[k], 0);
      expect(Math.abs(host.values[j]! - h.watts[k])).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(procs.values[j]! - procW)).toBeLessThanOrEqual(procW * 1e-6 + 1e-6);
      expect(Math.abs(rest.values[j]! - (h.watts[k] - procW))).toBeLessThanOrEqual(procW * 1e-6 + 2e-6);
    });
  });
});

describe('energy leaks', () => {
  it('flags the flat busy loop, not the bursty nginx, the sine-loaded postgres or the flat-while-running cron job', async () => {
    const frames = await run({ metric: 'energy', topN: 3 });
    const leaks = rows(frameNamed(frames, 'energyLeaks'));
    expect(leaks.map((r) => [r.instance, r.pid, r.exe, r.cmdline])).toEqual([
      [LEGACY, '48211', '/usr/bin/python3.11', '/usr/bin/python3-cwhile True: pass'],
    ]);
    const p = truthProcesses(S, END).find((x) => x.pid === '48211')!;
    expect(Math.abs((leaks[0].joules as number) - p.joules)).toBeLessThanOrEqual(p.joules * 1e-6);
    expect(leaks[0].watts as number).toBeCloseTo(p.joules / (END - S), 4);
    expect(leaks[0].cpu_percent as number).toBeCloseTo(6.25, 4); // one core of 16
    const notices = frames[0].meta?.notices ?? [];
    expect(notices.find((n) => n.severity === 'warning')?.text).toMatch(
      /^1 process looks like an energy leak .*\/usr\/bin\/python3-cwhile True: pass \(pid 48211\): \d+\.\d W, \d+\.\d kJ\. Definition: CPU share never below 1% of all cores/
    );
  });

  it('is looked for within the filters only, and not over short ranges', async () => {
    const nginxOnly = await run({ metric: 'power', exe: '/usr/sbin/nginx' });
    expect(rows(frameNamed(nginxOnly, 'energyLeaks'))).toEqual([]);
    const short = await run({ metric: 'power' }, END - 20 * 60, END);
    expect(short.find((f) => f.name === 'energyLeaks')).toBeUndefined();
    expect(short[0].meta?.notices?.map((n) => n.text)).toContain(
      'Energy leaks are looked for over ranges of 30 minutes or more.'
    );
  });
});

describe('filters', () => {
  it('filters on exe and cmdline regexes, matched in full', async () => {
    const byExe = rows(frameNamed(await run({ metric: 'energy', exe: '/usr/bin/python3.*' }), 'processEnergy'));
    expect(byExe.map((r) => r.pid).sort()).toEqual(['48211', '48300']);
    const byCmdline = rows(frameNamed(await run({ metric: 'energy', cmdline: '.*http\\.server.*' }), 'processEnergy'));
    expect(byCmdline.map((r) => [r.pid, r.cmdline])).toEqual([['48300', '/usr/bin/python3-mhttp.server8000']]);
    // Anchored: a partial match is no match.
    const partial = await run({ metric: 'energy', exe: 'python3' });
    expect(partial[0].fields).toEqual([]);
    expect(partial[0].meta?.notices?.[0].text).toMatch(/^No Scaphandre process matches exe =~ "python3" between/);
  });

  it('filters on Kubernetes namespaces when Scaphandre runs with --containers', async () => {
    const [from, to] = [S + H, END];
    const table = rows(
      frameNamed(await run({ metric: 'energy', namespaces: ['shop'], topN: 50 }, from, to), 'processEnergy')
    );
    const want = truthProcesses(from, to).filter((p) => p.namespace === 'shop');
    expect(want.length).toBeGreaterThanOrEqual(4); // api (restarted: two PIDs), postgres ×2
    expectClose(
      Object.fromEntries(table.map((r) => [keyOf(r), r.joules as number])),
      Object.fromEntries(want.map((p) => [keyOf(p), p.joules])),
      relTol(1e-6, 1e-3)
    );
    expect(new Set(table.map((r) => r.kubernetes_pod_namespace))).toEqual(new Set(['shop']));
  });

  it('refuses a namespace filter on Scaphandre without --containers, saying why', async () => {
    const err = await failure(run({ metric: 'power', namespaces: ['shop'] }, S, END, () => bareMetal));
    expect(err).toMatchObject({ status: 400, source: 'plugin' });
    expect(err.message).toMatch(
      /^The namespace filter needs Scaphandre started with --containers, which adds kubernetes_pod_namespace to process series; .*no container labels on process series.*scaphandre prometheus --containers/
    );
    // Without the filter the same Prometheus answers.
    const ok = await run({ metric: 'energy', topN: 2 }, S, END, () => bareMetal);
    expect(rows(frameNamed(ok, 'processEnergy')).map((r) => r.pid)).toEqual(['1201', '48211']);
  });

  it('fails with what discovery found when there is no Scaphandre', async () => {
    const err = await failure(run({ metric: 'power' }, S, END, () => keplerOnly));
    expect(err).toMatchObject({ status: 400, source: 'plugin' });
    expect(err.message).toMatch(
      /^processPower reads Scaphandre's per-process power \(scaph_process_power_consumption_microwatts\), which Prometheus at http:\/\/127\.0\.0\.1:\d+ does not hold between 2025-01-06T00:00:00\.000Z and 2025-01-06T03:00:00\.000Z\. Found: Kepler 0\.10 \(zones .*version v0\.10\.0\) found; Scaphandre not found: processPower needs it/
    );
  });
});

describe('template variable values that look like PromQL', () => {
  it('keep their meaning in exe and cmdline: escaped they match nothing, raw they are an invalid regex', async () => {
    for (const key of ['exe', 'cmdline']) {
      const frames = await run({ metric: 'power', [key]: INJECTION_ESCAPED });
      expect(frames).toHaveLength(1);
      expect(frames[0].fields).toEqual([]);
      expect(frames[0].meta?.executedQueryString).toContain(`${key}=~"\\"\\\\}\\\\) or vector\\\\(1\\\\) #"`);
      const err = await failure(run({ metric: 'power', [key]: INJECTION }));
      expect(err).toMatchObject({ status: 400, source: 'plugin' });
      expect(err.message).toMatch(new RegExp(`^The regex for ${key} is not valid`));
    }
  });

  it('keep their meaning in namespaces: a literal namespace that does not exist', async () => {
    const frames = await run({ metric: 'energy', namespaces: [INJECTION] });
    expect(frames[0].fields).toEqual([]);
    expect(frames[0].meta?.notices?.[0].text).toMatch(
      /^No Scaphandre process matches namespace in "\}\) or vector\(1\) #/
    );
    expect(frames[0].meta?.executedQueryString).toContain(
      'kubernetes_pod_namespace=~"\\"\\\\}\\\\) or vector\\\\(1\\\\) #"'
    );
  });
});

describe('query validation', () => {
  it('refuses a topN that is not a whole number from 1 to 200, and reads one from a template variable', () => {
    for (const topN of [0, 2.5, 201, 'five']) {
      expect(() => processPowerHandler.parse({ queryType: 'processPower', metric: 'power', topN })).toThrow(/topN/);
    }
    expect(processPowerHandler.parse({ queryType: 'processPower', metric: 'power', topN: '5' })).toMatchObject({
      topN: 5,
    });
  });
});
