/**
 * The hostile scenario (hostile.test.ts): what issue 14 found breaking the plugin, replayed against
 * the packaged backend through go-plugin's own client. Each call is followed by a plain query, so
 * the results prove the process survived and still answers. Local files and servers that misbehave
 * on purpose are made here, in the test process, and answer while the host runs.
 *
 * Needs `npm run build` first.
 */
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';

import { execFileSync } from 'child_process';
import { parse } from 'csv-parse/sync';

import { QUERY_TYPES } from '../../src/datasource/types';
import { billingMonth, type CsvRow, expectedCostByProvider, FOCUS_SAMPLE } from './billingScenario';
import { type HostResults, useHostRun } from './hostHarness';

export const DAY_MS = 86_400_000;
export const YEAR_MS = 365 * DAY_MS;
export const JAN_2024 = Date.UTC(2024, 0, 1);
/** int64's maximum, exactly as Grafana could send it (JSON keeps it exact for Go's int64). */
export const INT64_MAX = '9223372036854775807';

export interface HostileResults extends HostResults {
  resources: Record<string, { code: number; body: string; rpcError?: string }>;
  calls: Array<{ kind: string; name: string; rpcError?: string }>;
  kill: { exited: boolean; exitedWithin2s: boolean; forcedKill: boolean };
}

export interface HostileSetUp {
  queryTypes: readonly string[];
  /** Every form a secret of the scenario could leak in (hostile.test.ts looks for each). */
  secretForms: string[];
  /** Requests the misbehaving Prometheus servers got, per server. */
  requests: Record<string, number>;
  /** Cost per provider of the FOCUS sample's month, summed here from the CSV. */
  sampleCosts: Map<string, number>;
  close(): Promise<void>;
}

const PASSWORD = 'hostile-SECRET  pass  word';
const USER = 'grafana';
/** 160 characters, then " Authorization: Basic ": the base64 straddles a 200-character cut. */
const FILLER = 'Access denied for this request. '.repeat(6).slice(0, 160);

/** The forms of PASSWORD an upstream can echo: raw, URL- and form-encoded, base64 (with user), whitespace collapsed. */
function secretForms(): string[] {
  const basic = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
  const forms = [
    PASSWORD,
    encodeURIComponent(PASSWORD),
    new URLSearchParams({ s: PASSWORD }).toString().slice(2),
    PASSWORD.replace(/\s+/g, ' '),
    basic.replace(/=+$/, ''),
    encodeURIComponent(`Basic ${basic}`),
  ];
  // Any 12-character start of a form is a leak too (a cut message would show one).
  return [...forms, ...forms.map((f) => f.slice(0, 12))];
}

