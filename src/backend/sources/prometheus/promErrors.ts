/**
 * Prometheus failures as QueryErrors that say what to fix. Whatever upstream text is quoted goes
 * through the client's scrubber first: a proxy's error page may echo the Authorization header.
 *
 * Who is at fault for a rejected expression (HTTP 400 bad_data, 422 execution) depends on who
 * wrote it: the user's own PromQL (promqlEnergy, energyPerUnit's unit query) fails as a bad query
 * (400, plugin); PromQL the plugin built fails as downstream, passing Prometheus's status on,
 * because it means this Prometheus-compatible server lacks something the plugin relies on.
 */
import { badQuery, downstreamError, QueryError } from '../../queries/queryError';
import { parseErrorBody } from './promResponse';

/** Who wrote the PromQL of a request. */
export type ExpressionOrigin = 'user' | 'plugin';

export interface ErrorContext {
  /** Base URL without credentials. */
  url: string;
  /** API path, e.g. `/api/v1/query`. */
  path: string;
  origin: ExpressionOrigin;
  scrub: (text: string) => string;
}

const NETWORK_CODES: Record<string, { what: string; status: number }> = {
  ECONNREFUSED: { what: 'the connection was refused; is Prometheus running and listening on that port?', status: 502 },
  ENOTFOUND: { what: 'the host name does not resolve', status: 502 },
  EAI_AGAIN: { what: 'DNS lookup failed temporarily', status: 503 },
  ECONNRESET: { what: 'the connection was reset', status: 502 },
  EPIPE: { what: 'the connection was closed', status: 502 },
  EHOSTUNREACH: { what: 'the host is unreachable', status: 502 },
  ENETUNREACH: { what: 'the network is unreachable', status: 502 },
  ETIMEDOUT: { what: 'connecting timed out', status: 504 },
  EPROTO: { what: 'the TLS handshake failed; does the server speak HTTPS on that port?', status: 502 },
  CERT_HAS_EXPIRED: { what: 'its TLS certificate has expired', status: 502 },
  DEPTH_ZERO_SELF_SIGNED_CERT: {
    what: 'its TLS certificate is self-signed: add its CA certificate, or skip TLS verification',
    status: 502,
  },
  SELF_SIGNED_CERT_IN_CHAIN: {
    what: 'its TLS certificate chain ends in an untrusted CA: add that CA certificate',
    status: 502,
  },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { what: 'its TLS certificate is not trusted: add its CA certificate', status: 502 },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: {
    what: 'its TLS certificate is not trusted: add its CA certificate',
    status: 502,
  },
  ERR_TLS_CERT_ALTNAME_INVALID: { what: 'its TLS certificate does not name this host', status: 502 },
};

interface NodeErrorShape {
  code?: string;
  message?: string;
  errors?: Array<{ code?: string }>;
}

/** A connection-level failure (refused, DNS, TLS). */
export function networkError(error: unknown, context: ErrorContext): QueryError {
  const e = (error ?? {}) as NodeErrorShape;
  // Happy-eyeballs connects (localhost → ::1 and 127.0.0.1) fail with an AggregateError.
  const code = e.code ?? e.errors?.find((part) => part.code)?.code ?? 'ERROR';
  const known = NETWORK_CODES[code];
  const what = known?.what ?? context.scrub(e.message ?? 'unknown error');
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

/** A non-2xx answer, with Prometheus's own `errorType` and `error` passed on. */
export function httpError(status: number, body: string, context: ErrorContext, location?: string): QueryError {
  const { errorType, error } = parseErrorBody(body);
  const said = error
    ? ` Prometheus said (${errorType ?? 'error'}): ${context.scrub(error)}`
    : body.trim()
      ? ` The server said: ${context.scrub(snippet(body))}`
      : '';
  const where = `Prometheus at ${context.url}`;
  if ((status === 400 || status === 422) && error) {
    if (context.origin === 'user') {
      return badQuery(`Prometheus rejected the expression (${errorType ?? status}): ${context.scrub(error)}`);
    }
    return downstreamError(
      `${where} rejected a query built by the plugin (HTTP ${status}, ${errorType ?? 'error'}): this server may lack a function or feature the query needs.${said}`,
      status
    );
  }
  if (status >= 300 && status < 400) {
    return downstreamError(
      `${where} redirected ${context.path} to ${context.scrub(location ?? 'another address')} (HTTP ${status}): put the final URL in the datasource settings.`,
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

function snippet(body: string): string {
  // Proxies answer with HTML: keep the text, not the markup.
  const text = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Replaces every secret (at least 4 characters, to avoid mangling ordinary words) with [redacted]. */
export function createScrubber(secrets: ReadonlyArray<string | undefined>): (text: string) => string {
  const values = [...new Set(secrets.filter((s): s is string => !!s && s.length >= 4))].sort(
    (a, b) => b.length - a.length
  );
  return (text) => values.reduce((t, secret) => t.split(secret).join('[redacted]'), text);
}

/** `error` with its message scrubbed, keeping status and source. */
export function scrubbed(error: QueryError, scrub: (text: string) => string): QueryError {
  const message = scrub(error.message);
  return message === error.message ? error : new QueryError(message, error.status, error.source);
}
