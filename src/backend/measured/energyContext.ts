/**
 * What every energy query starts from: the Prometheus client, the exporters discovered over the
 * query's range (cached briefly by the datasource instance), the range's timing, and collectors for
 * notices and the PromQL sent (shown as the frames' executedQueryString, so pushdown is visible).
 */
import type { PrometheusQueryType } from '../../datasource/types';
import type { FrameNotice } from '../frames/frame';
import { openPrometheus } from '../sources';
import type { ExporterDiscovery, PromClient } from '../sources/prometheus';
import { instantSamples, type MatrixSeries, type VectorSample } from '../sources/prometheus/promResponse';
import { badQuery } from '../core/errors';
import { type DatasourceInstance, perInstance } from '../core/instance';
import { ResponseCache } from '../core/responseCache';
import type { QueryRequest } from '../core/queryRequest';
import { seriesStep } from '../core/timeGrid';
import { PrometheusNotices, type PrometheusMessages } from './prometheusNotices';
import { timing, type Timing } from './promqlParts';

export interface EnergyContext {
  client: PromClient;
  discovery: ExporterDiscovery;
  fromMs: number;
  toMs: number;
  timing: Timing;
  /** Aligned timestamps of range queries (multiples of the step within the range). */
  times: number[];
  notices: FrameNotice[];
  executed: string[];
  instant(expr: string): Promise<VectorSample[]>;
  range(expr: string): Promise<MatrixSeries[]>;
  /** range(), sent once per request however many parts of the query read it (results are read-only). */
  rangeOnce(expr: string): Promise<MatrixSeries[]>;
  /** A range query on its own grid (start and end included when a multiple of the step apart). */
  rangeAt(expr: string, startMs: number, endMs: number, stepMs: number): Promise<MatrixSeries[]>;
  notice(severity: FrameNotice['severity'], text: string): void;
  /** Prometheus's warnings and infos of an answer, as notices (at most MAX_PROMETHEUS_NOTICES a query). */
  warn(messages: PrometheusMessages): void;
}

const DISCOVERY_TTL_MS = 60_000;
const MINUTE = 60_000;
/** The instance's discoveries by range, each with when it was asked. */
/** Bounded: a refreshing dashboard asks for a handful of ranges a minute. */
const discoveries = perInstance(
  'exporter discovery by range',
  (instance) => new ResponseCache<ExporterDiscovery>({ maxEntries: 100, now: instance.now })
);

/**
 * Discovery over the query's range (an old range may hold exporters the last hour lacks), widened
 * to whole minutes so a refreshing dashboard reuses it for a minute. Failures are not kept.
 */
export async function discoverFor(
  instance: DatasourceInstance,
  fromMs: number,
  toMs: number
): Promise<ExporterDiscovery> {
  const range = { fromMs: Math.floor(fromMs / MINUTE) * MINUTE, toMs: Math.ceil(toMs / MINUTE) * MINUTE };
  const { value } = await instance
    .get(discoveries)
    .get(`${range.fromMs}-${range.toMs}`, DISCOVERY_TTL_MS, () => openPrometheus(instance).discoverExporters(range));
  return value;
}

export async function openEnergyContext(request: QueryRequest<unknown>): Promise<EnergyContext> {
  const { from, to } = request.timeRange;
  const client = await openPrometheus(request.instance).client();
  const discovery = await discoverFor(request.instance, from, to);
  const stepMs = Math.round(seriesStep(request.timeRange, request.intervalMs, request.maxDataPoints));
  const t = timing(to - from, stepMs);
  const times: number[] = [];
  for (let ts = Math.ceil(from / stepMs) * stepMs; ts <= to; ts += stepMs) {
    times.push(ts);
  }
  const notices: FrameNotice[] = [];
  const executed: string[] = [];
  // Per request: bounded by the few expressions one query type sends.
  const once = new Map<string, Promise<MatrixSeries[]>>();
  const range = (expr: string): Promise<MatrixSeries[]> => {
    if (times.length === 0) {
      executed.push(expr);
      return Promise.resolve([]);
    }
    return rangeAt(expr, times[0], times[times.length - 1], stepMs);
  };
  const notice = noticeCollector(notices);
  const prometheus = new PrometheusNotices((n) => notices.push(n));
  const warn = (messages: PrometheusMessages) => prometheus.take(messages);
  const rangeAt = async (expr: string, startMs: number, endMs: number, step: number) => {
    executed.push(expr);
    const response = await client.queryRange(expr, startMs, endMs, step);
    warn(response);
    return response.data.series;
  };
  return {
    client,
    discovery,
    fromMs: from,
    toMs: to,
    timing: t,
    times,
    notices,
    executed,
    notice,
    warn,
    async instant(expr) {
      executed.push(expr);
      const response = await client.query(expr, to);
      warn(response);
      return instantSamples(response.data, 'plugin');
    },
    range,
    rangeOnce(expr) {
      const sent = once.get(expr) ?? range(expr);
      once.set(expr, sent);
      return sent;
    },
    rangeAt,
  };
}

/**
 * Adds a notice to `notices` unless one with the same text was added through it. A set, not a scan
 * of `notices`: an answer's many warnings must not take quadratic time (100,000 took 40 s).
 */
export function noticeCollector(notices: FrameNotice[]): EnergyContext['notice'] {
  const seen = new Set<string>();
  return (severity, text) => {
    if (!seen.has(text)) {
      seen.add(text);
      notices.push({ severity, text });
    }
  };
}

/** Fails with a 400 naming what the query type lacks and what discovery found. */
export function requireExporters(ctx: EnergyContext, queryType: PrometheusQueryType): void {
  const support = ctx.discovery.queryTypes[queryType];
  if (!support.available) {
    throw badQuery(missingMessage(ctx, queryType, support.reason ?? 'its exporters were not found'));
  }
}

/**
 * Fails with a 400 when any of `needs` (what is missing, or false where it was found) is missing:
 * "<queryType> cannot run: <subject> needs a, b, not found. Exporters found …".
 */
export function requireFound(
  ctx: EnergyContext,
  queryType: string,
  subject: string,
  needs: Array<string | false>,
  separator = ', '
): void {
  const missing = needs.filter((x): x is string => !!x);
  if (missing.length) {
    throw badQuery(missingMessage(ctx, queryType, `${subject} needs ${missing.join(separator)}, not found`));
  }
}

export function missingMessage(ctx: EnergyContext, queryType: string, what: string): string {
  const range = `${new Date(ctx.discovery.range.fromMs).toISOString()} to ${new Date(ctx.discovery.range.toMs).toISOString()}`;
  return `${queryType} cannot run: ${what}. Exporters found in Prometheus at ${ctx.client.url} (${range}): ${ctx.discovery.summary}`;
}
