/**
 * The datasource's CheckHealth ("Save & test") through Grafana: GET /api/datasources/uid/<uid>/health answers
 * 200 {status: "OK", message} when healthy and 400 {status: "ERROR", message} when not.
 */
import { catchError, map, Observable, of, throwError } from 'rxjs';

import { fetch$ } from '../shared/backendRequest';

export interface Health {
  ok: boolean;
  /** The backend's message: what works, and for each configured source what is wrong. */
  message: string;
}

interface HealthBody {
  status?: string;
  message?: string;
}

export function health$(uid: string): Observable<Health> {
  return fetch$<HealthBody>({ url: `/api/datasources/uid/${encodeURIComponent(uid)}/health`, method: 'GET' }).pipe(
    map((res) => ({ ok: res.data?.status === 'OK', message: res.data?.message ?? '' })),
    // An unhealthy datasource is an answer, not a failed request; anything else (no permission, 5xx) is.
    catchError((err: { data?: HealthBody }) =>
      err?.data?.status ? of({ ok: false, message: err.data.message ?? '' }) : throwError(() => err)
    )
  );
}
