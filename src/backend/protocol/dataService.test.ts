/**
 * QueryData's isolation rules with purpose-built handlers: concurrency, downstream vs plugin
 * errors, crashes, and secrets staying out of responses and logs.
 */
import { downstreamError } from '../queries/queryError';
import type { QueryHandler } from '../queries/queryHandler';
import { DataService } from './dataService';
import { createLogger } from './logger';
import type { DataQueryMessage } from './messages';
import { SettingsCache } from './settings';

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

function query(refId: string, queryType: string): DataQueryMessage {
  return {
    refId,
    queryType,
    json: Buffer.from(JSON.stringify({ refId, queryType })),
    intervalMS: 1000,
    maxDataPoints: 10,
    timeRange: { fromEpochMS: 0, toEpochMS: 1000 },
  };
}

describe('DataService', () => {
  const logLines: string[] = [];
  const service = new DataService(new SettingsCache(), createLogger((l) => logLines.push(l)));
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
});
