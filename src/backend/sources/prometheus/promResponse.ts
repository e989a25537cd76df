/**
 * Prometheus HTTP API responses (`{status, data, warnings, infos}`) parsed into typed results with
 * numbers. Pure: the client hands it bytes, tests hand it strings.
 */
import { badQuery, downstreamError, QueryError } from '../../core/errors';

export type Labels = Record<string, string>;

export interface VectorSample {
  labels: Labels;
  timeMs: number;
  value: number;
}

/** One series of a matrix, as parallel arrays (fewer objects than one per point). */
export interface MatrixSeries {
  labels: Labels;
  timesMs: number[];
  values: number[];
}

export interface VectorResult {
  resultType: 'vector';
  series: VectorSample[];
}
export interface MatrixResult {
  resultType: 'matrix';
  series: MatrixSeries[];
}
export interface ScalarResult {
  resultType: 'scalar';
  timeMs: number;
  value: number;
}
export interface StringResult {
  resultType: 'string';
  timeMs: number;
  value: string;
}
export type QueryResult = VectorResult | MatrixResult | ScalarResult | StringResult;

/** Most distinct warnings (and, separately, infos) kept from one answer. */
export const MAX_NOTICES_PER_ANSWER = 20;

/** A successful answer. `warnings` and `infos` are Prometheus's own, for query modules to show as notices. */
export interface PromResponse<T> {
  data: T;
  warnings: string[];
  infos: string[];
}

/** Prometheus writes values as strings: decimals, "NaN", "+Inf", "-Inf". */
export function parseSampleValue(text: unknown): number {
  switch (text) {
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    case 'NaN':
      return NaN;
  }
  const value = typeof text === 'string' && text.trim() !== '' ? Number(text) : NaN;
  if (Number.isNaN(value)) {
    throw malformed(`sample value ${JSON.stringify(text)} is not a number`);
  }
  return value;
}

/** Unix seconds with a fraction, as Prometheus writes them, to epoch milliseconds. */
export function parseTimestamp(seconds: unknown): number {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
    throw malformed(`timestamp ${JSON.stringify(seconds)} is not a number`);
  }
  return Math.round(seconds * 1000);
}

export function seriesLimitError(limit: number): QueryError {
  return badQuery(
    `The query returned more than ${limit} series, the series limit of this datasource: narrow it (filter by namespace, node or ` +
      `process, group by namespace rather than pod) or raise "Series limit" in the datasource settings.`
  );
}

function malformed(what: string, who = 'Prometheus'): QueryError {
  return downstreamError(`${who} answered with a response this plugin cannot read: ${what}.`, 502);
}

interface Envelope {
  status?: unknown;
  data?: unknown;
  warnings?: unknown;
  infos?: unknown;
  errorType?: unknown;
  error?: unknown;
}

/**
 * The body of a 2xx answer: JSON with `status: "success"`. `who` names the server in messages,
 * `quote` cuts its text for them (the client's scrubber's, so no secret is quoted).
 */
export function parseEnvelope(
  body: string,
  who = 'Prometheus',
  quote: (text: string, max: number) => string = (text, max) => text.slice(0, max)
): PromResponse<unknown> {
  let json: Envelope;
  try {
    json = JSON.parse(body) as Envelope;
  } catch {
    throw malformed(`not JSON (starts with ${JSON.stringify(quote(body, 60))}); is the URL a Prometheus server?`, who);
  }
  if (!json || typeof json !== 'object' || json.status !== 'success') {
    const said = typeof json?.error === 'string' ? `: ${quote(json.error, 1000)}` : '';
    throw malformed(`status ${JSON.stringify(json?.status)}${said}`, who);
  }
  return {
    data: json.data,
    warnings: noticeList(json.warnings, 'warnings'),
    infos: noticeList(json.infos, 'infos'),
  };
}

/**
 * Prometheus's warnings or infos of one answer, each once, at most MAX_NOTICES_PER_ANSWER of them
 * and then one saying how many more were dropped: a server may send thousands of the same kind, and
 * every one becomes a notice on a panel.
 */
function noticeList(value: unknown, kind: 'warnings' | 'infos'): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  const distinct = new Set(value.filter((v): v is string => typeof v === 'string'));
  const list = [...distinct].slice(0, MAX_NOTICES_PER_ANSWER);
  const dropped = distinct.size - list.length;
  if (dropped > 0) {
    const what =
      dropped === 1 ? `1 more ${kind.slice(0, -1)} of this answer was` : `${dropped} more ${kind} of this answer were`;
    list.push(`${what} left out (at most ${MAX_NOTICES_PER_ANSWER} are shown).`);
  }
  return list;
}

/** Prometheus's `error`/`errorType` from an error body, if it is one. */
export function parseErrorBody(body: string): { errorType?: string; error?: string } {
  try {
    const json = JSON.parse(body) as Envelope;
    return {
      errorType: typeof json?.errorType === 'string' ? json.errorType : undefined,
      error: typeof json?.error === 'string' ? json.error : undefined,
    };
  } catch {
    return {};
  }
}

