/**
 * Retries a Cost Explorer call when AWS throttles it (the API allows a few requests per second per
 * account) or has a transient server fault, with exponential backoff and jitter. Our own loop
 * rather than the SDK's so the delays are injectable in tests and each attempt is visible.
 */

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First delay; doubles each retry (with jitter), capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Called before each retry, for counting. */
  onRetry?: (error: unknown, attempt: number) => void;
}

const THROTTLING_NAMES = new Set([
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);

interface AwsErrorShape {
  name?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
}

export function isThrottling(error: unknown): boolean {
  const e = error as AwsErrorShape | undefined;
  return THROTTLING_NAMES.has(e?.name ?? '') || e?.$metadata?.httpStatusCode === 429;
}

export function isTransientServerError(error: unknown): boolean {
  const status = (error as AwsErrorShape | undefined)?.$metadata?.httpStatusCode ?? 0;
  return status === 500 || status === 502 || status === 503 || status === 504;
}

export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function withThrottleRetry<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? sleepFor;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const retryable = isThrottling(error) || isTransientServerError(error);
      if (!retryable || attempt >= options.maxAttempts || options.signal?.aborted) {
        throw error;
      }
      options.onRetry?.(error, attempt);
      // "Equal jitter" (half fixed, half random) spreads concurrent panels apart yet keeps backing off.
      const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      await sleep(ceiling / 2 + (Math.random() * ceiling) / 2, options.signal);
    }
  }
}
