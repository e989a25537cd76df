/**
 * Runs focusSql's statements on DuckDB for one group of files sharing a header, and turns the
 * summed rows into usage rows and the counts behind the notices. Only summed rows cross into
 * Node: a month of millions of billing lines becomes thousands of rows here.
 */
import { downstreamError } from '../../core/errors';
import type { DuckDBDatabase, SqlRow } from '../duckdb/duckdbDatabase';
import { instanceTypeFromUsageType, instanceTypeInText } from '../aws/usageType';
import type { UsageAggregator } from '../usageAggregator';
import { requireColumns } from './focusColumns';
import { scanError } from './focusErrors';
import type { FocusFile } from './focusFiles';
import { FOCUS_READ_TIMEOUT_MS } from './focusLimits';
import { readVetted } from './focusOpen';
import {
  aggregateSql,
  badRowsSql,
  type FieldColumns,
  type FocusAggregation,
  fileList,
  type RowClass,
  type ScanKind,
  scanFunction,
  type SqlColumn,
} from './focusSql';
import { normaliseProvider, skuDetails } from './focusValues';

export interface FocusReadStats {
  rowsRead: number;
  usageRows: number;
  /** Usage rows kept, per normalised provider. */
  usageRowsByProvider: Map<string, number>;
  notUsage: number;
  outsideRange: number;
  filteredOut: number;
  corrections: number;
  pricingQuantityFallback: number;
  billedCostFallback: number;
  unusedCommitment: number;
  badRows: number;
  /** `file:row N (reason)` of the first few bad rows. */
  badRowExamples: string[];
}

export const MAX_BAD_ROW_EXAMPLES = 3;

export function emptyFocusStats(): FocusReadStats {
  return {
    rowsRead: 0,
    usageRows: 0,
    usageRowsByProvider: new Map(),
    notUsage: 0,
    outsideRange: 0,
    filteredOut: 0,
    corrections: 0,
    pricingQuantityFallback: 0,
    billedCostFallback: 0,
    unusedCommitment: 0,
    badRows: 0,
    badRowExamples: [],
  };
}

export interface ScanGroup {
  kind: ScanKind;
  files: FocusFile[];
  columns: FieldColumns;
}

export const scanKind = (file: FocusFile): ScanKind => (file.kind === 'parquet' ? 'parquet' : 'csv');

/**
 * A file's columns as DuckDB reads them; an empty file or one DuckDB cannot open fails here. Every
 * statement here runs through readVetted: DuckDB opens only files just checked to be the regular
 * files listed, and a statement past `timeoutMs` fails the read.
 */
export async function describeFile(
  database: DuckDBDatabase,
  file: FocusFile,
  timeoutMs = FOCUS_READ_TIMEOUT_MS
): Promise<SqlColumn[]> {
  if (file.size === 0) {
    throw downstreamError(`${file.path}: the file is empty (no header row).`, 502);
  }
  try {
    const sql = `DESCRIBE SELECT * FROM ${scanFunction(scanKind(file), [file.path])}`;
    const rows = await readVetted([file], timeoutMs, (signal) => database.query(sql, [], signal));
    return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  } catch (error) {
    throw scanError(error, [file.path]);
  }
}

/** Which column holds each field; a downstream error naming the file and what it lacks otherwise. */
export function fieldColumns(columns: readonly SqlColumn[], file: string): FieldColumns {
  const layout = requireColumns(
    columns.map((c) => c.name),
    file
  );
  return Object.fromEntries(
    Object.entries(layout)
      .filter(([, index]) => index !== undefined)
      .map(([field, index]) => [field, columns[index as number]])
  );
}

/** Sums one group into `aggregator` and `stats`; bad rows of the group are named in `stats`. */
export async function scanGroup(
  database: DuckDBDatabase,
  group: ScanGroup,
  aggregation: FocusAggregation,
  aggregator: UsageAggregator,
  stats: FocusReadStats,
  timeoutMs = FOCUS_READ_TIMEOUT_MS
): Promise<void> {
  // No cancellation by a caller: the scan is shared by every panel asking for the same shape
  // (focusSource.ts); only the read timeout stops it.
  const paths = group.files.map((f) => f.path);
  const scan = { kind: group.kind, files: paths, columns: group.columns };
  let rows: SqlRow[];
  let rejected: SqlRow[] = [];
  try {
    ({ rows, rejected } = await readVetted(group.files, timeoutMs, (signal) =>
      database.session(async (run) => {
        const built = aggregateSql(scan, aggregation);
        const aggregated = await run(built.sql, built.params);
        return { rows: aggregated, rejected: group.kind === 'csv' ? await run(REJECTED_LINES) : [] };
      }, signal)
    ));
  } catch (error) {
    throw scanError(error, paths);
  }
  let seen = 0;
  let bad = 0;
  for (const row of rows) {
    const count = Number(row.row_count);
    seen += count;
    addClass(row, count, aggregator, stats);
    bad += row.class === 'bad' ? count : 0;
  }
  const rejectedRows = rejected.length;
  // Parquet rows outside the range never reach the query (skipped by statistics or the pushed-down
  // filter): the footers say how many rows the files hold.
  const total = group.kind === 'parquet' ? await parquetRows(database, group.files, timeoutMs) : seen + rejectedRows;
  stats.rowsRead += total;
  stats.outsideRange += group.kind === 'parquet' ? Math.max(0, total - seen) : 0;
  stats.badRows += rejectedRows;
  if (stats.badRowExamples.length < MAX_BAD_ROW_EXAMPLES && bad + rejectedRows > 0) {
    await nameBadRows(database, group, aggregation, rejected, stats, timeoutMs);
  }
}

