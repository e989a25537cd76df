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

/** One entry of a list route (`providers`, `accounts`, `workloads`, ...): the id and what to show for it. */
export interface ListedOption {
  value: string;
  text: string;
}

/** Query parameters of the list routes; empty ones are left out. */
export interface ListParams {
  provider?: string;
  namespace?: string;
  source?: string;
  /** Epoch ms. */
  from?: number;
  to?: number;
}

/** Only the parameters that are set, as strings, for getResource. */
export function listQuery(params: ListParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && String(value).trim() !== '') {
      out[key] = String(value);
    }
  }
  return out;
}

/**
 * Accepts the shapes list routes answer with: `["a"]`, `[{ value, label }]`, `[{ name }]` and the regions route's
 * `[{ region }]`. Unique by value, in the backend's order; unreadable entries are dropped.
 */
export function normaliseListed(raw: unknown): ListedOption[] {
  const seen = new Set<string>();
  const out: ListedOption[] = [];
  for (const item of Array.isArray(raw) ? raw : []) {
    const value =
      typeof item === 'string' ? item : isObject(item) ? (item.value ?? item.name ?? item.region) : undefined;
    if (typeof value !== 'string' || value.trim() === '' || seen.has(value)) {
      continue;
    }
    seen.add(value);
    const label = isObject(item) ? optionalString(item.label) : undefined;
    out.push({ value, text: label ?? value });
  }
  return out;
}
