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

export function focusLimits(settings: DataSourceSettings): DuckDBLimits {
  const focus = settings.jsonData.focus;
  return {
    memoryLimitMB: focus?.memoryLimitMB ?? DEFAULT_FOCUS_MEMORY_LIMIT_MB,
    threads: focus?.threads ?? Math.max(1, Math.min(DEFAULT_FOCUS_MAX_THREADS, os.availableParallelism())),
  };
}
