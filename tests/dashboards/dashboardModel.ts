/**
 * Reading the bundled dashboards the way Grafana does: their panels (rows flattened), variables,
 * targets with variables interpolated as the datasource frontend sends them, and the unit a panel
 * declares for a field (an override matching the field, else the panel default).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const DASHBOARD_DIR = path.join(ROOT, 'dashboards');
export const DATASOURCE_TYPE = 'greenops-carbon-datasource';
export const DATASOURCE_UID = 'greenops-carbon';

export interface Dashboard {
  uid: string;
  title: string;
  tags?: string[];
  templating: { list: Variable[] };
  panels: Panel[];
  [key: string]: unknown;
}

export interface Variable {
  name: string;
  type: string;
  query?: unknown;
  current?: { text?: unknown; value?: unknown };
  multi?: boolean;
  includeAll?: boolean;
  datasource?: { type?: string; uid?: string };
  [key: string]: unknown;
}

export interface Override {
  matcher: { id: string; options?: unknown };
  properties: Array<{ id: string; value?: unknown }>;
}

export interface Panel {
  id: number;
  type: string;
  title: string;
  description?: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  transformations?: Array<{ id: string; options?: unknown }>;
  fieldConfig?: { defaults?: { unit?: string; [key: string]: unknown }; overrides?: Override[] };
  options?: Record<string, any>;
  panels?: Panel[];
  [key: string]: unknown;
}

export interface Target {
  refId: string;
  queryType?: string;
  datasource?: { type?: string; uid?: string };
  [key: string]: unknown;
}

export function loadDashboards(): Array<{ file: string; dashboard: Dashboard }> {
  return readdirSync(DASHBOARD_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      dashboard: JSON.parse(readFileSync(path.join(DASHBOARD_DIR, file), 'utf8')) as Dashboard,
    }));
}

/** Every panel that shows data: rows are containers, their collapsed children count. */
export function dataPanels(dashboard: Dashboard): Panel[] {
  return dashboard.panels.flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
}

/**
 * Values of each variable as Grafana holds them when the dashboard opens (`All` resolved by the
 * caller): a list for a multi-value variable (even with one value selected), else a string.
 */
export type VariableValues = Record<string, string | string[]>;

/** Fields the frontend leaves alone, and those where a multi-value variable becomes a regex `(a|b)` (datasource.ts). */
const NOT_INTERPOLATED = new Set(['refId', 'key', 'datasource']);
const REGEX_FIELDS = new Set(['expr', 'unitQuery', 'selector', 'exe', 'cmdline']);
const VARIABLE = /\$(\w+)|\$\{(\w+)(?::\w+)?\}|\[\[(\w+)\]\]/g;
/** datasource.ts FILTER_LISTS: in these lists a whole `$var` set to All (no custom all value) means no filter. */
const FILTER_LISTS = new Set(['regions', 'services', 'accounts', 'namespaces', 'workloads']);
const WHOLE_VARIABLE = /^\s*(?:\$(\w+)|\$\{(\w+)\})\s*$/;

function replace(text: string, values: VariableValues, format: (v: string | string[]) => string): string {
  return text.replace(VARIABLE, (match, a, b, c) => {
    const name = a ?? b ?? c;
    const value = values[name];
    return value === undefined ? match : format(value);
  });
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Grafana's default format for a multi-value variable in a plain string is a glob `{a,b}`. */
const glob = (v: string | string[]) => (typeof v === 'string' ? v : v.length === 1 ? v[0] : `{${v.join(',')}}`);
/** datasource.ts formatRegex: a multi-value variable's values escaped (and alternated); a plain value as it is. */
const regex = (v: string | string[]) =>
  typeof v === 'string' ? v : v.length === 1 ? escapeRegex(v[0]) : `(${v.map(escapeRegex).join('|')})`;
const joined = (v: string | string[]) => (typeof v === 'string' ? v : v.join('\u001f'));

/**
 * The query JSON the backend receives for a panel target, as CarbonDataSource.applyTemplateVariables
 * (src/datasource/datasource.ts) builds it: strings interpolated, a multi-value variable in a string
 * array becomes one element per value (empty ones dropped, duplicates removed), and in PromQL and
 * regex fields an alternation of the escaped values; in the filter lists, a whole variable set to All
 * (`allSelected`) is dropped, meaning no filter.
 */
export function interpolateTarget(
  target: Target,
  values: VariableValues,
  allSelected: ReadonlySet<string> = new Set()
): Record<string, unknown> {
  const isAll = (item: string) => {
    const m = WHOLE_VARIABLE.exec(item);
    return !!m && allSelected.has(m[1] ?? m[2]);
  };
  const interpolate = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') {
      return replace(value, values, glob);
    }
    if (Array.isArray(value)) {
      const filter = key !== undefined && FILTER_LISTS.has(key);
      const items = value.flatMap((item) =>
        typeof item === 'string' && filter && isAll(item)
          ? []
          : typeof item === 'string'
            ? replace(item, values, joined)
                .split('\u001f')
                .map((s) => s.trim())
                .filter((s) => s !== '')
            : [interpolate(item)]
      );
      return items.filter((item, i) => typeof item !== 'string' || items.indexOf(item) === i);
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, k)]));
    }
    return value;
  };
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(target)) {
    if (REGEX_FIELDS.has(key) && typeof value === 'string') {
      out[key] = replace(value, values, regex);
    } else if (!NOT_INTERPOLATED.has(key)) {
      out[key] = interpolate(value, key);
    }
  }
  delete out.datasource;
  return out;
}

/** A string read as a regex by the backend (variables.ts regexFormat): multi-value variables become `(a|b)`. */
export function interpolateRegex(text: string, values: VariableValues): string {
  return replace(text, values, regex);
}

/** The variables a string or object refers to. */
export function referencedVariables(value: unknown): string[] {
  const text = JSON.stringify(value);
  return [...text.matchAll(VARIABLE)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** The unit override of a field, by name (Grafana's byName matches the field name or its display name) or regex. */
export function overrideUnit(panel: Panel, names: string[]): string | undefined {
  let unit: string | undefined;
  for (const o of panel.fieldConfig?.overrides ?? []) {
    const prop = o.properties.find((p) => p.id === 'unit');
    if (!prop) {
      continue;
    }
    const matches =
      o.matcher.id === 'byName'
        ? names.includes(String(o.matcher.options))
        : o.matcher.id === 'byRegexp'
          ? names.some((n) => new RegExp(`^${String(o.matcher.options)}$`).test(n))
          : false;
    if (matches) {
      // Later overrides win, as in Grafana.
      unit = String(prop.value);
    }
  }
  return unit;
}

/** The unit a panel declares for a field: a matching override, else the panel default. */
export function declaredUnit(panel: Panel, names: string[]): string | undefined {
  return overrideUnit(panel, names) ?? panel.fieldConfig?.defaults?.unit;
}

/** Every unit a panel declares (default and overrides). */
export function declaredUnits(panel: Panel): string[] {
  const units = (panel.fieldConfig?.overrides ?? []).flatMap((o) =>
    o.properties.filter((p) => p.id === 'unit').map((p) => String(p.value))
  );
  const d = panel.fieldConfig?.defaults?.unit;
  return d ? [d, ...units] : units;
}
