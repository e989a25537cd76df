/**
 * Decoded pluginv2 messages as @grpc/proto-loader hands them to us (keepCase, longs as numbers,
 * defaults filled in; absent sub-messages are null). Only the fields we read or write.
 */
export interface DataSourceInstanceSettingsMessage {
  id: number;
  name: string;
  url: string;
  uid: string;
  jsonData: Buffer;
  decryptedSecureJsonData: Record<string, string>;
  lastUpdatedMS: number;
}

export interface PluginContextMessage {
  orgId: number;
  pluginId: string;
  dataSourceInstanceSettings: DataSourceInstanceSettingsMessage | null;
  grafanaConfig: Record<string, string>;
  pluginVersion: string;
}

export interface DataQueryMessage {
  refId: string;
  maxDataPoints: number;
  intervalMS: number;
  timeRange: { fromEpochMS: number; toEpochMS: number } | null;
  json: Buffer;
  queryType: string;
}

export interface QueryDataRequestMessage {
  pluginContext: PluginContextMessage | null;
  headers: Record<string, string>;
  queries: DataQueryMessage[];
}

export interface DataResponseMessage {
  frames: Uint8Array[];
  error: string;
  status: number;
  errorSource: string;
}

export interface QueryDataResponseMessage {
  responses: Record<string, DataResponseMessage>;
}

export interface CheckHealthRequestMessage {
  pluginContext: PluginContextMessage | null;
}

export const HEALTH_STATUS = { UNKNOWN: 0, OK: 1, ERROR: 2 } as const;

export interface CheckHealthResponseMessage {
  status: number;
  message: string;
  jsonDetails: Buffer;
}

export interface CallResourceRequestMessage {
  pluginContext: PluginContextMessage | null;
  path: string;
  method: string;
  url: string;
  body: Buffer;
}

export interface CallResourceResponseMessage {
  code: number;
  headers: Record<string, { values: string[] }>;
  body: Buffer;
}
