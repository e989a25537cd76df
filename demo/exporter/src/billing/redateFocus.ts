/**
 * The FOCUS sample re-dated for the demo: monthly copies of its one month (September 2024) as the
 * current month and the months before it, so dashboards with relative ranges (now-90d, "this vs
 * previous period") have billing data whenever the stack starts.
 *
 * - Dates: every FOCUS Date/Time column present (focusColumnKinds.ts) moves by the same whole
 *   number of calendar months (calendarShift.ts). Rows of a copy whose shifted ChargePeriodStart
 *   leaves that copy's month are dropped (only Sep 29/30 in February: they belong to March).
 * - Growth: each month back is 5 percentage points smaller, so trends are not flat: the current
 *   month ×1.00, the one before ×0.95, then ×0.90, … ConsumedQuantity, PricingQuantity,
 *   CommitmentDiscountQuantity and every cost column (BilledCost, EffectiveCost, ListCost,
 *   ContractedCost, PricingCurrencyEffectiveCost) are multiplied by the same factor, exactly
 *   (decimalScale.ts); unit prices are not, so cost = quantity × price still holds.
 * - Now: rows whose shifted charge period has not ended by `now` are dropped, so the current
 *   month is partial like a real export.
 * - Everything else, quoting and `NULL` literals included, is byte-identical (csvCells.ts).
 */
import {
  addMonths,
  monthLabel,
  monthOf,
  monthsBetween,
  parseInstant,
  shiftDateCell,
  type MonthKey,
} from './calendarShift';
import { readCsvCells, writeCsvCells, type Cell } from './csvCells';
import { scaleDecimal, isPlainDecimal } from './decimalScale';
import { columnKinds } from './focusColumnKinds';

/** Percentage points each month back is smaller than the month after it. */
export const GROWTH_POINTS_PER_MONTH = 5;

export interface RedateOptions {
  /** Epoch ms of "now": the last copy is this month, cut at this instant. */
  now: number;
  /** Copies, the current month included (default 3: this month and the two before). */
  months?: number;
}

export interface MonthCopy {
  /** `YYYY-MM` of the copy. */
  month: string;
  /** Calendar months added to every date. */
  shiftMonths: number;
  /** Percent applied to quantities and costs (100 for the current month). */
  scalePercent: number;
  csv: string;
  /** The rows of `csv` as cells, for the other formats the copy is written in (parquetColumns.ts). */
  records: Cell[][];
  rows: number;
  /** Rows left out because their charge period had not ended by `now`. */
  droppedFuture: number;
  /** Rows whose shifted charge period starts outside this month: days the month lacks (Sep 30 in
   * February runs over into March), or rows outside the sample's own month. */
  droppedOutsideMonth: number;
}

export interface RedateResult {
  /** `YYYY-MM` of the sample's charge periods. */
  sampleMonth: string;
  /** The sample's column names, which every copy keeps. */
  header: string[];
  copies: MonthCopy[];
}

/** The month most charge periods start in (the sample has one; a stray correction cannot move it). */
export function dominantMonth(starts: number[]): MonthKey {
  const counts = new Map<string, { key: MonthKey; n: number }>();
  for (const ms of starts) {
    const key = monthOf(ms);
    const entry = counts.get(monthLabel(key)) ?? { key, n: 0 };
    entry.n++;
    counts.set(monthLabel(key), entry);
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  if (!best) {
    throw new Error('the FOCUS file has no rows');
  }
  return best.key;
}

export function scalePercentFor(monthsBack: number): number {
  const percent = 100 - GROWTH_POINTS_PER_MONTH * monthsBack;
  if (percent <= 0) {
    throw new Error(`${monthsBack} months back would scale usage to ${percent} %: ask for fewer months`);
  }
  return percent;
}

export function redateFocus(csvText: string, options: RedateOptions): RedateResult {
  const months = options.months ?? 3;
  if (!Number.isInteger(months) || months < 1) {
    throw new Error(`months must be a whole number ≥ 1 (got ${months})`);
  }
  const file = readCsvCells(csvText);
  const kinds = columnKinds(file.header.map((c) => c.value));
  const width = file.header.length;
  const bad = file.records.findIndex((r) => r.length !== width);
  if (bad >= 0) {
    throw new Error(`record ${bad + 2} has ${file.records[bad].length} fields, the header ${width}`);
  }
  const sample = dominantMonth(file.records.map((r) => parseInstant(r[kinds.chargePeriodStart].value)));
  const current = monthOf(options.now);
  const copies: MonthCopy[] = [];
  // Oldest first, so files and copies read in calendar order.
  for (let back = months - 1; back >= 0; back--) {
    const target = addMonths(current, -back);
    copies.push(monthCopy(file, kinds, monthsBetween(sample, target), scalePercentFor(back), target, options.now));
  }
  return { sampleMonth: monthLabel(sample), header: file.header.map((c) => c.value), copies };
}

function monthCopy(
  file: ReturnType<typeof readCsvCells>,
  kinds: ReturnType<typeof columnKinds>,
  shiftMonths: number,
  scalePercent: number,
  target: MonthKey,
  now: number
): MonthCopy {
  const isNull = (cell: Cell) => !cell.quoted && (cell.value === '' || cell.value.toUpperCase() === 'NULL');
  const monthStart = Date.UTC(target.year, target.month, 1);
  const monthEnd = Date.UTC(target.year, target.month + 1, 1);
  const kept: Cell[][] = [];
  let droppedFuture = 0;
  let droppedOutsideMonth = 0;
  file.records.forEach((record, i) => {
    const out = record.slice();
    const at = (what: string, fn: () => string) => {
      try {
        return fn();
      } catch (error) {
        throw new Error(`record ${i + 2}, ${what}: ${(error as Error).message}`);
      }
    };
    for (const c of kinds.dates) {
      if (!isNull(record[c])) {
        out[c] = { ...record[c], value: at(file.header[c].value, () => shiftDateCell(record[c].value, shiftMonths)) };
      }
    }
    for (const c of kinds.scaled) {
      // Non-numbers (NULL, empty) stay as they are; FOCUS allows nulls in most of these columns.
      if (scalePercent !== 100 && isPlainDecimal(record[c].value)) {
        out[c] = { ...record[c], value: at(file.header[c].value, () => scaleDecimal(record[c].value, scalePercent)) };
      }
    }
    const start = parseInstant(out[kinds.chargePeriodStart].value);
    const endCell = kinds.chargePeriodEnd === undefined ? undefined : out[kinds.chargePeriodEnd];
    const end = endCell && !isNull(endCell) ? parseInstant(endCell.value) : start;
    if (start < monthStart || start >= monthEnd) {
      droppedOutsideMonth++;
    } else if (end > now || start >= now) {
      droppedFuture++;
    } else {
      kept.push(out);
    }
  });
  return {
    month: monthLabel(target),
    shiftMonths,
    scalePercent,
    csv: writeCsvCells(file, file.header, kept),
    records: kept,
    rows: kept.length,
    droppedFuture,
    droppedOutsideMonth,
  };
}
