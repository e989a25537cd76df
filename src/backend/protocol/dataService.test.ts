/**
 * QueryData's isolation rules with purpose-built handlers: concurrency, downstream vs plugin
 * errors, crashes, and secrets staying out of responses and logs.
 */
import { tableFromIPC } from 'apache-arrow';

import { downstreamError } from '../core/errors';
import type { QueryHandler } from '../queries/queryHandler';
import { DataService } from './dataService';
import { InstanceManager } from '../core/instance';
import { createLogger } from '../core/logger';
import type { DataQueryMessage } from './messages';

const SECRET = 'AKIA-VERY-SECRET-9876';
let releaseFirst: () => void = () => {};
const secondStarted = new Promise<void>((resolve) => (releaseFirst = resolve));

const handlers: Record<string, QueryHandler<any>> = {
  // Finishes only after "second" has started: a sequential dispatcher would never get there.
  first: { queryType: 'first', parse: (j) => j, run: async () => (await secondStarted, [{ fields: [] }]) },
  second: {
    queryType: 'second',
    parse: (j) => j,
    run: async () => {
      releaseFirst();
      return [{ fields: [] }];
    },
  },
  upstream: {
    queryType: 'upstream',
    parse: (j) => j,
    run: async () => {
      throw downstreamError('Prometheus at http://prom:9090 is unreachable (ECONNREFUSED)', 503);
    },
  },
  summary: {
    queryType: 'summary',
    parse: (j) => j,
    run: async () => [
      {
        fields: [
          { kind: 'string', name: 'kind', values: ['workload', 'volume'] },
          { kind: 'number', name: 'count', values: [2, 1] },
          { kind: 'number', name: 'monthlyKgCO2e', values: [12.5, 0.4] },
        ],
      },
    ],
  },
  crash: {
    queryType: 'crash',
    parse: (j) => j,
    // A careless bug that interpolates the settings, secrets included, into its message.
    run: async (req) => {
      throw new TypeError(`cannot read property of undefined (settings: ${JSON.stringify(req.settings)}, ${req.settings.secrets})`);
    },
  },
};

jest.mock('../queries/registry', () => ({
  findHandler: (type: string) => handlers[type],
  servedQueryTypes: () => Object.keys(handlers),
}));

function query(refId: string, queryType: string, extra: Record<string, unknown> = {}): DataQueryMessage {
  return {
    refId,
    queryType,
    json: Buffer.from(JSON.stringify({ refId, queryType, ...extra })),
    intervalMS: 1000,
    maxDataPoints: 10,
    timeRange: { fromEpochMS: 0, toEpochMS: 1000 },
  };
}

describe('DataService', () => {
  const logLines: string[] = [];
  const service = new DataService(new InstanceManager(), createLogger((l) => logLines.push(l)));
  const pluginContext = {
    orgId: 1,
    pluginId: 'greenops-carbon-datasource',
    grafanaConfig: {},
    pluginVersion: '',
    dataSourceInstanceSettings: {
      id: 1,
      name: 'c',
      url: '',
      uid: 'u',
      jsonData: Buffer.from('{}'),
      decryptedSecureJsonData: { awsSecretAccessKey: SECRET },
      lastUpdatedMS: 1,
    },
  };

  it('runs queries concurrently and answers each by refId', async () => {
    const res = await service.queryData({ pluginContext, headers: {}, queries: [query('A', 'first'), query('B', 'second')] });
    expect(Object.keys(res.responses).sort()).toEqual(['A', 'B']);
    expect(res.responses.A.error).toBe('');
    expect(res.responses.B.frames).toHaveLength(1);
  });

  it('marks upstream failures as downstream with their status, next to successful siblings', async () => {
    const res = await service.queryData({
      pluginContext,
      headers: {},
      queries: [query('A', 'upstream'), query('B', 'second')],
    });
    expect(res.responses.A).toEqual({
      frames: [],
      error: 'Prometheus at http://prom:9090 is unreachable (ECONNREFUSED)',
      status: 503,
      errorSource: 'downstream',
    });
    expect(res.responses.B.error).toBe('');
  });

  it('turns a crash into a 500 plugin error for its refId only, without leaking secrets', async () => {
    const res = await service.queryData({ pluginContext, headers: {}, queries: [query('A', 'crash'), query('B', 'second')] });
    expect(res.responses.A).toMatchObject({ status: 500, errorSource: 'plugin' });
    expect(res.responses.A.error).toMatch(/^Internal error in the crash query: cannot read property/);
    expect(res.responses.B.error).toBe('');
    expect(JSON.stringify(res)).not.toContain(SECRET);
    expect(logLines.join('')).toContain('query crashed');
    expect(logLines.join('')).not.toContain(SECRET);
  });

  it('keeps one number field per row when valueField is set, and fails only that refId for an unknown field', async () => {
    const res = await service.queryData({
      pluginContext,
      headers: {},
      queries: [
        query('A', 'summary', { valueField: 'monthlyKgCO2e' }),
        query('B', 'summary', { valueField: 'kgCO2e' }),
        query('C', 'summary'),
      ],
    });
    const fieldCount = (frame: Uint8Array) => {
      return tableFromIPC(frame).schema.fields.map((f) => f.name);
    };
    expect(fieldCount(res.responses.A.frames[0])).toEqual(['kind', 'monthlyKgCO2e']);
    expect(res.responses.B).toMatchObject({ status: 400, errorSource: 'plugin' });
    expect(res.responses.B.error).toMatch(/Use one of: count, monthlyKgCO2e\.$/);
    expect(fieldCount(res.responses.C.frames[0])).toEqual(['kind', 'count', 'monthlyKgCO2e']);
  });
});
