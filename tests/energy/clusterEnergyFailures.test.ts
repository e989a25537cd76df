/**
 * namespaceEnergy, carbonEfficiency and costVsCarbon when Prometheus fails: unreachable, too slow
 * (timeoutSeconds 1 against a server that never answers), or answering with errors. Each fails
 * its own refId with a downstream error; through QueryData, sibling queries still succeed.
 */
import http from 'node:http';
import { DataService } from '../../src/backend/protocol/dataService';
import { createLogger } from '../../src/backend/core/logger';
import { InstanceManager } from '../../src/backend/core/instance';
import { carbonEfficiencyHandler } from '../../src/backend/queries/energy/carbonEfficiency';
import { costVsCarbonHandler } from '../../src/backend/queries/energy/costVsCarbon';
import { namespaceEnergyHandler } from '../../src/backend/queries/energy/namespaceEnergy';
import type { QueryHandler } from '../../src/backend/queries/queryHandler';
import { freePort } from '../helpers/prometheus';
import { failure, H, run, S, settingsFor } from './clusterEnergyHarness';
import { useStubServers } from './energyTestKit';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});
// The lead registers these handlers; here the registry is stood in for, to go through QueryData.
jest.mock('../../src/backend/queries/registry', () => {
  const handlers = [
    jest.requireActual('../../src/backend/queries/gridIntensity').gridIntensityHandler,
    jest.requireActual('../../src/backend/queries/energy/namespaceEnergy').namespaceEnergyHandler,
    jest.requireActual('../../src/backend/queries/energy/carbonEfficiency').carbonEfficiencyHandler,
    jest.requireActual('../../src/backend/queries/energy/costVsCarbon').costVsCarbonHandler,
  ];
  return {
    findHandler: (type: string) => handlers.find((h) => h.queryType === type),
    servedQueryTypes: () => handlers.map((h) => h.queryType),
  };
});

jest.setTimeout(30_000);

const W = { from: S + H, to: S + 2 * H };
const QUERIES: Array<[string, QueryHandler<any>, Record<string, unknown>]> = [
  ['namespaceEnergy', namespaceEnergyHandler, { groupBy: 'namespace', metric: 'energy' }],
  ['carbonEfficiency', carbonEfficiencyHandler, {}],
  ['costVsCarbon', costVsCarbonHandler, { groupBy: 'namespace' }],
];

const serve = useStubServers();

const reply = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

const ALL = [
  'kepler_pod_cpu_joules_total',
  'kepler_node_cpu_joules_total',
  'node_cpu_hourly_cost',
  'kube_pod_container_resource_requests',
  'container_cpu_usage_seconds_total',
];

/** Answers discovery as a Prometheus holding `metrics` would (Kepler 0.10, OpenCost, KSM, cAdvisor); `query` answers the rest. */
function prometheusLike(query: (res: http.ServerResponse) => void, metrics = ALL): http.RequestListener {
  return (req, res) => {
    const url = req.url ?? '';
    if (url.startsWith('/api/v1/label/__name__/values')) {
      return reply(res, 200, { status: 'success', data: metrics });
    }
    if (url.startsWith('/api/v1/label/zone/values')) {
      return reply(res, 200, { status: 'success', data: ['package'] });
    }
    req.resume();
    req.on('end', () => query(res));
  };
}

