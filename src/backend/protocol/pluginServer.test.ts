/**
 * The gRPC surface in-process, through a grpc-js client. The packaged executable is checked against
 * HashiCorp go-plugin's own client in tests/conformance.
 */
import { credentials, Client, Metadata, status as GrpcStatus, ServiceError } from '@grpc/grpc-js';
import { tableFromIPC } from 'apache-arrow';
import { QUERY_TYPES } from '../../datasource/types';
import { createLogger } from '../core/logger';
import { startPluginServer, RunningServer } from './pluginServer';
import { definitions } from './protoDefinitions';

type AnyClient = Client & Record<string, (...args: any[]) => any>;

function clientFor(path: string[], port: number): AnyClient {
  let node: any = definitions;
  for (const p of path) {
    node = node[p];
  }
  return new node(`127.0.0.1:${port}`, credentials.createInsecure(), { 'grpc.max_send_message_length': -1 });
}

function unaryCall<T>(client: AnyClient, method: string, request: unknown): Promise<T> {
  return new Promise((resolve, reject) =>
    client[method](request, new Metadata(), (err: ServiceError | null, res: T) => (err ? reject(err) : resolve(res)))
  );
}

const DAY_2024_01_01 = Date.UTC(2024, 0, 1);
const pluginContext = {
  orgId: 1,
  pluginId: 'greenops-carbon-datasource',
  dataSourceInstanceSettings: { uid: 'ds', name: 'Carbon', jsonData: Buffer.from('{}'), lastUpdatedMS: 1 },
};

function dataQuery(refId: string, json: string, queryType = 'gridIntensity') {
  return {
    refId,
    queryType,
    json: Buffer.from(json),
    intervalMS: 3_600_000,
    maxDataPoints: 100,
    timeRange: { fromEpochMS: DAY_2024_01_01, toEpochMS: DAY_2024_01_01 + 86_400_000 },
  };
}

