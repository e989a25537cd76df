/**
 * Successful-looking Prometheus answers that must not take the plugin down or pass for "no data":
 * answers over the response limit (streamed, gzipped, endless), a body labelled gzip that is not,
 * a string where samples were expected, and answers with 100,000 warnings. After each, the same
 * client must answer the next query: the process survived and the connection pool still works.
 */
import { gzipSync } from 'node:zlib';
import { instanceFor } from '../helpers/instances';
import { type Handler, type LocalServer, serve as serveLocal } from '../helpers/localHttp';
import { QueryError } from '../../src/backend/core/errors';
import { logger } from '../../src/backend/core/logger';
import { PromRun } from '../../src/backend/measured/promRun';
import { MAX_PROMETHEUS_NOTICES } from '../../src/backend/measured/prometheusNotices';
import { windowFor } from '../../src/backend/measured/integrationWindow';
import { openPrometheus } from '../../src/backend/sources';
import { PromClient, type PromClientOptions } from '../../src/backend/sources/prometheus/promClient';
import { MAX_NOTICES_PER_ANSWER } from '../../src/backend/sources/prometheus/promResponse';
import { settingsFor } from './prometheusFixtures';

jest.setTimeout(30_000);

const MIB = 1024 * 1024;
const servers: LocalServer[] = [];
const clients: PromClient[] = [];
afterAll(async () => {
  clients.forEach((c) => c.close());
  await Promise.all(servers.map((s) => s.close()));
});
const serve = (handler: Handler) => serveLocal(servers, handler);

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

const EMPTY = '{"status":"success","data":{"resultType":"vector","result":[]}}';
/** An empty-vector answer of exactly `bytes` bytes (JSON allows trailing whitespace). */
const answerOf = (bytes: number) => Buffer.from(EMPTY + ' '.repeat(bytes - EMPTY.length));

