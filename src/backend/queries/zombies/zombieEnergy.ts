/**
 * Monthly energy and CO2e of an idle resource. Measured power (Kepler) is at the server: kWh here
 * include the region's PUE, so rows from measurements and from the billing engine (whose kWh
 * include PUE) compare like with like, and kg CO2e = kWh × grid factor. When nothing measures a
 * machine, the engine estimates it from its instance type at its measured CPU utilisation; idle
 * volumes use the engine's storage coefficients.
 *
 * Ranges: measured kg get the greenops grid-factor band (the engine's own gridBandFactors, which
 * widens with the factor's age); engine estimates keep the engine's range, less its embodied part.
 */
import type { MethodologyId } from '../../../datasource/types';
import { gridBandFactors } from '../../../engine/greenops/grid';
import { type CarbonFactor, JOULES_PER_KWH } from '../../../engine/measuredEnergy';
import type { RowEstimate, UsageRow } from '../../../engine/usage';
import { HOURS_PER_MONTH } from './zombieRow';

export interface EnergyEstimate {
  kWh: number | null;
  kg: number | null;
  /** Bounds of kg (null with it). */
  lowKg: number | null;
  highKg: number | null;
}

const HOUR_MS = 3_600_000;

/**
 * A month of `watts` measured at the server, in the factor's region (no factor: server kWh, no
 * CO2e). `atMs` dates the use: its UTC year against the factor's year sets the band.
 */
export function monthlyFromWatts(watts: number, factor: CarbonFactor | undefined, atMs: number): EnergyEstimate {
  return fromServerKWh((watts * HOURS_PER_MONTH) / 1000, factor, atMs);
}

/** Joules measured at the server (a terminated workload's use inside the window). */
export function fromJoules(joules: number, factor: CarbonFactor | undefined, atMs: number): EnergyEstimate {
  return fromServerKWh(joules / JOULES_PER_KWH, factor, atMs);
}

function fromServerKWh(kWh: number, factor: CarbonFactor | undefined, atMs: number): EnergyEstimate {
  if (!factor) {
    return { kWh, kg: null, lowKg: null, highKg: null };
  }
  const kg = (kWh * factor.gramsPerServerKWh) / 1000;
  const band = gridBandFactors(new Date(atMs).getUTCFullYear(), factor.year);
  return { kWh: kWh * factor.pue, kg, lowKg: kg * band.lowFactor, highKg: kg * band.highFactor };
}

/** Sum of estimates (a workload's pods); null as soon as one part lacks the figure. */
export function sumEstimates(parts: Array<EnergyEstimate | undefined>): EnergyEstimate {
  const sum = (pick: (e: EnergyEstimate) => number | null): number | null =>
    parts.reduce<number | null>((a, e) => (a === null || !e || pick(e) === null ? null : a + pick(e)!), 0);
  return { kWh: sum((e) => e.kWh), kg: sum((e) => e.kg), lowKg: sum((e) => e.lowKg), highKg: sum((e) => e.highKg) };
}

/**
 * Operational figures of an engine estimate: greenops's range less its embodied bounds; CCF has
 * no range (its low and high equal the estimate), so low = high = the operational kg.
 */
async function operational(estimate: RowEstimate, methodology: MethodologyId): Promise<EnergyEstimate> {
  const kg = estimate.operationalKg;
  if (methodology !== 'greenops') {
    return { kWh: estimate.kWh, kg, lowKg: kg, highKg: kg };
  }
  const { operationalRange } = await import('../../../engine/greenops/operationalRange');
  const range = operationalRange(estimate);
  return { kWh: estimate.kWh, kg, lowKg: range.lowKg, highKg: range.highKg };
}

function monthRow(endMs: number, region: string, usageType: string, unit: string, amount: number): UsageRow {
  return {
    start: endMs - HOURS_PER_MONTH * HOUR_MS,
    end: endMs,
    provider: 'aws',
    account: '',
    region,
    service: 'AmazonEC2',
    usageType,
    unit,
    amount,
    cost: 0,
    currency: 'USD',
  };
}

/**
 * A month of an AWS instance type at `utilisationPercent` (greenops reads the measured
 * utilisation; ccf keeps its 50 %). Electricity only: an idle instance's embodied carbon is
 * already spent. Undefined when the engine does not know the type.
 */
export async function estimateInstance(
  instanceType: string,
  region: string,
  utilisationPercent: number,
  methodology: MethodologyId,
  endMs: number
): Promise<EnergyEstimate | undefined> {
  const row = { ...monthRow(endMs, region, `BoxUsage:${instanceType}`, 'Hrs', HOURS_PER_MONTH), instanceType };
  const [estimate] =
    methodology === 'greenops'
      ? (await import('../../../engine/greenops')).estimateGreenopsRows([row], {
          utilisationPercent: () => utilisationPercent,
        })
      : (await import('../../../engine/estimate')).estimateUsage([row], methodology);
  if (!estimate || estimate.category !== 'compute' || !(estimate.kWh > 0)) {
    return undefined;
  }
  return operational(estimate, methodology);
}

/**
 * A month of an EBS volume of `bytes` (gp3, SSD: OpenCost does not say the type), from the
 * engine's storage coefficients and replication factor. GB-months are of the row's calendar
 * month, so the amount is scaled to 730 hours.
 */
export async function estimateVolume(
  bytes: number,
  region: string,
  methodology: MethodologyId,
  endMs: number
): Promise<EnergyEstimate | undefined> {
  const { hoursInMonth } = await import('../../../engine/greenops/storageMemoryNetwork');
  const start = endMs - HOURS_PER_MONTH * HOUR_MS;
  const gbMonths = ((bytes / 1e9) * HOURS_PER_MONTH) / hoursInMonth(start);
  const row = { ...monthRow(endMs, region, 'EBS:VolumeUsage.gp3', 'GB-Mo', gbMonths) };
  const [estimate] = (await import('../../../engine/estimate')).estimateUsage([row], methodology);
  if (!estimate || estimate.category !== 'storage' || !(estimate.kWh > 0)) {
    return undefined;
  }
  return operational(estimate, methodology);
}
