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
import type { AccountingBasis } from '../provenance';
import type { RowEstimate, UsageRow } from '../usage';
import { computeRow, isMeasuredUtilisation, powerDraw, utilisationFor } from './compute';
import { DayCache } from './dayCache';
import { Draft, toRowEstimate } from './draft';
import { RegionGrids, usageMidpoint, utcYear, type GridTerms } from './grid';
import { LinesByClassification, LinesByDescription, Method, type GreenopsLine, type GreenopsLines } from './line';
import { hoursInMonth, memoryRow, networkingRow, storageRow } from './storageMemoryNetwork';
import { estimateUnknown } from './unknownUsage';

export interface GreenopsOptions {
  /**
   * Measured average CPU utilisation (percent, 0..100) of a row, e.g. from CloudWatch or Azure
   * Monitor. Undefined (or no option) keeps CCF's 50% and the utilisation band.
   */
  utilisationPercent?: (row: UsageRow, index: number) => number | undefined;
  /** The grid factor's basis (grid.ts RegionGrid); location when absent. */
  accountingBasis?: AccountingBasis;
}

/** Per-call state: day memos and the draft being filled. */
class GreenopsBatch {
  readonly draft = new Draft();
  private readonly years = new DayCache(utcYear);
  private readonly monthHours = new DayCache(hoursInMonth);

  /** The grid of the row's line in the year of the row's usage. */
  gridOf(row: UsageRow, line: GreenopsLine): GridTerms {
    return line.grid.at(this.years.at(usageMidpoint(row)));
  }

  /** The row into `draft`; false when its line gives no quantity to estimate from (unknown usage). */
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
    return true;
  }
}

/**
 * Every row's estimate. `known`, when given, replaces the estimates: it sees the draft of each row
 * the model covers, and rows of unknown usage are skipped (how scripts/derive-unknown-usage.mjs
 * measures the reference average, energy bands included).
 */
function estimateLines(
  rows: readonly UsageRow[],
  lines: GreenopsLines,
  options: GreenopsOptions,
  known?: (index: number, draft: Readonly<Draft>) => void
): RowEstimate[] {
  const batch = new GreenopsBatch();
  if (options.utilisationPercent) {
    // Dates first, as every row's grid factor was resolved before any callback ran.
    rows.forEach((row, i) => batch.gridOf(row, lines.of(row, i)));
  }
  const estimates = new Array<RowEstimate>(known ? 0 : rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const line = lines.of(row, i);
    const grid = batch.gridOf(row, line);
    if (batch.estimateKnown(row, line, grid, options.utilisationPercent?.(row, i))) {
      if (known) {
        known(i, batch.draft);
      } else {
        estimates[i] = toRowEstimate(line.category, batch.draft, grid);
      }
    } else if (!known) {
      // Unknown usage (and known categories the line does not give enough for): the reference
      // bill's kWh per USD, or nothing (unestimated) when the row cannot be compared with it.
      const d = batch.draft.reset();
      estimateUnknown(d, row.cost, row.currency, line.unknownUsage);
      estimates[i] = toRowEstimate('unknown', d, grid);
    }
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
  return estimateLines(rows, new LinesByClassification(classified, new RegionGrids(options.accountingBasis)), options);
}

/** Estimates rows, classifying them here (once per distinct line). */
export function estimateGreenopsRows(rows: readonly UsageRow[], options: GreenopsOptions = {}): RowEstimate[] {
  return estimateLines(rows, new LinesByDescription(new RegionGrids(options.accountingBasis)), options);
}

/** The energy of each row whose usage the model covers (Draft: kWh by component and the band's ends, PUE included). */
export function knownUsageEnergy(rows: readonly UsageRow[]): Array<Draft | undefined> {
  const drafts = new Array<Draft | undefined>(rows.length);
  estimateLines(rows, new LinesByDescription(new RegionGrids()), {}, (i, d) => {
    drafts[i] = Object.assign(new Draft(), d);
  });
  return drafts;
}
