/**
 * The SQL that turns FOCUS rows into the aggregates the engine needs: one statement per group of
 * files sharing a header, so only summed rows reach Node. It applies every rule of the reader
 * (focusSource.ts says them in words) and classifies each row, so the counts behind the
 * notices come from the same scan:
 *
 *   outside   ChargePeriodStart outside the range (for Parquet with a typed timestamp, pushed into
 *             the scan, so row groups outside it are skipped on their min/max statistics)
 *   notUsage  ChargeCategory is not Usage
 *   bad       a date or number that does not parse (the row is skipped and counted)
 *   filtered  left out by the query's region, service or account filter
 *   usage     summed per time bucket and usage key
 *
 * Values from the query (range, filters) are bound parameters; file paths, which DuckDB's table
 * functions take as literals, are quoted. Only the dimensions asked for are grouped.
 */
import type { BillingFilters } from '../../../datasource/types';
import type { BucketGranularity } from '../billingSource';
import type { FocusField } from './focusColumns';

/** A column of a file as DuckDB describes it. */
export interface SqlColumn {
  name: string;
  type: string;
}

export type FieldColumns = Partial<Record<FocusField, SqlColumn>>;

export type ScanKind = 'csv' | 'parquet';

export interface FocusScan {
  kind: ScanKind;
  files: readonly string[];
  columns: FieldColumns;
}

export interface FocusAggregation {
  from: number;
  to: number;
  granularity: BucketGranularity;
  filters: BillingFilters;
  /** Group by sub-account: only when someone groups or lists by it. */
  byAccount: boolean;
}

export interface BuiltSql {
  sql: string;
  params: Array<number | string>;
}

/** The classes of focusSql's classification, as the result rows name them. */
export type RowClass = 'outside' | 'notUsage' | 'bad' | 'filtered' | 'usage';

const BUCKET: Record<BucketGranularity, string> = {
  hourly: "date_trunc('hour', start_at)",
  daily: "date_trunc('day', start_at)",
  monthly: "date_trunc('month', start_at)",
};

// CSV dialect fixed rather than sniffed: the sniffer misreads files with one broken line. Every
// cell is text, parsed below with the reader's rules; rows with the wrong number of fields are
// skipped into the connection's rejects tables and counted.
const CSV_OPTIONS =
  "header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', nullstr = ['', 'NULL'], store_rejects = true";

export const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** `files` as the literal list DuckDB's table functions take. */
export const fileList = (files: readonly string[]) => `[${files.map(quoteLiteral).join(', ')}]`;

/** The table function that reads `files`. */
export function scanFunction(kind: ScanKind, files: readonly string[]): string {
  return kind === 'csv' ? `read_csv(${fileList(files)}, ${CSV_OPTIONS})` : `read_parquet(${fileList(files)})`;
}

const isText = (column: SqlColumn) => /^(VARCHAR|TEXT|STRING|BLOB)/i.test(column.type);
const isTimestamp = (column: SqlColumn) => /^(TIMESTAMP|DATE)/i.test(column.type);
const isNumber = (column: SqlColumn) =>
  /^(DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC|U?(TINY|SMALL|BIG|HUGE)?INT)/i.test(column.type);

/** Builds the per-row expressions (CTE `focus_rows`) from a file's columns. */
class RowExpressions {
  constructor(
    private readonly columns: FieldColumns,
    /** Sub-accounts are read only when grouped or filtered by: a column not read is not scanned. */
    private readonly account: boolean,
    /** CSV cells are already null for '' and NULL (the reader's nullstr). */
    private readonly kind: ScanKind
  ) {}

  /**
   * The text of a cell that may hold a value that does not parse: only text columns can. Typed
   * columns (Parquet numbers and timestamps) give NULL, so no row pays to print its number.
   */
  rawText(field: FocusField): string {
    const column = this.columns[field];
    return column && isText(column) ? this.text(field) : 'NULL';
  }

  /** The text of a cell; '' and the string NULL are null, as in the exports of every provider. */
  text(field: FocusField): string {
    const column = this.columns[field];
    if (!column) {
      return 'NULL';
    }
    const ref = quoteIdentifier(column.name);
    if (!isText(column)) {
      return `CAST(${ref} AS VARCHAR)`;
    }
    return this.kind === 'csv' ? ref : `nullif(nullif(${ref}, ''), 'NULL')`;
  }

  /** A number, null when empty or not a number (see IS_BAD); FINITE drops inf and NaN after. */
  number(field: FocusField): string {
    const column = this.columns[field];
    if (column && isNumber(column)) {
      return `CAST(${quoteIdentifier(column.name)} AS DOUBLE)`;
    }
    return `TRY_CAST(${this.text(field)} AS DOUBLE)`;
  }

