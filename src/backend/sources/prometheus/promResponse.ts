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
 * `data` of /api/v1/query or /query_range. The series count is checked before any value is
 * converted; series holding native histograms (no float value) are skipped with a warning.
 */
export function parseQueryData(data: unknown, seriesLimit: number, warnings: string[]): QueryResult {
  const { resultType, result } = (data ?? {}) as { resultType?: unknown; result?: unknown };
  if (resultType === 'scalar' || resultType === 'string') {
    const [t, v] = Array.isArray(result) ? result : [];
    return resultType === 'scalar'
      ? { resultType, timeMs: parseTimestamp(t), value: parseSampleValue(v) }
      : { resultType, timeMs: parseTimestamp(t), value: String(v ?? '') };
  }
  if ((resultType !== 'vector' && resultType !== 'matrix') || !Array.isArray(result)) {
    throw malformed(`unknown resultType ${JSON.stringify(resultType)}`);
  }
  if (result.length > seriesLimit) {
    throw seriesLimitError(seriesLimit);
  }
  let histograms = 0;
  const series: Array<VectorSample | MatrixSeries> = [];
  for (const item of result as Array<{ metric?: Labels; value?: unknown; values?: unknown }>) {
    const labels = item?.metric ?? {};
    if (resultType === 'vector') {
      if (!Array.isArray(item?.value)) {
        histograms++;
        continue;
      }
      series.push({ labels, timeMs: parseTimestamp(item.value[0]), value: parseSampleValue(item.value[1]) });
    } else {
      if (!Array.isArray(item?.values)) {
        histograms++;
        continue;
      }
      const points = item.values as Array<[unknown, unknown]>;
      const timesMs = new Array<number>(points.length);
      const values = new Array<number>(points.length);
      for (let i = 0; i < points.length; i++) {
        timesMs[i] = parseTimestamp(points[i][0]);
        values[i] = parseSampleValue(points[i][1]);
      }
      series.push({ labels, timesMs, values });
    }
  }
  if (histograms > 0) {
    warnings.push(`${histograms} series hold native histograms, which this plugin does not read; they were left out.`);
  }
  return resultType === 'vector'
    ? { resultType, series: series as VectorSample[] }
    : { resultType, series: series as MatrixSeries[] };
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

/** `data` of /api/v1/series: one label set per series. */
export function parseSeriesData(data: unknown, seriesLimit: number): Labels[] {
  if (!Array.isArray(data)) {
    throw malformed('series data is not a list');
  }
  if (data.length > seriesLimit) {
    throw seriesLimitError(seriesLimit);
  }
  return data as Labels[];
}

/** `data` of /api/v1/labels and /api/v1/label/<name>/values. */
export function parseStringList(data: unknown): string[] {
  if (!Array.isArray(data)) {
    throw malformed('label data is not a list');
  }
  return data.filter((v): v is string => typeof v === 'string');
}
