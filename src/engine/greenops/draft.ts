/**
 * The per-row intermediate result: energy (central, low, high) and embodied emissions before the
 * grid factor is applied, plus the usage in trend units. Kept separate from RowEstimate so that the
 * unknown-usage pass can average energy per cost before CO2e exists.
 */
import type { EnergyKWh } from '../usage';

export interface Draft {
  /** Energy by component, kWh, PUE and replication included. */
  energy: EnergyKWh;
  /** Total kWh at the low and high ends of the energy bands. */
  kWhLow: number;
  kWhHigh: number;
  embodiedKg: number;
  embodiedLowKg: number;
  embodiedHighKg: number;
  vCpuHours: number;
  gbMonths: number;
}

export const noEnergy = (): EnergyKWh => ({ compute: 0, memory: 0, gpu: 0, storage: 0, networking: 0 });

export function totalKWh(e: EnergyKWh): number {
  return e.compute + e.memory + e.gpu + e.storage + e.networking;
}

export function emptyDraft(): Draft {
  return {
    energy: noEnergy(),
    kWhLow: 0,
    kWhHigh: 0,
    embodiedKg: 0,
    embodiedLowKg: 0,
    embodiedHighKg: 0,
    vCpuHours: 0,
    gbMonths: 0,
  };
}

/** A draft whose energy sits in one component; low and high default to the central kWh. */
export function singleComponent(component: keyof EnergyKWh, kWh: number, kWhLow = kWh, kWhHigh = kWh): Draft {
  const draft = emptyDraft();
  draft.energy[component] = kWh;
  draft.kWhLow = kWhLow;
  draft.kWhHigh = kWhHigh;
  return draft;
}
