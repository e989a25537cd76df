/**
 * What every resource route shares: the request/result shapes, parameter parsing with messages the
 * user can act on (400), and QueryErrors mapped onto their status (502/504 for a failed upstream).
 * Messages come from QueryErrors, which the sources already scrub of secrets.
 */
import { BILLING_SOURCES, type BillingSource } from '../../../datasource/types';
import { matcherRegex } from '../../sources/prometheus/promql';
import { QueryError } from '../../core/errors';
import { cut, echo } from '../../core/echo';
import { MAX_EPOCH_MS, MAX_ERROR_CHARS } from '../../core/limits';

export interface ResourceRequest {
  method: string;
  /** Path without the leading slash, e.g. `regions`. */
  path: string;
  query: URLSearchParams;
}

export interface ResourceResult {
  status: number;
  body: unknown;
}

/** One entry of a list route: `label` only where the source has a readable name besides the id. */
export interface ListedValue {
  value: string;
  label?: string;
}

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

export const DAY_MS = 86_400_000;

/** A parameter the user must fix: the route answers 400 with this message. */
export class ParamError extends Error {}

export const ok = (body: unknown): ResourceResult => ({ status: 200, body });

/** ParamErrors and QueryErrors as answers; anything else is a crash the protocol layer reports. */
export function errorResult(err: unknown): ResourceResult {
  if (err instanceof ParamError) {
    return { status: 400, body: { message: cut(err.message, MAX_ERROR_CHARS) } };
  }
  if (err instanceof QueryError) {
    // 404 means "no such route" to the editors (an older backend: free text only, no error shown),
    // so a source's "file not found" is answered as the settings problem it is.
    const status = err.status === 404 ? 400 : err.status;
    // Sources scrub secrets from what they quote before this cut, so a cut never shows part of one.
    return { status, body: { message: cut(err.message, MAX_ERROR_CHARS), source: err.source } };
  }
  throw err;
}

/** Optional `from`/`to` in epoch ms; undefined when neither is given. */
export function rangeParam(query: URLSearchParams): TimeWindow | undefined {
  const from = query.get('from');
  const to = query.get('to');
  if (!from && !to) {
    return undefined;
  }
  const fromMs = Number(from);
  const toMs = to ? Number(to) : Date.now();
  const isDate = (ms: number) => Number.isFinite(ms) && Math.abs(ms) <= MAX_EPOCH_MS;
  if (!from || !isDate(fromMs) || !isDate(toMs) || fromMs >= toMs) {
    throw new ParamError(
      `"from" and "to" must be epoch milliseconds (within ±${MAX_EPOCH_MS.toExponential()}) with from before to, got from=${echo(from ?? '')} to=${echo(to ?? '')}.`
    );
  }
  return { fromMs, toMs };
}

/** `from`/`to`, else the `defaultMs` before now. */
export function windowParam(query: URLSearchParams, defaultMs: number, now = Date.now()): TimeWindow {
  return rangeParam(query) ?? { fromMs: now - defaultMs, toMs: now };
}

/**
 * The window widened to whole UTC days: billing data is daily at best, and a dashboard's moving
 * "now" must not turn every refresh into a new (billed, for Cost Explorer) request.
 */
export function wholeDays(window: TimeWindow): TimeWindow {
  return {
    fromMs: Math.floor(window.fromMs / DAY_MS) * DAY_MS,
    toMs: Math.ceil(window.toMs / DAY_MS) * DAY_MS,
  };
}

/** `source=`: one of BILLING_SOURCES, or undefined when absent. */
export function billingSourceParam(query: URLSearchParams): BillingSource | undefined {
  const source = query.get('source') || undefined;
  if (source && !(BILLING_SOURCES as readonly string[]).includes(source)) {
    throw new ParamError(`Unknown billing source ${echo(source)}. Use one of: ${BILLING_SOURCES.join(', ')}.`);
  }
  return source as BillingSource | undefined;
}

/**
 * `namespace=`: a regex (a dashboard variable may hold several namespaces as `(a|b)`), matched in
 * full by Prometheus. Checked here with the same builder the queries use, so a typo is a 400.
 */
export function namespaceParam(query: URLSearchParams): string | undefined {
  const namespace = query.get('namespace')?.trim() || undefined;
  if (namespace) {
    try {
      matcherRegex('namespace', namespace);
    } catch (err) {
      throw new ParamError(`"namespace" must be a namespace name or regex: ${(err as Error).message}`);
    }
  }
  return namespace;
}

/** Sorted by code unit (as the namespaces route always was), unique, without blanks. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].filter((v) => v !== '').sort();
}
