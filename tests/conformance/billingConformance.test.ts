/**
 * Conformance of the billing query types (cloudEmissions, cloudTrend) of the packaged backend,
 * through go-plugin and the real pluginv2 protocol: the go-plugin host (hostHarness.ts) runs a
 * scenario file written here against a FOCUS datasource reading a copy of the public FOCUS sample
 * (demo/focus/focus_sample_1000.csv, a copy of shared/data/focus), a datasource with a missing FOCUS path, and an
 * AWS Cost Explorer datasource whose endpoint is a closed local port with secret keys.
 * Every frame goes through checkGrafanaFrame (grafana-plugin-sdk-go data/arrow.go rules); the
 * table's cost per provider is checked against sums computed here from the CSV.
 *
 * Needs `npm run build` first (dist/datasource/gpx_greenops_carbon_linux_amd64) and the FOCUS
 * sample shipped in demo/focus/ (GREENOPS_FOCUS_SAMPLE overrides its path).
 *
 * Run: npx jest --selectProjects integration -- tests/conformance
 */
import fs from 'fs';
import net from 'net';
import path from 'path';

import { Type } from 'apache-arrow';
import { parse } from 'csv-parse/sync';

import { type CheckedField, type CheckedFrame } from './arrowRules';
import { buildHost, makeWorkDir, readFrames, requireExecutable, ROOT, runHost } from './hostHarness';

const FOCUS_SAMPLE =
  process.env.GREENOPS_FOCUS_SAMPLE ?? path.resolve(ROOT, 'demo/focus/focus_sample_1000.csv');

const SECRET = 'conformance-secret-value';
const ACCESS_KEY_ID = 'AKIACONFORMANCE';
const DAY_MS = 86_400_000;

interface HealthResult {
  status: number;
  statusName: string;
  message: string;
  rpcError?: string;
}
interface QueryResult {
  error: string;
  status: number;
  errorSource: string;
  frameCount: number;
  frames: string[];
  missing?: boolean;
  rpcError?: string;
}
interface Results {
  fatal?: string;
  health: Record<string, HealthResult>;
  queries: Record<string, QueryResult>;
  calls: Array<{ kind: string; name: string; rpcError?: string }>;
}

/** One row of the FOCUS sample as csv-parse gives it (every cell a string, nulls as `NULL`). */
type CsvRow = Record<string, string>;

/** ChargePeriodStart `2024-09-18 22:00:00` (UTC, no zone) as epoch ms. */
function focusTime(s: string): number {
  const ms = Date.parse(`${s.trim().replace(' ', 'T')}Z`);
  if (!Number.isFinite(ms)) {
    throw new Error(`unexpected ChargePeriodStart ${JSON.stringify(s)} in the FOCUS sample`);
  }
  return ms;
}

function focusNumber(s: string | undefined): number | null {
  return s === undefined || s === '' || s === 'NULL' ? null : Number(s);
}

/** The ProviderName values of the sample and the provider label the backend documents for them. */
const PROVIDER_LABELS: Record<string, string> = { AWS: 'aws', Microsoft: 'azure', Oracle: 'oci' };

/**
 * Cost per provider label, computed here from the CSV: Usage rows with ChargePeriodStart in
 * [from, to), EffectiveCost, or BilledCost when EffectiveCost is 0 or NULL
 * (src/backend/sources/focus/focusRowReader.ts).
 */
function expectedCostByProvider(rows: CsvRow[], from: number, to: number): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of rows) {
    if (row.ChargeCategory !== 'Usage') {
      continue;
    }
    const start = focusTime(row.ChargePeriodStart);
    if (start < from || start >= to) {
      continue;
    }
    const label = PROVIDER_LABELS[row.ProviderName];
    if (label === undefined) {
      throw new Error(`the FOCUS sample has a provider this test does not know: ${row.ProviderName}`);
    }
    const effective = focusNumber(row.EffectiveCost);
    const billed = focusNumber(row.BilledCost);
    const cost = effective === null || effective === 0 ? (billed ?? 0) : effective;
    totals.set(label, (totals.get(label) ?? 0) + cost);
  }
  return totals;
}

