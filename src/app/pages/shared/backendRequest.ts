/**
 * Requests the app pages send: datasource health and resource routes through Grafana's HTTP API, queries through
 * the datasource itself.
 * Each answer is an Observable, so a page cancels what it no longer shows by unsubscribing.
 */
import {
  CoreApp,
  dateTime,
  type DataFrame,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
} from '@grafana/data';
import { BackendSrvRequest, FetchResponse, getBackendSrv } from '@grafana/runtime';
import { defer, last, map, mergeMap, Observable, of, throwError } from 'rxjs';

import type { CarbonQuery } from '../../../datasource/types';
import { carbonDataSource, type CarbonSettings } from './dataSources';

/** The most specific message a failed request carries; the backend's own message names what to fix. */
export function errorText(err: unknown): string {
  const e = err as {
    data?: { message?: string; error?: string };
    message?: string;
    status?: number;
    statusText?: string;
  };
  return (
    e?.data?.message || e?.data?.error || e?.message || e?.statusText || (e?.status ? `HTTP ${e.status}` : String(err))
  );
}

/**
 * getBackendSrv().fetch, started on subscription. `defer` turns a request that cannot even start into an error
 * notification, which the page shows next to what it concerns instead of crashing.
 */
export function fetch$<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
  // The pages show errors themselves, next to what they concern.
  return defer(() => getBackendSrv().fetch<T>({ showErrorAlert: false, ...options }));
}

/** The JSON of a resource route of the datasource (`/api/datasources/uid/<uid>/resources/<path>`). */
export function resource$<T>(uid: string, path: string, params?: Record<string, string>): Observable<T> {
  return fetch$<T>({ url: `/api/datasources/uid/${encodeURIComponent(uid)}/resources/${path}`, params }).pipe(
    map((res) => res.data)
  );
}

export interface QueryResult {
  frames: DataFrame[];
  /** The query ran and failed: the backend's message. */
  error?: string;
}

export interface EpochRange {
  from: number;
  to: number;
}

/** A panel-like request for `queries` over `range`; the pages have no dashboard, so no variables apply. */
function dataRequest(queries: CarbonQuery[], range: EpochRange): DataQueryRequest<CarbonQuery> {
  const from = dateTime(range.from);
  const to = dateTime(range.to);
  const intervalMs = Math.max(1000, Math.round((range.to - range.from) / 1000));
  return {
    // Grafana cancels an earlier request with the same id, so each set of queries has its own.
    requestId: `greenops-app-${queries.map((q) => q.refId).join('-')}`,
    app: CoreApp.Unknown,
    range: { from, to, raw: { from, to } },
    interval: `${intervalMs}ms`,
    intervalMs,
    scopedVars: {},
    targets: queries,
    timezone: 'browser',
    startTime: Date.now(),
  };
}

/**
 * Runs queries through the datasource's own `query` (DataSourceWithBackend), as panels do, and answers each
 * refId's frames or error. Only a request that failed as a whole (plugin down, no permission) is an error of the
 * Observable. Going through the datasource rather than Grafana's query endpoint keeps the request headers,
 * cancellation and the query service routing Grafana applies to panels, as the plugin validator asks.
 */
export function runQueries$(
  settings: CarbonSettings,
  queries: CarbonQuery[],
  range: EpochRange
): Observable<Record<string, QueryResult>> {
  // The datasource is implied: a query naming it would make Grafana look it up again and skip its templating.
  const targets = queries.map(({ datasource, ...query }) => query);
  return defer(() => carbonDataSource(settings).query(dataRequest(targets, range))).pipe(
    // A backend query answers once; the last answer is the complete one should a datasource stream.
    last(),
    mergeMap((res) => answerByRefId(res, queries))
  );
}

/**
 * The error of a request that failed as a whole (plugin down, no permission, 5xx without results). The datasource
 * reports it only in the deprecated `error`: `errors` is filled from per-query results, and there are none.
 * Grafana's own query runner reads it the same way.
 */
function wholeRequestError(res: DataQueryResponse): DataQueryError | undefined {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the only place this failure is reported
  const { error } = res;
  return error && !error.refId && !res.errors?.length ? error : undefined;
}

function answerByRefId(res: DataQueryResponse, queries: CarbonQuery[]): Observable<Record<string, QueryResult>> {
  const failed = wholeRequestError(res);
  if (failed) {
    return throwError(() => failed);
  }
  const results: Record<string, QueryResult> = {};
  for (const q of queries) {
    results[q.refId] = {
      frames: (res.data as DataFrame[]).filter((f) => f.refId === q.refId),
      error: res.errors?.find((e) => e.refId === q.refId)?.message,
    };
  }
  return of(results);
}
