import { CoreApp, DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';

import { defaultsFor } from './queryTypeInfo';
import { SettingsSummary, summariseSettings } from './settingsSummary';
import { queryDisplayText } from './queryDisplayText';
import { anyOfRegex } from './regex';
import {
  ExporterDiscovery,
  ListedOption,
  ListParams,
  listQuery,
  normaliseExporters,
  normaliseListed,
  normaliseNamespaces,
} from './resources';
import { BillingSource, CarbonDataSourceOptions, CarbonQuery, CloudProvider, RegionInfo, VariableKind } from './types';
import { CarbonVariableSupport } from './variables';

/** Joins the values of a multi-value variable; a control character cannot occur in region ids or other values. */
const MULTI_VALUE_SEPARATOR = '\u001f';

/** Keys that identify the query rather than parameterise it (Grafana resolves `datasource` itself). */
const NOT_INTERPOLATED = new Set(['refId', 'key', 'datasource']);

/** PromQL and regex fields: a multi-value variable becomes a regex alternation `(a|b)`, as in Prometheus. */
const REGEX_FIELDS = new Set(['expr', 'unitQuery', 'selector', 'exe', 'cmdline']);

/**
 * Lists that filter (billing filters, gridIntensity's regions, namespaces): empty means "no filter". A variable set
 * to All is left out of them, since Grafana would send every value it listed, which is a narrower filter than none
 * (values seen in the last 30 days only, and a long list for Cost Explorer or PromQL).
 */
const FILTER_LISTS = new Set(['regions', 'services', 'accounts', 'namespaces', 'workloads']);

/** What Grafana stores as the current value of a variable set to All. */
const ALL_VALUE = '$__all';

/** An element that is a variable and nothing else: `$region` or `${region}`. */
const WHOLE_VARIABLE = /^\s*\$(?:(\w+)|\{(\w+)\})\s*$/;

export class CarbonDataSource extends DataSourceWithBackend<CarbonQuery, CarbonDataSourceOptions> {
  /** What the settings enable; editors read it because DataSourceApi does not expose jsonData. */
  readonly settingsSummary: SettingsSummary;

  constructor(instanceSettings: DataSourceInstanceSettings<CarbonDataSourceOptions>) {
    super(instanceSettings);
    this.settingsSummary = summariseSettings(instanceSettings.jsonData);
    this.variables = new CarbonVariableSupport(this);
    // Standard annotation support: runs normal queries and maps the returned frames to annotations.
    this.annotations = {};
  }

  filterQuery(query: CarbonQuery): boolean {
    if (query.hide) {
      return false;
    }
    // With nothing to compute there is nothing to show; skipping avoids a backend round trip and an error panel.
    switch (query.queryType) {
      case 'cloudEmissions':
        return (query.metrics?.length ?? 0) > 0;
      case 'promqlEnergy':
        return isFilled(query.expr);
      case 'energyPerUnit':
        return isFilled(query.unitQuery);
      default:
        return true;
    }
  }

  getDefaultQuery(_app: CoreApp): Partial<CarbonQuery> {
    return defaultsFor('gridIntensity', this.settingsSummary);
  }

  /**
   * Interpolates every string field, also inside arrays and nested objects, so new query types need no extra code.
   * In string arrays (such as `regions`) a multi-value variable becomes one element per value; in PromQL and
   * regex fields it becomes `(a|b)`. In filter lists (FILTER_LISTS) a variable set to All is dropped: no filter.
   */
  applyTemplateVariables(query: CarbonQuery, scopedVars: ScopedVars): CarbonQuery {
    const result: Record<string, unknown> = { ...query };
    for (const [key, value] of Object.entries(query)) {
      if (REGEX_FIELDS.has(key) && typeof value === 'string') {
        result[key] = getTemplateSrv().replace(value, scopedVars, formatRegex);
      } else if (!NOT_INTERPOLATED.has(key)) {
        result[key] = interpolate(value, scopedVars, key);
      }
    }
    return result as unknown as CarbonQuery;
  }

  /** Regions the backend knows, for one provider or all of them. */
  getRegions(provider?: CloudProvider): Promise<RegionInfo[]> {
    return this.getResource<RegionInfo[]>('regions', provider ? { provider } : undefined);
  }

  /** Query types the running backend serves (may be newer or older than this frontend). */
  getQueryTypes(): Promise<string[]> {
    return this.getResource<string[]>('query-types');
  }

  /** Exporters found in the configured Prometheus and the query types they enable (404 on older backends). */
  getExporters(): Promise<ExporterDiscovery> {
    return this.getResource<unknown>('exporters').then(normaliseExporters);
  }

  /** Kubernetes namespaces seen in the configured Prometheus (404 on older backends). */
  getNamespaces(): Promise<string[]> {
    return this.getResource<unknown>('namespaces').then(normaliseNamespaces);
  }

  /** Values of a list route (each route is named like the variable kind), e.g. accounts of one billing source. */
  getValues(kind: VariableKind, params: ListParams = {}): Promise<ListedOption[]> {
    return this.getResource<unknown>(kind, listQuery(params)).then(normaliseListed);
  }

  /** Accounts with usage in the billing source (the first configured one when absent), last 30 days. */
  getAccounts(source?: BillingSource): Promise<ListedOption[]> {
    return this.getValues('accounts', { source });
  }

  /** Services with usage in the billing source, spelled as its filters expect. */
  getServices(source?: BillingSource): Promise<ListedOption[]> {
    return this.getValues('services', { source });
  }

  /** Owner workloads, optionally in the namespaces a regex matches. */
  getWorkloads(namespace?: string): Promise<ListedOption[]> {
    return this.getValues('workloads', { namespace });
  }

  getNodes(): Promise<ListedOption[]> {
    return this.getValues('nodes');
  }

  /** Scaphandre executables, optionally of processes in the namespaces a regex matches. */
  getProcesses(namespace?: string): Promise<ListedOption[]> {
    return this.getValues('processes', { namespace });
  }

  /** The line Explore's query history shows for a query. */
  getQueryDisplayText(query: CarbonQuery): string {
    return queryDisplayText(query);
  }

  /** Dashboard variables as `$name`, offered next to fixed values in editors. */
  getVariables(): string[] {
    return getTemplateSrv()
      .getVariables()
      .map((v) => `$${v.name}`);
  }
}

const isFilled = (value: unknown) => typeof value === 'string' && value.trim() !== '';

function formatRegex(raw: unknown): string {
  if (Array.isArray(raw)) {
    return anyOfRegex(raw);
  }
  return raw == null ? '' : String(raw);
}

function interpolate(value: unknown, scopedVars: ScopedVars, key?: string): unknown {
  if (typeof value === 'string') {
    return getTemplateSrv().replace(value, scopedVars);
  }
  if (Array.isArray(value)) {
    const filter = key !== undefined && FILTER_LISTS.has(key);
    const items = value.flatMap((item) =>
      typeof item !== 'string'
        ? [interpolate(item, scopedVars)]
        : filter && isAllWithoutCustomValue(item, scopedVars)
          ? []
          : expandMultiValue(item, scopedVars)
    );
    // `[$region, 'eu-west-1']` may name a region twice once expanded.
    return items.filter((item, i) => typeof item !== 'string' || items.indexOf(item) === i);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, scopedVars, k)]));
  }
  return value;
}

