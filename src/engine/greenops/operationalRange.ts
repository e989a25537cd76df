/**
 * The operational (electricity) part of an estimate's CO2e interval, for callers that leave
 * embodied emissions out (an idle machine's manufacture is already spent). greenops states it per
 * row (interval.ts); ccf has no range, so low = high = operationalKg there.
 */
import type { RowEstimate } from '../usage';

export function operationalRange(e: RowEstimate): { lowKg: number; highKg: number } {
  return { lowKg: e.operationalLowKg, highKg: e.operationalHighKg };
}