describe('plugin gRPC server', () => {
  let server: RunningServer;
  let shutdownRequests = 0;
  const logLines: string[] = [];

  beforeAll(async () => {
    server = await startPluginServer(
      createLogger((l) => logLines.push(l)),
      () => shutdownRequests++
    );
  });
  afterAll(() => server.shutdown());

  it('answers each refId on its own: valid data next to malformed, unknown and unparsable queries', async () => {
    const client = clientFor(['pluginv2', 'Data'], server.port);
    const response: any = await unaryCall(client, 'QueryData', {
      pluginContext,
      queries: [
        dataQuery('A', '{"queryType":"gridIntensity","provider":"aws","regions":["eu-west-1"],"format":"timeseries"}'),
        dataQuery('B', '{"queryType":"gridIntensity","regions":"eu-west-1"}'),
        dataQuery('C', '{"queryType":"noSuchType"}', 'noSuchType'),
        dataQuery('D', '{"refId":'),
      ],
    });
    const { A, B, C, D } = response.responses;
    expect(A.error).toBe('');
    expect(A.frames).toHaveLength(1);
    const table = tableFromIPC(A.frames[0]);
    expect(table.schema.metadata.get('refId')).toBe('A');
    expect(table.getChild('intensity')!.get(0)).toBeCloseTo(352, 9); // Electricity Maps IE 2024 (CO2.js 0.19.0)
    expect(B).toMatchObject({ status: 400, errorSource: 'plugin', frames: [] });
    expect(B.error).toMatch(/regions: Expected array, received string/);
    expect(C).toMatchObject({ status: 400, errorSource: 'plugin' });
    expect(C.error).toMatch(/Unknown query type "noSuchType".*gridIntensity/);
    expect(D).toMatchObject({ status: 400, errorSource: 'plugin' });
    expect(D.error).toMatch(/could not be parsed/);
    client.close();
  });

  it('fails every query of a request, not the RPC, when the datasource settings are broken', async () => {
    const client = clientFor(['pluginv2', 'Data'], server.port);
    const response: any = await unaryCall(client, 'QueryData', {
      pluginContext: {
        ...pluginContext,
        dataSourceInstanceSettings: { uid: 'bad', jsonData: Buffer.from('{x'), lastUpdatedMS: 2 },
      },
      queries: [dataQuery('A', '{"queryType":"gridIntensity"}')],
    });
    expect(response.responses.A).toMatchObject({ status: 400, errorSource: 'plugin' });
    expect(response.responses.A.error).toMatch(/jsonData is not valid JSON/);
    client.close();
  });

  it('reports health with the number of regions, and an actionable error for broken settings', async () => {
    const client = clientFor(['pluginv2', 'Diagnostics'], server.port);
    const ok: any = await unaryCall(client, 'CheckHealth', { pluginContext });
    expect(ok.status).toBe(1);
    expect(ok.message).toMatch(/GreenOps Carbon is working\. Grid carbon intensity for \d+ cloud regions/);
    const bad: any = await unaryCall(client, 'CheckHealth', {
      pluginContext: { dataSourceInstanceSettings: { uid: 'bad2', jsonData: Buffer.from('nope'), lastUpdatedMS: 1 } },
    });
    expect(bad.status).toBe(2);
    expect(bad.message).toMatch(/jsonData/);
    client.close();
  });

  it('serves its own metrics in Prometheus text format', async () => {
    const client = clientFor(['pluginv2', 'Diagnostics'], server.port);
    const res: any = await unaryCall(client, 'CollectMetrics', { pluginContext });
    const text = res.metrics.prometheus.toString();
    expect(text).toMatch(/# TYPE greenops_carbon_queries_total counter/);
    expect(text).toMatch(/greenops_carbon_queries_total\{query_type="gridIntensity",outcome="ok"\} \d+/);
    expect(text).toMatch(/greenops_carbon_process_resident_memory_bytes \d+/);
    client.close();
  });

  it('streams resource responses with code, JSON content type and body', async () => {
    const client = clientFor(['pluginv2', 'Resource'], server.port);
    const call = (path: string, url: string) =>
      new Promise<any[]>((resolve, reject) => {
        const messages: any[] = [];
        const stream = client.CallResource({ pluginContext, path, url, method: 'GET' });
        stream.on('data', (m: any) => messages.push(m));
        stream.on('end', () => resolve(messages));
        stream.on('error', reject);
      });
    const [types] = await call('query-types', 'query-types');
    expect(types.code).toBe(200);
    expect(types.headers['Content-Type'].values).toEqual(['application/json']);
    expect(JSON.parse(types.body.toString())).toEqual([...QUERY_TYPES]);
    const [regions] = await call('regions', 'regions?provider=gcp');
    const list = JSON.parse(regions.body.toString());
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((r: any) => r.provider === 'gcp')).toBe(true);
    expect((await call('nope', 'nope'))[0].code).toBe(404);
    client.close();
  });

  it('is SERVING for "plugin" and "" on the standard health service', async () => {
    const client = clientFor(['grpc', 'health', 'v1', 'Health'], server.port);
    expect(await unaryCall(client, 'Check', { service: 'plugin' })).toEqual({ status: 1 });
    expect(await unaryCall(client, 'Check', { service: '' })).toEqual({ status: 1 });
    client.close();
  });

  it('answers UNIMPLEMENTED for services it does not serve', async () => {
    const client = new Client(`127.0.0.1:${server.port}`, credentials.createInsecure());
    const err = await new Promise<ServiceError>((resolve) =>
      client.makeUnaryRequest(
        '/pluginv2.Stream/SubscribeStream',
        (b: Buffer) => b,
        (b: Buffer) => b,
        Buffer.alloc(0),
        (e) => resolve(e as ServiceError)
      )
    );
    expect(err.code).toBe(GrpcStatus.UNIMPLEMENTED);
    client.close();
  });

  it('accepts requests up to 16 MiB and refuses larger ones', async () => {
    const client = clientFor(['pluginv2', 'Data'], server.port);
    // Many queries just under the 64 KiB query-model limit make a request of the given size.
    const padded = (refId: string, bytes: number) =>
      dataQuery(refId, `{"queryType":"gridIntensity","pad":"${'x'.repeat(bytes)}"}`);
    const big = (mib: number) => ({
      pluginContext,
      queries: Array.from({ length: mib * 16 }, (_, i) => padded(`Q${i}`, 63 * 1024)),
    });
    const ok: any = await unaryCall(client, 'QueryData', big(12));
    expect(Object.keys(ok.responses)).toHaveLength(12 * 16);
    expect(Object.values(ok.responses).every((r: any) => r.error === '')).toBe(true);
    await expect(unaryCall(client, 'QueryData', big(17))).rejects.toMatchObject({
      code: GrpcStatus.RESOURCE_EXHAUSTED,
    });
    client.close();
  });

  it('refuses one query model over 64 KiB in its own refId, with the limit named', async () => {
    const client = clientFor(['pluginv2', 'Data'], server.port);
    // 64 KiB is the limit: the JSON wrapper adds 31 bytes to the pad.
    const json = (pad: number) => `{"queryType":"gridIntensity","pad":"${'x'.repeat(pad)}"}`;
    const wrapper = json(0).length;
    const response: any = await unaryCall(client, 'QueryData', {
      pluginContext,
      queries: [
        dataQuery('AT', json(64 * 1024 - wrapper)),
        dataQuery('OVER', json(64 * 1024 - wrapper + 1)),
        dataQuery('HUGE', json(12 * 1024 * 1024)),
      ],
    });
    expect(response.responses.AT.error).toBe('');
    expect(response.responses.OVER).toMatchObject({ status: 400, errorSource: 'plugin' });
    expect(response.responses.OVER.error).toMatch(/^The query is 65 KiB; at most 64 KiB is accepted\./);
    // 12 MiB of pad plus the wrapper, rounded up to whole KiB: 12,288 + 1.
    expect(response.responses.HUGE.error).toMatch(/^The query is 12,289 KiB; at most 64 KiB/);
    client.close();
  });

  it('acknowledges Shutdown and then asks the process to stop', async () => {
    const client = clientFor(['plugin', 'GRPCController'], server.port);
    expect(await unaryCall(client, 'Shutdown', {})).toEqual({});
    await new Promise((r) => setImmediate(r));
    expect(shutdownRequests).toBe(1);
    client.close();
  });
});
