/**
 * What QueryData refuses before any handler runs, with the real registry: query models over the
 * size or nesting limit, times outside JavaScript dates, shared refIds; and what it bounds: points
 * per series whatever maxDataPoints says, echoed input, error lengths.
 */
import { tableFromIPC } from 'apache-arrow';

import { InstanceManager } from '../core/instance';
import { createLogger } from '../core/logger';
import { servedQueryTypes } from '../queries/registry';
import { DataService } from './dataService';
import type { DataQueryMessage, DataResponseMessage } from './messages';

const DAY = 86_400_000;
const YEAR = 365 * DAY;
const JAN_2024 = Date.UTC(2024, 0, 1);
const INT64_MAX = 2 ** 63 - 1; // as protobufjs hands an int64 to us: a Number

const service = new DataService(
  new InstanceManager(),
  createLogger(() => {})
);
const pluginContext = {
  orgId: 1,
  pluginId: 'greenops-carbon-datasource',
  grafanaConfig: {},
  pluginVersion: '',
  dataSourceInstanceSettings: {
    id: 1,
    name: 'c',
    url: '',
    uid: 'input-limits',
    jsonData: Buffer.from('{}'),
    decryptedSecureJsonData: {},
    lastUpdatedMS: 1,
  },
};

function query(refId: string, model: Record<string, unknown> | string, over: Partial<DataQueryMessage> = {}) {
  const json = typeof model === 'string' ? model : JSON.stringify({ refId, ...model });
  return {
    refId,
    queryType: '',
    json: Buffer.from(json),
    intervalMS: 3_600_000,
    maxDataPoints: 100,
    timeRange: { fromEpochMS: JAN_2024, toEpochMS: JAN_2024 + DAY },
    ...over,
  } satisfies DataQueryMessage;
}

async function answer(...queries: DataQueryMessage[]): Promise<Record<string, DataResponseMessage>> {
  return (await service.queryData({ pluginContext, headers: {}, queries })).responses;
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const grid = { queryType: 'gridIntensity', provider: 'aws', regions: ['eu-west-1'] };
const seriesLengths = (r: DataResponseMessage) => r.frames.map((f) => tableFromIPC(f).numRows);

describe('QueryData input limits', () => {
  it.each(servedQueryTypes())(
    '%s: a valueField nested 20,000 deep is a 400 naming the nesting limit, not a stack overflow',
    async (queryType) => {
      const { A, OK } = await answer(
        query('A', `{"refId":"A","queryType":"${queryType}","valueField":${nested(20_000)}}`),
        query('OK', grid)
      );
      expect(A).toMatchObject({ status: 400, errorSource: 'plugin', frames: [] });
      expect(A.error).toBe(
        'The query JSON nests objects or arrays more than 32 levels deep (under "valueField"); no field of a query needs more than a few.'
      );
      expect(OK.error).toBe('');
    }
  );

  it('accepts nesting at the limit (32 levels, the query object being the first) and refuses one more', async () => {
    // {"x": [[...]]}: the object is level 1, so 31 arrays reach level 32.
    const { AT, OVER } = await answer(
      query('AT', `{"queryType":"gridIntensity","x":${nested(31)}}`),
      query('OVER', `{"queryType":"gridIntensity","x":${nested(32)}}`)
    );
    expect(AT.error).toBe('');
    expect(OVER.error).toMatch(/more than 32 levels deep \(under "x"\)/);
  });

  it('refuses times outside what a JavaScript Date holds, and accepts its very edges', async () => {
    const edge = 8.64e15;
    const r = await answer(
      query('TO_INT64', grid, { timeRange: { fromEpochMS: 0, toEpochMS: INT64_MAX } }),
      query('FROM_LOW', grid, { timeRange: { fromEpochMS: -edge - 1, toEpochMS: 0 } }),
      query('EDGES', grid, { timeRange: { fromEpochMS: -edge, toEpochMS: edge } }),
      query('INVERTED', grid, { timeRange: { fromEpochMS: 2, toEpochMS: 1 } })
    );
    for (const refId of ['TO_INT64', 'FROM_LOW']) {
      expect(r[refId]).toMatchObject({ status: 400, errorSource: 'plugin' });
      expect(r[refId].error).toMatch(/outside the dates this datasource can handle \(±8\.64e\+15 ms/);
    }
    expect(r.EDGES.error).toBe('');
    expect(r.INVERTED.error).toBe('The time range is inverted: from (2) is after to (1).');
  });

  it('answers neither of two queries sharing a refId, and says why, next to a query with its own', async () => {
    const r = await answer(query('D', grid), query('D', { ...grid, regions: ['us-east-1'] }), query('E', grid));
    expect(Object.keys(r).sort()).toEqual(['D', 'E']);
    expect(r.D).toMatchObject({ status: 400, errorSource: 'plugin', frames: [] });
    expect(r.D.error).toBe(
      '2 queries in this request share refId "D", so their answers cannot be told apart; none of them ran. Give each query its own refId.'
    );
    expect(r.E.error).toBe('');
  });

  it('caps a series at 11,000 points however many maxDataPoints asks for (Grafana Prometheus safe interval)', async () => {
    const series = { ...grid, format: 'timeseries' };
    const threeYears = { fromEpochMS: JAN_2024, toEpochMS: JAN_2024 + 3 * YEAR };
    const tenYears = { fromEpochMS: JAN_2024, toEpochMS: JAN_2024 + 10 * YEAR };
    const r = await answer(
      query('BIG', series, { intervalMS: 1, maxDataPoints: 50_000_000, timeRange: threeYears }),
      query('MAX', series, { intervalMS: 1, maxDataPoints: INT64_MAX, timeRange: tenYears }),
      query('AT', series, { intervalMS: 1, maxDataPoints: 11_000, timeRange: threeYears }),
      query('BELOW', series, { intervalMS: 1, maxDataPoints: 10_999, timeRange: threeYears })
    );
    // 3 years = 94,608,000,000 ms. At most 11,000 points is at most 10,999 steps, so the step is
    // ceil(94,608,000,000 / 10,999) = 8,601,510 ms and the points floor(span / step) + 1 = 10,999.
    expect(seriesLengths(r.BIG)).toEqual([10_999]);
    expect(seriesLengths(r.AT)).toEqual([10_999]);
    // One point fewer asked: 10,998 steps of ceil(span / 10,998) = 8,602,292 ms, and
    // floor(94,608,000,000 / 8,602,292) + 1 = 10,997 + 1 = 10,998 points.
    expect(seriesLengths(r.BELOW)).toEqual([10_998]);
    // 10 years = 315,360,000,000 ms; step ceil(/10,999) = 28,671,698 ms; floor(10,998.999…) + 1 = 10,999.
    expect(seriesLengths(r.MAX)).toEqual([10_999]);
  });

  it('quotes at most 100 characters of user input back, and says how long it was', async () => {
    const region = 'r'.repeat(60_000);
    const queryType = 'q'.repeat(1_000_000);
    const r = await answer(query('REGION', { ...grid, regions: [region] }), query('TYPE', {}, { queryType }));
    expect(r.REGION.error).toContain(`"${'r'.repeat(100)}… (60,000 characters, cut)"`);
    expect(r.REGION.error.length).toBeLessThan(400);
    expect(r.TYPE.error).toMatch(
      /^Unknown query type "q{100}… \(1,000,000 characters, cut\)"\. This datasource serves:/
    );
    expect(r.TYPE.error.length).toBeLessThan(500);
  });
});
