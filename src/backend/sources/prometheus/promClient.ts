/**
 * A client for the Prometheus HTTP API, limited to what works the same on Prometheus, Thanos,
 * Mimir and VictoriaMetrics: /api/v1/query, /query_range, /series, /labels, /label/<name>/values.
 * Queries and series are form-encoded POSTs (long selectors do not fit in a URL), labels GETs.
 * Every request has a timeout; failures become QueryErrors with credentials scrubbed. One
 * keep-alive connection pool per client, so a client cached per datasource reuses connections.
 */
import type { Logger } from '../../core/logger';
import { badQuery, QueryError } from '../../core/errors';
import type { Scrubber } from '../../core/secretScrubber';
import {
  type ErrorContext,
  type ExpressionOrigin,
  httpError,
  networkError,
  responseLimitError,
  scrubbed,
  timeoutError,
  unreadableBodyError,
} from './promErrors';
import {
  type Labels,
  type MatrixResult,
  parseEnvelope,
  parseQueryData,
  parseSeriesData,
  parseStringList,
  type PromResponse,
  type QueryResult,
  QuerySeries,
  seriesLimitError,
} from './promResponse';
import { type PromAuth, PromTransport, type RawRequest, type RawResponse, UnreadableBody } from './promTransport';

export { type PromAuth, DEFAULT_RESPONSE_LIMIT_BYTES } from './promTransport';

export interface PromClientOptions {
  /** Base URL, e.g. http://prometheus:9090 or https://mimir.example/prometheus. */
  url: string;
  auth?: PromAuth;
  headers?: Record<string, string>;
  /** Custom headers from the secure settings; their values are always redacted from messages. */
  secretHeaders?: Record<string, string>;
  tlsSkipVerify?: boolean;
  /** PEM; trusted in addition to the system roots. */
  caCert?: string;
  /** PEM client certificate and key for TLS client authentication. */
  clientCert?: string;
  clientKey?: string;
  /** The name the server certificate must carry, when not the URL's host. */
  serverName?: string;
  /** Per request; default 30. */
  timeoutSeconds?: number;
  /** Most series one answer may hold; default 10000. */
  seriesLimit?: number;
  /** Most bytes one answer may hold once decompressed; default 128 MiB. */
  responseLimitBytes?: number;
  /** The datasource instance's logger (it carries the datasource uid). */
  logger: Logger;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Who wrote the expression: decides whether a rejected expression is a bad query or a downstream fault. */
  origin?: ExpressionOrigin;
}

export interface LabelOptions extends CallOptions {
  startMs?: number;
  endMs?: number;
}

export interface SeriesOptions extends CallOptions {
  /** Return at most this many series, without failing (for sampling, as discovery does). */
  limit?: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_SERIES_LIMIT = 10_000;
/** Prometheus refuses ranges with more points per series than this. */
const MAX_POINTS = 11_000;
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface CallRequest extends RawRequest {
  options: CallOptions;
}

export class PromClient {
  /** The base URL with any user:password removed, for messages. */
  readonly url: string;
  readonly timeoutSeconds: number;
  readonly seriesLimit: number;
  /** Redacts this client's credentials, in any encoding, from text (see core/secretScrubber). */
  readonly scrub: Scrubber;
  readonly #transport: PromTransport;
  readonly #log: Logger;

  constructor(options: PromClientOptions) {
    if (!/^https?:\/\/[^/]/i.test(options.url) || !URL.canParse(options.url)) {
      throw badQuery('The Prometheus URL must be a full http:// or https:// URL, such as http://prometheus:9090.');
    }
    this.#transport = new PromTransport(options);
    this.url = this.#transport.url;
    this.scrub = this.#transport.scrub;
    this.timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    this.seriesLimit = options.seriesLimit ?? DEFAULT_SERIES_LIMIT;
    this.#log = options.logger;
  }

