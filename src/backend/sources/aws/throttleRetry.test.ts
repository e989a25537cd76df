import { isThrottling, isTransientServerError, sleepFor, withThrottleRetry } from './throttleRetry';

const awsError = (name: string, status = 400) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('withThrottleRetry', () => {
  it('retries throttling with doubling delays (equal jitter) until it succeeds', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const retried: number[] = [];
    const value = await withThrottleRetry(
      async () => {
        calls++;
        if (calls < 4) {
          throw awsError(calls === 2 ? 'ThrottlingException' : 'LimitExceededException');
        }
        return 'done';
      },
      {
        maxAttempts: 5,
        baseDelayMs: 100,
        maxDelayMs: 250,
        sleep: async (ms) => void sleeps.push(ms),
        onRetry: (_e, attempt) => retried.push(attempt),
      }
    );
    expect(value).toBe('done');
    expect(retried).toEqual([1, 2, 3]);
    const ceilings = [100, 200, 250];
    sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(ceilings[i] / 2);
      expect(ms).toBeLessThanOrEqual(ceilings[i]);
    });
  });

  it('does not retry errors that will not go away', async () => {
    let calls = 0;
    const denied = awsError('AccessDeniedException');
    await expect(
      withThrottleRetry(
        async () => {
          calls++;
          throw denied;
        },
        { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined }
      )
    ).rejects.toBe(denied);
    expect(calls).toBe(1);
  });

  it('gives up after maxAttempts with the last error', async () => {
    let calls = 0;
    await expect(
      withThrottleRetry(
        async () => {
          calls++;
          throw awsError('TooManyRequestsException', 429);
        },
        { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined }
      )
    ).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    expect(calls).toBe(3);
  });

  it('classifies throttling and transient server errors', () => {
    expect(isThrottling(awsError('LimitExceededException'))).toBe(true);
    expect(isThrottling(awsError('Whatever', 429))).toBe(true);
    expect(isThrottling(awsError('ValidationException'))).toBe(false);
    expect(isTransientServerError(awsError('InternalServerError', 500))).toBe(true);
    expect(isTransientServerError(awsError('ServiceUnavailable', 503))).toBe(true);
    expect(isTransientServerError(awsError('ValidationException', 400))).toBe(false);
  });

  it('sleeps can be cancelled', async () => {
    const controller = new AbortController();
    const sleeping = sleepFor(60_000, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(sleeping).rejects.toThrow('cancelled');
  });
});
