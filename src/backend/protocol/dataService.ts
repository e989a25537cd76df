/**
 * QueryData: runs a request's queries concurrently, each keyed by refId. A failing query gets its
 * own error, status and errorSource; it never fails its siblings or the RPC.
 */
import { encodeFrame } from '../frames/frameBuilder';
import { QueryError } from '../core/errors';
import { findHandler, servedQueryTypes } from '../queries/registry';
import { selectValueField, valueFieldOf } from '../queries/valueField';
import type { Logger } from '../core/logger';
import type { DataQueryMessage, DataResponseMessage, QueryDataRequestMessage, QueryDataResponseMessage } from './messages';
import { queryDuration, queriesTotal } from './metrics';
import type { DatasourceInstance, InstanceManager } from '../core/instance';
import { resolveInstance, SettingsError } from './settings';

export class DataService {
  constructor(
    private readonly instances: InstanceManager,
    private readonly log: Logger
  ) {}

  async queryData(request: QueryDataRequestMessage): Promise<QueryDataResponseMessage> {
    let instance: DatasourceInstance | SettingsError;
    try {
      instance = resolveInstance(this.instances, request.pluginContext);
    } catch (err) {
      if (!(err instanceof SettingsError)) {
        throw err;
      }
      instance = err;
    }
    const runAll = () =>
      Promise.all(request.queries.map(async (query) => [query.refId, await this.runOne(query, instance)] as const));
    const entries = instance instanceof SettingsError ? await runAll() : await instance.use(runAll);
    return { responses: Object.fromEntries(entries) };
  }

  private async runOne(
    query: DataQueryMessage,
    instance: DatasourceInstance | SettingsError
  ): Promise<DataResponseMessage> {
    const started = process.hrtime.bigint();
    let queryType = query.queryType || 'unknown';
    try {
      if (instance instanceof SettingsError) {
        throw new QueryError(instance.message, 400, 'plugin');
      }
      const json = decodeQueryJson(query);
      queryType = query.queryType || (typeof json.queryType === 'string' ? json.queryType : '');
      const handler = await findHandler(queryType);
      if (!handler) {
        const what = queryType ? `Unknown query type "${queryType}"` : 'The query has no queryType';
        queryType = 'unknown'; // keeps user input out of metric labels
        throw new QueryError(`${what}. This datasource serves: ${servedQueryTypes().join(', ')}.`, 400, 'plugin');
      }
      // The panel's JSON may predate queryType being set in it; the request's queryType wins.
      const parsed = handler.parse({ ...json, queryType });
      const valueField = valueFieldOf(json);
      const result = await handler.run({
        refId: query.refId,
        query: parsed,
        timeRange: timeRangeOf(query),
        intervalMs: query.intervalMS,
        maxDataPoints: query.maxDataPoints,
        settings: instance.settings,
        instance,
      });
      const frames = valueField ? selectValueField(result, valueField) : result;
      queriesTotal.inc({ query_type: queryType, outcome: 'ok' });
      return { frames: frames.map((f) => encodeFrame(f, query.refId)), error: '', status: 200, errorSource: '' };
    } catch (err) {
      return this.failure(query.refId, queryType, err);
    } finally {
      queryDuration.observe({ query_type: queryType }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  private failure(refId: string, queryType: string, err: unknown): DataResponseMessage {
    if (err instanceof QueryError) {
      queriesTotal.inc({ query_type: queryType, outcome: `${err.source}_error` });
      this.log.debug('query failed', { refId, queryType, status: err.status, errorSource: err.source, error: err.message });
      return { frames: [], error: err.message, status: err.status, errorSource: err.source };
    }
    // Anything else is our bug: say so, keep the detail in the log.
    queriesTotal.inc({ query_type: queryType, outcome: 'plugin_error' });
    this.log.error('query crashed', { refId, queryType, error: err });
    const detail = err instanceof Error ? err.message : String(err);
    return { frames: [], error: `Internal error in the ${queryType} query: ${detail}`, status: 500, errorSource: 'plugin' };
  }
}

function decodeQueryJson(query: DataQueryMessage): Record<string, unknown> {
  const text = query.json && query.json.length > 0 ? query.json.toString('utf8') : '{}';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new QueryError(`The query JSON could not be parsed (${(err as Error).message}).`, 400, 'plugin');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new QueryError('The query JSON must be an object.', 400, 'plugin');
  }
  return json as Record<string, unknown>;
}

function timeRangeOf(query: DataQueryMessage): { from: number; to: number } {
  const range = query.timeRange;
  if (!range || range.toEpochMS < range.fromEpochMS) {
    throw new QueryError('The query has no valid time range (from must not be after to).', 400, 'plugin');
  }
  return { from: range.fromEpochMS, to: range.toEpochMS };
}
