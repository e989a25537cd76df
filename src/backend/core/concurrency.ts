/** Bounded concurrency for fan-outs (files to stat, windows to query). */

/** Runs `work` over `items`, at most `limit` at a time; the first failure is thrown. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** `items.map(work)` with at most `limit` running at once, results in input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>
): Promise<R[]> {
  const out = new Array<R>(items.length);
  await eachLimited(items, limit, async (item, i) => {
    out[i] = await work(item);
  });
  return out;
}
