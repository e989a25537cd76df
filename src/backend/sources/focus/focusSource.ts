/**
 * FOCUS billing exports (CSV, gzipped CSV, Parquet; FOCUS 1.0 to 1.3) as a billing source. Files
 * are read one after the other and streamed into the aggregator, so memory is bounded by the
 * number of distinct usage keys, not by the size of the exports.
 *
 * Skip or fail: a structural problem (missing columns, not CSV/gzip/Parquet, truncated gzip,
 * broken quoting) fails the query with an error naming the file, because the numbers would be
 * silently incomplete; a bad value in one row (a number or date that does not parse, a row with
 * the wrong field count) skips that row and is counted in a notice naming the first few file:line.
 */
import { badQuery } from '../../core/errors';
import type { UsageRow } from '../../../engine/usage';
import type { DataSourceSettings } from '../../core/settings';
import type { BillingRequest, BillingResult, BillingSourceClient, SourceHealth } from '../billingSource';
import { UsageAggregator } from '../usageAggregator';
import { readCsvFile, readCsvHeader } from './csvReader';
import { columnsToRead, findColumns, missingColumnsMessage, requireColumns } from './focusColumns';
import { listFocusFiles, type FocusFile, type FocusFileKind } from './focusFiles';
import { emptyFocusStats, FocusRowReader, recordBadRow, type FocusReadStats, type RowWindow } from './focusRowReader';
import { readParquetFile, readParquetHeader } from './parquetReader';

const KIND_NAMES: Record<FocusFileKind, string> = { csv: 'CSV', 'csv.gz': 'CSV.GZ', parquet: 'Parquet' };

export class FocusSource implements BillingSourceClient {
  /** Exports carry hourly (AWS) or daily (Azure) charge periods; hourly buckets are always possible. */
  readonly hourlyAvailable = true;
  readonly #paths: string[];

  constructor(settings: DataSourceSettings) {
    this.#paths = (settings.jsonData.focus?.paths ?? []).map((p) => p.trim()).filter(Boolean);
  }

