import { useEffect, useState } from 'react';

import type { ExporterDiscovery } from '../resources';

/**
 * Facts about the running backend (query types it serves, exporters it found), fetched once per datasource
 * instance and shared by every editor on the page. Failed lookups are forgotten, so the next editor retries.
 */
const cache = new WeakMap<object, Map<string, Promise<unknown>>>();

function cached<T>(owner: object, key: string, load: () => Promise<T>): Promise<T> {
  let entries = cache.get(owner);
  if (!entries) {
    entries = new Map();
    cache.set(owner, entries);
  }
  let promise = entries.get(key) as Promise<T> | undefined;
  if (!promise) {
    const store = entries;
    promise = Promise.resolve().then(load);
    store.set(key, promise);
    promise.catch(() => store.delete(key));
  }
  return promise;
}

interface Answer<T> {
  owner: object;
  value?: T;
  failed: boolean;
}

export interface BackendInfo<T> {
  /** Undefined while loading, after a failure, or when the datasource cannot answer. */
  value?: T;
  loading: boolean;
  failed: boolean;
}

/**
 * `load(owner)` is only called when `owner` has no answer cached for `key`; pass a function defined outside the
 * component (or undefined when the owner cannot answer), so it does not change between renders.
 */
export function useBackendInfo<O extends object, T>(
  owner: O,
  key: string,
  load: ((owner: O) => Promise<T>) | undefined
): BackendInfo<T> {
  const [answer, setAnswer] = useState<Answer<T>>();
  useEffect(() => {
    if (!load) {
      return;
    }
    // An answer for a previous datasource must not land on this one.
    let current = true;
    cached(owner, key, () => load(owner)).then(
      (value) => current && setAnswer({ owner, value, failed: false }),
      () => current && setAnswer({ owner, failed: true })
    );
    return () => {
      current = false;
    };
  }, [owner, key, load]);
  const fresh = answer?.owner === owner ? answer : undefined;
  return { value: fresh?.value, loading: Boolean(load) && !fresh, failed: Boolean(fresh?.failed) };
}

export interface QueryTypeSource {
  getQueryTypes?(): Promise<string[]>;
}

/** Query types the backend serves; undefined until known (or when the backend cannot say). */
export function useServedQueryTypes(datasource: QueryTypeSource): string[] | undefined {
  const load = typeof datasource.getQueryTypes === 'function' ? loadQueryTypes : undefined;
  const { value } = useBackendInfo(datasource, 'query-types', load);
  return Array.isArray(value) ? value : undefined;
}
const loadQueryTypes = (datasource: QueryTypeSource) => datasource.getQueryTypes!();

export interface ExporterSource {
  getExporters?(): Promise<ExporterDiscovery>;
}

/** The exporter discovery; undefined until known, and on backends without the route. */
export function useExporters(datasource: ExporterSource): ExporterDiscovery | undefined {
  const load = typeof datasource.getExporters === 'function' ? loadExporters : undefined;
  return useBackendInfo(datasource, 'exporters', load).value;
}
const loadExporters = (datasource: ExporterSource) => datasource.getExporters!();
