/**
 * Sums row estimates into groups (and time buckets) in one pass, so query modules never loop over
 * rows twice. Keys are built by the caller; the engine only adds numbers.
 */
import type { RowEstimate, UsageRow } from './usage';

export interface Totals {
  kWh: number;
  computeKWh: number;
  memoryKWh: number;
  gpuKWh: number;
  storageKWh: number;
  networkingKWh: number;
  operationalKg: number;
  embodiedKg: number;
  co2eKg: number;
  co2eLowKg: number;
  co2eHighKg: number;
  cost: number;
  vCpuHours: number;
  gbMonths: number;
  /** Rows whose energy is known, and rows whose energy is unknown (isUnestimated) and their cost. */
  estimatedRows: number;
  unestimatedRows: number;
  unestimatedCost: number;
}

/**
 * A row whose energy nobody knows: unknown usage the methodology has nothing to compare with
 * (greenops: not priced in USD with a positive cost, the reference average's terms; ccf: no usage
 * of the same unit in the query), or without a positive cost. Its 0 kWh means "unknown":
 * sums carry on without it, and a group made only of such rows has no energy to show.
 */
export function isUnestimated(estimate: RowEstimate): boolean {
  return estimate.category === 'unknown' && estimate.kWh === 0;
}

/** A row whose CO2e the requested accounting basis has no factor for (usage.ts operationalKg); its energy is known. */
export function isCo2eUnavailable(estimate: RowEstimate): boolean {
  return Number.isNaN(estimate.co2eKg);
}

export function emptyTotals(): Totals {
  return {
    kWh: 0,
    computeKWh: 0,
    memoryKWh: 0,
    gpuKWh: 0,
    storageKWh: 0,
    networkingKWh: 0,
    operationalKg: 0,
    embodiedKg: 0,
    co2eKg: 0,
    co2eLowKg: 0,
    co2eHighKg: 0,
    cost: 0,
    vCpuHours: 0,
    gbMonths: 0,
    estimatedRows: 0,
    unestimatedRows: 0,
    unestimatedCost: 0,
  };
}

export function addEstimate(totals: Totals, row: UsageRow, estimate: RowEstimate): void {
  totals.kWh += estimate.kWh;
  totals.computeKWh += estimate.energy.compute;
  totals.memoryKWh += estimate.energy.memory;
  totals.gpuKWh += estimate.energy.gpu;
  totals.storageKWh += estimate.energy.storage;
  totals.networkingKWh += estimate.energy.networking;
  totals.operationalKg += estimate.operationalKg;
  totals.embodiedKg += estimate.embodiedKg;
  totals.co2eKg += estimate.co2eKg;
  totals.co2eLowKg += estimate.co2eLowKg;
  totals.co2eHighKg += estimate.co2eHighKg;
  totals.cost += row.cost;
  totals.vCpuHours += estimate.vCpuHours;
  totals.gbMonths += estimate.gbMonths;
  if (isUnestimated(estimate)) {
    totals.unestimatedRows += 1;
    totals.unestimatedCost += row.cost;
  } else {
    totals.estimatedRows += 1;
  }
}

/** True when every row behind `totals` is unestimated: its energy and CO2e are unknown, not 0. */
export function energyUnknown(totals: Totals): boolean {
  return totals.estimatedRows === 0 && totals.unestimatedRows > 0;
}

/** Groups rows by `keyOf` (rows and estimates are parallel arrays) and sums each group. */
export function groupTotals<K>(
  rows: readonly UsageRow[],
  estimates: readonly RowEstimate[],
  keyOf: (row: UsageRow, estimate: RowEstimate) => K
): Map<K, Totals> {
  const groups = new Map<K, Totals>();
  rows.forEach((row, i) => {
    const key = keyOf(row, estimates[i]);
    let totals = groups.get(key);
    if (!totals) {
      totals = emptyTotals();
      groups.set(key, totals);
    }
    addEstimate(totals, row, estimates[i]);
  });
  return groups;
}
