/**
 * Answers of the backend's resource routes that the Prometheus editors read (`GET exporters`, `GET namespaces`).
 * The backend may be older or newer than this frontend, so every answer is read defensively: unknown shapes
 * become "nothing known" rather than errors.
 *
 * ExporterDiscovery belongs in types.ts (the shared contract) once the backend serves the route.
 */

/** One exporter the backend looked for in Prometheus (Kepler 0.7, Kepler 0.10+, Scaphandre, DCGM, OpenCost, ...). */
export interface ExporterInfo {
  id: string;
  name: string;
  present: boolean;
  detail?: string;
}

export interface QueryTypeAvailability {
  available: boolean;
  reason?: string;
}

/** What `GET exporters` found: which exporters are present and which query types they enable. */
export interface ExporterDiscovery {
  exporters: ExporterInfo[];
  queryTypes: Record<string, QueryTypeAvailability>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

export function normaliseExporters(raw: unknown): ExporterDiscovery {
  const body = isObject(raw) ? raw : {};
  const exporters: ExporterInfo[] = [];
  for (const item of Array.isArray(body.exporters) ? body.exporters : []) {
    if (isObject(item) && typeof item.id === 'string') {
      exporters.push({
        id: item.id,
        name: optionalString(item.name) ?? item.id,
        present: item.present === true,
        detail: optionalString(item.detail),
      });
    }
  }
  const queryTypes: Record<string, QueryTypeAvailability> = {};
  for (const [type, value] of Object.entries(isObject(body.queryTypes) ? body.queryTypes : {})) {
    // Only an explicit `false` marks a query type unavailable; anything unclear is left to the query itself.
    if (isObject(value) && typeof value.available === 'boolean') {
      queryTypes[type] = { available: value.available, reason: optionalString(value.reason) };
    }
  }
  return { exporters, queryTypes };
}

/** Accepts `["a", "b"]`, `{ namespaces: [...] }` and lists of `{ name }`; sorted, without blanks or duplicates. */
export function normaliseNamespaces(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : isObject(raw) && Array.isArray(raw.namespaces) ? raw.namespaces : [];
  const names = list
    .map((item: unknown) => (typeof item === 'string' ? item : isObject(item) ? item.name : undefined))
    .filter((name): name is string => typeof name === 'string' && name.trim() !== '');
  return Array.from(new Set(names)).sort((a, b) => a.localeCompare(b));
}

/** A route the running backend does not have yet (older version): not an error worth showing. */
export function isNotFound(err: unknown): boolean {
  return isObject(err) && err.status === 404;
}
