/**
 * The per-row intermediate result: energy (central, low, high) and embodied emissions before the
 * grid factor is applied, plus the usage in trend units. Kept apart from RowEstimate so that the
 * unknown-usage pass can average energy per cost before CO2e exists. One Draft per call is filled
 * in place for each row (no allocation per row); each row's RowEstimate is built once from it.
 */
import { rowEstimate } from '../rowEstimate';
import type { RowEstimate, UsageCategory } from '../usage';
import type { GridTerms } from './grid';
import { OperationalInterval, operationalInterval, sumHigh, sumLow } from './interval';

export class Draft {
  /** Energy by component, kWh, PUE and replication included. */
  compute = 0;
  memory = 0;
  gpu = 0;
  storage = 0;
  networking = 0;
  /** Total kWh at the 5th and 95th percentile of the energy model's bands (PUE at its central value). */
  kWhLow = 0;
  kWhHigh = 0;
  embodiedKg = 0;
  embodiedLowKg = 0;
  embodiedHighKg = 0;
  vCpuHours = 0;
  gbMonths = 0;

  reset(): this {
    this.compute = this.memory = this.gpu = this.storage = this.networking = 0;
    this.kWhLow = this.kWhHigh = 0;
    this.embodiedKg = this.embodiedLowKg = this.embodiedHighKg = 0;
    this.vCpuHours = this.gbMonths = 0;
    return this;
  }
}

const scratch = new OperationalInterval();

/** Applies the grid factor and states the row's 90 % interval (interval.ts). */
export function toRowEstimate(category: UsageCategory, d: Draft, grid: GridTerms): RowEstimate {
  const kWh = d.compute + d.memory + d.gpu + d.storage + d.networking;
  // No energy, no operational CO2e on either basis (a market factor that is not available, NaN, included).
  const kgPerKWh = kWh > 0 ? grid.kgPerKWh : 0;
  const operationalKg = kWh * kgPerKWh;
  const op = operationalInterval(scratch, kWh, d.kWhLow, d.kWhHigh, kgPerKWh, grid);
  return rowEstimate(
    category,
    d,
    kWh,
    operationalKg,
    d.embodiedKg,
    operationalKg + d.embodiedKg,
    sumLow(operationalKg, op.lowKg, d.embodiedKg, d.embodiedLowKg),
    sumHigh(operationalKg, op.highKg, d.embodiedKg, d.embodiedHighKg),
    op.lowKg,
    op.highKg,
    d.vCpuHours,
    d.gbMonths
  );
}