describe.each(QUERIES)('%s', (_, handler, body) => {
  test('Prometheus unreachable: downstream error naming the address', async () => {
    const port = await freePort();
    const err = await failure(run(handler, body, settingsFor({ url: `http://127.0.0.1:${port}` }), W));
    expect(err).toMatchObject({ source: 'downstream', status: 502 });
    expect(err.message).toMatch(/Cannot reach Prometheus at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  test('Prometheus never answers: downstream timeout after timeoutSeconds', async () => {
    const url = await serve(() => undefined);
    const started = Date.now();
    const err = await failure(run(handler, body, settingsFor({ url, timeoutSeconds: 1 }), W));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err).toMatchObject({ source: 'downstream', status: 504 });
    expect(err.message).toMatch(/did not answer .* within 1 s/);
  });

  test("Prometheus rejects the plugin's query (422) or fails (500): downstream errors", async () => {
    const rejecting = await serve(
      prometheusLike((res) =>
        reply(res, 422, {
          status: 'error',
          errorType: 'execution',
          error: 'query processing would load too many samples into memory',
        })
      )
    );
    const err = await failure(run(handler, body, settingsFor({ url: rejecting }), W));
    expect(err).toMatchObject({ source: 'downstream', status: 422 });
    expect(err.message).toMatch(/rejected a query built by the plugin .*too many samples/);
    const broken = await serve(
      prometheusLike((res) => reply(res, 500, { status: 'error', errorType: 'internal', error: 'boom' }))
    );
    expect(await failure(run(handler, body, settingsFor({ url: broken }), W))).toMatchObject({
      source: 'downstream',
      status: 502,
    });
  });
});

test('no energy exporter: a 400 naming what is missing and what discovery found', async () => {
  const url = await serve(prometheusLike((res) => reply(res, 500, {}), ['node_cpu_hourly_cost']));
  const err = await failure(
    run(namespaceEnergyHandler, { groupBy: 'namespace', metric: 'power' }, settingsFor({ url }), W)
  );
  expect(err).toMatchObject({ source: 'plugin', status: 400 });
  expect(err.message).toMatch(
    /^namespaceEnergy cannot run: an energy exporter with namespaces \(Kepler, Scaphandre --containers or DCGM with pod labels\) not found\. Exporters found in Prometheus at http:\/\/127\.0\.0\.1:\d+ \(2025-01-06T01:00:00\.000Z to 2025-01-06T02:00:00\.000Z\): OpenCost found;/
  );
});

test('through QueryData: each refId gets its own error; siblings are unaffected', async () => {
  const port = await freePort();
  const service = new DataService(
    new InstanceManager(),
    createLogger(() => undefined)
  );
  const query = (refId: string, queryType: string, body: Record<string, unknown>) => ({
    refId,
    queryType,
    maxDataPoints: 1000,
    intervalMS: 30_000,
    timeRange: { fromEpochMS: W.from * 1000, toEpochMS: W.to * 1000 },
    json: Buffer.from(JSON.stringify({ refId, queryType, ...body })),
  });
  const response = await service.queryData({
    pluginContext: {
      orgId: 1,
      pluginId: 'greenops-carbon',
      grafanaConfig: {},
      pluginVersion: 'test',
      dataSourceInstanceSettings: {
        id: 1,
        uid: 'down',
        name: 'down',
        url: '',
        jsonData: Buffer.from(JSON.stringify({ prometheus: { url: `http://127.0.0.1:${port}` } })),
        decryptedSecureJsonData: {},
        lastUpdatedMS: 1,
      },
    },
    headers: {},
    queries: [
      query('A', 'namespaceEnergy', { groupBy: 'pod', metric: 'power' }),
      query('B', 'costVsCarbon', { groupBy: 'region' }),
      query('C', 'gridIntensity', { regions: ['eu-west-1'] }),
      query('D', 'namespaceEnergy', { groupBy: 'cluster', metric: 'energy' }),
    ],
  });
  expect(response.responses.A).toMatchObject({ status: 502, errorSource: 'downstream', frames: [] });
  expect(response.responses.B).toMatchObject({ status: 502, errorSource: 'downstream' });
  expect(response.responses.C).toMatchObject({ status: 200, error: '' });
  expect(response.responses.C.frames).toHaveLength(1);
  expect(response.responses.D).toMatchObject({ status: 400, errorSource: 'plugin' });
  expect(response.responses.D.error).toMatch(/groupBy/);
});
