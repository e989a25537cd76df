/**
 * What one query of a QueryData call is, as query modules and the measured-energy modules see it:
 * the protocol layer builds it, nothing below protocol knows gRPC.
 */
import type { DataSourceSettings } from './settings';

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
