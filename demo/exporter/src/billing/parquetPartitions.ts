/**
 * The re-dated rows as Parquet partitioned by billing period, laid out as providers deliver
 * exports (AWS Data Exports, Azure cost exports): one file per period in a hive-style folder,
 * `DIR/billing_period=YYYY-MM/focus.parquet`. A row goes to the period its BillingPeriodStart
 * names, not its charge period: a charge billed in the next period (the sample's Oracle hour of
 * September 30th, billed in October) is in the next period's file, as in a real export. The
 * backend skips whole folders by that name (a query skips periods that end before its range).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';

import { monthLabel, monthOf, parseInstant } from './calendarShift';
import type { Cell } from './csvCells';
import { columnKey } from './focusColumnKinds';
import { isNullCell, parquetColumns, parquetSchema } from './parquetColumns';

export const PARTITION_FILE_NAME = 'focus.parquet';

/**
 * Rows per row group: DuckDB's own writer's default. DuckDB scans a file's row groups in parallel
 * and skips them on min/max statistics, so groups should be large but not the whole year;
 * hyparquet-writer's default (a first group of 1,000 rows, for quick previews in a browser) buys
 * nothing here.
 */
export const ROW_GROUP_ROWS = 122_880;

export interface Partition {
  /** `YYYY-MM` of BillingPeriodStart. */
  billingPeriod: string;
  file: string;
  rows: number;
}

/** `billing_period=YYYY-MM/focus.parquet`, relative to the partition root. */
export const partitionPath = (billingPeriod: string) =>
  path.join(`billing_period=${billingPeriod}`, PARTITION_FILE_NAME);

function columnIndex(header: readonly string[], name: string): number {
  const i = header.findIndex((h) => columnKey(h) === columnKey(name));
  if (i < 0) {
    throw new Error(`no ${name} column: cannot partition by billing period`);
  }
  return i;
}

/** Rows grouped by the month of their BillingPeriodStart, periods in calendar order. */
export function rowsByBillingPeriod(header: readonly string[], records: readonly Cell[][]): Map<string, Cell[][]> {
  const period = columnIndex(header, 'BillingPeriodStart');
  const groups = new Map<string, Cell[][]>();
  records.forEach((record, r) => {
    const cell = record[period];
    if (isNullCell(cell)) {
      throw new Error(`row ${r + 1} has no BillingPeriodStart (FOCUS requires one): cannot partition it`);
    }
    const label = monthLabel(monthOf(parseInstant(cell.value)));
    const group = groups.get(label) ?? [];
    group.push(record);
    groups.set(label, group);
  });
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Sorted by ChargePeriodStart, so each row group covers a short stretch of time and its min/max
 * statistics let a query over a few days skip the rest (rows without one last).
 */
function byChargeStart(header: readonly string[], records: Cell[][]): Cell[][] {
  const start = columnIndex(header, 'ChargePeriodStart');
  const at = (record: Cell[]) => (isNullCell(record[start]) ? Infinity : parseInstant(record[start].value));
  return records
    .map((record) => ({ record, at: at(record) }))
    .sort((a, b) => a.at - b.at)
    .map((r) => r.record);
}

/** Writes one Parquet file per billing period under `root` (which must exist). */
export function writeParquetPartitions(
  root: string,
  header: readonly string[],
  records: readonly Cell[][]
): Partition[] {
  const schema = parquetSchema(header);
  return [...rowsByBillingPeriod(header, records)].map(([billingPeriod, rows]) => {
    const file = path.join(root, partitionPath(billingPeriod));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    parquetWriteFile({
      filename: file,
      columnData: parquetColumns(header, byChargeStart(header, rows)),
      schema,
      codec: 'SNAPPY',
      rowGroupSize: ROW_GROUP_ROWS,
    });
    return { billingPeriod, file, rows: rows.length };
  });
}
