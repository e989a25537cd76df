/**
 * A live gRPC client of the PACKAGED backend, started as go-plugin starts it (tests/helpers/pluginProcess.ts):
 * the gallery's bridge sends it each request the browser makes, the way Grafana's server would, one RPC per
 * request, while the page is open (the conformance host, tests/conformance/hostHarness.ts, runs a fixed
 * scenario instead).
 */
import { credentials, makeGenericClientConstructor, type ServiceDefinition } from '@grpc/grpc-js';
import type { ServiceClient } from '@grpc/grpc-js/build/src/make-client';

import { services } from '../../src/backend/protocol/protoDefinitions';
import { GRAFANA_PLUGIN_ENV, startPlugin, type PluginProcess } from '../helpers/pluginProcess';

/** The datasource as Grafana would describe it in the plugin context. */
export interface DataSourceDescription {
  id: number;
  uid: string;
  name: string;
  jsonData: unknown;
  secureJsonData?: Record<string, string>;
}

export interface BackendQuery {
  refId: string;
  queryType: string;
  json: Record<string, unknown>;
  from: number;
  to: number;
  intervalMs: number;
  maxDataPoints: number;
}

export interface DataResponse {
  frames: Buffer[];
  error: string;
  status: number;
  errorSource: string;
}

export interface ResourceResponse {
  code: number;
  headers: Record<string, string[]>;
  body: Buffer;
}

export interface HealthResponse {
  /** 0 unknown, 1 OK, 2 error (pluginv2.CheckHealthResponse.HealthStatus). */
  status: number;
  message: string;
  details: unknown;
}

function clientFor(definition: ServiceDefinition, address: string): ServiceClient {
  const Ctor = makeGenericClientConstructor(definition, '');
  return new Ctor(address, credentials.createInsecure());
}

/** A unary RPC by its method name (the generic client has one function per method). */
function unary<T>(client: ServiceClient, method: string, request: unknown): Promise<T> {
  return new Promise((resolve, reject) =>
    client[method](request, (err: Error | null, value: T) => (err ? reject(err) : resolve(value)))
  );
}

export class LiveBackend {
  private constructor(
    private readonly plugin: PluginProcess,
    private readonly data: ServiceClient,
    private readonly resource: ServiceClient,
    private readonly diagnostics: ServiceClient,
    private readonly dataSource: DataSourceDescription
  ) {}

  /** Starts `executable` with Grafana's plugin environment (plus `env`) and connects to its handshake address. */
  static async start(executable: string, dataSource: DataSourceDescription, env: NodeJS.ProcessEnv = {}) {
    const plugin = await startPlugin(executable, [], { ...process.env, ...GRAFANA_PLUGIN_ENV, ...env });
    const address = `127.0.0.1:${plugin.port}`;
    return new LiveBackend(
      plugin,
      clientFor(services.data, address),
      clientFor(services.resource, address),
      clientFor(services.diagnostics, address),
      dataSource
    );
  }

  /** The plugin's stderr so far (its hclog JSON lines). */
  get logLines(): string[] {
    return this.plugin.stderrLines;
  }

  private pluginContext() {
    const ds = this.dataSource;
    return {
      orgId: 1,
      pluginId: 'greenops-carbon-datasource',
      user: { login: 'gallery', name: 'Gallery', email: '', role: 'Admin' },
      dataSourceInstanceSettings: {
        id: ds.id,
        uid: ds.uid,
        name: ds.name,
        jsonData: Buffer.from(JSON.stringify(ds.jsonData)),
        decryptedSecureJsonData: ds.secureJsonData ?? {},
        lastUpdatedMS: 1,
      },
    };
  }

  async query(queries: BackendQuery[]): Promise<Record<string, DataResponse>> {
    const reply = await unary<{ responses: Record<string, DataResponse> }>(this.data, 'QueryData', {
      pluginContext: this.pluginContext(),
      headers: {},
      queries: queries.map((q) => ({
        refId: q.refId,
        queryType: q.queryType,
        json: Buffer.from(JSON.stringify(q.json)),
        timeRange: { fromEpochMS: q.from, toEpochMS: q.to },
        intervalMS: q.intervalMs,
        maxDataPoints: q.maxDataPoints,
      })),
    });
    return reply.responses;
  }

  /** One CallResource; the answer's chunks joined (the stream ends with the last). */
  callResource(method: string, pathAndQuery: string, body: Buffer): Promise<ResourceResponse> {
    const request = {
      pluginContext: this.pluginContext(),
      path: pathAndQuery.split('?')[0],
      method,
      url: pathAndQuery,
      headers: {},
      body,
    };
    const stream: NodeJS.ReadableStream = this.resource.CallResource(request);
    return new Promise((resolve, reject) => {
      let code = 0;
      let headers: Record<string, string[]> = {};
      const chunks: Buffer[] = [];
      stream.on('data', (msg: { code: number; headers: Record<string, { values: string[] }>; body: Buffer }) => {
        if (msg.code) {
          code = msg.code;
        }
        if (msg.headers && Object.keys(msg.headers).length) {
          headers = Object.fromEntries(Object.entries(msg.headers).map(([k, v]) => [k, v.values]));
        }
        chunks.push(Buffer.from(msg.body ?? []));
      });
      stream.on('error', reject);
      stream.on('end', () => resolve({ code, headers, body: Buffer.concat(chunks) }));
    });
  }

  async checkHealth(): Promise<HealthResponse> {
    const reply = await unary<{ status: number; message: string; jsonDetails: Buffer }>(
      this.diagnostics,
      'CheckHealth',
      { pluginContext: this.pluginContext(), headers: {} }
    );
    let details: unknown;
    try {
      details = reply.jsonDetails?.length ? JSON.parse(reply.jsonDetails.toString('utf8')) : undefined;
    } catch {
      details = undefined;
    }
    return { status: reply.status, message: reply.message, details };
  }

  async stop(): Promise<void> {
    for (const c of [this.data, this.resource, this.diagnostics]) {
      c.close();
    }
    await this.plugin.stop();
  }
}