// Rows with the wrong number of fields (or broken bytes), one per line; csv_line, which holds the
// line's contents, is never read.
const REJECTED_LINES = `SELECT s.file_path AS file, e.line AS line, any_value(e.error_type) AS error_type
FROM reject_errors e JOIN reject_scans s USING (scan_id, file_id)
GROUP BY ALL ORDER BY file, line`;

function addClass(row: SqlRow, count: number, aggregator: UsageAggregator, stats: FocusReadStats): void {
  switch (row.class as RowClass) {
    case 'outside':
      stats.outsideRange += count;
      return;
    case 'notUsage':
      stats.notUsage += count;
      return;
    case 'filtered':
      stats.filteredOut += count;
      return;
    case 'bad':
      stats.badRows += count;
      return;
    case 'usage':
      addUsage(row, count, aggregator, stats);
  }
}

const textOf = (value: unknown) => (value === null || value === undefined ? undefined : String(value));

function addUsage(row: SqlRow, count: number, aggregator: UsageAggregator, stats: FocusReadStats): void {
  const provider = normaliseProvider(String(row.provider));
  const usageType = textOf(row.usage_type);
  const description = textOf(row.description);
  const details = textOf(row.sku_details);
  const sku = details ? skuDetails(details) : undefined;
  const instanceType =
    (usageType && instanceTypeFromUsageType(usageType)) ??
    sku?.instanceType ??
    (description ? instanceTypeInText(description) : undefined);
  aggregator.add(
    Number(row.bucket),
    {
      provider,
      account: String(row.account),
      region: String(row.region),
      service: String(row.service),
      serviceCategory: textOf(row.service_category),
      // Without a usage-type column the charge description is the most specific label.
      usageType: usageType ?? description ?? '',
      unit: String(row.unit),
      instanceType,
      currency: String(row.currency),
    },
    Number(row.amount),
    Number(row.cost),
    sku?.vCpus
  );
  stats.usageRows += count;
  stats.usageRowsByProvider.set(provider, (stats.usageRowsByProvider.get(provider) ?? 0) + count);
  stats.corrections += Number(row.corrections);
  stats.pricingQuantityFallback += Number(row.pricing_fallbacks);
  stats.unusedCommitment += Number(row.unused_commitments);
  stats.billedCostFallback += Number(row.billed_fallbacks);
}

async function parquetRows(database: DuckDBDatabase, files: FocusFile[], timeoutMs: number): Promise<number> {
  const sql = `SELECT coalesce(sum(num_rows), 0) AS n FROM parquet_file_metadata(${fileList(files.map((f) => f.path))})`;
  const [row] = await readVetted(files, timeoutMs, (signal) => database.query(sql, [], signal)).catch((error) => {
    throw scanError(
      error,
      files.map((f) => f.path)
    );
  });
  return Number(row?.n ?? 0);
}

/**
 * Names the first few bad rows, in file order: rows whose values do not parse (`file:row N`,
 * counted from the first data row) and lines DuckDB rejected (`file:line N`).
 */
async function nameBadRows(
  database: DuckDBDatabase,
  group: ScanGroup,
  aggregation: FocusAggregation,
  rejected: SqlRow[],
  stats: FocusReadStats,
  timeoutMs: number
): Promise<void> {
  for (const file of group.files) {
    const wanted = MAX_BAD_ROW_EXAMPLES - stats.badRowExamples.length;
    if (wanted <= 0) {
      return;
    }
    const scan = { kind: group.kind, files: [file.path], columns: group.columns };
    const built = badRowsSql(scan, aggregation, wanted);
    const valueRows = await readVetted([file], timeoutMs, (signal) =>
      database.query(built.sql, built.params, signal)
    ).catch((error) => {
      throw scanError(error, [file.path]);
    });
    const examples = [
      ...valueRows.map((r) => ({
        at: Number(r.row_number) + 1,
        text: `${file.path}:row ${r.row_number} (${r.reason})`,
      })),
      ...rejected
        .filter((r) => r.file === file.path)
        .map((r) => ({
          at: Number(r.line),
          text: `${file.path}:line ${r.line} (${rejectReason(String(r.error_type))})`,
        })),
    ].sort((a, b) => a.at - b.at);
    stats.badRowExamples.push(...examples.slice(0, wanted).map((e) => e.text));
  }
}

function rejectReason(errorType: string): string {
  switch (errorType) {
    case 'MISSING COLUMNS':
      return 'too few fields';
    case 'TOO MANY COLUMNS':
      return 'too many fields';
    case 'INVALID UNICODE':
      return 'not UTF-8 text';
    default:
      return errorType.toLowerCase();
  }
}
