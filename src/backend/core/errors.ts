/**
 * Errors a query module throws to fail its own refId with a message the user can act on.
 * `plugin` is for bad input and our own faults, `downstream` for an upstream that failed (Grafana
 * uses the source to tell users and SLOs whose fault it was).
 */
export type ErrorSource = 'plugin' | 'downstream';

export class QueryError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly source: ErrorSource
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** The query itself is wrong (HTTP 400, plugin). */
export function badQuery(message: string): QueryError {
  return new QueryError(message, 400, 'plugin');
}

/** An upstream (Prometheus, a cloud API, a file server) failed or was unreachable. */
export function downstreamError(message: string, status = 502): QueryError {
  return new QueryError(message, status, 'downstream');
}
