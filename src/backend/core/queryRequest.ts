/**
 * What one query of a QueryData call is, as query modules and the measured-energy modules see it:
 * the protocol layer builds it, nothing below protocol knows gRPC.
 */
import type { DatasourceInstance } from './instance';
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
  /** The instance's settings (`instance.settings`), for the handlers that only read them. */
  settings: DataSourceSettings;
  /** The datasource instance: clients, caches and logger are reached through it. */
  instance: DatasourceInstance;
}
