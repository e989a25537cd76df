/**
 * The RowEstimate of the `ccf` methodology. Estimators fill one reusable EstimateParts per batch
 * (no allocation per row) and each row's result is built once from it (by ../rowEstimate.ts).
 * CCF reports metric tons of CO2e; RowEstimate is in kg.
 */
import { rowEstimate } from '../rowEstimate';
import type { EnergyKWh, RowEstimate, UsageCategory } from '../usage';

export const KG_PER_TONNE = 1000;

/** A row's figures while it is being estimated (kWh, metric tons). */
export class EstimateParts {
  compute = 0;
  memory = 0;
  gpu = 0;
  storage = 0;
  networking = 0;
  /** CCF's reported kWh (with its embodied "kWh" on instance lines). */
  kWh = 0;
  operationalTonnes = 0;
  embodiedTonnes = 0;
  totalTonnes = 0;
  vCpuHours = 0;
  gbMonths = 0;

  reset(): this {
    this.compute = this.memory = this.gpu = this.storage = this.networking = 0;
    this.kWh = this.operationalTonnes = this.embodiedTonnes = this.totalTonnes = 0;
    this.vCpuHours = this.gbMonths = 0;
    return this;
  }

  /** CO2e of an estimate without embodied emissions. */
  setOperational(tonnes: number): void {
    this.operationalTonnes = tonnes;
    this.totalTonnes = tonnes;
  }
}

const finiteOrZero = (x: number): number => (Number.isFinite(x) ? x : 0);

const NO_ENERGY: EnergyKWh = Object.freeze({ compute: 0, memory: 0, gpu: 0, storage: 0, networking: 0 });

/**
 * The row's RowEstimate. CCF has no uncertainty range: low and high equal the estimate. Where CCF
 * itself yields NaN (a compute line whose vCPU count it cannot find: 0 kWh, NaN CO2e) the estimate
 * is 0, since a NaN would poison every sum it reaches.
 */
export function toRowEstimate(category: UsageCategory, p: EstimateParts): RowEstimate {
  const vCpuHours = finiteOrZero(p.vCpuHours);
  const gbMonths = finiteOrZero(p.gbMonths);
  if (!Number.isFinite(p.kWh) || !Number.isFinite(p.totalTonnes)) {
    return rowEstimate(category, NO_ENERGY, 0, 0, 0, 0, 0, 0, 0, 0, vCpuHours, gbMonths);
  }
  const co2eKg = p.totalTonnes * KG_PER_TONNE;
  const operationalKg = p.operationalTonnes * KG_PER_TONNE;
  return rowEstimate(
    category,
    p,
    p.kWh,
    operationalKg,
    p.embodiedTonnes * KG_PER_TONNE,
    co2eKg,
    co2eKg,
    co2eKg,
    operationalKg,
    operationalKg,
    vCpuHours,
    gbMonths
  );
}
