/**
 * Shared by the re-dater tests: the published FOCUS sample parsed independently (csv-parse with
 * header names, no code of the re-dater), and the fixed "now" the copies are made at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export const ROOT = path.resolve(__dirname, '../..');
export const SAMPLE_FILE = path.join(ROOT, 'demo/focus/focus_sample_1000.csv');
export const SAMPLE_TEXT = fs.readFileSync(SAMPLE_FILE, 'utf8');

export type Row = Record<string, string>;
export const parseRows = (text: string): Row[] => parse(text, { columns: true, skip_empty_lines: true });
export const SAMPLE_ROWS = parseRows(SAMPLE_TEXT);

/** Wednesday 2025-06-18 12:00 UTC: copies for April (×0.90), May (×0.95) and June (×1.00, partial). */
export const NOW = Date.UTC(2025, 5, 18, 12);
/** The same instant of the month in the sample (September has 30 days, like June). */
export const NOW_IN_SAMPLE = '2024-09-18 12:00:00';

/** The sample's rows that have ended by NOW once moved to June (fixed-width dates compare as text). */
export const endedBeforeNow = (r: Row) => r.ChargePeriodEnd <= NOW_IN_SAMPLE;

export function countBy(rows: Row[], key: (r: Row) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) {
    counts[key(r)] = (counts[key(r)] ?? 0) + 1;
  }
  return counts;
}
