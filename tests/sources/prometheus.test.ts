/**
 * The Prometheus source against a real Prometheus (Debian's 2.42, fixtures imported with promtool):
 * query and query_range values, the series limit, user and plugin expressions, label values that
 * look like PromQL staying literal, exporter discovery on two clusters, "Save & test" and the
 * `exporters` resource route.
 */
import { startPrometheus, type PrometheusServer } from '../helpers/prometheus';
import { checkDataSourceHealth } from '../../src/backend/queries/health';
import { QueryError } from '../../src/backend/core/errors';
import { handleResource } from '../../src/backend/queries/resources';
import { logger } from '../../src/backend/core/logger';
import { openPrometheus } from '../../src/backend/sources';
import { PromClient } from '../../src/backend/sources/prometheus/promClient';
import { matcherIn, matcherRegex, selector } from '../../src/backend/sources/prometheus/promql';
import { instanceFor } from '../helpers/instances';
import {
  INJECTION,
  KEPLER_010_OPENCOST,
  KEPLER_07_SCAPHANDRE,
  LITERAL_VALUES,
  settingsFor,
  T0,
  T_END,
} from './prometheusFixtures';

// Request logs (debug) would drown the test output.
jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});

jest.setTimeout(60_000);

let modern: PrometheusServer;
let legacy: PrometheusServer;
const clients: PromClient[] = [];
const client = (url: string, options: { seriesLimit?: number } = {}) => {
  const c = new PromClient({ url, logger, ...options });
  clients.push(c);
  return c;
};
const endMs = T_END * 1000;
const range = { fromMs: T0 * 1000, toMs: endMs };

beforeAll(async () => {
  [modern, legacy] = await Promise.all([startPrometheus(KEPLER_010_OPENCOST), startPrometheus(KEPLER_07_SCAPHANDRE)]);
});
afterAll(async () => {
  clients.forEach((c) => c.close());
  await Promise.all([modern?.stop(), legacy?.stop()]);
});

async function failure(promise: Promise<unknown>): Promise<QueryError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(err).toBeInstanceOf(QueryError);
  return err as QueryError;
}

describe('queries', () => {
  it('answers an instant query with typed numbers and labels', async () => {
    const r = await client(modern.url).query(
      'sum by (pod_namespace) (kepler_pod_cpu_joules_total{zone="package"})',
      endMs
    );
    expect(r.data.resultType).toBe('vector');
    const byNs = Object.fromEntries(
      r.data.resultType === 'vector' ? r.data.series.map((s) => [s.labels.pod_namespace, s.value]) : []
    );
    expect(byNs).toEqual({ shop: 1500, jobs: 600 });
    expect(r.data.resultType === 'vector' && r.data.series[0].timeMs).toBe(endMs);
    expect(r.warnings).toEqual([]);
  });

  it('answers a range query as a matrix of timestamps and values', async () => {
    const c = client(modern.url);
    const r = await c.queryRange(
      'sum by (pod_namespace) (rate(kepler_pod_cpu_joules_total{zone="package"}[5m]))',
      (T0 + 600) * 1000,
      endMs,
      300_000
    );
    expect(r.data.resultType).toBe('matrix');
    const shop = r.data.series.find((s) => s.labels.pod_namespace === 'shop')!;
    expect(shop.timesMs).toEqual([0, 1, 2, 3, 4].map((k) => (T0 + 600 + 300 * k) * 1000));
    shop.values.forEach((v) => expect(v).toBeCloseTo(50 / 60, 6));
  });

  it('reads +Inf, NaN and scalars', async () => {
    const c = client(modern.url);
    expect((await c.query('1/0', endMs)).data).toEqual({ resultType: 'scalar', timeMs: endMs, value: Infinity });
    const nan = (await c.query('vector(0)/0', endMs)).data;
    expect(nan.resultType === 'vector' && nan.series[0].value).toBeNaN();
  });

  it('lists series, label names and label values', async () => {
    const c = client(modern.url);
    const series = await c.series(['kepler_node_cpu_joules_total'], T0 * 1000, endMs);
    expect(series.data.map((s) => s.zone).sort()).toEqual(['dram', 'package']);
    const window = { startMs: range.fromMs, endMs: range.toMs };
    expect((await c.labelNames(['kepler_pod_cpu_joules_total'], window)).data).toEqual(
      expect.arrayContaining(['pod_namespace', 'pod_name', 'zone', 'state'])
    );
    expect((await c.labelValues('pod_namespace', ['kepler_pod_cpu_joules_total'], window)).data).toEqual([
      'jobs',
      'shop',
    ]);
    // Outside the fixture's time range there is nothing.
    expect(
      (await c.labelValues('pod_namespace', ['kepler_pod_cpu_joules_total'], { startMs: 0, endMs: 3_600_000 })).data
    ).toEqual([]);
    expect((await c.series(['kepler_pod_cpu_joules_total'], T0 * 1000, endMs, { limit: 1 })).data).toHaveLength(1);
  });

  it('fails a query over the series limit, telling the user what to do', async () => {
    const c = client(modern.url, { seriesLimit: 2 });
    const err = await failure(c.query('kepler_pod_cpu_joules_total', endMs));
    expect(err).toMatchObject({ status: 400, source: 'plugin' });
    expect(err.message).toMatch(/more than 2 series.*narrow it.*raise "Series limit"/);
    await failure(c.queryRange('kepler_pod_cpu_joules_total', T0 * 1000, endMs, 60_000));
    await failure(c.series(['kepler_pod_cpu_joules_total'], T0 * 1000, endMs));
    // Exactly at the limit is fine.
    expect((await c.query('kepler_node_cpu_joules_total', endMs)).data).toMatchObject({
      resultType: 'vector',
      series: [{}, {}],
    });
  });

  it('refuses a range with more points than Prometheus allows, before asking', async () => {
    const err = await failure(client(modern.url).queryRange('up', 0, endMs, 1000));
    expect(err.message).toMatch(/more than 11000 points per series/);
  });

  it("fails a user's bad expression as a bad query, and a plugin-built one as downstream", async () => {
    const c = client(modern.url);
    const user = await failure(c.query('sum(kepler_pod_cpu_joules_total', endMs, { origin: 'user' }));
    expect(user).toMatchObject({ status: 400, source: 'plugin' });
    expect(user.message).toMatch(/^Prometheus rejected the expression \(bad_data\): .*parse error/);
    const plugin = await failure(c.query('sum(kepler_pod_cpu_joules_total', endMs));
    expect(plugin).toMatchObject({ status: 400, source: 'downstream' });
    expect(plugin.message).toMatch(/rejected a query built by the plugin \(HTTP 400, bad_data\)/);
  });
});

