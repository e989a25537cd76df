/**
 * A test file's one expensive set-up (a built host, a demo stack): run once in beforeAll, torn down
 * in afterAll. A set-up that fails is reported by every test that asks for its result (`ready()`),
 * with the set-up's own error, rather than once by the hook and then as unrelated failures.
 */
export type AtEnd = (tearDown: () => void | Promise<void>) => void;

/**
 * Registers the hooks; `setUp` registers each tear-down with `atEnd` as soon as the thing exists,
 * so what a failed set-up started is still stopped. Tear-downs run last registered first.
 */
export function suiteSetUp<T>(setUp: (atEnd: AtEnd) => Promise<T>, timeoutMs: number): () => T {
  const tearDowns: Array<() => void | Promise<void>> = [];
  let value: T | undefined;
  let error: Error | undefined;
  beforeAll(async () => {
    try {
      value = await setUp((t) => tearDowns.push(t));
    } catch (e) {
      error = e as Error;
    }
  }, timeoutMs);
  afterAll(async () => {
    for (const t of tearDowns.reverse()) {
      await t();
    }
  });
  return () => {
    if (error) {
      throw error;
    }
    return value as T;
  };
}
