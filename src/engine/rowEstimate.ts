/**
 * The one place RowEstimates are built, for both methodologies.
 *
 * One object literal on purpose. V8 decides per literal site whether to allocate its objects
 * straight in the old generation ("pretenuring"), from the share of them still alive at young
 * collections. Estimates live until the call returns, so the site gets pretenured, which spares
 * copying up to a million results through the young generation (about twice the throughput from
 * 100k rows on). A "don't pretenure" verdict is final: a site used by one methodology alone could
 * be judged at a moment when all its estimates had died (during a call of the other methodology),
 * which happened in about half the benchmark processes before the two sites became this one.
 */
import type { EnergyKWh, RowEstimate, UsageCategory } from './usage';

export function rowEstimate(
  category: UsageCategory,
  energy: EnergyKWh,
  kWh: number,
  operationalKg: number,
  embodiedKg: number,
  co2eKg: number,
  co2eLowKg: number,
  co2eHighKg: number,
  operationalLowKg: number,
  operationalHighKg: number,
  vCpuHours: number,
  gbMonths: number
): RowEstimate {
  return {
    category,
    energy: {
      compute: energy.compute,
      memory: energy.memory,
      gpu: energy.gpu,
      storage: energy.storage,
      networking: energy.networking,
    },
    kWh,
    operationalKg,
    embodiedKg,
    co2eKg,
    co2eLowKg,
    co2eHighKg,
    operationalLowKg,
    operationalHighKg,
    vCpuHours,
    gbMonths,
  };
}
