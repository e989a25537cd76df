/**
 * The operational (electricity) part of a greenops estimate's CO2e range, for callers that leave
 * embodied emissions out (an idle machine's manufacture is already spent). The estimate's range
 * combines bounds (draft.ts): low = operational low + embodied low, high = operational high +
 * embodied high, with embodied low = central × embodiedLowFactor and embodied high = central
 * (compute.ts, uncertainty.json `embodied`); this takes those embodied bounds back out.
 */
import type { RowEstimate } from '../usage';
import { COEFFICIENTS as K } from './coefficients';

export function operationalRange(e: RowEstimate): { lowKg: number; highKg: number } {
  return { lowKg: e.co2eLowKg - e.embodiedKg * K.embodiedLowFactor, highKg: e.co2eHighKg - e.embodiedKg };
}
