/**
 * One datasource version as the backend serves it, after grafana-plugin-sdk-go's instance
 * manager: the parsed settings, a logger carrying the datasource uid, and everything kept between
 * calls (SDK clients, keep-alive connection pools, response caches). Nothing of the kind is kept at
 * module level: a saved change (a new lastUpdated) gets a new instance, and the old one is
 * disposed, closing its clients and dropping its caches, once no call is still using it.
 *
 * Core sits below sources, measured and queries and does not name their types, so each layer
 * declares what it keeps per instance with `perInstance()` next to the code that uses it, and
 * reads it with `instance.get()`: opened on first use (so the AWS SDK, Parquet and discovery
 * modules still load lazily), closed when the instance is disposed. Grep `perInstance(` for the list.
 */
import { logger as rootLogger, type Logger } from './logger';
import type { DataSourceSettings } from './settings';

/** Something an instance holds: how to open it for an instance, and how to close it. */
export interface PerInstance<T> {
  /** For messages and logs. */
  readonly name: string;
  open(instance: DatasourceInstance): T;
  close?(value: T): void;
}

export function perInstance<T>(
  name: string,
  open: (instance: DatasourceInstance) => T,
  close?: (value: T) => void
): PerInstance<T> {
  return { name, open, close };
}

export interface InstanceOptions {
  /** Parent of the instance's logger (default: the process logger). */
  log?: Logger;
  /** Clock of the instance's caches (epoch ms); tests pin it. */
  now?: () => number;
}

export class DatasourceInstance {
  readonly settings: DataSourceSettings;
  readonly log: Logger;
  readonly now: () => number;
  readonly #held = new Map<PerInstance<unknown>, unknown>();
  #runningCalls = 0;
  #disposeWhenIdle = false;
  #disposed = false;

  constructor(settings: DataSourceSettings, options: InstanceOptions = {}) {
    this.settings = settings;
    this.log = (options.log ?? rootLogger).child({ dsUID: settings.uid });
    this.now = options.now ?? Date.now;
  }

  /** What this instance holds for `part`, opened on first use. */
  get<T>(part: PerInstance<T>): T {
    if (this.#disposed) {
      // A call that outlived its instance must not open what nobody would close.
      throw new Error(`The instance of datasource "${this.settings.uid}" is disposed: cannot open ${part.name}.`);
    }
    if (!this.#held.has(part)) {
      this.#held.set(part, part.open(this));
    }
    return this.#held.get(part) as T;
  }

  /** Runs `call`; this instance is not disposed before the call settles. */
  async use<R>(call: (instance: DatasourceInstance) => Promise<R>): Promise<R> {
    this.#runningCalls++;
    try {
      return await call(this);
    } finally {
      this.#runningCalls--;
      if (this.#disposeWhenIdle && this.#runningCalls === 0) {
        this.#close();
      }
    }
  }

  /** Closes everything held: now, or when the last running call settles. */
  dispose(): void {
    this.#disposeWhenIdle = true;
    if (this.#runningCalls === 0) {
      this.#close();
    }
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  #close(): void {
    if (this.#disposed) {
      return;
    }
    this.#disposed = true;
    for (const [part, value] of this.#held) {
      try {
        part.close?.(value);
      } catch (error) {
        this.log.warn('closing part of a datasource instance failed', { part: part.name, error });
      }
    }
    this.#held.clear();
  }
}

/** Datasources one backend keeps open; the least recently used beyond this are disposed. */
export const DEFAULT_MAX_INSTANCES = 32;

export interface InstanceManagerOptions {
  maxInstances?: number;
  /** Parent of every instance's logger. */
  log?: Logger;
}

/**
 * The live instance of each datasource, keyed by datasource and replaced when its version
 * (lastUpdated) changes. Bounded: a Grafana with many datasources of this plugin keeps the most
 * recently used ones, and an evicted one is opened again (caches empty) when next asked for.
 */
export class InstanceManager {
  /** In order of use, least recent first. */
  readonly #live = new Map<string, { version: number; instance: DatasourceInstance }>();
  readonly #maxInstances: number;
  readonly #log: Logger | undefined;

  constructor(options: InstanceManagerOptions = {}) {
    this.#maxInstances = Math.max(1, options.maxInstances ?? DEFAULT_MAX_INSTANCES);
    this.#log = options.log;
  }

  /**
   * The instance of datasource `key` at `version`, opened with the settings `parse` returns when
   * there is none yet or the live one is of another version. `parse` may throw (settings a user
   * must fix): then nothing changes and the error is the caller's.
   */
  get(key: string, version: number, parse: () => DataSourceSettings): DatasourceInstance {
    const live = this.#live.get(key);
    if (live && live.version === version) {
      this.#live.delete(key);
      this.#live.set(key, live);
      return live.instance;
    }
    const instance = new DatasourceInstance(parse(), { log: this.#log });
    live?.instance.dispose();
    this.#live.delete(key);
    this.#live.set(key, { version, instance });
    for (const [oldest, entry] of this.#live) {
      if (this.#live.size <= this.#maxInstances) {
        break;
      }
      entry.instance.dispose();
      this.#live.delete(oldest);
    }
    return instance;
  }

  get size(): number {
    return this.#live.size;
  }

  /** Disposes every instance (at shutdown). */
  disposeAll(): void {
    for (const { instance } of this.#live.values()) {
      instance.dispose();
    }
    this.#live.clear();
  }
}
