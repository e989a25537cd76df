/**
 * FOCUS billing exports (CSV, gzipped CSV, Parquet; FOCUS 1.0 to 1.3; files, folders, globs,
 * billing-period partitions) as a billing source, read by the datasource instance's embedded
 * DuckDB. The rules every row follows (focusSql.ts applies them):
 *
 * - Rows: ChargeCategory `Usage` only (purchases, taxes, credits and adjustments are not usage).
 *   `ChargeClass = Correction` rows are kept and, like every row, dated by ChargePeriodStart: FOCUS
 *   gives a correction the charge period it corrects (its BillingPeriod is when it was billed), so
 *   it lands in, and amends, the corrected bucket.
 * - Amount: ConsumedQuantity/ConsumedUnit (what ran); PricingQuantity/PricingUnit only when the
 *   consumed pair is null (counted in a notice), since pricing units can be blocks (Azure prices
 *   storage operations per 10,000). Unused commitment rows consumed nothing: amount 0, cost kept.
 * - Cost: EffectiveCost, the amortised cost, as Cost Explorer's AmortizedCost. BilledCost is used
 *   when EffectiveCost is null, or 0 while BilledCost is not: FOCUS defines EffectiveCost as
 *   BilledCost after amortisation, so usage that was billed cannot have cost nothing. The public
 *   FOCUS sample has exactly that inconsistency (EffectiveCost 0 on most AWS and all Oracle rows).
 * - Skip or fail: a structural problem (missing columns, not CSV/gzip/Parquet, truncated gzip, a
 *   file changed while read) fails the query with an error naming the file, because the numbers
 *   would be silently incomplete; a bad value in one row (a number or date that does not parse, a
 *   row with the wrong field count) skips that row and is counted in a notice naming the first few.
 *
 * One scan serves every panel: the summed rows are kept per instance, keyed by the files' identity
 * (path, size, mtime) and the query's shape, and identical concurrent requests share one scan.
 */
import { createHash } from 'node:crypto';
import { badQuery } from '../../core/errors';
import { type DatasourceInstance, perInstance } from '../../core/instance';
import { ResponseCache } from '../../core/responseCache';
import type { UsageRow } from '../../../engine/usage';
import type { BillingRequest, BillingResult, BillingSourceClient, SourceHealth } from '../billingSource';
import { DuckDBDatabase } from '../duckdb/duckdbDatabase';
import { UsageAggregator } from '../usageAggregator';
import {
  type FocusFile,
  type FocusFileListing,
  fileIdentity,
  filesForRange,
  listFocusFiles,
  unchangedSince,
  FILE_CONCURRENCY,
} from './focusFiles';
import { eachLimited } from '../../core/concurrency';
import { verifyGzip } from './focusGzip';
import { focusLimits, MAX_LISTED_ENTRIES } from './focusLimits';
import {
  kindCounts,
  noExportFiles,
  notRegularText,
  outsideText,
  preview,
  readNotices,
  skippedNotices,
} from './focusNotices';
import { readAllowList } from './focusAllowList';
import {
  describeFile,
  emptyFocusStats,
  fieldColumns,
  type FocusReadStats,
  type ScanGroup,
  scanGroup,
  scanKind,
} from './focusScan';
import type { SqlColumn } from './focusSql';

/** Summed rows kept per instance: a dashboard's refreshes and its other panels reuse them. */
const AGGREGATE_TTL_MS = 15 * 60_000;
/** At most this many summed rows are kept across all cached aggregates of an instance. */
export const MAX_CACHED_ROWS = 1_000_000;

export interface FocusAggregate {
  rows: UsageRow[];
  files: FocusFile[];
  /** Files left out because their billing period ends before the range. */
  pruned: FocusFile[];
  skipped: string[];
  /** FIFOs, sockets and devices among the paths: never opened. */
  notRegular: string[];
  /** Links leading out of the allow-list: never opened. */
  outside: string[];
  stats: FocusReadStats;
}

const database = perInstance(
  'FOCUS DuckDB database',
  (instance) => new DuckDBDatabase(focusLimits(instance.settings)),
  (db) => db.close()
);
const aggregates = perInstance(
  'FOCUS aggregates',
  () =>
    new ResponseCache<FocusAggregate>({
      maxEntries: 64,
      weigh: (a) => a.rows.length,
      maxWeight: MAX_CACHED_ROWS,
    })
);
/** Per file identity: its columns, and whether its gzip stream was read to the end. */
const fileFacts = perInstance('FOCUS file facts', () => ({
  columns: new ResponseCache<SqlColumn[]>({ maxEntries: 20_000 }),
  gzipChecked: new ResponseCache<true>({ maxEntries: 20_000 }),
}));
const FACT_TTL_MS = 24 * 3600_000;

export class FocusSource implements BillingSourceClient {
  /** Exports carry hourly (AWS) or daily (Azure) charge periods; hourly buckets are always possible. */
  readonly hourlyAvailable = true;
  readonly #paths: string[];
  readonly #instance: DatasourceInstance;

  constructor(instance: DatasourceInstance) {
    this.#instance = instance;
    this.#paths = (instance.settings.jsonData.focus?.paths ?? []).map((p) => p.trim()).filter(Boolean);
  }

  async fetchUsage(request: BillingRequest): Promise<BillingResult> {
    const aggregate = await this.aggregate(request);
    const { rows, files, pruned, skipped, notRegular, outside, stats } = aggregate.value;
    return {
      rows,
      notices: [...readNotices(files, pruned, stats, rows.length), ...skippedNotices(skipped, notRegular, outside)],
      requests: 0,
      cachedRequests: 0,
    };
  }

