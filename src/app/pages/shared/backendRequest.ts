/**
 * Requests the app pages send to Grafana's HTTP API: datasource health, resource routes and /api/ds/query.
 * Each answer is an Observable, so a page cancels what it no longer shows by unsubscribing.
 */
import type { DataFrame } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import {
  BackendDataSourceResponse,
  BackendSrvRequest,
  FetchResponse,
  getBackendSrv,
  toDataQueryResponse,
} from '@grafana/runtime';
import { defer, map, Observable } from 'rxjs';

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

/**
 * Runs queries through /api/ds/query, as panels do, and answers each refId's frames or error. Only a request
 * that failed as a whole (plugin down, no permission) is an error of the Observable.
 */
export function runQueries$(queries: DataQuery[], range: EpochRange): Observable<Record<string, QueryResult>> {
  return new Observable<Record<string, QueryResult>>((subscriber) => {
    const answer = (res: Parameters<typeof toDataQueryResponse>[0]) => {
      const { data, errors } = toDataQueryResponse(res, queries);
      const results: Record<string, QueryResult> = {};
      for (const q of queries) {
        results[q.refId] = {
          frames: (data as DataFrame[]).filter((f) => f.refId === q.refId),
          error: errors?.find((e) => e.refId === q.refId)?.message,
        };
      }
      subscriber.next(results);
      subscriber.complete();
    };
    const subscription = fetch$<BackendDataSourceResponse>({
      url: '/api/ds/query',
      method: 'POST',
      data: { queries, from: String(range.from), to: String(range.to) },
    }).subscribe({
      next: answer,
      error: (err: { data?: BackendDataSourceResponse }) =>
        // A query that fails makes the whole response an HTTP error, with every query's result inside it.
        err?.data?.results ? answer(err as { data: BackendDataSourceResponse }) : subscriber.error(err),
    });
    return () => subscription.unsubscribe();
  });
}