  /** ChargePeriodStart as TIMESTAMPTZ (UTC when the text has no zone). */
  time(field: FocusField): string {
    const column = this.columns[field];
    if (column && isTimestamp(column)) {
      return `CAST(${quoteIdentifier(column.name)} AS TIMESTAMPTZ)`;
    }
    if (column && isNumber(column)) {
      return `to_timestamp(CAST(${quoteIdentifier(column.name)} AS DOUBLE) / 1000)`;
    }
    return `TRY_CAST(${this.text(field)} AS TIMESTAMPTZ)`;
  }

  select(): string {
    const t = (f: FocusField) => this.text(f);
    const n = (f: FocusField) => this.number(f);
    return [
      `lower(${t('chargeCategory')}) AS category`,
      `lower(${t('chargeClass')}) AS charge_class`,
      `${this.time('chargePeriodStart')} AS start_at`,
      `${this.rawText('chargePeriodStart')} AS start_text`,
      `coalesce(${t('hostProvider')}, ${t('serviceProvider')}, ${t('provider')}, '') AS provider`,
      this.account ? `coalesce(${t('subAccountId')}, ${t('billingAccountId')}, '') AS account` : `'' AS account`,
      // A region name is used only when it looks like an id (us-sanjose-1), not a display name.
      `coalesce(${t('regionId')}, CASE WHEN regexp_full_match(${t('regionName')}, '[a-z]{2,}[a-z0-9-]*[0-9]?') THEN ${t('regionName')} END, '') AS region`,
      `coalesce(${t('serviceName')}, '') AS service`,
      `${t('serviceCategory')} AS service_category`,
      `${t('usageType')} AS usage_type`,
      `${t('chargeDescription')} AS description`,
      `${t('skuDetails')} AS sku_details`,
      `coalesce(${t('currency')}, '') AS currency`,
      `lower(${t('commitmentStatus')}) = 'unused' AS unused`,
      `${n('consumedQuantity')} AS consumed`,
      `${this.rawText('consumedQuantity')} AS consumed_text`,
      `${t('consumedUnit')} AS consumed_unit`,
      `${n('pricingQuantity')} AS pricing`,
      `${this.rawText('pricingQuantity')} AS pricing_text`,
      `${t('pricingUnit')} AS pricing_unit`,
      `${n('effectiveCost')} AS effective`,
      `${this.rawText('effectiveCost')} AS effective_text`,
      `${n('billedCost')} AS billed`,
      `${this.rawText('billedCost')} AS billed_text`,
    ].join(',\n    ');
  }
}

/** Infinite and NaN texts parse as doubles but are not amounts: null, so IS_BAD counts them. */
const FINITE = ['consumed', 'pricing', 'effective', 'billed']
  .map((n) => `CASE WHEN isfinite(${n}) THEN ${n} END AS ${n}`)
  .join(', ');

/** Whether a usage row holds a number that does not parse (BAD_REASON without the words). */
const IS_BAD = `(consumed IS NULL AND consumed_text IS NOT NULL)
        OR (consumed IS NULL AND unused IS NOT TRUE AND pricing IS NULL AND pricing_text IS NOT NULL)
        OR (effective IS NULL AND effective_text IS NOT NULL)
        OR (billed IS NULL AND billed_text IS NOT NULL)`;

/** Why a row is bad, in the reader's order of checks; NULL when it is not. */
const BAD_REASON = `CASE
      WHEN start_at IS NULL AND start_text IS NULL THEN 'ChargePeriodStart is empty'
      WHEN start_at IS NULL THEN 'ChargePeriodStart "' || left(start_text, 40) || '" is not a date-time'
      WHEN consumed IS NULL AND consumed_text IS NOT NULL THEN 'ConsumedQuantity "' || left(consumed_text, 40) || '" is not a number'
      WHEN consumed IS NULL AND unused IS NOT TRUE AND pricing IS NULL AND pricing_text IS NOT NULL THEN 'PricingQuantity "' || left(pricing_text, 40) || '" is not a number'
      WHEN effective IS NULL AND effective_text IS NOT NULL THEN 'EffectiveCost "' || left(effective_text, 40) || '" is not a number'
      WHEN billed IS NULL AND billed_text IS NOT NULL THEN 'BilledCost "' || left(billed_text, 40) || '" is not a number'
    END`;

