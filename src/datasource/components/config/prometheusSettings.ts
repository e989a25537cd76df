import { MAX_RESPONSE_LIMIT_MIB, type PrometheusSettings } from '../../types';

export { MAX_RESPONSE_LIMIT_MIB };

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_SERIES_LIMIT = 10000;
/** The backend's DEFAULT_RESPONSE_LIMIT_BYTES in MiB. */
export const DEFAULT_RESPONSE_LIMIT_MIB = 128;

export const NEW_PROMETHEUS: PrometheusSettings = {
  url: '',
  authType: 'none',
  timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
  seriesLimit: DEFAULT_SERIES_LIMIT,
};

/** The base URL of the HTTP API: the backend appends /api/v1/... to it. */
export function prometheusUrlError(url?: string): string | undefined {
  if (!url || url.trim() === '') {
    return 'Required: the URL of a Prometheus-compatible API';
  }
  try {
    const { protocol } = new URL(url.trim());
    return protocol === 'http:' || protocol === 'https:' ? undefined : 'Use an http:// or https:// URL';
  } catch {
    return 'Enter a full URL, such as http://prometheus.monitoring.svc:9090';
  }
}

export function timeoutError(seconds?: number): string | undefined {
  return seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0)
    ? 'Enter a number of seconds greater than 0'
    : undefined;
}

export function seriesLimitError(limit?: number): string | undefined {
  return limit !== undefined && !(Number.isInteger(limit) && limit >= 1)
    ? 'Enter a whole number, 1 or more'
    : undefined;
}

export function responseLimitError(mib?: number): string | undefined {
  return mib !== undefined && !(Number.isInteger(mib) && mib >= 1 && mib <= MAX_RESPONSE_LIMIT_MIB)
    ? `Enter a whole number of MiB from 1 to ${MAX_RESPONSE_LIMIT_MIB}`
    : undefined;
}
