/**
 * Reuses upstream answers a datasource instance asks for again (Cost Explorer pages, which cost
 * USD 0.01 each, exporter discovery, FOCUS lists): dashboards repeat the same requests on every
 * refresh. Keyed by the full request, with a TTL, bounded in entries, and sharing in-flight
 * requests so two panels asking at once make one call; failures are never kept.
 */

export interface ResponseCacheOptions {
  /** Oldest entries are dropped beyond this many. */
  maxEntries?: number;
  /** Injected clock (epoch ms) for tests. */
  now?: () => number;
}

interface Entry<V> {
  expires: number;
  value: Promise<V>;
}

export class ResponseCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: ResponseCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 500;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The cached value for `key` if it is younger than its TTL, else what `load` returns (cached for
   * `ttlMs` once it succeeds; failures are never cached). `cached` says which happened.
   */
  async get(key: string, ttlMs: number, load: () => Promise<V>): Promise<{ value: V; cached: boolean }> {
    const now = this.#now();
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) {
      return { value: await hit.value, cached: true };
    }
    this.#entries.delete(key);
    const value = load();
    if (ttlMs > 0) {
      this.#entries.set(key, { expires: now + ttlMs, value });
      value.catch(() => {
        if (this.#entries.get(key)?.value === value) {
          this.#entries.delete(key);
        }
      });
      this.#evict();
    }
    return { value: await value, cached: false };
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }

  // Map keeps insertion order: the first keys are the oldest.
  #evict(): void {
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) {
        break;
      }
      this.#entries.delete(key);
    }
  }
}
