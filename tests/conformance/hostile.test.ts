/**
 * Issue 14's hostile inputs and upstreams against the packaged backend under go-plugin (Grafana's
 * host): each fails only its own refId or resource call, with a message a user can act on, and the
 * process survives to answer the plain query that follows each call (hostileScenario.ts).
 *
 * Needs `npm run build` first. Run: npx jest tests/conformance/hostile --selectProjects integration
 */
import fs from 'fs';
import path from 'path';

import { useHostileRun } from './hostileScenario';

const hostile = useHostileRun('hostile-');
const ready = () => hostile().results;
afterAll(() => hostile().prepared.close());

/** provider → cost of a cloudEmissions table frame. */
function costsOf(refId: string): Map<string, number> {
  const [table] = hostile().frames[refId];
  const column = (name: string) => table.fields.find((f) => f.name === name)!.values;
  const providers = column('provider') as string[];
  const costs = column('cost') as number[];
  return new Map(providers.map((p, i) => [p, costs[i]]));
}

function expectCostsOfSample(refId: string): void {
  const expected = hostile().prepared.sampleCosts;
  const got = costsOf(refId);
  expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [provider, cost] of expected) {
    expect({ provider, cost: got.get(provider)! }).toEqual({ provider, cost: expect.closeTo(cost, 6) });
  }
}

/** The secret forms found in `text`. */
type Notice = { severity: string; text: string };
const noticesOf = (meta: { [key: string]: unknown }) => (meta.notices ?? []) as Notice[];
const leaked = (text: string) => hostile().prepared.secretForms.filter((form) => text.includes(form));

