/**
 * Monthly energy and CO2e of an idle resource. Measured power (Kepler) is at the server: kWh here
 * include the region's PUE, so rows from measurements and from the billing engine (whose kWh
 * include PUE) compare like with like, and kg CO2e = kWh × grid factor. When nothing measures a
 * machine, the engine estimates it from its instance type at its measured CPU utilisation; idle
 * volumes use the engine's storage coefficients.
 */
import type { MethodologyId } from '../../../datasource/types';
import { type CarbonFactor, JOULES_PER_KWH } from '../../../engine/measuredEnergy';
import type { UsageRow } from '../../../engine/usage';
import { HOURS_PER_MONTH } from './zombieRow';

export interface EnergyEstimate {
  kWh: number | null;
  kg: number | null;
}

const HOUR_MS = 3_600_000;

/** A month of `watts` measured at the server, in the factor's region (no factor: server kWh, no CO2e). */
export function monthlyFromWatts(watts: number, factor: CarbonFactor | undefined): EnergyEstimate {
  return fromServerKWh((watts * HOURS_PER_MONTH) / 1000, factor);
}

/** Joules measured at the server (a terminated workload's use inside the window). */
export function fromJoules(joules: number, factor: CarbonFactor | undefined): EnergyEstimate {
  return fromServerKWh(joules / JOULES_PER_KWH, factor);
}

function fromServerKWh(kWh: number, factor: CarbonFactor | undefined): EnergyEstimate {
  return factor ? { kWh: kWh * factor.pue, kg: (kWh * factor.gramsPerServerKWh) / 1000 } : { kWh, kg: null };
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
  return { kWh: estimate.kWh, kg: estimate.operationalKg };
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
  return { kWh: estimate.kWh, kg: estimate.operationalKg };
}
