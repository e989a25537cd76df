/**
 * Query variables of this datasource: providers, regions, accounts, services, namespaces,
 * workloads, nodes and processes, each answered by the backend route of the same name. Variables
 * saved before kinds existed are `{ refId, provider }` (or an empty string) and still list regions.
 */
import { from, Observable, throwError } from 'rxjs';
import { createDataFrame, CustomVariableSupport, DataQueryRequest, DataQueryResponse, FieldType } from '@grafana/data';
import { getTemplateSrv, TemplateSrv } from '@grafana/runtime';

import type { CarbonDataSource } from './datasource';
import { anyOfRegex, escapeRegex } from './regex';
import type { ListedOption, ListParams } from './resources';
import {
  BILLING_SOURCES,
  BillingSource,
  CarbonQuery,
  CarbonVariableQuery,
  CLOUD_PROVIDERS,
  CloudProvider,
  VARIABLE_KINDS,
  VariableKind,
} from './types';
import { CarbonVariableEditor } from './VariableQueryEditor';

/** What variable support needs from the datasource; narrow so tests can pass a fake. */
export type VariableSource = Pick<CarbonDataSource, 'getRegions' | 'getValues'>;

/**
 * Kinds whose lists may depend on the time range (billing usage, Prometheus series); providers only with a source.
 * Every kind but regions, which come from the fixed grid data.
 */
const RANGED: ReadonlySet<VariableKind> = new Set(VARIABLE_KINDS.filter((kind) => kind !== 'regions'));

const isKind = (value: unknown): value is VariableKind => (VARIABLE_KINDS as readonly unknown[]).includes(value);

/** Any stored variable query as a CarbonVariableQuery; a new variable's query may still be an empty string. */
export function toVariableQuery(raw: unknown): CarbonVariableQuery {
  const query = raw && typeof raw === 'object' ? (raw as Partial<CarbonVariableQuery>) : {};
  return { ...query, refId: query.refId || 'CarbonVariable', kind: query.kind ?? 'regions' };
}

/** Multi-value variables become `(a|b)` with each value escaped, as Prometheus data sources do for regex fields. */
function regexFormat(value: unknown): string {
  if (Array.isArray(value)) {
    return anyOfRegex(value);
  }
  return value == null ? '' : escapeRegex(String(value));
}

export class CarbonVariableSupport extends CustomVariableSupport<CarbonDataSource, CarbonVariableQuery, CarbonQuery> {
  editor = CarbonVariableEditor;

  constructor(
    private readonly datasource: VariableSource,
    private readonly templateSrv: Pick<TemplateSrv, 'replace'> = getTemplateSrv()
  ) {
    super();
  }

  query(request: DataQueryRequest<CarbonVariableQuery>): Observable<DataQueryResponse> {
    try {
      const lookup = this.lookup(request);
      return from(lookup.then((options) => ({ data: [optionsFrame(options)] })));
    } catch (err) {
      return throwError(() => err);
    }
  }

  private lookup(request: DataQueryRequest<CarbonVariableQuery>): Promise<ListedOption[]> {
    const query = toVariableQuery(request.targets[0]);
    const kind = query.kind;
    if (!isKind(kind)) {
      throw new Error(`Unknown variable kind "${String(kind)}": use one of ${VARIABLE_KINDS.join(', ')}.`);
    }
    const vars = request.scopedVars;
    const replace = (value?: string) => (value ? this.templateSrv.replace(value, vars).trim() : '');
    if (kind === 'regions') {
      const provider = replace(query.provider);
      if (provider && !(CLOUD_PROVIDERS as readonly string[]).includes(provider)) {
        throw new Error(`Unknown provider "${provider}": use one of ${CLOUD_PROVIDERS.join(', ')}.`);
      }
      return this.datasource
        .getRegions((provider || undefined) as CloudProvider | undefined)
        .then((regions) => regions.map((r) => ({ value: r.region, text: r.region })));
    }
    const params: ListParams = {};
    if (kind === 'providers' || kind === 'accounts' || kind === 'services') {
      const source = replace(query.source);
      if (source && !(BILLING_SOURCES as readonly string[]).includes(source)) {
        throw new Error(`Unknown billing source "${source}": use one of ${BILLING_SOURCES.join(', ')}.`);
      }
      params.source = (source || undefined) as BillingSource | undefined;
    }
    if ((kind === 'workloads' || kind === 'processes') && query.namespace) {
      // The backend reads `namespace` as a regex: `$namespace` with shop and jobs selected is (shop|jobs).
      params.namespace = this.templateSrv.replace(query.namespace, vars, regexFormat).trim();
    }
    if (RANGED.has(kind) && request.range) {
      params.from = request.range.from.valueOf();
      params.to = request.range.to.valueOf();
    }
    return this.datasource.getValues(kind, params);
  }
}

/** Grafana reads variable options from the `text` and `value` fields; values are unique. */
export function optionsFrame(options: ListedOption[]) {
  const seen = new Set<string>();
  const unique = options.filter((o) => !seen.has(o.value) && seen.add(o.value));
  return createDataFrame({
    fields: [
      { name: 'text', type: FieldType.string, values: unique.map((o) => o.text) },
      { name: 'value', type: FieldType.string, values: unique.map((o) => o.value) },
    ],
  });
}