/**
 * The series of a query answer, each converted as it comes (from SeriesSplitter while the answer
 * streams in, or from the parsed `result`): samples of a vector, parallel arrays of a matrix, and a
 * count of those with neither (native histograms, which have no float value).
 */
export class QuerySeries {
  readonly samples: VectorSample[] = [];
  readonly ranges: MatrixSeries[] = [];
  histograms = 0;

  get count(): number {
    return this.samples.length + this.ranges.length + this.histograms;
  }

  readonly add = (item: unknown): void => {
    const { metric, value, values } = (item ?? {}) as { metric?: Labels; value?: unknown; values?: unknown };
    const labels = metric ?? {};
    if (Array.isArray(value)) {
      this.samples.push({ labels, timeMs: parseTimestamp(value[0]), value: parseSampleValue(value[1]) });
    } else if (Array.isArray(values)) {
      const points = values as Array<[unknown, unknown]>;
      const timesMs = new Array<number>(points.length);
      const numbers = new Array<number>(points.length);
      for (let i = 0; i < points.length; i++) {
        timesMs[i] = parseTimestamp(points[i]?.[0]);
        numbers[i] = parseSampleValue(points[i]?.[1]);
      }
      this.ranges.push({ labels, timesMs, values: numbers });
    } else {
      this.histograms++;
    }
  };
}

/**
 * `data` of /api/v1/query or /query_range. `streamed` holds the series already split off as the
 * answer arrived (its `result` is then empty); otherwise they are read from `result`, the series
 * count checked before any value is converted. Series holding native histograms are skipped with
 * a warning.
 */
export function parseQueryData(
  data: unknown,
  seriesLimit: number,
  warnings: string[],
  streamed?: QuerySeries
): QueryResult {
  const { resultType, result } = (data ?? {}) as { resultType?: unknown; result?: unknown };
  if ((resultType === 'scalar' || resultType === 'string') && !streamed?.count) {
    const [t, v] = Array.isArray(result) ? result : [];
    return resultType === 'scalar'
      ? { resultType, timeMs: parseTimestamp(t), value: parseSampleValue(v) }
      : { resultType, timeMs: parseTimestamp(t), value: String(v ?? '') };
  }
  if ((resultType !== 'vector' && resultType !== 'matrix') || !Array.isArray(result)) {
    throw malformed(`unknown resultType ${JSON.stringify(resultType)}`);
  }
  const series = streamed ?? new QuerySeries();
  if (series.count + result.length > seriesLimit) {
    throw seriesLimitError(seriesLimit);
  }
  result.forEach(series.add);
  if (resultType === 'vector' ? series.ranges.length > 0 : series.samples.length > 0) {
    throw malformed(`a ${resultType} answer holds series of the other kind`);
  }
  if (series.histograms > 0) {
    warnings.push(
      `${series.histograms} series hold native histograms, which this plugin does not read; they were left out.`
    );
  }
  return resultType === 'vector' ? { resultType, series: series.samples } : { resultType, series: series.ranges };
}

/**
 * The samples of an instant query: a vector as it is, a scalar as one sample without labels. A
 * string (or a matrix) has no samples to read, and says so rather than pass for "no data": from the
 * user's own PromQL that is a bad query, from the plugin's a server that answers unlike Prometheus.
 */
export function instantSamples(data: QueryResult, origin: 'user' | 'plugin'): VectorSample[] {
  switch (data.resultType) {
    case 'vector':
      return data.series;
    case 'scalar':
      return [{ labels: {}, timeMs: data.timeMs, value: data.value }];
  }
  const what =
    data.resultType === 'string'
      ? `a string (${JSON.stringify(data.value.length > 60 ? `${data.value.slice(0, 60)}…` : data.value)})`
      : `a ${data.resultType}`;
  if (origin === 'user') {
    throw badQuery(`The expression returned ${what}, not numbers: it must return an instant vector or a scalar.`);
  }
  throw malformed(
    `an instant query built by the plugin returned ${what} (resultType "${data.resultType}") instead of an instant vector, so there is nothing to show`
  );
}

/** `data` of /api/v1/series: one label set per series; `streamed` those split off as the answer arrived. */
export function parseSeriesData(data: unknown, seriesLimit: number, streamed: Labels[] = []): Labels[] {
  if (!Array.isArray(data)) {
    throw malformed('series data is not a list');
  }
  const all = streamed.length > 0 ? [...streamed, ...(data as Labels[])] : (data as Labels[]);
  if (all.length > seriesLimit) {
    throw seriesLimitError(seriesLimit);
  }
  return all;
}

/** `data` of /api/v1/labels and /api/v1/label/<name>/values. */
export function parseStringList(data: unknown): string[] {
  if (!Array.isArray(data)) {
    throw malformed('label data is not a list');
  }
  return data.filter((v): v is string => typeof v === 'string');
}
