import { QueryError } from '../../core/errors';
import { createScrubber } from '../../core/secretScrubber';
import { httpError, type ErrorContext } from './promErrors';
import {
  MAX_NOTICES_PER_ANSWER,
  parseEnvelope,
  parseQueryData,
  parseSampleValue,
  parseSeriesData,
  parseTimestamp,
} from './promResponse';

describe('values and timestamps', () => {
  it('reads Prometheus value strings, special values included', () => {
    expect(parseSampleValue('1.5')).toBe(1.5);
    expect(parseSampleValue('1.2839214e+06')).toBe(1283921.4);
    expect(parseSampleValue('NaN')).toBeNaN();
    expect(parseSampleValue('+Inf')).toBe(Infinity);
    expect(parseSampleValue('-Inf')).toBe(-Infinity);
    expect(() => parseSampleValue('abc')).toThrow(/cannot read: sample value "abc"/);
    expect(() => parseSampleValue('')).toThrow(QueryError);
  });

  it('turns fractional unix seconds into epoch ms', () => {
    expect(parseTimestamp(1435781451.781)).toBe(1435781451781);
    expect(() => parseTimestamp('1')).toThrow(/timestamp/);
  });
});

describe('parseEnvelope', () => {
  it('returns data, warnings and infos', () => {
    const r = parseEnvelope('{"status":"success","data":[],"warnings":["w1"],"infos":["i1"]}');
    expect(r).toEqual({ data: [], warnings: ['w1'], infos: ['i1'] });
    expect(parseEnvelope('{"status":"success","data":1}')).toEqual({ data: 1, warnings: [], infos: [] });
  });

  it('keeps at most MAX_NOTICES_PER_ANSWER distinct warnings, then says how many more were left out', () => {
    const answer = (n: number) =>
      parseEnvelope(
        JSON.stringify({ status: 'success', data: [], warnings: Array.from({ length: n }, (_, i) => `w${i}`) })
      ).warnings;
    expect(MAX_NOTICES_PER_ANSWER).toBe(20);
    expect(answer(19)).toHaveLength(19);
    expect(answer(20)).toEqual(Array.from({ length: 20 }, (_, i) => `w${i}`));
    expect(answer(21)).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `w${i}`),
      '1 more warning of this answer was left out (at most 20 are shown).',
    ]);
    // Repeats are one warning: 40 copies of 20 texts are 20 warnings.
    expect(
      parseEnvelope(
        JSON.stringify({ status: 'success', data: [], infos: Array.from({ length: 40 }, (_, i) => `i${i % 20}`) })
      ).infos
    ).toHaveLength(20);
  });

  it('says when the answer is not the Prometheus API', () => {
    expect(() => parseEnvelope('<html>login</html>', 'Prometheus at http://p')).toThrow(
      /Prometheus at http:\/\/p answered with a response this plugin cannot read: not JSON/
    );
    expect(() => parseEnvelope('{"status":"error","error":"boom"}')).toThrow(/status "error": boom/);
  });
});