/** The filter clause and its parameters ($3 onwards). */
function filterClause(filters: BillingFilters, params: Array<number | string>): string {
  const clauses: string[] = [];
  const add = (column: string, values?: string[]) => {
    if (values && values.length > 0) {
      const placeholders = values.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      clauses.push(`${column} IN (${placeholders.join(', ')})`);
    }
  };
  add('region', filters.regions);
  add('service', filters.services);
  add('account', filters.accounts);
  return clauses.length > 0 ? clauses.join(' AND ') : 'true';
}

/** Rows of `scan` classified (CTE `checked`), with the range in $1 and $2 (epoch ms). */
function classifiedRows(scan: FocusScan, request: FocusAggregation, params: Array<number | string>, numbered = false) {
  params.push(request.from, request.to);
  const start = scan.columns.chargePeriodStart;
  // Typed timestamps go into the scan's filter, where Parquet statistics skip whole row groups.
  // Rows without a start stay: they are counted as bad, not as outside the range.
  const pushdown =
    scan.kind === 'parquet' && start && isTimestamp(start)
      ? `WHERE ${quoteIdentifier(start.name)} IS NULL OR (CAST(${quoteIdentifier(start.name)} AS TIMESTAMPTZ) >= to_timestamp($1 / 1000) AND CAST(${quoteIdentifier(start.name)} AS TIMESTAMPTZ) < to_timestamp($2 / 1000))`
      : '';
  const filters = filterClause(request.filters, params);
  const account = request.byAccount || (request.filters.accounts?.length ?? 0) > 0;
  const expressions = new RowExpressions(scan.columns, account, scan.kind).select();
  return `WITH focus_rows AS (
  SELECT ${numbered ? 'row_number() OVER () AS row_number,\n    ' : ''}${expressions}
  FROM ${scanFunction(scan.kind, scan.files)}
  ${pushdown}
), parsed AS (
  SELECT * REPLACE (${FINITE}) FROM focus_rows
), checked AS (
  SELECT *,
    CASE
      WHEN start_at IS NOT NULL AND (start_at < to_timestamp($1 / 1000) OR start_at >= to_timestamp($2 / 1000)) THEN 'outside'
      WHEN category IS DISTINCT FROM 'usage' THEN 'notUsage'
      WHEN start_at IS NULL THEN 'bad'
      WHEN NOT (${filters}) THEN 'filtered'
      WHEN ${IS_BAD} THEN 'bad'
      ELSE 'usage'
    END AS class
  FROM parsed
)`;
}

/**
 * One row per class; for `usage`, one row per time bucket and key with `amount`, `cost` and the
 * counts the notices need.
 */
export function aggregateSql(scan: FocusScan, request: FocusAggregation): BuiltSql {
  const params: Array<number | string> = [];
  const rows = classifiedRows(scan, request, params);
  // Only the bucket is cut to usage rows: other classes keep their (few) keys and are folded
  // together in Node, which costs less than a CASE on every key of every row.
  const sql = `${rows}
SELECT
  class,
  CASE WHEN class = 'usage' THEN epoch_ms(${BUCKET[request.granularity]}) END AS bucket,
  provider,
  account,
  region,
  service,
  service_category,
  usage_type,
  description,
  sku_details,
  CASE WHEN consumed IS NOT NULL THEN coalesce(consumed_unit, pricing_unit, '') ELSE coalesce(pricing_unit, '') END AS unit,
  currency,
  count(*) AS row_count,
  sum(CASE WHEN consumed IS NOT NULL THEN consumed WHEN unused THEN 0 ELSE coalesce(pricing, 0) END) AS amount,
  sum(CASE WHEN effective IS NULL OR (effective = 0 AND coalesce(billed, 0) <> 0) THEN coalesce(billed, 0) ELSE effective END) AS cost,
  count(*) FILTER (WHERE charge_class = 'correction') AS corrections,
  count(*) FILTER (WHERE consumed IS NULL AND unused IS NOT TRUE) AS pricing_fallbacks,
  count(*) FILTER (WHERE consumed IS NULL AND unused) AS unused_commitments,
  count(*) FILTER (WHERE (effective IS NULL OR effective = 0) AND coalesce(billed, 0) <> 0) AS billed_fallbacks
FROM checked
GROUP BY ALL`;
  return { sql, params };
}

/** The first `limit` bad rows of one file, numbered from 1 in file order, with the reason. */
export function badRowsSql(scan: FocusScan, request: FocusAggregation, limit: number): BuiltSql {
  const params: Array<number | string> = [];
  const rows = classifiedRows(scan, request, params, true);
  return {
    sql: `${rows}
SELECT row_number, ${BAD_REASON} AS reason FROM checked WHERE class = 'bad' ORDER BY row_number LIMIT ${Math.trunc(limit)}`,
    params,
  };
}
