/**
 * The gRPC server Grafana talks to: pluginv2 Data, Diagnostics and Resource, go-plugin's
 * GRPCController (Shutdown) and the standard health service. Anything else is UNIMPLEMENTED,
 * which Grafana handles (see the protocol reference).
 */
import {
  Server,
  ServerCredentials,
  ServerUnaryCall,
  ServerWritableStream,
  sendUnaryData,
  status as GrpcStatus,
} from '@grpc/grpc-js';
import { DataService } from './dataService';
import { DiagnosticsService } from './diagnosticsService';
import { LISTEN_HOST } from './handshake';
import { InstanceManager } from '../core/instance';
import type { Logger } from '../core/logger';
import type { CallResourceRequestMessage } from './messages';
import { services } from './protoDefinitions';
import { ResourceService } from './resourceService';

/** The Go SDK accepts 16 MiB; grpc-js defaults to 4 MiB. */
export const MAX_RECEIVE_BYTES = 16 * 1024 * 1024;
/** Grafana kills the process 2 s after Shutdown; drain for less than that. */
const DRAIN_MS = 1500;
const SERVING = 1;
const HEALTHY_SERVICES = new Set(['', 'plugin']);

export interface RunningServer {
  port: number;
  /** Drains in-flight calls (at most DRAIN_MS) and resolves when the server is closed. */
  shutdown(): Promise<void>;
}

type UnaryHandler<Req, Res> = (request: Req) => Promise<Res> | Res;

/** Adapts an async handler; unexpected exceptions become INTERNAL with a message, never a crash. */
function unary<Req, Res>(log: Logger, name: string, handler: UnaryHandler<Req, Res>) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => {
    Promise.resolve()
      .then(() => handler(call.request))
      .then(
        (response) => callback(null, response),
        (err: unknown) => {
          log.error(`${name} failed`, { error: err });
          callback({ code: GrpcStatus.INTERNAL, details: `${name}: ${(err as Error)?.message ?? String(err)}` });
        }
      );
  };
}

export async function startPluginServer(log: Logger, onShutdownRequested: () => void): Promise<RunningServer> {
  const server = new Server({
    'grpc.max_receive_message_length': MAX_RECEIVE_BYTES,
    'grpc.max_send_message_length': -1,
  });
  const instances = new InstanceManager({ log });
  const data = new DataService(instances, log);
  const diagnostics = new DiagnosticsService(instances, log);
  const resources = new ResourceService(instances, log);

  server.addService(services.data, {
    QueryData: unary(log, 'QueryData', (req: Parameters<DataService['queryData']>[0]) => data.queryData(req)),
  });
  server.addService(services.diagnostics, {
    CheckHealth: unary(log, 'CheckHealth', (req: Parameters<DiagnosticsService['checkHealth']>[0]) =>
      diagnostics.checkHealth(req)
    ),
    CollectMetrics: unary(log, 'CollectMetrics', () => diagnostics.collectMetrics()),
  });
  server.addService(services.resource, {
    CallResource: (call: ServerWritableStream<CallResourceRequestMessage, unknown>) => {
      // callResource never rejects: failures are answered as JSON errors.
      void resources.callResource(call.request).then((response) => {
        call.write(response);
        call.end();
      });
    },
  });
  server.addService(services.health, {
    Check: unary(log, 'Health.Check', (req: { service: string }) => {
      if (!HEALTHY_SERVICES.has(req.service)) {
        throw Object.assign(new Error(`unknown service ${req.service}`), { code: GrpcStatus.NOT_FOUND });
      }
      return { status: SERVING };
    }),
  });
  server.addService(services.controller, {
    Shutdown: unary(log, 'Shutdown', () => {
      // Answer first, then stop: the host waits for the reply before it waits for our exit.
      setImmediate(onShutdownRequested);
      return {};
    }),
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${LISTEN_HOST}:0`, ServerCredentials.createInsecure(), (err, boundPort) =>
      err ? reject(err) : resolve(boundPort)
    );
  });

  return {
    port,
    shutdown: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, DRAIN_MS);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }).then(() => instances.disposeAll()),
  };
}
