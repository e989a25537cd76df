/**
 * The contract between the protocol layer and one query type. Query modules never see gRPC or
 * Arrow: they get a parsed request and return frames (src/backend/frames/frame.ts).
 */
import type { Frame } from '../frames/frame';
import type { DataSourceSettings } from '../core/settings';

export interface TimeRange {
  /** Epoch milliseconds. */
  from: number;
  to: number;
}

export interface QueryRequest<Q> {
  refId: string;
  query: Q;
  timeRange: TimeRange;
  /** Grafana's suggested step; 0 when unknown. */
  intervalMs: number;
  /** Upper bound on points per series; 0 when unknown. */
  maxDataPoints: number;
  settings: DataSourceSettings;
}

export interface QueryHandler<Q> {
  queryType: string;
  /** Validates the panel's query JSON; throws badQuery() with a precise message when it is wrong. */
  parse(json: unknown): Q;
  run(request: QueryRequest<Q>): Promise<Frame[]>;
}