describe('PromQL building blocks against the real parser', () => {
  const count = async (matcher: string) => {
    const r = await client(modern.url).query(
      `count(${selector('greenops_literal_test', [matcher])}) or vector(0)`,
      endMs
    );
    return r.data.resultType === 'vector' ? r.data.series[0].value : NaN;
  };

  it.each(LITERAL_VALUES)('matches the label value %j exactly, as a literal', async (value) => {
    const r = await client(modern.url).query(selector('greenops_literal_test', [matcherIn('value', [value])]), endMs);
    expect(r.data.resultType === 'vector' && r.data.series.map((s) => s.labels.value)).toEqual([value]);
  });

  it('keeps the injection attempt inside the selector', async () => {
    expect(await count(matcherIn('value', [INJECTION]))).toBe(1);
    expect(await count(matcherIn('value', ['a|b']))).toBe(1);
    expect(await count(matcherIn('value', ['.*']))).toBe(1);
    expect(await count(matcherIn('value', ['a', 'b']))).toBe(2);
    expect(await count(matcherIn('value', []))).toBe(LITERAL_VALUES.length);
    expect(await count(matcherRegex('value', 'a|b'))).toBe(2);
  });
});

describe('discovery', () => {
  it('finds Kepler 0.10+ with its zones and OpenCost, and says what is missing', async () => {
    const found = await openPrometheus(instanceFor(settingsFor({ url: modern.url }))).discoverExporters(range);
    const present = found.exporters.filter((e) => e.present).map((e) => e.id);
    expect(present).toEqual(['kepler-0.10', 'opencost']);
    expect(found.findings.kepler).toMatchObject({ generations: ['0.10+'], zones: ['dram', 'package'] });
    expect(found.exporters.find((e) => e.id === 'kepler-0.10')).toMatchObject({
      name: 'Kepler 0.10+',
      detail: 'zones dram, package',
      evidence: ['kepler_node_cpu_joules_total', 'kepler_pod_cpu_joules_total', 'zone values: dram, package'],
    });
    expect(found.findings.opencost.evidence).toEqual(['node_cpu_hourly_cost', 'container_cpu_allocation']);
    const available = Object.entries(found.queryTypes)
      .filter(([, s]) => s.available)
      .map(([t]) => t);
    expect(available).toEqual(['namespaceEnergy', 'costVsCarbon', 'energyPerUnit', 'promqlEnergy']);
    expect(found.queryTypes.processPower).toEqual({ available: false, by: [], reason: 'Scaphandre not found' });
    expect(found.summary).toBe(
      'Kepler 0.10+ (zones dram, package), OpenCost found; Scaphandre not found: processPower needs it; ' +
        'kube-state-metrics and cAdvisor not found: carbonEfficiency needs them.'
    );
    expect(found.requests).toBe(2);
  });

  it('finds Kepler 0.7, Scaphandre 1.x with --containers, kube-state-metrics and cAdvisor', async () => {
    const found = await openPrometheus(instanceFor(settingsFor({ url: legacy.url }))).discoverExporters(range);
    expect(found.exporters.filter((e) => e.present).map((e) => e.id)).toEqual([
      'kepler-0.7',
      'scaphandre',
      'kube-state-metrics',
      'cadvisor',
    ]);
    expect(found.findings.kepler).toMatchObject({
      generations: ['0.7'],
      legacyModeLabel: true,
      legacyComponents: ['package', 'dram'],
    });
    expect(found.findings.scaphandre).toMatchObject({
      found: true,
      generation: '1.x',
      version: '1.02',
      containers: true,
      processes: true,
    });
    expect(found.exporters.find((e) => e.id === 'scaphandre')).toMatchObject({
      name: 'Scaphandre 1.x',
      detail: '--containers, version 1.02',
    });
    expect(found.queryTypes.namespaceEnergy).toEqual({ available: true, by: ['Kepler', 'Scaphandre (--containers)'] });
    expect(found.queryTypes.carbonEfficiency.available).toBe(true);
    expect(found.queryTypes.costVsCarbon).toMatchObject({ available: false, reason: 'OpenCost not found' });
    expect(found.summary).toMatch(
      /^Kepler 0\.7, Scaphandre 1\.x \(--containers, version 1\.02\), kube-state-metrics, cAdvisor found; OpenCost not found: costVsCarbon needs it\.$/
    );
    // names, then Kepler 0.7 labels, Scaphandre labels and version, concurrently.
    expect(found.requests).toBe(4);
  });

  it('finds nothing outside the window it looks at', async () => {
    const found = await openPrometheus(instanceFor(settingsFor({ url: modern.url }))).discoverExporters({
      fromMs: 0,
      toMs: 3_600_000,
    });
    expect(found.exporters.some((e) => e.present)).toBe(false);
    expect(found.summary).toMatch(/^No power or cost exporter found; /);
    expect(found.queryTypes.promqlEnergy.available).toBe(true);
  });
});

