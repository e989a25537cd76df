/**
 * The evidence window of a Prometheus zombie search: the `windowDays` ending at the query range's
 * end, an energy context over exactly that window (so discovery, `[range]` selectors and region
 * lookups all see the same days), the idle thresholds, and daily range queries for idleDays.
 */
import type { MethodologyId, ZombieKind } from '../../../datasource/types';
import { DAY_MS, idleRule, type IdleRule } from '../../../engine/recommendations/idleRules';
import { SERVER_ZONES } from '../../../engine/serverEnergy';
import { matcherRegex, promDuration } from '../../sources/prometheus/promql';
import type { MatrixSeries } from '../../sources/prometheus/promResponse';
import { type EnergyContext, openEnergyContext } from '../../measured/energyContext';
import type { QueryRequest } from '../queryHandler';
import type { ZombieRow } from './zombieRow';

/** rate() window of CPU busy fractions: two 5-minute scrapes, so even a 5 m scrape interval has two samples. */
export const RATE_WINDOW = '10m';
/** Subquery step of the peak: AWS Compute Optimizer reads 5-minute maxima. */
export const PEAK_STEP = '5m';

export interface ZombieOptions {
  windowDays: number;
  cpuPeakPercent: number;
  networkMBPerDay: number;
  methodology: MethodologyId;
  /** Anchored regexes on namespaces, combined with `|`; undefined = all. */
  namespaces?: string[];
  kinds: ReadonlySet<ZombieKind>;
}

/** A Prometheus row with what only Prometheus knows, beyond the shared ZombieRow. */
export interface PromZombieRow extends ZombieRow {
  /** The cloud instance id behind a Kubernetes node, to drop Cost Explorer's duplicate of it. */
  instanceId?: string;
}

export interface ZombieWindow {
  ctx: EnergyContext;
  request: QueryRequest<unknown>;
  opts: ZombieOptions;
  startMs: number;
  endMs: number;
  /** `[14d]`. */
  range: string;
  /** The idle thresholds of the query, in the evidence's units. */
  idle: IdleRule;
  /**
   * The query's namespace regexes as one matcher on `label` (the metric's namespace label), for
   * Prometheus to filter before it aggregates; none without regexes.
   */
  namespaceMatchers(label: string): string[];
  /** Range query at a 1-day step, one point per day of the window (each covering the day before it). */
  daily(expr: string): Promise<MatrixSeries[]>;
  /** One load per key and window (node power and owners serve several kinds). */
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export async function openZombieWindow(request: QueryRequest<unknown>, opts: ZombieOptions): Promise<ZombieWindow> {
  const endMs = request.timeRange.to;
  const windowMs = opts.windowDays * DAY_MS;
  const startMs = endMs - windowMs;
  const ctx = await openEnergyContext({ ...request, timeRange: { from: startMs, to: endMs } });
  const loads = new Map<string, Promise<unknown>>();
  // Prometheus anchors the regex: any one of the query's regexes matches a whole namespace.
  const either = opts.namespaces?.map((r) => `(?:${r})`).join('|');
  return {
    ctx,
    request,
    opts,
    startMs,
    endMs,
    range: `[${promDuration(windowMs)}]`,
    idle: idleRule(opts),
    namespaceMatchers: (label) => (either !== undefined ? [matcherRegex(label, either)] : []),
    async daily(expr) {
      ctx.executed.push(expr);
      const response = await ctx.client.queryRange(expr, startMs + DAY_MS, endMs, DAY_MS);
      ctx.warn(response);
      return response.data.series;
    },
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (!loads.has(key)) {
        loads.set(key, load());
      }
      return loads.get(key) as Promise<T>;
    },
  };
}

/**
 * Kepler 0.10+ zones a whole-server reading may use (psys, package, dram, as exported here); each
 * node's reading then weighs them (nodePower.ts wholeServer), so overlapping zones never add up.
 * None without Kepler 0.10+.
 */
export function keplerZones(w: ZombieWindow): string[] {
  const kepler = w.ctx.discovery.findings.kepler;
  if (!kepler.generations.includes('0.10+')) {
    return [];
  }
  return SERVER_ZONES.filter((z) => kepler.zones.includes(z));
}

/** Daily values by series key and point time (ms, rounded), for joining several daily queries. */
export function dailyBy(
  series: MatrixSeries[],
  key: (labels: Record<string, string>) => string
): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const s of series) {
    const k = key(s.labels);
    const m = out.get(k) ?? new Map<number, number>();
    s.timesMs.forEach((t, i) => m.set(Math.round(t), s.values[i]));
    out.set(k, m);
  }
  return out;
}
