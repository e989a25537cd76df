import { ResponseCache } from './responseCache';

describe('ResponseCache', () => {
  const setup = (maxEntries?: number) => {
    const clock = { now: 1_000 };
    const cache = new ResponseCache<string>({ now: () => clock.now, maxEntries });
    let loads = 0;
    const load = (value: string) => async () => {
      loads++;
      return value;
    };
    return { clock, cache, load, loads: () => loads };
  };

  it('serves a fresh entry from the cache and reloads after the TTL', async () => {
    const { clock, cache, load, loads } = setup();
    expect(await cache.get('k', 60_000, load('a'))).toEqual({ value: 'a', cached: false });
    clock.now += 59_999;
    expect(await cache.get('k', 60_000, load('b'))).toEqual({ value: 'a', cached: true });
    clock.now += 1;
    expect(await cache.get('k', 60_000, load('c'))).toEqual({ value: 'c', cached: false });
    expect(loads()).toBe(2);
  });

  it('shares one in-flight load between concurrent callers', async () => {
    const { cache, load, loads } = setup();
    const [a, b] = await Promise.all([cache.get('k', 1000, load('x')), cache.get('k', 1000, load('y'))]);
    expect([a, b]).toEqual([
      { value: 'x', cached: false },
      { value: 'x', cached: true },
    ]);
    expect(loads()).toBe(1);
  });

  it('never keeps a failure', async () => {
    const { cache, load } = setup();
    await expect(cache.get('k', 1000, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(cache.size).toBe(0);
    expect(await cache.get('k', 1000, load('ok'))).toEqual({ value: 'ok', cached: false });
  });

  it('does not cache with a TTL of 0, and drops the oldest entries beyond maxEntries', async () => {
    const { cache, load } = setup(2);
    await cache.get('zero', 0, load('z'));
    expect(cache.size).toBe(0);
    await cache.get('a', 1000, load('a'));
    await cache.get('b', 1000, load('b'));
    await cache.get('c', 1000, load('c'));
    expect(cache.size).toBe(2);
    expect((await cache.get('a', 1000, load('a2'))).cached).toBe(false);
    expect((await cache.get('c', 1000, load('c2'))).cached).toBe(true);
  });

  it('drops the oldest entries while the summed weight is over maxWeight, at, below and above it', async () => {
    const cache = new ResponseCache<number[]>({ weigh: (rows) => rows.length, maxWeight: 10 });
    const rows = (n: number) => async () => Array.from({ length: n }, (_, i) => i);
    await cache.get('a', 1000, rows(4));
    await cache.get('b', 1000, rows(6));
    await Promise.resolve();
    expect(cache.weight).toBe(10); // at the bound: both kept
    expect(cache.size).toBe(2);
    await cache.get('c', 1000, rows(1)); // 11 > 10: the oldest goes
    await Promise.resolve();
    expect(cache.size).toBe(2);
    expect(cache.weight).toBe(7);
    expect((await cache.get('b', 1000, rows(0))).cached).toBe(true);
    expect((await cache.get('a', 1000, rows(4))).cached).toBe(false);
    await Promise.resolve();
    // A value heavier than the bound alone is answered, then not kept.
    expect((await cache.get('big', 1000, rows(11))).value).toHaveLength(11);
    await Promise.resolve();
    expect((await cache.get('big', 1000, rows(11))).cached).toBe(false);
    expect(cache.weight).toBeLessThanOrEqual(10);
  });
});
