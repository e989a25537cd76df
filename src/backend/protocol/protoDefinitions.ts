/**
 * gRPC service definitions built from the embedded .proto texts (never read from disk, so the
 * single executable carries them).
 */
import * as protoLoader from '@grpc/proto-loader';
import { loadPackageDefinition, GrpcObject, ServiceClientConstructor } from '@grpc/grpc-js';
import * as protobuf from 'protobufjs';
import pluginv2Proto from './proto/pluginv2.proto';
import pluginProto from './proto/plugin.proto';
import healthProto from './proto/health.proto';

const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  // Epoch milliseconds and ids fit in a double; numbers keep the handlers simple.
  longs: Number,
  enums: Number,
  defaults: true,
  arrays: true,
  objects: true,
};

function loadDefinitions(): GrpcObject {
  const root = new protobuf.Root();
  for (const source of [pluginv2Proto, pluginProto, healthProto]) {
    protobuf.parse(source, root, { keepCase: true });
  }
  return loadPackageDefinition(protoLoader.fromJSON(root.toJSON(), LOADER_OPTIONS));
}

function service(pkg: GrpcObject, path: string[]): ServiceClientConstructor['service'] {
  let node: unknown = pkg;
  for (const part of path) {
    node = (node as Record<string, unknown>)[part];
  }
  return (node as ServiceClientConstructor).service;
}

/** The loaded packages; tests build clients from them. */
export const definitions = loadDefinitions();

export const services = {
  data: service(definitions, ['pluginv2', 'Data']),
  diagnostics: service(definitions, ['pluginv2', 'Diagnostics']),
  resource: service(definitions, ['pluginv2', 'Resource']),
  controller: service(definitions, ['plugin', 'GRPCController']),
  health: service(definitions, ['grpc', 'health', 'v1', 'Health']),
};
