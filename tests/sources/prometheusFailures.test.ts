/**
 * The Prometheus client against local HTTP(S) servers that misbehave on purpose: a closed port, a
 * server that never answers, one that stalls mid-answer, Prometheus error bodies, auth headers
 * (recorded, and never echoed back in errors or logs), custom CA and skip-verify TLS.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { instanceFor } from '../helpers/instances';
import { type Handler, json, type LocalServer, serve as serveLocal } from '../helpers/localHttp';
import { freePort } from '../helpers/prometheus';
import { QueryError } from '../../src/backend/core/errors';
import { logger } from '../../src/backend/core/logger';
import { openPrometheus } from '../../src/backend/sources';
import { PromClient, type PromClientOptions } from '../../src/backend/sources/prometheus/promClient';
import { settingsFor } from './prometheusFixtures';

const logLines: string[] = [];
jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger((line: string) => logLines.push(line)) };
});

jest.setTimeout(30_000);

const servers: LocalServer[] = [];
const clients: PromClient[] = [];
afterAll(async () => {
  clients.forEach((c) => c.close());
  await Promise.all(servers.map((s) => s.close()));
});
const serve = (handler: Handler, tls?: { key: string; cert: string }) => serveLocal(servers, handler, tls);

const EMPTY_VECTOR = { status: 'success', data: { resultType: 'vector', result: [] } };

function client(options: Omit<PromClientOptions, 'logger'>): PromClient {
  const c = new PromClient({ logger, ...options });
  clients.push(c);
  return c;
}

async function failure(promise: Promise<unknown>): Promise<QueryError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(err).toBeInstanceOf(QueryError);
  return err as QueryError;
}

describe('unreachable and slow Prometheus', () => {
  it('reports a closed port as a downstream 502 naming the URL and ECONNREFUSED', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const err = await failure(client({ url }).query('1', Date.now()));
    expect(err).toMatchObject({ status: 502, source: 'downstream' });
    expect(err.message).toMatch(
      new RegExp(`^Cannot reach Prometheus at ${url.replace(/\./g, '\\.')} \\(ECONNREFUSED\\)`)
    );
  });

  it('times out a server that never answers within timeoutSeconds, as a 504 naming the setting', async () => {
    const silent = await serve(() => undefined);
    const started = Date.now();
    const err = await failure(client({ url: silent.url, timeoutSeconds: 1 }).query('1', Date.now()));
    const elapsed = Date.now() - started;
    expect(err).toMatchObject({ status: 504, source: 'downstream' });
    expect(err.message).toMatch(/did not answer \/api\/v1\/query within 1 s \(the "Timeout" setting, timeoutSeconds\)/);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(2500);
  });

  it('times out a server that stalls in the middle of its answer', async () => {
    const stalls = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"status":"success","data":{"resultType":"vector","result":[');
    });
    const err = await failure(client({ url: stalls.url, timeoutSeconds: 1 }).query('1', Date.now()));
    expect(err.status).toBe(504);
  });

  it('stops reading as soon as the answer holds more series than the limit', async () => {
    // Three series, then the server keeps the answer open: only an early count can fail fast.
    const endless = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"status":"success","data":{"resultType":"vector","result":[');
      res.write(
        '{"metric":{"a":"1"},"value":[1,"1"]},{"metric":{"a":"2"},"value":[1,"1"]},{"metric":{"a":"3"},"value":[1,"1"]}'
      );
    });
    const started = Date.now();
    const err = await failure(client({ url: endless.url, seriesLimit: 2, timeoutSeconds: 5 }).query('x', Date.now()));
    expect(err).toMatchObject({ status: 400, source: 'plugin' });
    expect(err.message).toMatch(/more than 2 series/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('passes a cancellation by the caller through as an abort, not a timeout', async () => {
    const silent = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const err = await client({ url: silent.url, timeoutSeconds: 5 })
      .query('1', Date.now(), { signal: controller.signal })
      .catch((e: Error) => e);
    expect(err).not.toBeInstanceOf(QueryError);
    expect((err as Error).name).toBe('AbortError');
  });
});

describe('HTTP error bodies', () => {
  const badData = { status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:5: parse error' };

  it("passes Prometheus's errorType and error on", async () => {
    const server = await serve(json(400, badData));
    const c = client({ url: server.url });
    const plugin = await failure(c.query('sum(', Date.now()));
    expect(plugin).toMatchObject({ status: 400, source: 'downstream' });
    expect(plugin.message).toContain(
      `Prometheus at ${server.url} rejected a query built by the plugin (HTTP 400, bad_data)`
    );
    expect(plugin.message).toContain('Prometheus said (bad_data): invalid parameter "query": 1:5: parse error');
    const user = await failure(c.query('sum(', Date.now(), { origin: 'user' }));
    expect(user).toMatchObject({
      status: 400,
      source: 'plugin',
      message: 'Prometheus rejected the expression (bad_data): invalid parameter "query": 1:5: parse error',
    });
  });

  it('maps 5xx to 502 and a Prometheus query timeout to 504', async () => {
    const internal = await serve(json(500, { status: 'error', errorType: 'internal', error: 'disk full' }));
    expect(await failure(client({ url: internal.url }).query('1', 0))).toMatchObject({
      status: 502,
      message: expect.stringMatching(/HTTP 500.*disk full/),
    });
    const timeout = await serve(
      json(503, { status: 'error', errorType: 'timeout', error: 'query timed out in query execution' })
    );
    expect(await failure(client({ url: timeout.url }).query('1', 0))).toMatchObject({ status: 504 });
  });

  it('explains a URL that is not the API base, and answers that are not JSON', async () => {
    const notFound = await serve((_req, res) => res.writeHead(404).end('404 page not found'));
    expect((await failure(client({ url: `${notFound.url}/api/v1` }).query('1', 0))).message).toMatch(
      /has no \/api\/v1\/query \(HTTP 404\).*without \/api\/v1/
    );
    const html = await serve((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Grafana</html>')
    );
    expect((await failure(client({ url: html.url }).query('1', 0))).message).toMatch(
      /cannot read: not JSON .*is the URL a Prometheus server/
    );
  });
});

describe('requests and authentication', () => {
  it('sends the secure httpHeaderNameN/httpHeaderValueN headers and the first-shape plain headers', async () => {
    const server = await serve(json(200, EMPTY_VECTOR));
    const base = settingsFor(
      { url: server.url, headers: { 'X-Team': 'blue', 'X-Scope-OrgID': 'old-tenant' } },
      {
        httpHeaderValue1: 'tenant-9',
        httpHeaderValue2: 'k3y-value',
      }
    );
    const settings = {
      ...base,
      jsonData: { ...base.jsonData, httpHeaderName1: 'X-Scope-OrgID', httpHeaderName2: 'X-Api-Key' },
    };
    const instance = instanceFor(settings);
    const c = await openPrometheus(instance).client();
    await c.query('1', 0);
    const [q] = server.requests;
    // The secure value wins over the first shape's plain header of the same name.
    expect(q.headers['x-scope-orgid']).toBe('tenant-9');
    expect(q.headers['x-api-key']).toBe('k3y-value');
    expect(q.headers['x-team']).toBe('blue');
    expect(c.scrub('tenant-9 and k3y-value')).toBe('[redacted] and [redacted]');
    instance.dispose();
  });

  it('POSTs form-encoded queries and GETs labels, under a path prefix, with custom headers', async () => {
    const server = await serve(json(200, EMPTY_VECTOR));
    const c = client({ url: `${server.url}/prometheus/`, headers: { 'X-Scope-OrgID': 'tenant-1' } });
    await c.query('sum(rate(x{a="b"}[5m]))', 1_700_000_000_500);
    const [q] = server.requests;
    expect(q).toMatchObject({ method: 'POST', url: '/prometheus/api/v1/query' });
    expect(q.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(q.headers['x-scope-orgid']).toBe('tenant-1');
    expect(q.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(q.body))).toEqual({
      query: 'sum(rate(x{a="b"}[5m]))',
      time: '1700000000.5',
    });

    const labels = await serve(json(200, { status: 'success', data: ['a'] }));
    await client({ url: labels.url }).labelValues('pod_namespace', ['kepler_pod_cpu_joules_total'], {
      startMs: 1000,
      endMs: 2000,
    });
    expect(labels.requests[0]).toMatchObject({ method: 'GET', body: '' });
    const url = new URL(labels.requests[0].url, labels.url);
    expect(url.pathname).toBe('/api/v1/label/pod_namespace/values');
    expect(url.searchParams.getAll('match[]')).toEqual(['kepler_pod_cpu_joules_total']);
    expect(url.searchParams.get('start')).toBe('1');
  });

  it('sends basic and bearer credentials, and never echoes them in errors or logs', async () => {
    // A proxy that rejects everything and echoes the Authorization header back.
    const echo = await serve((req, res) =>
      res.writeHead(401).end(`denied: Authorization: ${req.headers.authorization}`)
    );
    const password = 'pa55-w0rd-SECRET';
    const token = 'tok-SECRET-123456';
    const basic = openPrometheus(
      instanceFor(
        settingsFor({ url: echo.url, authType: 'basic', basicAuthUser: 'grafana' }, { prometheusPassword: password })
      )
    );
    const bearer = openPrometheus(
      instanceFor(settingsFor({ url: echo.url, authType: 'bearer' }, { prometheusToken: token }))
    );
    const errors = [
      await failure((await basic.client()).query('1', 0)),
      await failure((await bearer.client()).query('1', 0)),
    ];
    expect(echo.requests.map((r) => r.headers.authorization)).toEqual([
      `Basic ${Buffer.from(`grafana:${password}`).toString('base64')}`,
      `Bearer ${token}`,
    ]);
    for (const err of errors) {
      expect(err).toMatchObject({ status: 401, source: 'downstream' });
      expect(err.message).toMatch(/rejected the credentials \(HTTP 401\).*denied: Authorization: \[redacted\]/);
    }
    const health = [await basic.checkHealth(), await bearer.checkHealth()];
    const everything = [...errors.map((e) => e.message), ...health.map((h) => h.message), ...logLines].join('\n');
    expect(everything).not.toMatch(/SECRET|Z3JhZmFuYTpwYTU1/);
  });

  it('asks for gzip and reads gzipped answers, counting series after decompression', async () => {
    const body = (n: number) =>
      gzipSync(
        JSON.stringify({
          status: 'success',
          data: {
            resultType: 'vector',
            result: Array.from({ length: n }, (_, i) => ({ metric: { i: String(i) }, value: [1, '2.5'] })),
          },
          warnings: ['a warning'],
        })
      );
    const gz = await serve((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      res.end(body(Number(new URLSearchParams(req.body).get('query'))));
    });
    const c = client({ url: gz.url, seriesLimit: 3 });
    const ok = await c.query('3', 0);
    expect(gz.requests[0].headers['accept-encoding']).toBe('gzip');
    expect(ok.warnings).toEqual(['a warning']);
    expect(ok.data).toMatchObject({ resultType: 'vector', series: [{ value: 2.5 }, {}, {}] });
    expect((await failure(c.query('4', 0))).message).toMatch(/more than 3 series/);
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => new PromClient({ url: 'prometheus:9090', logger })).toThrow(
      /must be a full http:\/\/ or https:\/\/ URL/
    );
    expect(() => new PromClient({ url: 'http://', logger })).toThrow(QueryError);
  });

  it('takes credentials from the URL without showing them', async () => {
    const server = await serve(json(500, { status: 'error', errorType: 'internal', error: 'x' }));
    const withUser = server.url.replace('http://', 'http://alice:url-SECRET-pw@');
    const err = await failure(client({ url: withUser }).query('1', 0));
    expect(server.requests[0].headers.authorization).toBe(
      `Basic ${Buffer.from('alice:url-SECRET-pw').toString('base64')}`
    );
    expect(err.message).toContain(`Prometheus at ${server.url} failed`);
    expect(err.message).not.toContain('SECRET');
  });
});

describe('TLS', () => {
  let dir: string;
  let tls: { key: string; cert: string };
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'greenops-prom-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' }
    );
    tls = {
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses an untrusted certificate, and trusts it with its CA or with skip-verify', async () => {
    const server = await serve(json(200, EMPTY_VECTOR), tls);
    const untrusted = await failure(client({ url: server.url }).query('1', 0));
    expect(untrusted).toMatchObject({ status: 502, source: 'downstream' });
    expect(untrusted.message).toMatch(/\(DEPTH_ZERO_SELF_SIGNED_CERT\): its TLS certificate is self-signed/);
    const withCa = openPrometheus(instanceFor(settingsFor({ url: server.url }, { prometheusCaCert: tls.cert })));
    expect((await (await withCa.client()).query('1', 0)).data).toEqual({ resultType: 'vector', series: [] });
    expect((await client({ url: server.url, tlsSkipVerify: true }).query('1', 0)).data.resultType).toBe('vector');
  });

  it('TLS client authentication: presents the saved client certificate and key', async () => {
    // The server trusts client certificates from its own self-signed CA and refuses clients without one.
    const mutual = { ...tls, ca: [tls.cert], requestCert: true, rejectUnauthorized: true };
    const server = await serve(json(200, EMPTY_VECTOR), mutual);
    const anonymous = await failure(client({ url: server.url, caCert: tls.cert }).query('1', 0));
    expect(anonymous.status).toBeGreaterThanOrEqual(500);
    const secrets = { prometheusCaCert: tls.cert, prometheusClientCert: tls.cert, prometheusClientKey: tls.key };
    const withCert = openPrometheus(instanceFor(settingsFor({ url: server.url, tlsAuth: true }, secrets)));
    expect((await (await withCert.client()).query('1', 0)).data.resultType).toBe('vector');
    expect(server.requests).toHaveLength(1);
  });
});