  /** Instant query at `timeMs`. */
  async query(expr: string, timeMs: number, options: CallOptions = {}): Promise<PromResponse<QueryResult>> {
    const params = new URLSearchParams({ query: expr, time: seconds(timeMs) });
    const series = new QuerySeries();
    const response = await this.#call({
      method: 'POST',
      path: '/api/v1/query',
      params,
      countSeriesUpTo: this.seriesLimit,
      onSeries: series.add,
      options,
    });
    return this.#parse(response, (data, warnings) => parseQueryData(data, this.seriesLimit, warnings, series));
  }

  /** Range query. Prometheus does not align `startMs` to the step: callers do, so points stay put across refreshes. */
  async queryRange(
    expr: string,
    startMs: number,
    endMs: number,
    stepMs: number,
    options: CallOptions = {}
  ): Promise<PromResponse<MatrixResult>> {
    if (!(stepMs > 0) || !(endMs >= startMs)) {
      throw badQuery(`Invalid range query: start ${startMs}, end ${endMs}, step ${stepMs} ms.`);
    }
    if ((endMs - startMs) / stepMs > MAX_POINTS) {
      throw badQuery(
        `A step of ${stepMs / 1000} s over this time range makes more than ${MAX_POINTS} points per series, which Prometheus refuses: raise the interval or shorten the range.`
      );
    }
    const params = new URLSearchParams({
      query: expr,
      start: seconds(startMs),
      end: seconds(endMs),
      step: seconds(stepMs),
    });
    const series = new QuerySeries();
    const response = await this.#call({
      method: 'POST',
      path: '/api/v1/query_range',
      params,
      countSeriesUpTo: this.seriesLimit,
      onSeries: series.add,
      options,
    });
    return this.#parse(response, (data, warnings) => {
      const result = parseQueryData(data, this.seriesLimit, warnings, series);
      if (result.resultType !== 'matrix') {
        throw badQuery(`A range query must return a range vector (matrix), this one returned a ${result.resultType}.`);
      }
      return result;
    });
  }

  /**
   * Label sets of the series matching any of `matchers` (selectors such as `up{job="x"}`). Over
   * the series limit it fails; with `options.limit` it returns the first `limit` series instead.
   */
  async series(
    matchers: readonly string[],
    startMs: number,
    endMs: number,
    options: SeriesOptions = {}
  ): Promise<PromResponse<Labels[]>> {
    const params = matchParams(matchers, { startMs, endMs });
    const sample = options.limit !== undefined ? Math.min(options.limit, this.seriesLimit) : undefined;
    // Servers that know `limit` (Prometheus ≥ 2.49) stop early; for the others the counter does.
    params.set('limit', String(sample ?? this.seriesLimit + 1));
    const labelSets: Labels[] = [];
    const response = await this.#call({
      method: 'POST',
      path: '/api/v1/series',
      params,
      countSeriesUpTo: this.seriesLimit,
      onSeries: (labels) => labelSets.push(labels as Labels),
      options,
    });
    return this.#parse(response, (data) => parseSeriesData(data, this.seriesLimit, labelSets).slice(0, sample));
  }

  /** Label names, optionally only those of series matching `matchers`. */
  async labelNames(matchers: readonly string[] = [], options: LabelOptions = {}): Promise<PromResponse<string[]>> {
    const params = matchParams(matchers, options);
    const response = await this.#call({ method: 'GET', path: '/api/v1/labels', params, options });
    return this.#parse(response, (data) => parseStringList(data));
  }

  /** Values of label `name`, optionally only on series matching `matchers`. */
  async labelValues(
    name: string,
    matchers: readonly string[] = [],
    options: LabelOptions = {}
  ): Promise<PromResponse<string[]>> {
    if (!LABEL_NAME.test(name)) {
      throw badQuery(`"${name}" is not a valid Prometheus label name.`);
    }
    const params = matchParams(matchers, options);
    const response = await this.#call({ method: 'GET', path: `/api/v1/label/${name}/values`, params, options });
    return this.#parse(response, (data) => parseStringList(data));
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.#transport.close();
  }

  #parse<T>(response: RawResponse, read: (data: unknown, warnings: string[]) => T): PromResponse<T> {
    try {
      const envelope = parseEnvelope(response.body, `Prometheus at ${this.url}`, this.scrub.quote);
      const data = read(envelope.data, envelope.warnings);
      return { data, warnings: envelope.warnings, infos: envelope.infos };
    } catch (err) {
      throw err instanceof QueryError ? scrubbed(err, this.#transport.scrub) : err;
    }
  }

  async #call(request: CallRequest): Promise<RawResponse> {
    // Node caps timers at 2^31-1 ms (and would fire a larger one at once).
    const timeout = AbortSignal.timeout(Math.min(this.timeoutSeconds * 1000, 2 ** 31 - 1));
    const signal = request.options.signal ? AbortSignal.any([request.options.signal, timeout]) : timeout;
    const context: ErrorContext = {
      url: this.url,
      path: request.path,
      origin: request.options.origin ?? 'plugin',
      scrub: this.#transport.scrub,
    };
    const started = Date.now();
    try {
      const response = await this.#transport.send(request, signal);
      this.#log.debug('prometheus request', {
        path: request.path,
        status: response.status,
        durationMs: Date.now() - started,
        bytes: response.bytes,
        series: response.series,
      });
      if (response.status < 200 || response.status >= 300) {
        throw httpError(response.status, response.body, context);
      }
      if (response.seriesOverLimit) {
        throw seriesLimitError(this.seriesLimit);
      }
      if (response.bytesOverLimit) {
        throw responseLimitError(context, this.#transport.responseLimitBytes);
      }
      return response;
    } catch (err) {
      if (err instanceof QueryError) {
        // From reading the series as they arrived (a value that is not a number, say).
        throw scrubbed(err, this.scrub);
      }
      if (err instanceof UnreadableBody) {
        throw unreadableBodyError(err, context);
      }
      if (timeout.aborted && !request.options.signal?.aborted) {
        throw timeoutError(context, this.timeoutSeconds);
      }
      if (signal.aborted) {
        throw err; // cancelled by the caller
      }
      this.#log.debug('prometheus request failed', { path: request.path, code: (err as { code?: string }).code });
      throw networkError(err, context);
    }
  }
}

function seconds(ms: number): string {
  return String(ms / 1000);
}

function matchParams(matchers: readonly string[], range: { startMs?: number; endMs?: number }): URLSearchParams {
  const params = new URLSearchParams();
  for (const matcher of matchers) {
    params.append('match[]', matcher);
  }
  if (range.startMs !== undefined) {
    params.set('start', seconds(range.startMs));
  }
  if (range.endMs !== undefined) {
    params.set('end', seconds(range.endMs));
  }
  return params;
}
