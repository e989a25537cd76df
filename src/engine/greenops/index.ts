/**
 * The `greenops` methodology (the default): CCF's model with CCF's known errors fixed, dated grid
 * factors, per-instance power curves and a low/high range on every estimate. docs/methodology.md
 * gives every formula, coefficient source and deviation from CCF.
 *
 * Pure: no I/O and no state outside the call; the same rows give the same estimates. Per call,
 * each distinct line (classification) is worked out once (line.ts) and times are read through
 * day memos, so a row costs a few multiplications and its RowEstimate.
 */
import type { UsageClassification } from '../classify';
import type { RowEstimate, UsageRow } from '../usage';
import { computeRow, isMeasuredUtilisation, powerDraw, utilisationFor } from './compute';
import { DayCache } from './dayCache';
import { Draft, toRowEstimate } from './draft';
import { RegionGrids, usageMidpoint, utcYear, type GridTerms } from './grid';
import { LinesByClassification, LinesByDescription, Method, type GreenopsLine, type GreenopsLines } from './line';
import { hoursInMonth, memoryRow, networkingRow, storageRow } from './storageMemoryNetwork';
import { UnknownUsageRatios } from './unknownUsage';

export interface GreenopsOptions {
  /**
   * Measured average CPU utilisation (percent, 0..100) of a row, e.g. from CloudWatch or Azure
   * Monitor. Undefined (or no option) keeps CCF's 50% and the utilisation band.
   */
  utilisationPercent?: (row: UsageRow, index: number) => number | undefined;
}

/** Per-call state: day memos, the unknown-usage sums and the draft being filled. */
class GreenopsBatch {
  readonly ratios = new UnknownUsageRatios();
  readonly draft = new Draft();
  private readonly years = new DayCache(utcYear);
  private readonly monthHours = new DayCache(hoursInMonth);

  /** The grid of the row's line in the year of the row's usage. */
  gridOf(row: UsageRow, line: GreenopsLine): GridTerms {
    return line.grid.at(this.years.at(usageMidpoint(row)));
  }

  /** First pass: the row into `draft`; false when it waits for the unknown-usage pass. */
  estimateKnown(row: UsageRow, line: GreenopsLine, grid: GridTerms, measured: number | undefined): boolean {
    const d = this.draft.reset();
    switch (line.method) {
      case Method.Unsupported:
        return true;
      case Method.Compute: {
        const p = line.compute!;
        const power = isMeasuredUtilisation(measured)
          ? powerDraw(line.c, p.perInstance, utilisationFor(line.c, measured))
          : p.power;
        if (!computeRow(d, row, line, p, power, grid)) {
          return false;
        }
        break;
      }
      case Method.Storage:
        if (!storageRow(d, row, line, grid, this.monthHours.at(row.start))) {
          return false;
        }
        break;
      case Method.Memory:
        if (!memoryRow(d, row, line, grid)) {
          return false;
        }
        break;
      case Method.Networking:
        if (!networkingRow(d, row, line, grid)) {
          return false;
        }
        break;
      default:
        return false;
    }
    this.ratios.addKnown(row.cost, line.unknownUsage, d);
    return true;
  }
}

function estimateLines(rows: readonly UsageRow[], lines: GreenopsLines, options: GreenopsOptions): RowEstimate[] {
  const batch = new GreenopsBatch();
  if (options.utilisationPercent) {
    // Dates first, as every row's grid factor was resolved before any callback ran.
    rows.forEach((row, i) => batch.gridOf(row, lines.of(row, i)));
  }
  const estimates = new Array<RowEstimate>(rows.length);
  const unknownRows = new Int32Array(rows.length);
  let unknownCount = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const line = lines.of(row, i);
    const grid = batch.gridOf(row, line);
    if (batch.estimateKnown(row, line, grid, options.utilisationPercent?.(row, i))) {
      estimates[i] = toRowEstimate(line.category, batch.draft, grid);
    } else {
      unknownRows[unknownCount++] = i;
    }
  }
  // Second pass: unknown usage (and known categories the line did not give enough for) from the
  // kWh per cost of this batch's known usage.
  for (let k = 0; k < unknownCount; k++) {
    const i = unknownRows[k];
    const row = rows[i];
    const line = lines.of(row, i);
    batch.ratios.estimate(row.cost, line.unknownUsage, batch.draft.reset());
    estimates[i] = toRowEstimate('unknown', batch.draft, batch.gridOf(row, line));
  }
  return estimates;
}

/** Estimates rows classified by the caller (`classified[i]` is the classification of `rows[i]`). */
export function estimateGreenops(
  rows: UsageRow[],
  classified: UsageClassification[],
  options: GreenopsOptions = {}
): RowEstimate[] {
  if (rows.length !== classified.length) {
    throw new RangeError(`estimateGreenops: ${rows.length} rows but ${classified.length} classifications`);
  }
  return estimateLines(rows, new LinesByClassification(classified, new RegionGrids()), options);
}

/** Estimates rows, classifying them here (once per distinct line). */
export function estimateGreenopsRows(rows: readonly UsageRow[], options: GreenopsOptions = {}): RowEstimate[] {
  return estimateLines(rows, new LinesByDescription(new RegionGrids()), options);
}