  /** The summed rows for `request`, from the cache or one shared scan. */
  async aggregate(request: BillingRequest): Promise<{ value: FocusAggregate; cached: boolean }> {
    const { files: listed, skipped, notRegular, outside } = await this.#list();
    if (listed.length === 0) {
      throw badQuery(noExportFiles(this.#paths, skipped, notRegular, outside));
    }
    const { read, pruned } = filesForRange(listed, request.from);
    const shape = {
      files: read.map(fileIdentity),
      from: request.from,
      to: request.to,
      granularity: request.granularity,
      filters: request.filters,
      byAccount: request.groupByAccount === true,
    };
    // Shared by every caller of the same shape, so one caller's cancellation does not stop it.
    // Hashed: with thousands of partition files the shape is megabytes, kept once per entry.
    const key = createHash('sha256').update(JSON.stringify(shape)).digest('hex');
    return this.#instance.get(aggregates).get(key, AGGREGATE_TTL_MS, async () => ({
      ...(await this.#scan(read, request)),
      files: read,
      pruned,
      skipped,
      notRegular,
      outside,
    }));
  }

  async checkHealth(): Promise<SourceHealth> {
    let files: FocusFile[];
    let skipped: string[];
    let notRegular: string[];
    let outside: string[];
    try {
      ({ files, skipped, notRegular, outside } = await this.#list());
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
    if (files.length === 0) {
      return {
        ok: false,
        message: noExportFiles(this.#paths, skipped, notRegular, outside),
      };
    }
    const problems: string[] = [];
    await eachLimited(files, FILE_CONCURRENCY, async (file) => {
      // Headers only: checking a gzip stream to its end reads the whole file, which queries do.
      try {
        fieldColumns(await this.#columns(file), file.path); // throws the message naming what is missing
      } catch (error) {
        problems.push((error as Error).message);
      }
    });
    const inventory = `${files.length} file(s) (${kindCounts(files)}) in ${this.#paths.length} path(s)`;
    const skippedText =
      (skipped.length ? ` Skipped ${skipped.length} other file(s): ${preview(skipped)}.` : '') +
      notRegularText(notRegular) +
      outsideText(outside);
    if (problems.length > 0) {
      return {
        ok: false,
        message: `FOCUS exports: ${problems.length} of ${inventory} cannot be read: ${preview(problems.sort(), 3, ' | ')}.${skippedText}`,
      };
    }
    return {
      ok: true,
      message: `FOCUS exports: ${inventory}, every header has the required FOCUS columns.${skippedText}`,
    };
  }

  async #scan(files: FocusFile[], request: BillingRequest): Promise<{ rows: UsageRow[]; stats: FocusReadStats }> {
    const aggregator = new UsageAggregator(request.granularity);
    const stats = emptyFocusStats();
    const db = this.#instance.get(database);
    const aggregation = {
      from: request.from,
      to: request.to,
      granularity: request.granularity,
      filters: request.filters,
      byAccount: request.groupByAccount === true,
    };
    // Gzip streams are checked to their end beside the scans: DuckDB reads a truncated one silently.
    const gzipChecks = eachLimited(
      files.filter((f) => f.kind === 'csv.gz'),
      FILE_CONCURRENCY,
      (file) => this.#checkGzip(file)
    );
    gzipChecks.catch(() => undefined);
    for (const group of await this.#groups(files)) {
      await scanGroup(db, group, aggregation, aggregator, stats);
    }
    await gzipChecks;
    await unchangedSince(files);
    return { rows: aggregator.rows(), stats };
  }

  /** Files sharing a kind and a header are read by one statement, in the order they were listed. */
  async #groups(files: FocusFile[]): Promise<ScanGroup[]> {
    const columns = new Map<FocusFile, SqlColumn[]>();
    await eachLimited(files, FILE_CONCURRENCY, async (file) => void columns.set(file, await this.#columns(file)));
    const groups = new Map<string, ScanGroup>();
    for (const file of files) {
      const described = columns.get(file)!;
      const kind = scanKind(file);
      const key = `${kind}\u0000${described.map((c) => `${c.name}\u0001${c.type}`).join('\u0000')}`;
      const group = groups.get(key);
      if (group) {
        group.files.push(file);
      } else {
        groups.set(key, { kind, files: [file], columns: fieldColumns(described, file.path) });
      }
    }
    return [...groups.values()];
  }

  async #columns(file: FocusFile): Promise<SqlColumn[]> {
    const facts = this.#instance.get(fileFacts);
    const { value } = await facts.columns.get(fileIdentity(file), FACT_TTL_MS, () =>
      describeFile(this.#instance.get(database), file)
    );
    return value;
  }

  async #checkGzip(file: FocusFile): Promise<void> {
    const facts = this.#instance.get(fileFacts);
    await facts.gzipChecked.get(fileIdentity(file), FACT_TTL_MS, async () => {
      await verifyGzip(file);
      return true;
    });
  }

  /** The export files under the configured paths, within the administrator's allow-list. */
  async #list(): Promise<FocusFileListing> {
    const paths = this.#configuredPaths();
    return listFocusFiles(paths, MAX_LISTED_ENTRIES, await readAllowList());
  }

  #configuredPaths(): string[] {
    if (this.#paths.length === 0) {
      throw badQuery('No FOCUS export paths are configured: add files or folders in the datasource settings.');
    }
    return this.#paths;
  }
}

export function createFocusSource(instance: DatasourceInstance): BillingSourceClient {
  return new FocusSource(instance);
}