/** The variable's current value, and the value it sends for All when the dashboard set one. */
interface VariableState {
  name: string;
  current?: { value?: unknown };
  allValue?: string | null;
}

/**
 * `$var` set to All, with no custom all value (a custom one such as `.*` is what the user wants sent). A repeated
 * panel or row has its own single value in scopedVars, which is never All.
 */
function isAllWithoutCustomValue(item: string, scopedVars: ScopedVars): boolean {
  const match = WHOLE_VARIABLE.exec(item);
  const name = match?.[1] ?? match?.[2];
  if (!name || scopedVars?.[name]) {
    return false;
  }
  const variable = (getTemplateSrv().getVariables() as unknown as VariableState[]).find((v) => v.name === name);
  const current = variable?.current?.value;
  const all = Array.isArray(current) ? current.includes(ALL_VALUE) : current === ALL_VALUE;
  return all && !variable?.allValue;
}

/** One array element to as many as the variable has values; empty results are dropped (meaning "all"). */
function expandMultiValue(item: string, scopedVars: ScopedVars): string[] {
  // A format function receives the raw value: an array for multi-value (and "All") selections.
  const joined = getTemplateSrv().replace(item, scopedVars, (raw: unknown) =>
    Array.isArray(raw) ? raw.map(String).join(MULTI_VALUE_SEPARATOR) : raw == null ? '' : String(raw)
  );
  return joined
    .split(MULTI_VALUE_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