describe('parseQueryData', () => {
  it('parses a vector', () => {
    const data = {
      resultType: 'vector',
      result: [
        { metric: { pod_namespace: 'shop' }, value: [1700000000, '15021.93'] },
        { metric: { pod_namespace: 'jobs' }, value: [1700000000, 'NaN'] },
      ],
    };
    const r = parseQueryData(data, 10, []);
    expect(r.resultType).toBe('vector');
    expect(r.resultType === 'vector' && r.series[0]).toEqual({
      labels: { pod_namespace: 'shop' },
      timeMs: 1700000000000,
      value: 15021.93,
    });
    expect(r.resultType === 'vector' && r.series[1].value).toBeNaN();
  });

  it('parses a matrix into parallel arrays', () => {
    const data = {
      resultType: 'matrix',
      result: [
        {
          metric: { a: '1' },
          values: [
            [1, '1'],
            [61.5, '+Inf'],
          ],
        },
      ],
    };
    expect(parseQueryData(data, 10, [])).toEqual({
      resultType: 'matrix',
      series: [{ labels: { a: '1' }, timesMs: [1000, 61500], values: [1, Infinity] }],
    });
  });

  it('parses scalars and strings', () => {
    expect(parseQueryData({ resultType: 'scalar', result: [1700000000.5, '1'] }, 10, [])).toEqual({
      resultType: 'scalar',
      timeMs: 1700000000500,
      value: 1,
    });
    expect(parseQueryData({ resultType: 'string', result: [1, 'hi'] }, 10, [])).toEqual({
      resultType: 'string',
      timeMs: 1000,
      value: 'hi',
    });
  });

  it('fails over the series limit before converting any value', () => {
    const result = Array.from({ length: 3 }, () => ({ metric: {}, value: [1, 'not a number'] }));
    expect(() => parseQueryData({ resultType: 'vector', result }, 2, [])).toThrow(
      /more than 2 series.*raise "Series limit"/
    );
    expect(() => parseSeriesData([{}, {}, {}], 2)).toThrow(/more than 2 series/);
  });

  it('skips native histogram series with a warning', () => {
    const warnings: string[] = [];
    const data = {
      resultType: 'vector',
      result: [
        { metric: {}, histogram: [1, {}] },
        { metric: {}, value: [1, '2'] },
      ],
    };
    const r = parseQueryData(data, 10, warnings);
    expect(r.resultType === 'vector' && r.series).toHaveLength(1);
    expect(warnings[0]).toMatch(/1 series hold native histograms/);
  });
});

describe('httpError', () => {
  const scrub = createScrubber(['s3cr3t-token', 'Bearer s3cr3t-token']);
  const context = (origin: 'user' | 'plugin' = 'plugin'): ErrorContext => ({
    url: 'http://prom:9090',
    path: '/api/v1/query',
    origin,
    scrub,
  });
  const badData = JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error: unexpected "}"' });

  it('fails a user expression Prometheus rejects as a bad query', () => {
    const err = httpError(400, badData, context('user'));
    expect(err).toMatchObject({ status: 400, source: 'plugin' });
    expect(err.message).toBe('Prometheus rejected the expression (bad_data): parse error: unexpected "}"');
    expect(
      httpError(
        422,
        JSON.stringify({ status: 'error', errorType: 'execution', error: 'many-to-many' }),
        context('user')
      )
    ).toMatchObject({
      status: 400,
      source: 'plugin',
    });
  });

  it('fails a plugin-built expression as downstream, passing the status and error on', () => {
    const err = httpError(400, badData, context());
    expect(err).toMatchObject({ status: 400, source: 'downstream' });
    expect(err.message).toMatch(/rejected a query built by the plugin \(HTTP 400, bad_data\).*parse error/);
  });

  it('maps auth, missing API, rate limit, server errors and Prometheus timeouts', () => {
    expect(httpError(401, '', context())).toMatchObject({ status: 401, source: 'downstream' });
    expect(httpError(403, '', context()).message).toMatch(/denied access to \/api\/v1\/query/);
    expect(httpError(404, '404 page not found', context())).toMatchObject({ status: 502 });
    expect(httpError(404, '', context()).message).toMatch(/without \/api\/v1/);
    expect(httpError(429, '', context()).status).toBe(429);
    expect(httpError(500, '{"status":"error","errorType":"internal","error":"disk"}', context())).toMatchObject({
      status: 502,
    });
    const timeout = httpError(
      503,
      '{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}',
      context()
    );
    expect(timeout).toMatchObject({ status: 504, source: 'downstream' });
    expect(timeout.message).toMatch(/its own query timeout.*\(timeout\): query timed out/);
    const redirect = httpError(302, '', context());
    expect(redirect).toMatchObject({ status: 502, source: 'downstream' });
    expect(redirect.message).toMatch(/redirected \/api\/v1\/query elsewhere \(HTTP 302; the new address is not shown/);
  });

  it('scrubs secrets a proxy echoes, and strips HTML', () => {
    const err = httpError(
      401,
      '<html><body><h1>Denied</h1><p>Authorization: Bearer s3cr3t-token</p></body></html>',
      context()
    );
    expect(err.message).not.toContain('s3cr3t');
    expect(err.message).toMatch(/The server said: Denied Authorization: \[redacted\]/);
  });
});
