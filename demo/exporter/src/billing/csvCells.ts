/**
 * A CSV file as records of cells that remember whether they were quoted, parsed by csv-parse, and
 * written back byte for byte: an unchanged record serialises to exactly its source text (checked
 * for every record, so a quirk this writer cannot reproduce fails loudly instead of silently
 * rewriting cells), and the file keeps its record delimiter and final newline.
 */
import { parse } from 'csv-parse/sync';

export interface Cell {
  value: string;
  quoted: boolean;
}

export interface CsvCells {
  header: Cell[];
  records: Cell[][];
  /** `\r\n` or `\n`, as in the source. */
  eol: string;
  finalEol: boolean;
}

export function serialiseCell(cell: Cell): string {
  return cell.quoted ? `"${cell.value.replace(/"/g, '""')}"` : cell.value;
}

export const serialiseRecord = (cells: Cell[]) => cells.map(serialiseCell).join(',');

export function readCsvCells(text: string): CsvCells {
  const parsed = parse(text, {
    raw: true,
    bom: false,
    cast: (value: string, context: { quoting: boolean }): Cell => ({ value, quoted: context.quoting }),
  }) as unknown as Array<{ record: Cell[]; raw: string }>;
  if (parsed.length === 0) {
    throw new Error('the CSV file is empty');
  }
  parsed.forEach(({ record, raw }, i) => {
    if (serialiseRecord(record) !== raw.replace(/\r?\n$|\r$/, '')) {
      throw new Error(`record ${i + 1} cannot be written back byte for byte (unusual quoting): ${raw.slice(0, 80)}`);
    }
  });
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return {
    header: parsed[0].record,
    records: parsed.slice(1).map((p) => p.record),
    eol,
    finalEol: text.endsWith(eol),
  };
}

export function writeCsvCells(file: Pick<CsvCells, 'eol' | 'finalEol'>, header: Cell[], records: Cell[][]): string {
  const lines = [header, ...records].map(serialiseRecord);
  return lines.join(file.eol) + (file.finalEol ? file.eol : '');
}
