/**
 * The engine's entry point: energy and CO2e of billing usage rows by one methodology.
 *
 * Pure and per call: the unknown-usage second pass of both methodologies runs over this batch
 * only, so the same rows always give the same estimates.
 */
import { estimateCcf } from './ccf';
// The `greenops` methodology, maintained in src/engine/greenops/.
import { estimateGreenopsRows } from './greenops';
import type { AccountingBasis } from './provenance';
import type { Methodology, RowEstimate, UsageRow } from './usage';

export interface EstimateOptions {
  /**
   * `location` (default) or `market` (greenops only: CO2e is NaN, "not available", for rows whose
   * provider publishes no market-based factor; docs/methodology.md section 6b).
   */
  accountingBasis?: AccountingBasis;
}

/** One estimate per row, same length and order as `rows`. */
export function estimateUsage(
  rows: UsageRow[],
  methodology: Methodology,
  options: EstimateOptions = {}
): RowEstimate[] {
  const basis = options.accountingBasis ?? 'location';
  switch (methodology) {
    case 'ccf':
      if (basis !== 'location') {
        throw new RangeError('Cloud Carbon Footprint has no market-based method: use the location basis with ccf');
      }
      return estimateCcf(rows);
    case 'greenops':
      return estimateGreenopsRows(rows, { accountingBasis: basis });
    default:
      throw new RangeError(`Unknown methodology ${JSON.stringify(methodology)}`);
  }
}