/** Streams `body` in 64 KiB writes, gzipped first when asked; the query text picks the size. */
function streaming(body: (query: string) => Buffer, gzip = false): Handler {
  return (req, res) => {
    const query = new URLSearchParams(req.body).get('query') ?? '';
    const bytes = gzip ? gzipSync(body(query)) : body(query);
    res.writeHead(200, { 'Content-Type': 'application/json', ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
    for (let i = 0; i < bytes.length; i += 64 * 1024) {
      res.write(bytes.subarray(i, i + 64 * 1024));
    }
    res.end();
  };
}

describe('the response limit', () => {
  it('reads an answer at and below the limit, and refuses one a byte over it, naming the setting', async () => {
    const server = await serve(streaming((q) => answerOf(Number(q))));
    // Through the settings: responseLimitMiB 1 is 1,048,576 bytes.
    const source = openPrometheus(instanceFor(settingsFor({ url: server.url, responseLimitMiB: 1 })));
    const c = await source.client();
    expect((await c.query(String(MIB - 1), 0)).data).toEqual({ resultType: 'vector', series: [] });
    expect((await c.query(String(MIB), 0)).data).toEqual({ resultType: 'vector', series: [] });
    const over = await failure(c.query(String(MIB + 1), 0));
    expect(over).toMatchObject({ status: 502, source: 'downstream' });
    expect(over.message).toBe(
      `Prometheus at ${server.url} answered /api/v1/query with more than 1 MiB (the "Response limit" setting, responseLimitMiB), so the plugin stopped reading it: ` +
        'narrow the query (filter by namespace, node or process; group by namespace rather than pod), shorten the time range or raise the interval, or raise the limit in the datasource settings.'
    );
    expect((await c.query('100', 0)).data.resultType).toBe('vector');
  });

  it('counts decompressed bytes: a small gzip answer that inflates past the limit is refused', async () => {
    const server = await serve(streaming((q) => answerOf(Number(q)), true));
    const c = client({ url: server.url, responseLimitBytes: MIB });
    const body = answerOf(2 * MIB);
    expect(gzipSync(body).length).toBeLessThan(MIB / 100);
    expect((await failure(c.query(String(2 * MIB), 0))).message).toMatch(/with more than 1 MiB \(the "Response limit"/);
    expect((await c.query(String(MIB), 0)).data.resultType).toBe('vector');
  });

  it('hangs up on an endless answer as soon as it passes the limit, long before the timeout', async () => {
    let written = 0;
    const endless = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"status":"success","data":{"resultType":"vector","result":[]}');
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const more = () => {
        if (!res.destroyed && written < 64 * MIB) {
          written += chunk.length;
          res.write(chunk, () => setImmediate(more));
        }
      };
      more();
    });
    const started = Date.now();
    const c = client({ url: endless.url, responseLimitBytes: MIB, timeoutSeconds: 10 });
    expect((await failure(c.query('1', 0))).message).toMatch(/more than 1 MiB/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(written).toBeLessThan(8 * MIB);
  });

  it('keeps a body that cannot become a string inside the client (no throw from the stream listener)', async () => {
    const server = await serve(streaming(() => answerOf(4321)));
    const c = client({ url: server.url });
    // What V8 throws past ~512 MiB, without allocating it: only for the 4,321-byte answer, once.
    const original = Buffer.prototype.toString;
    let thrown = 0;
    const toString = jest.spyOn(Buffer.prototype, 'toString').mockImplementation(function (
      this: Buffer,
      ...args: unknown[]
    ) {
      if (this.length === 4321 && thrown++ === 0) {
        throw Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), {
          code: 'ERR_STRING_TOO_LONG',
        });
      }
      return original.apply(this, args as Parameters<Buffer['toString']>);
    });
    const err = await failure(c.query('1', 0));
    toString.mockRestore();
    expect(err).toMatchObject({ status: 502, source: 'downstream' });
    expect(err.message).toMatch(
      /with a body too large to read \(Cannot create a string longer.*lower "Response limit"/
    );
    expect((await c.query('1', 0)).data.resultType).toBe('vector');
  });
});

describe('answers read series by series as they stream in', () => {
  it('reads a matrix of 2 MiB in 64 KiB writes, and fails a bad value in the middle without harm', async () => {
    // Series i holds 1,000 points: at t = 60 j seconds the value i + j / 1000.
    const matrix = (bad: boolean) =>
      Buffer.from(
        JSON.stringify({
          status: 'success',
          data: {
            resultType: 'matrix',
            result: Array.from({ length: 150 }, (_, i) => ({
              metric: { series: String(i) },
              values: Array.from({ length: 1000 }, (_, j) => [
                60 * j,
                bad && i === 75 && j === 500 ? 'oops' : String(i + j / 1000),
              ]),
            })),
          },
        })
      );
    expect(matrix(false).length).toBeGreaterThan(2 * MIB);
    const server = await serve(streaming((q) => matrix(q === 'bad')));
    const c = client({ url: server.url, responseLimitBytes: 4 * MIB });
    const r = await c.queryRange('good', 0, 59_940_000, 60_000);
    expect(r.data.series).toHaveLength(150);
    expect(r.data.series[149]).toEqual({
      labels: { series: '149' },
      timesMs: Array.from({ length: 1000 }, (_, j) => 60_000 * j),
      values: Array.from({ length: 1000 }, (_, j) => 149 + j / 1000),
    });
    const err = await failure(c.queryRange('bad', 0, 59_940_000, 60_000));
    expect(err).toMatchObject({ status: 502, source: 'downstream' });
    expect(err.message).toMatch(/cannot read: sample value "oops" is not a number/);
    expect((await c.queryRange('good', 0, 59_940_000, 60_000)).data.series).toHaveLength(150);
  });
});

describe('a body labelled gzip that is not gzip', () => {
  it('says the label is wrong (a proxy), not that Prometheus cannot be reached', async () => {
    const server = await serve((req, res) => {
      const honest = new URLSearchParams(req.body).get('query') === 'honest';
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      res.end(honest ? gzipSync(EMPTY) : EMPTY);
    });
    const c = client({ url: server.url });
    const err = await failure(c.query('1', 0));
    expect(err).toMatchObject({ status: 502, source: 'downstream' });
    expect(err.message).toMatch(
      /^Prometheus at .* answered \/api\/v1\/query with a body labelled gzip \(Content-Encoding: gzip\) that is not valid gzip \(Z_DATA_ERROR: incorrect header check\): a proxy/
    );
    expect(err.message).not.toMatch(/Cannot reach/);
    expect((await c.query('honest', 0)).data.resultType).toBe('vector');
  });
});

describe('an instant query answered with a string', () => {
  const window = windowFor(0, 3_600_000, 60_000);
  const answers: Record<string, unknown> = {
    string: { resultType: 'string', result: [1, 'hello'] },
    scalar: { resultType: 'scalar', result: [1, '2.5'] },
  };

  it('fails naming the resultType instead of passing for no data', async () => {
    const server = await serve((req, res) => {
      const data = answers[new URLSearchParams(req.body).get('query') ?? ''];
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'success', data }));
    });
    const run = new PromRun(client({ url: server.url }));
    const plugin = await failure(run.instant('string', window));
    expect(plugin).toMatchObject({ status: 502, source: 'downstream' });
    expect(plugin.message).toBe(
      'Prometheus answered with a response this plugin cannot read: an instant query built by the plugin returned a string ("hello") (resultType "string") instead of an instant vector, so there is nothing to show.'
    );
    const user = await failure(run.instant('string', window, 'user'));
    expect(user).toMatchObject({
      status: 400,
      source: 'plugin',
      message: 'The expression returned a string ("hello"), not numbers: it must return an instant vector or a scalar.',
    });
    expect(await run.instant('scalar', window)).toEqual([{ labels: {}, timeMs: 1000, value: 2.5 }]);
  });
});

describe('an answer with 100,000 warnings', () => {
  it('keeps at most the cap of distinct warnings and infos, says how many more, in well under a second', async () => {
    const warnings = Array.from({ length: 100_000 }, (_, i) => `warning ${i % 50_000}`);
    const infos = Array.from({ length: 100_000 }, (_, i) => `info ${i}`);
    const body = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] }, warnings, infos });
    const server = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body));
    const run = new PromRun(client({ url: server.url }));
    const started = performance.now();
    await run.instant('1', windowFor(0, 60_000, 60_000));
    const elapsed = performance.now() - started;
    expect(MAX_NOTICES_PER_ANSWER).toBe(20);
    expect(MAX_PROMETHEUS_NOTICES).toBe(20);
    const texts = run.notices.map((n) => `${n.severity} ${n.text}`);
    // The answer keeps 20 of its 50,000 distinct warnings and 20 of its 100,000 infos, each kind
    // with a closing line (42 texts); the query keeps the first 20 of those and counts the other 22.
    expect(texts).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `warning Prometheus: warning ${i}`),
      'warning Prometheus: 22 more warnings and infos were left out (at most 20 are shown per query).',
    ]);
    expect(elapsed).toBeLessThan(1000);
  });
});
