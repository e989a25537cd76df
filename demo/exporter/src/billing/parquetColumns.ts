/**
 * FOCUS rows (the re-dated CSV's cells) as typed Parquet columns, typed the way providers' Parquet
 * exports type them: the Date/Time columns as UTC timestamps, quantities, costs and unit prices as
 * doubles, everything else as strings. Types follow the column names FOCUS defines
 * (focusColumnKinds.ts), never the values, so every partition has the same schema even where a
 * column is all nulls. `NULL` and empty cells, quoted or not, become nulls: that is how the
 * backend reads the same CSV (DuckDB's nullstr ['', 'NULL'] with quoted nulls allowed).
 */
import type { ColumnSource, SchemaElement } from 'hyparquet-writer';

import { parseInstant } from './calendarShift';
import type { Cell } from './csvCells';
import {
  columnKey,
  FOCUS_COST_COLUMNS,
  FOCUS_DATETIME_COLUMNS,
  FOCUS_QUANTITY_COLUMNS,
  FOCUS_UNIT_PRICE_COLUMNS,
} from './focusColumnKinds';

export type ParquetKind = 'timestamp' | 'double' | 'string';

const KIND_BY_KEY = new Map<string, ParquetKind>([
  ...FOCUS_DATETIME_COLUMNS.map((name) => [columnKey(name), 'timestamp'] as const),
  ...[...FOCUS_QUANTITY_COLUMNS, ...FOCUS_COST_COLUMNS, ...FOCUS_UNIT_PRICE_COLUMNS].map(
    (name) => [columnKey(name), 'double'] as const
  ),
]);

export const parquetKindOf = (column: string): ParquetKind => KIND_BY_KEY.get(columnKey(column)) ?? 'string';

export const isNullCell = (cell: Cell) => cell.value === '' || cell.value === 'NULL';

/** Every column nullable (FOCUS allows nulls in most); timestamps marked as UTC instants. */
function schemaElement(name: string, kind: ParquetKind): SchemaElement {
  switch (kind) {
    case 'timestamp':
      return {
        name,
        type: 'INT64',
        repetition_type: 'OPTIONAL',
        converted_type: 'TIMESTAMP_MILLIS',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
      };
    case 'double':
      return { name, type: 'DOUBLE', repetition_type: 'OPTIONAL' };
    case 'string':
      return { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' };
  }
}

/** The Parquet schema of a file with these columns, root first, as hyparquet-writer takes it. */
export function parquetSchema(header: readonly string[]): SchemaElement[] {
  return [
    { name: 'root', num_children: header.length },
    ...header.map((name) => schemaElement(name, parquetKindOf(name))),
  ];
}

function typedValue(cell: Cell, kind: ParquetKind): Date | number | string | null {
  if (isNullCell(cell)) {
    return null;
  }
  if (kind === 'timestamp') {
    return new Date(parseInstant(cell.value));
  }
  if (kind === 'double') {
    const n = cell.value.trim() === '' ? NaN : Number(cell.value);
    if (!Number.isFinite(n)) {
      throw new Error(`"${cell.value}" is not a number`);
    }
    return n;
  }
  return cell.value;
}

/** The rows' cells as one typed array per column; a cell its column's type cannot hold throws. */
export function parquetColumns(header: readonly string[], records: readonly Cell[][]): ColumnSource[] {
  return header.map((name, c) => {
    const kind = parquetKindOf(name);
    const data = records.map((record, r) => {
      try {
        return typedValue(record[c], kind);
      } catch (error) {
        throw new Error(`row ${r + 1}, ${name}: ${(error as Error).message}`);
      }
    });
    return { name, data };
  });
}
