/**
 * How much of the machine the FOCUS reader may use: `jsonData.focus.memoryLimitMB` (DuckDB spills
 * to a temporary folder beyond it) and `jsonData.focus.threads`. The defaults leave room for
 * Grafana itself on the same server.
 */
import os from 'node:os';
import type { DataSourceSettings } from '../../core/settings';
import type { DuckDBLimits } from '../duckdb/duckdbDatabase';

export const DEFAULT_FOCUS_MEMORY_LIMIT_MB = 512;
/** Threads by default: the cores, at most this many. */
export const DEFAULT_FOCUS_MAX_THREADS = 4;

/**
 * Most files and folders one listing visits (the configured paths together, links and skipped
 * files included); beyond it the query fails saying so. An organisation's hive-partitioned exports
 * hold a few files per month and account; a path pointed at a whole disk would otherwise be walked
 * on every query.
 */
export const MAX_LISTED_ENTRIES = 100_000;
/**
 * Longest one read of the exports may take: a DuckDB statement (the header of a file, the scan of a
 * group of files) or a gzip check of one file. A read past it fails naming the files, instead of
 * holding the panel (and a thread of Node's shared pool) for as long as a stalled network file
 * system does. Generous: the 96 MB gzip benchmark file is checked in about 1 s.
 */
export const FOCUS_READ_TIMEOUT_MS = 300_000;

export function focusLimits(settings: DataSourceSettings): DuckDBLimits {
  const focus = settings.jsonData.focus;
  return {
    memoryLimitMB: focus?.memoryLimitMB ?? DEFAULT_FOCUS_MEMORY_LIMIT_MB,
    threads: focus?.threads ?? Math.max(1, Math.min(DEFAULT_FOCUS_MAX_THREADS, os.availableParallelism())),
  };
}
