/**
 * What a QueryData query brings before any handler sees it, checked and bounded: the query model's
 * size and nesting, the time range (dates JavaScript can hold), and Grafana's interval and point
 * limit as finite non-negative numbers. Each failure is a 400 for that refId saying what to fix.
 */
import { badQuery } from '../core/errors';
import { MAX_EPOCH_MS, MAX_QUERY_JSON_BYTES, MAX_QUERY_JSON_DEPTH } from '../core/limits';
import type { TimeRange } from '../core/queryRequest';
import type { DataQueryMessage } from './messages';

const KIB = 1024;

/** The query model as an object, refused when over the size limit, not JSON or nested too deeply. */
export function decodeQueryJson(query: DataQueryMessage): Record<string, unknown> {
  const bytes = query.json?.length ?? 0;
  if (bytes > MAX_QUERY_JSON_BYTES) {
    throw badQuery(
      `The query is ${Math.ceil(bytes / KIB).toLocaleString('en-US')} KiB; at most ${MAX_QUERY_JSON_BYTES / KIB} KiB is accepted. ` +
        'Shorten the longest field (a name, regex or PromQL expression), or use a dashboard variable for long lists.'
    );
  }
  const text = bytes > 0 ? query.json.toString('utf8') : '{}';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw badQuery(`The query JSON could not be parsed (${(err as Error).message}).`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw badQuery('The query JSON must be an object.');
  }
  const tooDeep = pathDeeperThan(json, MAX_QUERY_JSON_DEPTH);
  if (tooDeep) {
    throw badQuery(
      `The query JSON nests objects or arrays more than ${MAX_QUERY_JSON_DEPTH} levels deep (under "${tooDeep}"); ` +
        'no field of a query needs more than a few.'
    );
  }
  return json as Record<string, unknown>;
}

/** The top-level key under which `value` nests deeper than `limit`, or undefined. Iterative: no stack to overflow. */
function pathDeeperThan(value: object, limit: number): string | undefined {
  for (const [key, child] of Object.entries(value)) {
    const stack: Array<[unknown, number]> = [[child, 2]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!;
      if (node === null || typeof node !== 'object') {
        continue;
      }
      if (depth > limit) {
        return key.slice(0, 40);
      }
      for (const grandChild of Object.values(node)) {
        stack.push([grandChild, depth + 1]);
      }
    }
  }
  return undefined;
}

/** The query's range; times outside what a JavaScript Date holds, or from after to, are refused. */
export function timeRangeOf(query: DataQueryMessage): TimeRange {
  const range = query.timeRange;
  if (!range) {
    throw badQuery('The query has no time range.');
  }
  const { fromEpochMS: from, toEpochMS: to } = range;
  const inRange = (ms: number) => Number.isFinite(ms) && Math.abs(ms) <= MAX_EPOCH_MS;
  if (!inRange(from) || !inRange(to)) {
    throw badQuery(
      `The time range ${from} to ${to} (epoch ms) is outside the dates this datasource can handle ` +
        `(±${MAX_EPOCH_MS.toExponential()} ms, the range of JavaScript dates): pick a range between real dates.`
    );
  }
  if (to < from) {
    throw badQuery(`The time range is inverted: from (${from}) is after to (${to}).`);
  }
  return { from, to };
}

/** Grafana's interval or point limit: 0 (unknown) unless finite and positive, and at most `max`. */
export function nonNegative(value: number | undefined, max = Number.MAX_SAFE_INTEGER): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(value, max) : 0;
}