function expectRelativelyClose(actual: unknown, expected: number, what: string, rel = 1e-9): void {
  expect(typeof actual).toBe('number');
  const a = actual as number;
  const tolerance = rel * Math.max(Math.abs(a), Math.abs(expected), Number.MIN_VALUE);
  if (!(Math.abs(a - expected) <= tolerance)) {
    throw new Error(`${what}: ${a} differs from the expected ${expected} by more than ${rel} relative`);
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on (bound once by us, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Scenario state, filled by beforeAll.
let workDir = '';
let outDir = '';
let focusCopy = '';
let missingFocusPath = '';
let awsEndpoint = '';
let results: Results;
let setupError: Error | undefined;
let frames: Record<string, CheckedFrame[]> = {};
let frameErrors: string[] = [];
let sampleRows: CsvRow[] = [];
/** The sample's billing month [FROM_MS, TO_MS), from its ChargePeriodStart range. */
let FROM_MS = 0;
let TO_MS = 0;

/** The first of the month of the earliest ChargePeriodStart, and the first of the next month. */
function billingMonth(rows: CsvRow[]): { from: number; to: number } {
  const starts = rows.map((r) => focusTime(r.ChargePeriodStart));
  const first = new Date(Math.min(...starts));
  const last = new Date(Math.max(...starts));
  const from = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1);
  const to = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1);
  if (last.getTime() >= to) {
    throw new Error(
      `the FOCUS sample's ChargePeriodStart spans more than one month (${first.toISOString()} … ${last.toISOString()})`
    );
  }
  return { from, to };
}

function writeScenario(file: string): void {
  const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
  const focusDs = {
    uid: 'focus',
    name: 'GreenOps Carbon (FOCUS conformance)',
    id: 11,
    jsonData: JSON.stringify({ focus: { paths: [focusCopy] } }),
    lastUpdatedMS: 1,
  };
  const missingDs = {
    uid: 'focus-missing',
    name: 'GreenOps Carbon (missing FOCUS path)',
    id: 12,
    jsonData: JSON.stringify({ focus: { paths: [missingFocusPath] } }),
    lastUpdatedMS: 1,
  };
  const awsDs = {
    uid: 'aws-closed-port',
    name: 'GreenOps Carbon (unreachable Cost Explorer)',
    id: 13,
    jsonData: JSON.stringify({ aws: { authType: 'keys', endpoint: awsEndpoint } }),
    decryptedSecureJsonData: { awsAccessKeyId: ACCESS_KEY_ID, awsSecretAccessKey: SECRET },
    lastUpdatedMS: 1,
  };
  const query = (refId: string, model: Record<string, unknown>) => ({
    refId,
    queryType: model.queryType,
    json: JSON.stringify({ refId, ...model }),
    from: rfc3339(FROM_MS),
    to: rfc3339(TO_MS),
    intervalMS: DAY_MS,
    maxDataPoints: 1000,
  });
  const emissions = {
    queryType: 'cloudEmissions',
    source: 'focus',
    metrics: ['co2e', 'cost'],
    groupBy: ['provider'],
    granularity: 'daily',
    methodology: 'greenops',
  };
  const scenario = {
    calls: [
      { kind: 'checkHealth', name: 'focus', dataSource: focusDs },
      { kind: 'checkHealth', name: 'focus-missing', dataSource: missingDs },
      {
        kind: 'queryData',
        name: 'focus-queries',
        dataSource: focusDs,
        queries: [
          query('E', emissions),
          query('T', { ...emissions, format: 'table' }),
          query('R', { queryType: 'cloudTrend', source: 'focus' }),
          query('X', { ...emissions, source: 'gcs' }),
          query('M', { ...emissions, metrics: [] }),
          query('G', { ...emissions, groupBy: ['colour'] }),
        ],
      },
      {
        kind: 'queryData',
        name: 'aws-queries',
        dataSource: awsDs,
        queries: [query('W', { ...emissions, source: 'awsCostExplorer' })],
      },
    ],
  };
  fs.writeFileSync(file, JSON.stringify(scenario, null, 2));
}

beforeAll(async () => {
  try {
    requireExecutable();
    if (!fs.existsSync(FOCUS_SAMPLE)) {
      throw new Error(
        `FOCUS sample not found at ${FOCUS_SAMPLE} (the repository ships it under demo/focus/)`
      );
    }
    sampleRows = parse(fs.readFileSync(FOCUS_SAMPLE), { columns: true, skip_empty_lines: true }) as CsvRow[];
    ({ from: FROM_MS, to: TO_MS } = billingMonth(sampleRows));

    workDir = makeWorkDir('billing-conformance-');
    outDir = path.join(workDir, 'out');
    const focusDir = path.join(workDir, 'focus');
    fs.mkdirSync(focusDir);
    focusCopy = path.join(focusDir, path.basename(FOCUS_SAMPLE));
    fs.copyFileSync(FOCUS_SAMPLE, focusCopy);
    fs.chmodSync(focusCopy, 0o644);
    missingFocusPath = path.join(workDir, 'no-such-folder', 'focus_missing.csv');
    awsEndpoint = `http://127.0.0.1:${await closedPort()}`;
    const scenarioFile = path.join(workDir, 'scenario.json');
    writeScenario(scenarioFile);

    const host = await buildHost(path.join(workDir, 'host'));
    results = await runHost<Results>({ host, outDir, scenarioFile });
    ({ frames, errors: frameErrors } = readFrames(outDir, results.queries));
  } catch (e) {
    setupError = e as Error;
  }
}, 480_000);

afterAll(() => {
  // Keep results.json, frames and logs for diagnosis; drop the throwaway GOPATH and binary.
  if (workDir) {
    fs.rmSync(path.join(workDir, 'host'), { recursive: true, force: true });
  }
});

function ready(): Results {
  if (setupError) {
    throw setupError;
  }
  return results;
}

function field(frame: CheckedFrame, name: string): CheckedField {
  const f = frame.fields.find((x) => x.name === name);
  if (!f) {
    throw new Error(
      `frame of refId ${frame.refId} has no field "${name}" (fields: ${frame.fields.map((x) => x.name).join(', ')})`
    );
  }
  return f;
}

function expectedCosts(): Map<string, number> {
  return expectedCostByProvider(sampleRows, FROM_MS, TO_MS);
}

const CO2E_AND_COST_MEASURES = ['co2e', 'co2e_low', 'co2e_high', 'cost'];

describe('billing queries of the packaged backend under go-plugin (Grafana host)', () => {
  test('the FOCUS sample covers one billing month with Usage rows of several providers', () => {
    ready();
    expect(new Date(FROM_MS).getUTCDate()).toBe(1);
    expect(TO_MS).toBeGreaterThan(FROM_MS);
    expect(expectedCosts().size).toBeGreaterThan(1);
  });

  describe('CheckHealth', () => {
    test('a FOCUS datasource with the sample is OK and says the FOCUS source is OK', () => {
      const h = ready().health.focus;
      expect(h.rpcError ?? '').toBe('');
      expect({ status: h.status, statusName: h.statusName }).toEqual({ status: 1, statusName: 'OK' });
      expect(h.message).toMatch(/FOCUS[^.]*:\s*OK\b/);
      expect(h.message).not.toMatch(/FAILED/);
    });

    test('a FOCUS path that does not exist is ERROR and the message names that path', () => {
      const h = ready().health['focus-missing'];
      expect(h.rpcError ?? '').toBe('');
      expect({ status: h.status, statusName: h.statusName }).toEqual({ status: 2, statusName: 'ERROR' });
      expect(h.message).toContain(missingFocusPath);
    });
  });

  describe('QueryData (FOCUS)', () => {
    test('both RPCs succeed; every refId gets its own response and nothing else comes back', () => {
      const r = ready();
      for (const c of r.calls) {
        expect({ call: c.name, rpcError: c.rpcError ?? '' }).toEqual({ call: c.name, rpcError: '' });
      }
      expect(Object.keys(r.queries).sort()).toEqual(['E', 'G', 'M', 'R', 'T', 'W', 'X']);
      for (const [refId, q] of Object.entries(r.queries)) {
        expect({ refId, rpcError: q.rpcError ?? '', missing: q.missing ?? false }).toEqual({
          refId,
          rpcError: '',
          missing: false,
        });
      }
    });

    test('every frame passes the Grafana decoder rules (data/arrow.go)', () => {
      ready();
      expect(frameErrors).toEqual([]);
    });

    test.each(['E', 'T', 'R'])('%s succeeds with frames', (refId) => {
      const r = ready().queries[refId];
      expect({ error: r.error, errorSource: r.errorSource }).toEqual({ error: '', errorSource: '' });
      expect([0, 200]).toContain(r.status);
      expect(r.frameCount).toBeGreaterThan(0);
      expect(frames[refId]).toHaveLength(r.frameCount);
    });

    test.each([
      ['X', 'source'],
      ['M', 'metrics'],
      ['G', 'groupBy'],
    ])('%s fails alone: status 400, errorSource "plugin", message naming %s', (refId, fieldName) => {
      const r = ready().queries[refId];
      expect({ status: r.status, errorSource: r.errorSource, frameCount: r.frameCount }).toEqual({
        status: 400,
        errorSource: 'plugin',
        frameCount: 0,
      });
      expect(r.error).toContain(fieldName);
    });

    test('E: timeseries-multi frames, one per provider and measure, labels {provider}, one Timestamp field, daily times', () => {
      ready();
      const providers = [...expectedCosts().keys()].sort();
      const seen: string[] = [];
      const dailyStarts = Array.from(
        { length: Math.round((TO_MS - FROM_MS) / DAY_MS) },
        (_, i) => FROM_MS + i * DAY_MS
      );
      for (const f of frames.E) {
        expect(f.meta.type).toBe('timeseries-multi');
        expect(f.meta.typeVersion).not.toEqual([0, 0]);
        expect(f.fields).toHaveLength(2);
        const times = f.fields.filter((x) => x.typeId === Type.Timestamp);
        const numbers = f.fields.filter((x) => x.type === 'Float64');
        expect(times).toHaveLength(1);
        expect(numbers).toHaveLength(1);
        const [time, value] = [times[0], numbers[0]];
        expect(time.nullable).toBe(false);
        expect(value.labels).toEqual({ provider: expect.any(String) });
        expect(providers).toContain(value.labels!.provider);
        expect(CO2E_AND_COST_MEASURES).toContain(value.name);
        seen.push(`${value.labels!.provider}/${value.name}`);

        const ms = (time.values as bigint[]).map((ns) => Number(ns / 1_000_000n));
        expect(ms).toEqual(dailyStarts);
        expect(value.values).toHaveLength(ms.length);
        for (const v of value.values) {
          expect(Number.isFinite(v)).toBe(true);
        }
      }
      expect(seen.sort()).toEqual(providers.flatMap((p) => CO2E_AND_COST_MEASURES.map((m) => `${p}/${m}`)).sort());
    });

    test('E: the daily cost series of each provider add up to the cost computed from the CSV', () => {
      ready();
      const expected = expectedCosts();
      for (const f of frames.E) {
        const value = f.fields.find((x) => x.typeId !== Type.Timestamp)!;
        if (value.name !== 'cost') {
          continue;
        }
        const provider = value.labels!.provider;
        const sum = (value.values as number[]).reduce((a, b) => a + b, 0);
        expectRelativelyClose(sum, expected.get(provider)!, `E cost of ${provider}`);
      }
    });

    test('T: one numeric-long table, one row per provider, cost = CSV sum (EffectiveCost, else BilledCost)', () => {
      ready();
      expect(frames.T).toHaveLength(1);
      const f = frames.T[0];
      expect(f.meta.type).toBe('numeric-long');
      expect(f.meta.typeVersion).not.toEqual([0, 0]);
      expect(f.fields.filter((x) => x.typeId === Type.Timestamp)).toEqual([]);
      expect(field(f, 'provider').type).toBe('Utf8');
      for (const name of CO2E_AND_COST_MEASURES) {
        expect([name, field(f, name).type]).toEqual([name, 'Float64']);
      }

      const expected = expectedCosts();
      const providers = field(f, 'provider').values as string[];
      expect([...providers].sort()).toEqual([...expected.keys()].sort());
      expect(f.rowCount).toBe(expected.size);
      const cost = field(f, 'cost').values;
      providers.forEach((provider, i) => {
        expectRelativelyClose(cost[i], expected.get(provider)!, `T cost of ${provider}`);
      });
    });

    test('R: one numeric-long frame with scope "all" and each provider; cost of this and the previous period = CSV sums', () => {
      ready();
      expect(frames.R).toHaveLength(1);
      const f = frames.R[0];
      expect(f.meta.type).toBe('numeric-long');
      expect(f.meta.typeVersion).not.toEqual([0, 0]);
      expect(f.fields.filter((x) => x.typeId === Type.Timestamp)).toEqual([]);
      expect(field(f, 'scope').type).toBe('Utf8');

      const now = expectedCosts();
      const before = expectedCostByProvider(sampleRows, FROM_MS - (TO_MS - FROM_MS), FROM_MS);
      const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      const scopes = field(f, 'scope').values as string[];
      expect(scopes[0]).toBe('all');
      expect(scopes.slice(1).sort()).toEqual([...new Set([...now.keys(), ...before.keys()])].sort());
      const cost = field(f, 'cost').values;
      const previous = field(f, 'cost_previous').values;
      scopes.forEach((scope, i) => {
        const expectedNow = scope === 'all' ? total(now) : (now.get(scope) ?? 0);
        const expectedBefore = scope === 'all' ? total(before) : (before.get(scope) ?? 0);
        expectRelativelyClose(cost[i], expectedNow, `R cost of ${scope}`);
        expectRelativelyClose(previous[i], expectedBefore, `R cost_previous of ${scope}`);
      });
    });
  });

  describe('QueryData (AWS Cost Explorer at a closed port, access keys)', () => {
    test('W fails alone with errorSource "downstream": Cost Explorer cannot be reached; the RPC succeeds', () => {
      const r = ready();
      const call = r.calls.find((c) => c.name === 'aws-queries');
      expect(call).toBeDefined();
      expect(call!.rpcError ?? '').toBe('');
      const w = r.queries.W;
      expect({ rpcError: w.rpcError ?? '', missing: w.missing ?? false, frameCount: w.frameCount }).toEqual({
        rpcError: '',
        missing: false,
        frameCount: 0,
      });
      expect(w.errorSource).toBe('downstream');
      expect(w.status).toBeGreaterThanOrEqual(400);
      expect(w.error).toMatch(/cannot reach Cost Explorer/i);
      expect(w.error).toContain(awsEndpoint);
    });

    test('the secret access key appears in neither the error, results.json nor the plugin logs', () => {
      const { W } = ready().queries;
      expect(W.error).not.toContain(SECRET);
      expect(W.error).not.toContain(ACCESS_KEY_ID);
      for (const file of ['results.json', 'plugin-stderr.log', 'host.log']) {
        const text = fs.readFileSync(path.join(outDir, file), 'utf8');
        expect({ file, containsSecret: text.includes(SECRET) }).toEqual({ file, containsSecret: false });
      }
    });
  });
});
