/**
 * Reuses upstream answers a datasource instance asks for again (Cost Explorer pages, which cost
 * USD 0.01 each, exporter discovery, FOCUS lists): dashboards repeat the same requests on every
 * refresh. Keyed by the full request, with a TTL, bounded in entries, and sharing in-flight
 * requests so two panels asking at once make one call; failures are never kept.
 */

export interface ResponseCacheOptions<V = unknown> {
  /** Oldest entries are dropped beyond this many. */
  maxEntries?: number;
  /**
   * The size of a value (rows, bytes) once loaded; the oldest entries are dropped while the sum
   * exceeds `maxWeight`. A value heavier than `maxWeight` alone is answered but not kept.
   */
  weigh?: (value: V) => number;
  maxWeight?: number;
  /** Injected clock (epoch ms) for tests. */
  now?: () => number;
}

interface Entry<V> {
  expires: number;
  value: Promise<V>;
  /** Known once the value has loaded. */
  weight: number;
}

export class ResponseCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #weigh?: (value: V) => number;
  readonly #maxWeight: number;
  #weight = 0;

  constructor(options: ResponseCacheOptions<V> = {}) {
    this.#maxEntries = options.maxEntries ?? 500;
    this.#now = options.now ?? Date.now;
    this.#weigh = options.weigh;
    this.#maxWeight = options.maxWeight ?? Infinity;
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
    this.delete(key);
    const value = load();
    if (ttlMs > 0) {
      const entry: Entry<V> = { expires: now + ttlMs, value, weight: 0 };
      this.#entries.set(key, entry);
      value.then(
        (loaded) => {
          if (this.#weigh && this.#entries.get(key) === entry) {
            entry.weight = this.#weigh(loaded);
            this.#weight += entry.weight;
            this.#evict();
          }
        },
        () => {
          if (this.#entries.get(key) === entry) {
            this.delete(key);
          }
        }
      );
      this.#evict();
    }
    return { value: await value, cached: false };
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry) {
      this.#weight -= entry.weight;
      this.#entries.delete(key);
    }
  }

  /** The summed weight of the loaded entries (0 without `weigh`). */
  get weight(): number {
    return this.#weight;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
    this.#weight = 0;
  }

  // Map keeps insertion order: the first keys are the oldest.
  #evict(): void {
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries && this.#weight <= this.#maxWeight) {
        break;
      }
      this.delete(key);
    }
  }
}
