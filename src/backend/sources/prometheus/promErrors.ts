/**
 * Prometheus failures as QueryErrors that say what to fix. Whatever upstream text is quoted goes
 * through the client's scrubber first: a proxy's error page may echo the Authorization header.
 *
 * Who is at fault for a rejected expression (HTTP 400 bad_data, 422 execution) depends on who
 * wrote it: the user's own PromQL (promqlEnergy, energyPerUnit's unit query) fails as a bad query
 * (400, plugin); PromQL the plugin built fails as downstream, passing Prometheus's status on,
 * because it means this Prometheus-compatible server lacks something the plugin relies on.
 */
import { badQuery, downstreamError, QueryError } from '../../core/errors';
import type { Scrubber } from '../../core/secretScrubber';
import { NETWORK_CODES, nodeErrorCode } from '../networkErrors';
import { parseErrorBody } from './promResponse';
import type { UnreadableBody } from './promTransport';

/** Who wrote the PromQL of a request. */
export type ExpressionOrigin = 'user' | 'plugin';

export interface ErrorContext {
  /** Base URL without credentials. */
  url: string;
  /** API path, e.g. `/api/v1/query`. */
  path: string;
  origin: ExpressionOrigin;
  scrub: Scrubber;
}

/** How much of a server's own text a message quotes. */
const QUOTED_BODY = 200;
/** Prometheus's `error` may echo a whole (megabytes long) expression. */
const QUOTED_ERROR = 1000;

/** What the user can do about a connection failure, where the datasource settings can help. */
const FIXES: Readonly<Record<string, string>> = {
  ECONNREFUSED: '; is Prometheus running and listening on that port?',
  EPROTO: '; does the server speak HTTPS on that port?',
  DEPTH_ZERO_SELF_SIGNED_CERT: ': add its CA certificate, or skip TLS verification',
  SELF_SIGNED_CERT_IN_CHAIN: ': add that CA certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: ': add its CA certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: ': add its CA certificate',
};

interface NodeErrorShape {
  code?: string;
  message?: string;
  errors?: Array<{ code?: string }>;
}

/** A connection-level failure (refused, DNS, TLS). */
export function networkError(error: unknown, context: ErrorContext): QueryError {
  const e = (error ?? {}) as NodeErrorShape;
  const code = nodeErrorCode(e) ?? 'ERROR';
  const known = NETWORK_CODES[code];
  const what = known
    ? known.what + (FIXES[code] ?? '')
    : context.scrub.quote(e.message ?? 'unknown error', QUOTED_BODY);
  return downstreamError(
    `Cannot reach Prometheus at ${context.url} (${code}): ${what}${/[.?!]$/.test(what) ? '' : '.'} Check the URL in the datasource settings and that the Grafana server can reach it.`,
    known?.status ?? 502
  );
}

export function timeoutError(context: ErrorContext, timeoutSeconds: number): QueryError {
  return downstreamError(
    `Prometheus at ${context.url} did not answer ${context.path} within ${timeoutSeconds} s (the "Timeout" setting, timeoutSeconds): ` +
      'narrow the query or the time range, or raise the timeout in the datasource settings.',
    504
  );
}

const MIB = 1024 * 1024;

/** The answer was longer than the response limit: the plugin hung up rather than run out of memory. */
export function responseLimitError(context: ErrorContext, limitBytes: number): QueryError {
  const limit = limitBytes % MIB === 0 ? `${limitBytes / MIB} MiB` : `${limitBytes} bytes`;
  return downstreamError(
    `Prometheus at ${context.url} answered ${context.path} with more than ${limit} (the "Response limit" setting, responseLimitMiB), so the plugin stopped reading it: ` +
      'narrow the query (filter by namespace, node or process; group by namespace rather than pod), shorten the time range or raise the interval, or raise the limit in the datasource settings.',
    502
  );
}

/** An answer that arrived but could not be read (see UnreadableBody). */
export function unreadableBodyError(error: UnreadableBody, context: ErrorContext): QueryError {
  if (error.reason === 'gzip') {
    return downstreamError(
      `Prometheus at ${context.url} answered ${context.path} with a body labelled gzip (Content-Encoding: gzip) that is not valid gzip (${error.message}): ` +
        'a proxy between Grafana and Prometheus probably sets Content-Encoding wrongly or alters the body; check its compression settings.',
      502
    );
  }
  return downstreamError(
    `Prometheus at ${context.url} answered ${context.path} with a body too large to read (${error.message}): narrow the query or lower "Response limit" (responseLimitMiB) in the datasource settings.`,
    502
  );
}

/**
 * A non-2xx answer, with Prometheus's own `errorType` and `error` passed on. A redirect's Location is
 * never quoted: a proxy may have put the Authorization header or the URL's user:password in it.
 */
export function httpError(status: number, body: string, context: ErrorContext): QueryError {
  const { errorType, error: fullError } = parseErrorBody(body);
  const error = fullError !== undefined ? context.scrub.quote(fullError, QUOTED_ERROR) : undefined;
  const said = error
    ? ` Prometheus said (${errorType ?? 'error'}): ${error}`
    : body.trim()
      ? ` The server said: ${snippet(body, context.scrub)}`
      : '';
  const where = `Prometheus at ${context.url}`;
  if ((status === 400 || status === 422) && error) {
    if (context.origin === 'user') {
      return badQuery(`Prometheus rejected the expression (${errorType ?? status}): ${error}`);
    }
    return downstreamError(
      `${where} rejected a query built by the plugin (HTTP ${status}, ${errorType ?? 'error'}): this server may lack a function or feature the query needs.${said}`,
      status
    );
  }
  if (status >= 300 && status < 400) {
    return downstreamError(
      `${where} redirected ${context.path} elsewhere (HTTP ${status}; the new address is not shown, as it may carry credentials): put the final URL in the datasource settings.`,
      502
    );
  }
  switch (status) {
    case 401:
      return downstreamError(
        `${where} rejected the credentials (HTTP 401): check the authentication type, user and password or token.${said}`,
        401
      );
    case 403:
      return downstreamError(
        `${where} denied access to ${context.path} (HTTP 403): the credentials lack permission for the query API.${said}`,
        403
      );
    case 404:
      return downstreamError(
        `${where} has no ${context.path} (HTTP 404): the URL must be the Prometheus base URL (such as http://prometheus:9090, or Mimir's http://mimir/prometheus), without /api/v1.${said}`,
        // Not 404: to Grafana and the editors that would mean this plugin lacks the route.
        502
      );
    case 429:
      return downstreamError(
        `${where} is rate-limiting requests (HTTP 429): try again shortly or refresh less often.${said}`,
        429
      );
    case 503:
      if (errorType === 'timeout') {
        return downstreamError(
          `${where} gave up on the query (its own query timeout, HTTP 503): narrow the query or the time range.${said}`,
          504
        );
      }
  }
  return downstreamError(
    `${where} failed with HTTP ${status} on ${context.path}.${said}`,
    status >= 500 ? 502 : status
  );
}

/** A proxy's answer as text: scrubbed, markup dropped, whitespace collapsed, scrubbed again, cut. */
function snippet(body: string, scrub: Scrubber): string {
  // Scrubbed first: dropping markup could split a secret that holds "<" and ">".
  const text = scrub(body)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return scrub.quote(text, QUOTED_BODY);
}

/** `error` with its message scrubbed, keeping status and source. */
export function scrubbed(error: QueryError, scrub: (text: string) => string): QueryError {
  const message = scrub(error.message);
  return message === error.message ? error : new QueryError(message, error.status, error.source);
}
