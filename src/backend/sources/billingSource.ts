/**
 * What a billing source (AWS Cost Explorer, FOCUS exports) gives the query modules: usage rows
 * for a time range, already filtered and summed per time bucket and usage key, so memory is
 * bounded by the number of distinct keys, not by the size of the bill.
 */
import type { BillingFilters } from '../../datasource/types';
import type { UsageRow } from '../../engine/usage';

export type BucketGranularity = 'hourly' | 'daily' | 'monthly';

export interface BillingRequest {
  /** Epoch ms, end exclusive. */
  from: number;
  to: number;
  granularity: BucketGranularity;
  filters: BillingFilters;
  /**
   * Keep sub-accounts apart (grouping or listing by account). Without it a source may sum across
   * accounts: fewer rows, and nothing the estimate needs is lost.
   */
  groupByAccount?: boolean;
  signal?: AbortSignal;
}

export interface BillingResult {
  rows: UsageRow[];
  /** Things the user should know (pages fetched, rows skipped and why, requests served from cache). */
  notices: string[];
  /** Upstream requests made for this call, and how many of them came from the cache. */
  requests: number;
  cachedRequests: number;
}

export interface SourceHealth {
  ok: boolean;
  message: string;
}

export interface BillingSourceClient {
  /** Whether hourly buckets can be asked for (Cost Explorer: opt-in, last 14 days). */
  readonly hourlyAvailable: boolean;
  fetchUsage(request: BillingRequest): Promise<BillingResult>;
  checkHealth(): Promise<SourceHealth>;
}