describe('hostile inputs and upstreams, packaged backend under go-plugin', () => {
  test('every call is answered without an RPC error, and the plain query after each one succeeds', () => {
    const r = ready();
    expect(r.calls.filter((c) => c.rpcError)).toEqual([]);
    const afters = Object.entries(r.queries).filter(([refId]) => refId.endsWith('_AFTER'));
    expect(afters.length).toBeGreaterThanOrEqual(2);
    for (const [refId, q] of afters) {
      expect({ refId, error: q.error, frames: q.frameCount }).toEqual({ refId, error: '', frames: 1 });
    }
  });

  test('the process exits on its own when the host kills it (no force-kill needed)', () => {
    expect(ready().kill).toMatchObject({ exited: true, exitedWithin2s: true, forcedKill: false });
  });

  test('frames pass Grafana decoder rules', () => {
    expect(hostile().frameErrors).toEqual([]);
  });

  describe('query inputs', () => {
    test('all 11 query types refuse the 20,000-deep valueField the same way', () => {
      const { queries } = ready();
      const types = hostile().prepared.queryTypes;
      expect(types).toHaveLength(11);
      for (const t of types) {
        expect({ t, error: queries[`DEEP_${t}`].error }).toEqual({
          t,
          error:
            'The query JSON nests objects or arrays more than 32 levels deep (under "valueField"); no field of a query needs more than a few.',
        });
      }
    });

    test('to = int64 max and from < -8.64e15 are 400s naming the date range, not "Invalid time value"', () => {
      for (const refId of ['TO_INT64', 'FROM_LOW']) {
        const q = ready().queries[refId];
        expect({ refId, status: q.status, source: q.errorSource }).toEqual({ refId, status: 400, source: 'plugin' });
        expect(q.error).toMatch(/outside the dates this datasource can handle \(±8\.64e\+15 ms/);
      }
    });

    test('series hold at most 11,000 points with maxDataPoints 50,000,000 or int64 max and a 1 ms interval', () => {
      // 3 years: ceil(94,608,000,000 / 10,999) = 8,601,510 ms steps, 10,999 points; 10 years:
      // ceil(315,360,000,000 / 10,999) = 28,671,698 ms steps, 10,999 points.
      expect(hostile().frames.POINTS_3Y.map((f) => f.rowCount)).toEqual([10_999]);
      expect(hostile().frames.POINTS_10Y.map((f) => f.rowCount)).toEqual([10_999]);
    });

    test('a 1 MB query model is refused by size; long input is quoted cut to 100 characters', () => {
      const { queries } = ready();
      expect(queries.BIG_MODEL).toMatchObject({ status: 400, errorSource: 'plugin' });
      expect(queries.BIG_MODEL.error).toMatch(/^The query is 977 KiB; at most 64 KiB is accepted\./);
      expect(queries.LONG_REGION.error).toContain(`"${'r'.repeat(100)}… (60,000 characters, cut)"`);
      expect(queries.LONG_TYPE.error).toMatch(/^Unknown query type "q{100}… \(1,000,000 characters, cut\)"/);
      for (const refId of ['BIG_MODEL', 'LONG_REGION', 'LONG_TYPE']) {
        expect(queries[refId].error.length).toBeLessThan(600);
      }
    });

    test('two queries sharing a refId: that refId says so, its neighbour answers', () => {
      const { queries } = ready();
      expect(queries.DUP).toMatchObject({ status: 400, errorSource: 'plugin', frameCount: 0 });
      expect(queries.DUP.error).toMatch(/^2 queries in this request share refId "DUP"/);
      expect(queries.OK).toMatchObject({ error: '', frameCount: 1 });
    });

    test('a 1 MB resource path is a 404 that quotes 100 characters of it', () => {
      const res = ready().resources['long-path'];
      expect(res.code).toBe(404);
      expect(JSON.parse(res.body).message).toMatch(/^No resource "p{100}… \(1,000,000 characters, cut\)"\. Available:/);
    });
  });

  describe('Prometheus answers', () => {
    test('an answer over responseLimitMiB (1 MiB) fails its refId as downstream, naming the setting; 8 MiB reads it', () => {
      const { queries } = ready();
      expect(queries.BIG_ANSWER).toMatchObject({ errorSource: 'downstream', frameCount: 0 });
      expect(queries.BIG_ANSWER.error).toMatch(/responseLimitMiB/);
      expect(queries.BIG_ANSWER.error).toMatch(/\b1 MiB\b/);
      expect(queries.BIG_ANSWER_OK.error).toBe('');
      expect(queries['prom-big_AFTER'].error).toBe('');
    });

    test('100,000 warnings in one answer: the query answers with at most 20 notices, the last saying how many more', () => {
      expect(ready().queries.WARNINGS.error).toBe('');
      const notices = hostile().frames.WARNINGS.flatMap((f) => noticesOf(f.meta));
      expect(notices.length).toBeGreaterThan(0);
      for (const frame of hostile().frames.WARNINGS) {
        expect(noticesOf(frame.meta).length).toBeLessThanOrEqual(20);
      }
      expect(notices.map((n) => n.text).join('\n')).toMatch(/more/);
    });
  });

  describe('credentials echoed by upstreams', () => {
    test.each(['echo', 'redirect', 'collapsed'])(
      '%s: the query error and the health message hold no form of the password',
      (leak) => {
        const r = ready();
        const error = r.queries[`LEAK_${leak}`].error;
        expect(error).not.toBe('');
        expect(leaked(error)).toEqual([]);
        const health = (r as unknown as { health: Record<string, { message: string }> }).health[`prom-${leak}`];
        expect(health.message).not.toBe('');
        expect(leaked(health.message)).toEqual([]);
      }
    );

    test('the plugin log (stderr through go-plugin, host.log) holds no form of the password', () => {
      const log = fs.readFileSync(path.join(hostile().outDir, 'host.log'), 'utf8');
      expect(log).toContain('prom-echo');
      expect(leaked(log)).toEqual([]);
    });

    test('the servers were asked: each leak was provoked', () => {
      const { requests } = hostile().prepared;
      for (const name of ['echo', 'redirect', 'collapsed']) {
        expect(requests[name]).toBeGreaterThan(0);
      }
    });
  });

  describe('FOCUS folders', () => {
    test('a FIFO named export.csv: eight queries in a row each answer from the regular file beside it, naming the FIFO', () => {
      for (let i = 1; i <= 8; i++) {
        const q = ready().queries[`FIFO_${i}`];
        expect({ i, error: q.error }).toEqual({ i, error: '' });
        expectCostsOfSample(`FIFO_${i}`);
        const notices = hostile()
          .frames[`FIFO_${i}`].flatMap((f) => noticesOf(f.meta))
          .map((n) => n.text);
        expect(notices.join('\n')).toMatch(/export\.csv/);
      }
      expect(ready().queries.focus_AFTER.error).toBe('');
    });

    test('b.csv -> a.csv and self -> . count a.csv once: the costs are the sample costs', () => {
      expect(ready().queries.LINKS.error).toBe('');
      expectCostsOfSample('LINKS');
      const health = (ready() as unknown as { health: Record<string, { message: string }> }).health;
      expect(health['focus-links'].message).toContain('FOCUS exports: 1 file(s) (1 CSV) in 4 path(s)');
      expect(health['focus-fifo'].message).toMatch(
        /Skipped 1 entry that is not a regular file .*focus-fifo\/export\.csv\./
      );
    });
  });
});
