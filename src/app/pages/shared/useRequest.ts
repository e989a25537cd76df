import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

import { errorText } from './backendRequest';

export interface RequestState<T> {
  loading: boolean;
  value?: T;
  error?: string;
}

const IDLE = { loading: false };
const LOADING = { loading: true };

/**
 * Subscribes to `request` and answers its state. Callers memoise `request` (useMemo) on what it depends on; a new
 * request or a new `repeat` (a Refresh counter) cancels the one in flight and starts again, and an answer to an
 * earlier request is never shown. No request: nothing to do.
 */
export function useRequest<T>(request: (() => Observable<T>) | undefined, repeat = 0): RequestState<T> {
  const [answer, setAnswer] = useState<{ request: () => Observable<T>; repeat: number; state: RequestState<T> }>();

  useEffect(() => {
    if (!request) {
      return;
    }
    const subscription = request().subscribe({
      next: (value) => setAnswer({ request, repeat, state: { loading: false, value } }),
      error: (err: unknown) => setAnswer({ request, repeat, state: { loading: false, error: errorText(err) } }),
    });
    return () => subscription.unsubscribe();
  }, [request, repeat]);

  if (!request) {
    return IDLE;
  }
  return answer?.request === request && answer.repeat === repeat ? answer.state : LOADING;
}
