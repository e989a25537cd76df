/**
 * QueryData: runs a request's queries concurrently, each keyed by refId. A failing query gets its
 * own error, status and errorSource; it never fails its siblings or the RPC.
 */
import { encodeFrame } from '../frames/frameBuilder';
import { QueryError } from '../core/errors';
import { findHandler, servedQueryTypes } from '../queries/registry';
import { selectValueField, valueFieldOf } from '../queries/valueField';
import type { Logger } from '../core/logger';
import type {
  DataQueryMessage,
  DataResponseMessage,
  QueryDataRequestMessage,
  QueryDataResponseMessage,
} from './messages';
import { queryDuration, queriesTotal } from './metrics';
import type { DatasourceInstance, InstanceManager } from '../core/instance';
import { resolveInstance, SettingsError } from './settings';
import { decodeQueryJson, nonNegative, timeRangeOf } from './queryInput';
import { cut, echo } from '../core/echo';
import { MAX_ERROR_CHARS, MAX_INTERVAL_MS } from '../core/limits';

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
    const shared = sharedRefIds(request.queries);
    const runAll = () =>
      Promise.all(
        request.queries
          .filter((query) => !shared.has(query.refId))
          .map(async (query) => [query.refId, await this.runOne(query, instance)] as const)
      );
    const entries = [...(instance instanceof SettingsError ? await runAll() : await instance.use(runAll))];
    // Responses are keyed by refId: two queries with one refId cannot both be answered, so neither
    // runs and the refId says why, instead of one answer silently replacing the other.
    for (const [refId, count] of shared) {
      entries.push([refId, this.failure(refId, 'unknown', duplicateRefId(refId, count))]);
    }
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
        const what = queryType ? `Unknown query type ${echo(queryType)}` : 'The query has no queryType';
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
        intervalMs: nonNegative(query.intervalMS, MAX_INTERVAL_MS),
        maxDataPoints: nonNegative(query.maxDataPoints),
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
      this.log.debug('query failed', {
        refId,
        queryType,
        status: err.status,
        errorSource: err.source,
        error: err.message,
      });
      // Sources scrub secrets from what they quote before this cut, so a cut never shows part of one.
      const error = cut(err.message, MAX_ERROR_CHARS);
      return { frames: [], error, status: err.status, errorSource: err.source };
    }
    // Anything else is our bug: say so, keep the detail in the log.
    queriesTotal.inc({ query_type: queryType, outcome: 'plugin_error' });
    this.log.error('query crashed', { refId, queryType, error: err });
    const detail = cut(err instanceof Error ? err.message : String(err), MAX_ERROR_CHARS);
    return {
      frames: [],
      error: `Internal error in the ${queryType} query: ${detail}`,
      status: 500,
      errorSource: 'plugin',
    };
  }
}

/** refIds held by more than one query of the request, with how many. */
function sharedRefIds(queries: readonly DataQueryMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  queries.forEach((q) => counts.set(q.refId, (counts.get(q.refId) ?? 0) + 1));
  return new Map([...counts].filter(([, n]) => n > 1));
}

function duplicateRefId(refId: string, count: number): QueryError {
  return new QueryError(
    `${count} queries in this request share refId ${echo(refId)}, so their answers cannot be told apart; none of them ran. ` +
      'Give each query its own refId.',
    400,
    'plugin'
  );
}
