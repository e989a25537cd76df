/**
 * One embedded DuckDB per datasource instance, for the billing exports. Opened on first use (the
 * native library maps ~70 MB; a datasource that never reads exports should not pay for it) and
 * closed with the instance, its spill folder removed.
 *
 * Bounded: `memory_limit` and `threads` come from the datasource settings; past the limit DuckDB
 * spills to a private temporary folder instead of growing. Locked down: no extension is installed
 * or loaded from the network (parquet, json and icu are built in), and the configuration is locked
 * once set, so no SQL can change it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { downstreamError } from '../../core/errors';

export interface DuckDBLimits {
  memoryLimitMB: number;
  threads: number;
}

export type SqlRow = Record<string, unknown>;

export type SqlRunner = (sql: string, params?: DuckDBValue[]) => Promise<SqlRow[]>;

export class DuckDBDatabase {
  readonly #limits: DuckDBLimits;
  #opening?: Promise<DuckDBInstance>;
  #tempDirectory?: string;
  #closed = false;

  constructor(limits: DuckDBLimits) {
    this.#limits = limits;
  }

  /**
   * Runs one statement on a connection of its own (DuckDB runs connections in parallel) and
   * returns every row, BIGINTs as JS numbers. An aborted `signal` interrupts the statement.
   */
  async query(sql: string, params: DuckDBValue[] = [], signal?: AbortSignal): Promise<SqlRow[]> {
    return this.session((run) => run(sql, params), signal);
  }

  /**
   * Several statements on one connection, for what lives per connection (a CSV scan's rejects
   * tables are read after the scan that filled them). `run` behaves as `query`.
   */
  async session<T>(work: (run: SqlRunner) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const instance = await this.#instance();
    const connection = await instance.connect();
    const interrupt = () => connection.interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      return await work(async (sql, params = []) => {
        signal?.throwIfAborted();
        const reader = await connection.runAndReadAll(sql, params);
        return reader.getRowObjectsJS().map(numbersFromBigInts);
      });
    } finally {
      signal?.removeEventListener('abort', interrupt);
      connection.closeSync();
    }
  }

  close(): void {
    this.#closed = true;
    const opening = this.#opening;
    this.#opening = undefined;
    void opening
      ?.then((instance) => instance.closeSync())
      .catch(() => undefined)
      .finally(() => this.#removeTemp());
  }

  #instance(): Promise<DuckDBInstance> {
    if (this.#closed) {
      return Promise.reject(new Error('The DuckDB database of this datasource is closed.'));
    }
    if (!this.#opening) {
      this.#opening = this.#open();
      // A failed open (a missing native library) is not kept: the next query tries again.
      this.#opening.catch(() => (this.#opening = undefined));
    }
    return this.#opening;
  }

  async #open(): Promise<DuckDBInstance> {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    try {
      this.#tempDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'greenops-duckdb-'));
    } catch (error) {
      // Without a spill folder the memory limit would turn large scans into failures.
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw downstreamError(
        `Cannot create DuckDB's spill folder in ${os.tmpdir()} (${code}): give the Grafana server a writable temporary folder (TMPDIR).`,
        500
      );
    }
    const instance = await DuckDBInstance.create(':memory:', {
      memory_limit: `${this.#limits.memoryLimitMB}MB`,
      threads: String(this.#limits.threads),
      temp_directory: this.#tempDirectory,
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    const connection = await instance.connect();
    try {
      // Zone-less date-times in exports are UTC, whatever the server's zone (ICU is loaded by now).
      await connection.run("SET GLOBAL TimeZone = 'UTC'");
      await connection.run('SET lock_configuration = true');
    } finally {
      connection.closeSync();
    }
    return instance;
  }

  #removeTemp(): void {
    if (this.#tempDirectory) {
      fs.rmSync(this.#tempDirectory, { recursive: true, force: true });
      this.#tempDirectory = undefined;
    }
  }
}

function numbersFromBigInts(row: Record<string, unknown>): SqlRow {
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'bigint') {
      row[key] = Number(value);
    }
  }
  return row;
}