  async fetchUsage(request: BillingRequest): Promise<BillingResult> {
    const { rows, files, skipped, stats } = await aggregateFocusFiles(this.#configuredPaths(), request);
    return {
      rows,
      notices: [...readNotices(files, stats, rows.length), ...skippedNotice(skipped)],
      requests: 0,
      cachedRequests: 0,
    };
  }

  async checkHealth(): Promise<SourceHealth> {
    let files: FocusFile[];
    let skipped: string[];
    try {
      ({ files, skipped } = await listFocusFiles(this.#configuredPaths()));
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
    if (files.length === 0) {
      return {
        ok: false,
        message: `No FOCUS export files (*.csv, *.csv.gz, *.parquet) under ${this.#paths.join(', ')}.${skipped.length ? ` Found only: ${preview(skipped)}.` : ''}`,
      };
    }
    const problems: string[] = [];
    for (const file of files) {
      try {
        const header = file.kind === 'parquet' ? await readParquetHeader(file) : await readCsvHeader(file);
        const { missing } = findColumns(header);
        if (missing.length > 0) {
          problems.push(missingColumnsMessage(file.path, header, missing));
        }
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    const inventory = `${files.length} file(s) (${kindCounts(files)}) in ${this.#paths.length} path(s)`;
    const skippedText = skipped.length ? ` Skipped ${skipped.length} other file(s): ${preview(skipped)}.` : '';
    if (problems.length > 0) {
      return {
        ok: false,
        message: `FOCUS exports: ${problems.length} of ${inventory} cannot be read: ${preview(problems, 3, ' | ')}.${skippedText}`,
      };
    }
    return {
      ok: true,
      message: `FOCUS exports: ${inventory}, every header has the required FOCUS columns.${skippedText}`,
    };
  }

  #configuredPaths(): string[] {
    if (this.#paths.length === 0) {
      throw badQuery('No FOCUS export paths are configured: add files or folders in the datasource settings.');
    }
    return this.#paths;
  }
}

export interface FocusAggregate {
  rows: UsageRow[];
  files: FocusFile[];
  skipped: string[];
  stats: FocusReadStats;
}

/** Every export under `paths`, filtered and summed for `request` (what fetchUsage reports). */
export async function aggregateFocusFiles(paths: readonly string[], request: BillingRequest): Promise<FocusAggregate> {
  const { files, skipped } = await listFocusFiles(paths);
  if (files.length === 0) {
    throw badQuery(`No FOCUS export files (*.csv, *.csv.gz, *.parquet) under ${paths.join(', ')}.`);
  }
  const aggregator = new UsageAggregator(request.granularity);
  const stats = emptyFocusStats();
  const window: RowWindow = { from: request.from, to: request.to, filters: request.filters };
  for (const file of files) {
    request.signal?.throwIfAborted();
    await readFocusFile(file, window, aggregator, stats, request.signal);
  }
  return { rows: aggregator.rows(), files, skipped, stats };
}

/** Streams one file into the aggregator. */
export async function readFocusFile(
  file: FocusFile,
  window: RowWindow,
  aggregator: UsageAggregator,
  stats: FocusReadStats,
  signal?: AbortSignal
): Promise<void> {
  let reader: FocusRowReader | undefined;
  if (file.kind === 'parquet') {
    await readParquetFile(
      file,
      {
        header(columns) {
          requireColumns(columns, file.path); // names what is missing among the file's own columns
          const wanted = columnsToRead(columns);
          reader = new FocusRowReader(findColumns(wanted).layout, window, aggregator, stats);
          return wanted;
        },
        row: (values, n) => reader!.add(values, () => `${file.path}:row ${n}`),
      },
      signal
    );
    return;
  }
  await readCsvFile(
    file,
    {
      header(columns) {
        reader = new FocusRowReader(requireColumns(columns, file.path), window, aggregator, stats);
      },
      row: (values, line) => reader!.add(values, () => `${file.path}:${line}`),
      malformed: (line, reason) => {
        stats.rowsRead++;
        recordBadRow(stats, `${file.path}:${line}`, reason);
      },
    },
    signal
  );
}

function readNotices(files: FocusFile[], s: FocusReadStats, rowCount: number): string[] {
  const n = (count: number) => count.toLocaleString('en-US');
  const notices = [
    `FOCUS: ${files.length} file(s) (${kindCounts(files)}), ${n(s.rowsRead)} rows read, ${n(s.usageRows)} usage rows in range summed into ${n(rowCount)} rows.`,
  ];
  if (s.usageRowsByProvider.size > 1) {
    const parts = [...s.usageRowsByProvider].map(([provider, count]) => `${provider} ${n(count)}`);
    notices.push(`FOCUS: usage rows by provider: ${parts.join(', ')}.`);
  }
  if (s.notUsage > 0) {
    notices.push(
      `FOCUS: ${n(s.notUsage)} rows that are not ChargeCategory "Usage" (purchases, taxes, credits, adjustments) were left out.`
    );
  }
  if (s.corrections > 0) {
    notices.push(
      `FOCUS: ${n(s.corrections)} correction row(s) (ChargeClass "Correction") were counted in the charge periods they correct.`
    );
  }
  if (s.pricingQuantityFallback > 0) {
    notices.push(
      `FOCUS: ${n(s.pricingQuantityFallback)} usage row(s) had no ConsumedQuantity: their PricingQuantity and PricingUnit were used instead.`
    );
  }
  if (s.billedCostFallback > 0) {
    notices.push(
      `FOCUS: ${n(s.billedCostFallback)} row(s) had EffectiveCost empty or 0 while BilledCost was not: BilledCost was used for them.`
    );
  }
  if (s.unusedCommitment > 0) {
    notices.push(`FOCUS: ${n(s.unusedCommitment)} unused-commitment row(s) add cost but no usage.`);
  }
  if (s.badRows > 0) {
    const more = s.badRows > s.badRowExamples.length ? '; …' : '';
    notices.push(`FOCUS: skipped ${n(s.badRows)} row(s) with bad values: ${s.badRowExamples.join('; ')}${more}.`);
  }
  return notices;
}

function skippedNotice(skipped: string[]): string[] {
  return skipped.length > 0
    ? [`FOCUS: skipped ${skipped.length} file(s) that are not CSV, CSV.GZ or Parquet: ${preview(skipped)}.`]
    : [];
}

function kindCounts(files: FocusFile[]): string {
  const counts = new Map<FocusFileKind, number>();
  files.forEach((f) => counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1));
  return [...counts].map(([kind, count]) => `${count} ${KIND_NAMES[kind]}`).join(', ');
}

function preview(items: string[], max = 5, separator = ', '): string {
  return items.slice(0, max).join(separator) + (items.length > max ? `${separator}… (${items.length} in all)` : '');
}

export function createFocusSource(settings: DataSourceSettings): BillingSourceClient {
  return new FocusSource(settings);
}