describe('source, health and resource route', () => {
  it('keeps one source and one client per datasource instance', async () => {
    const instance = instanceFor(settingsFor({ url: modern.url }));
    expect(openPrometheus(instance)).toBe(openPrometheus(instance));
    expect(await openPrometheus(instance).client()).toBe(await openPrometheus(instance).client());
    expect(openPrometheus(instanceFor(settingsFor({ url: modern.url })))).not.toBe(openPrometheus(instance));
  });

  it('reports Prometheus in "Save & test": reachable, then what it found (last hour: nothing in these fixtures)', async () => {
    const result = await checkDataSourceHealth(instanceFor(settingsFor({ url: modern.url })));
    expect(result.ok).toBe(true);
    expect(result.message).toContain(`Prometheus: OK: ${modern.url} is reachable. No power or cost exporter found;`);
    expect(result.details?.sources).toHaveProperty('prometheus.ok', true);
  });

  it('fails "Save & test" when Prometheus is unreachable or misconfigured', async () => {
    await legacy.stop();
    const down = await checkDataSourceHealth(instanceFor(settingsFor({ url: legacy.url })));
    expect(down.ok).toBe(false);
    expect(down.message).toContain(`Prometheus: FAILED: Cannot reach Prometheus at ${legacy.url} (ECONNREFUSED)`);
    const noToken = await checkDataSourceHealth(instanceFor(settingsFor({ url: modern.url, authType: 'bearer' })));
    expect(noToken.message).toMatch(/Prometheus: FAILED: Prometheus bearer authentication needs a token/);
  });

  it('serves GET exporters, with a 400 when Prometheus is not configured', async () => {
    const get = (settings: ReturnType<typeof settingsFor>, query = '') =>
      handleResource({ method: 'GET', path: 'exporters', query: new URLSearchParams(query) }, instanceFor(settings));
    const ok = await get(settingsFor({ url: modern.url }), `from=${range.fromMs}&to=${range.toMs}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      exporters: expect.arrayContaining([expect.objectContaining({ id: 'opencost', present: true })]),
    });
    const none = await handleResource(
      { method: 'GET', path: 'exporters', query: new URLSearchParams() },
      instanceFor({ ...settingsFor({ url: '' }), jsonData: {} })
    );
    expect(none).toEqual({ status: 400, body: { message: expect.stringMatching(/Prometheus is not configured/) } });
    expect((await get(settingsFor({ url: modern.url }), 'from=abc')).status).toBe(400);
    const down = await get(settingsFor({ url: legacy.url }));
    expect(down).toMatchObject({
      status: 502,
      body: { source: 'downstream', message: expect.stringMatching(/ECONNREFUSED/) },
    });
    expect(
      (
        await handleResource(
          { method: 'GET', path: 'regions', query: new URLSearchParams('provider=aws') },
          instanceFor(settingsFor({ url: '' }))
        )
      ).status
    ).toBe(200);
    expect(
      (
        await handleResource(
          { method: 'GET', path: 'nope', query: new URLSearchParams() },
          instanceFor(settingsFor({ url: '' }))
        )
      ).body
    ).toEqual({
      message:
        'No resource "nope". Available: query-types, regions, providers, accounts, services, namespaces, workloads, nodes, processes, exporters.',
    });
  });

  it('serves GET namespaces from every exporter family, sorted and unique', async () => {
    const res = await handleResource(
      { method: 'GET', path: 'namespaces', query: new URLSearchParams(`from=${range.fromMs}&to=${range.toMs}`) },
      instanceFor(settingsFor({ url: modern.url }))
    );
    expect(res.status).toBe(200);
    const names = res.body as string[];
    expect(names).toContain('shop');
    expect(names).toEqual([...new Set(names)].sort());
  });
});
