/**
 * The backend's `exporters` resource route (Prometheus exporter discovery, see
 * src/backend/sources/prometheus/discovery.ts for its shape), read defensively and turned into what the page
 * shows: each exporter looked for, whether it was found, and the query types it takes part in.
 */
import { QUERY_TYPE_DEFINITIONS } from '../../../shared/queryTypes';
import { PROMETHEUS_QUERY_TYPES, type PrometheusQueryType } from '../../../datasource/types';

export interface QueryTypeUse {
  type: PrometheusQueryType;
  label: string;
  available: boolean;
  /** Why it is unavailable (what else is missing), or a limit when it is available. */
  reason?: string;
}

export interface ExporterRow {
  id: string;
  name: string;
  present: boolean;
  /** e.g. "zones dram, package", "--containers, version 1.02". */
  detail?: string;
  /** The metrics and labels it was recognised by. */
  evidence: string[];
  /** The query types that read this exporter. */
  uses: QueryTypeUse[];
}

export interface ExporterOverview {
  exporters: ExporterRow[];
  /** Query types no exporter found enables, with what is missing. */
  unavailable: QueryTypeUse[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * The family an exporter or a query type's `by` entry names: its first word ("Kepler 0.10+" and "Kepler",
 * "DCGM exporter" and "DCGM (GPU only)", "Scaphandre 1.x" and "Scaphandre (--containers)").
 */
const family = (name: string) => name.trim().split(/\s+/)[0].toLowerCase();

export function readExporters(raw: unknown): ExporterOverview {
  const body = isObject(raw) ? raw : {};
  const types = isObject(body.queryTypes) ? body.queryTypes : {};
  const support = PROMETHEUS_QUERY_TYPES.flatMap((type) => {
    const s = types[type];
    if (!isObject(s) || typeof s.available !== 'boolean') {
      return [];
    }
    const use: QueryTypeUse = {
      type,
      label: QUERY_TYPE_DEFINITIONS[type].label,
      available: s.available,
      ...(typeof s.reason === 'string' && s.reason ? { reason: s.reason } : {}),
    };
    return [{ use, by: strings(s.by).map(family) }];
  });

  const exporters: ExporterRow[] = [];
  for (const item of Array.isArray(body.exporters) ? body.exporters : []) {
    if (!isObject(item) || typeof item.id !== 'string') {
      continue;
    }
    const name = typeof item.name === 'string' && item.name ? item.name : item.id;
    const present = item.present === true;
    exporters.push({
      id: item.id,
      name,
      present,
      ...(typeof item.detail === 'string' && item.detail ? { detail: item.detail } : {}),
      evidence: strings(item.evidence),
      // `by` lists only exporters that were found, so an absent exporter takes part in nothing yet.
      uses: present ? support.filter((s) => s.by.includes(family(name))).map((s) => s.use) : [],
    });
  }
  return { exporters, unavailable: support.filter((s) => !s.use.available).map((s) => s.use) };
}