type Answer = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A "Prometheus" on 127.0.0.1 that answers every query_range with `answer` and anything else with an empty success. */
async function fakePrometheus(answer: Answer, counts: Record<string, number>, name: string) {
  const server = http.createServer((req, res) => {
    counts[name] = (counts[name] ?? 0) + 1;
    req.resume();
    if ((req.url ?? '').startsWith('/api/v1/query_range')) {
      answer(req, res);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"status":"success","data":{"resultType":"vector","result":[]}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return { url, close };
}

/** A successful matrix answer of `series` series of `points` points each, written in pieces. */
const bigMatrix: Answer = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write('{"status":"success","data":{"resultType":"matrix","result":[');
  const points = Array.from({ length: 1_000 }, (_, i) => `[${1_704_067_200 + i * 60},"1.5"]`).join(',');
  for (let s = 0; s < 200; s++) {
    res.write(`${s ? ',' : ''}{"metric":{"pod":"p${s}"},"values":[${points}]}`);
  }
  res.end(']}}');
};

const manyWarnings: Answer = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const warnings = Array.from({ length: 100_000 }, (_, i) => JSON.stringify(`warning ${i}`)).join(',');
  res.end(
    `{"status":"success","warnings":[${warnings}],"data":{"resultType":"matrix","result":[{"metric":{"pod":"p"},"values":[[1704067260,"2"],[1704070800,"2"]]}]}}`
  );
};

const echoAuthorization: Answer = (req, res) => {
  res.writeHead(401, { 'Content-Type': 'text/plain' });
  res.end(`${FILLER} Authorization: ${req.headers.authorization}`);
};

const redirectWithAuthorization: Answer = (req, res) => {
  res.writeHead(302, {
    Location: `http://login.example/?auth=${encodeURIComponent(String(req.headers.authorization))}`,
  });
  res.end();
};

const echoCollapsed: Answer = (_req, res) => {
  res.writeHead(500, { 'Content-Type': 'text/html' });
  res.end(`<html><body><p>bad password ${PASSWORD.replace(/\s+/g, ' ')}</p></body></html>`);
};

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
const dataSource = (uid: string, jsonData: unknown, secure?: Record<string, string>) => ({
  uid,
  name: `GreenOps Carbon (${uid})`,
  id: uid.length,
  jsonData: JSON.stringify(jsonData),
  ...(secure ? { decryptedSecureJsonData: secure } : {}),
  lastUpdatedMS: 1,
});

interface QueryOptions {
  from?: number;
  to?: number;
  intervalMS?: number;
  maxDataPoints?: number;
  queryType?: string;
}

function query(refId: string, model: Record<string, unknown> | string, o: QueryOptions = {}) {
  const json = typeof model === 'string' ? model : JSON.stringify({ refId, ...model });
  return {
    refId,
    queryType: o.queryType ?? (typeof model === 'string' ? '' : String(model.queryType ?? '')),
    json,
    from: rfc3339(o.from ?? JAN_2024),
    to: rfc3339(o.to ?? JAN_2024 + DAY_MS),
    intervalMS: o.intervalMS ?? 3_600_000,
    maxDataPoints: o.maxDataPoints ?? 100,
  };
}

export const GRID = { queryType: 'gridIntensity', provider: 'aws', regions: ['eu-west-1'] };
const plain = dataSource('plain', {});
/** A plain query after each hostile call: answered means the process is alive and serving. */
const after = (name: string) => ({
  kind: 'queryData',
  name: `${name}-after`,
  dataSource: plain,
  queries: [query(`${name}_AFTER`, GRID)],
});

function inputCalls(queryTypes: readonly string[]) {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const series = { ...GRID, format: 'timeseries' };
  return [
    {
      kind: 'queryData',
      name: 'inputs',
      dataSource: plain,
      queries: [
        ...queryTypes.map((t) =>
          query(`DEEP_${t}`, `{"refId":"DEEP_${t}","queryType":"${t}","valueField":${nested(20_000)}}`, {
            queryType: t,
          })
        ),
        { ...query('TO_INT64', GRID), toMS: INT64_MAX },
        { ...query('FROM_LOW', GRID), fromMS: -8.64e15 - 1 },
        query('POINTS_3Y', series, { to: JAN_2024 + 3 * YEAR_MS, intervalMS: 1, maxDataPoints: 50_000_000 }),
        { ...query('POINTS_10Y', series, { to: JAN_2024 + 10 * YEAR_MS, intervalMS: 1 }), maxDataPoints: INT64_MAX },
        query('BIG_MODEL', { queryType: 'namespaceEnergy', workloads: ['w'.repeat(1_000_000)] }),
        query('LONG_REGION', { ...GRID, regions: ['r'.repeat(60_000)] }),
        query('LONG_TYPE', {}, { queryType: 'q'.repeat(1_000_000) }),
        query('DUP', GRID),
        query('DUP', { ...GRID, regions: ['us-east-1'] }),
        query('OK', GRID),
      ],
    },
    after('inputs'),
    { kind: 'callResource', name: 'long-path', path: 'p'.repeat(1_000_000), method: 'GET', url: 'p'.repeat(1_000_000) },
    after('long-path'),
  ];
}

const energy = (refId: string) =>
  query(
    refId,
    {
      queryType: 'promqlEnergy',
      expr: 'sum(rate(x_joules_total[5m]))',
      unit: 'watts',
      region: 'eu-west-1',
      provider: 'aws',
    },
    {
      from: JAN_2024,
      to: JAN_2024 + 3_600_000,
      intervalMS: 60_000,
    }
  );

async function prometheusCalls(counts: Record<string, number>) {
  const servers = {
    big: await fakePrometheus(bigMatrix, counts, 'big'),
    warnings: await fakePrometheus(manyWarnings, counts, 'warnings'),
    echo: await fakePrometheus(echoAuthorization, counts, 'echo'),
    redirect: await fakePrometheus(redirectWithAuthorization, counts, 'redirect'),
    collapsed: await fakePrometheus(echoCollapsed, counts, 'collapsed'),
  };
  const withAuth = (uid: string, url: string, extra: Record<string, unknown> = {}) =>
    dataSource(
      uid,
      { prometheus: { url, authType: 'basic', basicAuthUser: USER, ...extra } },
      { prometheusPassword: PASSWORD }
    );
  const big = withAuth('prom-big', servers.big.url, { responseLimitMiB: 1 });
  const bigOk = withAuth('prom-big-ok', servers.big.url, { responseLimitMiB: 8 });
  const calls = [
    { kind: 'queryData', name: 'prom-big', dataSource: big, queries: [energy('BIG_ANSWER')] },
    { kind: 'queryData', name: 'prom-big-ok', dataSource: bigOk, queries: [energy('BIG_ANSWER_OK')] },
    after('prom-big'),
    {
      kind: 'queryData',
      name: 'prom-warnings',
      dataSource: withAuth('prom-warnings', servers.warnings.url),
      queries: [energy('WARNINGS')],
    },
    after('prom-warnings'),
  ];
  for (const leak of ['echo', 'redirect', 'collapsed'] as const) {
    const ds = withAuth(`prom-${leak}`, servers[leak].url);
    calls.push({ kind: 'queryData', name: `prom-${leak}`, dataSource: ds, queries: [energy(`LEAK_${leak}`)] }, {
      kind: 'checkHealth',
      name: `prom-${leak}`,
      dataSource: ds,
    } as never);
  }
  calls.push(after('prom-leaks'));
  const close = () => Promise.all(Object.values(servers).map((s) => s.close())).then(() => undefined);
  return { calls, close };
}

/** FIFO_1..8 read a folder whose export.csv is a FIFO; LINKS one whose files are linked twice and to itself. */
function focusCalls(workDir: string, month: { from: number; to: number }) {
  const fifoDir = path.join(workDir, 'focus-fifo');
  const linkDir = path.join(workDir, 'focus-links');
  fs.mkdirSync(fifoDir);
  fs.mkdirSync(linkDir);
  fs.copyFileSync(FOCUS_SAMPLE, path.join(fifoDir, 'good.csv'));
  // Opening a FIFO for reading blocks until a writer comes: none ever will.
  execFileSync('mkfifo', [path.join(fifoDir, 'export.csv')]);
  fs.copyFileSync(FOCUS_SAMPLE, path.join(linkDir, 'a.csv'));
  fs.symlinkSync('a.csv', path.join(linkDir, 'b.csv'));
  fs.symlinkSync('.', path.join(linkDir, 'self'));
  const emissions = (refId: string) =>
    query(
      refId,
      { queryType: 'cloudEmissions', source: 'focus', metrics: ['cost'], groupBy: ['provider'], format: 'table' },
      { from: month.from, to: month.to, intervalMS: DAY_MS }
    );
  // The FIFO reached by a glob and named directly; a.csv through its folder, a link, a loop and itself.
  const fifo = dataSource('focus-fifo', {
    focus: { paths: [path.join(fifoDir, '*.csv'), path.join(fifoDir, 'export.csv')] },
  });
  const links = dataSource('focus-links', {
    focus: {
      paths: [linkDir, path.join(linkDir, 'b.csv'), path.join(linkDir, 'self'), path.join(linkDir, 'self', '*.csv')],
    },
  });
  return [
    ...Array.from({ length: 8 }, (_, i) => ({
      kind: 'queryData',
      name: `focus-fifo-${i + 1}`,
      dataSource: fifo,
      queries: [emissions(`FIFO_${i + 1}`)],
    })),
    { kind: 'checkHealth', name: 'focus-fifo', dataSource: fifo },
    { kind: 'queryData', name: 'focus-links', dataSource: links, queries: [emissions('LINKS')] },
    { kind: 'checkHealth', name: 'focus-links', dataSource: links },
    after('focus'),
  ];
}

async function prepare(workDir: string): Promise<{ scenarioFile: string; prepared: HostileSetUp }> {
  const requests: Record<string, number> = {};
  const prom = await prometheusCalls(requests);
  const rows = parse(fs.readFileSync(FOCUS_SAMPLE), { columns: true, skip_empty_lines: true }) as CsvRow[];
  const month = billingMonth(rows);
  const prepared: HostileSetUp = {
    queryTypes: QUERY_TYPES,
    secretForms: secretForms(),
    requests,
    sampleCosts: expectedCostByProvider(rows, month.from, month.to),
    close: prom.close,
  };
  const scenario = { calls: [...inputCalls(QUERY_TYPES), ...prom.calls, ...focusCalls(workDir, month)] };
  const scenarioFile = path.join(workDir, 'scenario.json');
  // Raw int64s go in as JSON numbers, which JavaScript would round: written as text.
  fs.writeFileSync(scenarioFile, JSON.stringify(scenario).replace(new RegExp(`"${INT64_MAX}"`, 'g'), INT64_MAX));
  return { scenarioFile, prepared };
}

export const useHostileRun = (prefix: string) => useHostRun<HostileResults, HostileSetUp>(prefix, prepare);
