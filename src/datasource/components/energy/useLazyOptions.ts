import { useEffect, useRef, useState } from 'react';

import { isNotFound } from '../../resources';
import { errorMessage } from '../GridIntensityEditor';

interface State<T> {
  /** What the values were loaded for (such as a provider); a new key loads again on the next open. */
  key: string;
  status: 'loading' | 'done' | 'failed';
  values: T[];
  /** Set when the backend has no such route (older version): free text only, not worth an error. */
  notFound?: boolean;
  error?: string;
}

export interface LazyOptions<T = string> {
  /** Call when the menu opens; loads once per key (again after an error other than 404). */
  open: () => void;
  loading: boolean;
  values: T[];
  notFound: boolean;
  error?: string;
}

/** Options fetched the first time a menu opens rather than with every editor, since most queries never open it. */
export function useLazyOptions<T = string>(load: (() => Promise<T[]>) | undefined, key = ''): LazyOptions<T> {
  const [state, setState] = useState<State<T>>();
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const fresh = state?.key === key ? state : undefined;
  const open = () => {
    // Transient failures are retried on the next open; a missing route stays missing until a reload.
    const retry = fresh?.status === 'failed' && !fresh.notFound;
    if (!load || (fresh && !retry)) {
      return;
    }
    setState({ key, status: 'loading', values: [] });
    // Only the answer for the current key may land; a later key starts its own lookup.
    const settle = (next: State<T>) =>
      mounted.current && setState((prev) => (prev?.key === key && prev.status === 'loading' ? next : prev));
    load().then(
      (values) => settle({ key, status: 'done', values: Array.isArray(values) ? values : [] }),
      (err: unknown) =>
        settle({ key, status: 'failed', values: [], notFound: isNotFound(err), error: errorMessage(err) })
    );
  };

  return {
    open,
    loading: fresh?.status === 'loading',
    values: fresh?.values ?? [],
    notFound: Boolean(fresh?.notFound),
    error: fresh?.notFound ? undefined : fresh?.error,
  };
}
