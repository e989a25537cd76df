/**
 * The engine's entry point: energy and CO2e of billing usage rows by one methodology.
 *
 * Pure and per call: the unknown-usage second pass of both methodologies runs over this batch
 * only, so the same rows always give the same estimates.
 */
import { estimateCcf } from './ccf';
// The `greenops` methodology, maintained in src/engine/greenops/.
import { estimateGreenopsRows } from './greenops';
import type { Methodology, RowEstimate, UsageRow } from './usage';

/** One estimate per row, same length and order as `rows`. */
export function estimateUsage(rows: UsageRow[], methodology: Methodology): RowEstimate[] {
  switch (methodology) {
    case 'ccf':
      return estimateCcf(rows);
    case 'greenops':
      return estimateGreenopsRows(rows);
    default:
      throw new RangeError(`Unknown methodology ${JSON.stringify(methodology)}`);
  }
}
