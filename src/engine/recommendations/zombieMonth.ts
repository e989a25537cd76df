/**
 * Monthly energy, CO2e and cost of an idle resource (the zombie month: HOURS_PER_MONTH of what the
 * window's evidence shows it draws or costs, month.ts). Measured power is the whole server's IT power
 * (the exporter's RAPL reading × the documented uplift, serverEnergy.ts): kWh here include the
 * region's PUE (facility energy), so rows from measurements and from the billing engine (whose kWh
 * include PUE) compare like with like, and kg CO2e = kWh × grid factor. When nothing measures a
 * machine, the engine estimates it from its instance type at its measured CPU utilisation
 * (estimateInstanceMonths, the estimator of the Cost Explorer rows); idle volumes use the engine's
 * storage coefficients.
 *
 * CO2e of a machine = operational + embodied, as SCI and cloudEmissions count it: switching it off
 * ends both its electricity and its time-share of the hardware's manufacture. A measured machine
 * adds the engine's embodied kg for its instance type (when the engine knows the type).
 *
 * Ranges are the greenops 90 % intervals: measured kg get the PUE and grid-factor bands and the
 * uplift's range (the engine's measuredBandFactors; the grid band widens with the factor's age), combined with the
 * engine's embodied interval as a sum; engine estimates keep the engine's interval.
 *
 * Pure: callers pass what they measured and the end of the month.
 */
import { estimateUsage } from '../estimate';
import { measuredBandFactors } from '../greenops/grid';
import { type LogSpread, sumHigh, sumLow } from '../greenops/interval';
import { operationalRange } from '../greenops/operationalRange';
import { hoursInMonth } from '../greenops/storageMemoryNetwork';
import { type CarbonFactor, JOULES_PER_KWH } from '../measuredEnergy';
import type { Methodology, RowEstimate, UsageRow } from '../usage';
import { estimateInstanceMonths, type InstanceMonth } from './instanceMonth';
import { HOURS_PER_MONTH, monthEndingAt } from './month';

const GIB = 1024 ** 3;

export interface EnergyEstimate {
  kWh: number | null;
  /** Total CO2e: operationalKg + embodiedKg (the latter where counted). */
  kg: number | null;
  /** Bounds of kg (null with it). */
  lowKg: number | null;
  highKg: number | null;
  /** The parts of kg, for the method text; embodiedKg null when not counted (unknown, or not a machine). */
  operationalKg: number | null;
  embodiedKg: number | null;
}

/**
 * A month of `watts` of IT power (the whole server), in the factor's region (no factor: IT kWh, no
 * CO2e). `atMs` dates the use: its UTC year against the factor's year sets the band. `spread`: the
 * log half-widths of the IT power's own band (the uplift's range, serverEnergy.ts upliftSpread),
 * combined with PUE's and the grid's; omitted, the power is taken as exact.
 */
export function monthlyFromWatts(
  watts: number,
  factor: CarbonFactor | undefined,
  atMs: number,
  spread?: LogSpread
): EnergyEstimate {
  return fromServerKWh((watts * HOURS_PER_MONTH) / 1000, factor, atMs, spread);
}

/** Joules of IT energy (a terminated workload's use inside the window); `spread` as monthlyFromWatts. */
export function fromJoules(
  joules: number,
  factor: CarbonFactor | undefined,
  atMs: number,
  spread?: LogSpread
): EnergyEstimate {
  return fromServerKWh(joules / JOULES_PER_KWH, factor, atMs, spread);
}

function fromServerKWh(
  kWh: number,
  factor: CarbonFactor | undefined,
  atMs: number,
  spread: LogSpread | undefined
): EnergyEstimate {
  if (!factor) {
    return { kWh, kg: null, lowKg: null, highKg: null, operationalKg: null, embodiedKg: null };
  }
  const kg = (kWh * factor.gramsPerServerKWh) / 1000;
  const band = measuredBandFactors(new Date(atMs).getUTCFullYear(), factor.year, spread);
  return {
    kWh: kWh * factor.pue,
    kg,
    lowKg: kg * band.lowFactor,
    highKg: kg * band.highFactor,
    operationalKg: kg,
    embodiedKg: null,
  };
}

/**
 * Sum of estimates (a workload's pods); null as soon as one part lacks the figure, except
 * embodiedKg, which adds the parts that have it (a pod on a node of unknown type adds none).
 */
export function sumEstimates(parts: Array<EnergyEstimate | undefined>): EnergyEstimate {
  const sum = (pick: (e: EnergyEstimate) => number | null): number | null =>
    parts.reduce<number | null>((a, e) => (a === null || !e || pick(e) === null ? null : a + pick(e)!), 0);
  const embodied = parts.filter((e) => e?.embodiedKg !== null && e?.embodiedKg !== undefined);
  return {
    kWh: sum((e) => e.kWh),
    kg: sum((e) => e.kg),
    lowKg: sum((e) => e.lowKg),
    highKg: sum((e) => e.highKg),
    operationalKg: sum((e) => e.operationalKg),
    embodiedKg: embodied.length ? embodied.reduce((a, e) => a + e!.embodiedKg!, 0) : null,
  };
}

/**
 * The engine's month of an AWS instance type (the month that ends at `endMs`), at a measured
 * utilisation (null: the engine's default and band). An unknown region ('') gets the
 * unknown-region average.
 */
export function engineMonth(
  instanceType: string,
  region: string,
  utilisationPercent: number | null,
  methodology: Methodology,
  endMs: number
): InstanceMonth {
  const from = monthEndingAt(endMs).start;
  return estimateInstanceMonths([{ instanceType, region, utilisationPercent, from }], methodology)[0];
}

/** An engine month as a row's figures (operational + embodied, the engine's full range); undefined when the type is unknown. */
export function monthEnergy(month: InstanceMonth): EnergyEstimate | undefined {
  if (!month.known) {
    return undefined;
  }
  return {
    kWh: month.kWh,
    kg: month.co2eKg,
    lowKg: month.co2eLowKg,
    highKg: month.co2eHighKg,
    operationalKg: month.operationalKg,
    embodiedKg: month.embodiedKg,
  };
}

/**
 * Measured operational figures plus `share` of the engine's embodied for the machine, the two
 * intervals combined as a sum of independent parts (greenops/interval.ts). Unchanged without a
 * known type or CO2e.
 */
export function withEmbodied(measured: EnergyEstimate, month: InstanceMonth | undefined, share = 1): EnergyEstimate {
  if (!month?.known || measured.kg === null || measured.lowKg === null || measured.highKg === null) {
    return measured;
  }
  const embodied = share * month.embodiedKg;
  return {
    ...measured,
    kg: measured.kg + embodied,
    lowKg: sumLow(measured.kg, measured.lowKg, embodied, share * month.embodiedLowKg),
    highKg: sumHigh(measured.kg, measured.highKg, embodied, share * month.embodiedHighKg),
    embodiedKg: share * month.embodiedKg,
  };
}

const kgText = (kg: number) => `${Number(kg.toPrecision(3))} kg`;

/**
 * "CO2e: operational 3.51 kg + embodied 1.44 kg." for a row's method; `noEmbodied` says why
 * embodied is absent when it is. Nothing when the row has no CO2e.
 */
export function co2eNote(e: EnergyEstimate | undefined, noEmbodied: string): string {
  if (!e || e.kg === null || e.operationalKg === null) {
    return '';
  }
  const embodied = e.embodiedKg !== null ? ` + embodied ${kgText(e.embodiedKg)}` : `; ${noEmbodied}`;
  return ` CO2e: operational ${kgText(e.operationalKg)}${embodied}.`;
}

/**
 * Operational figures of an engine storage estimate: greenops's range less its embodied bounds;
 * CCF has no range (its low and high equal the estimate), so low = high = the operational kg.
 * Volumes count no embodied: CCF's storage coefficients have none to take a share of.
 */
function operational(estimate: RowEstimate, methodology: Methodology): EnergyEstimate {
  const kg = estimate.operationalKg;
  const none = { operationalKg: kg, embodiedKg: null };
  if (methodology !== 'greenops') {
    return { kWh: estimate.kWh, kg, lowKg: kg, highKg: kg, ...none };
  }
  const range = operationalRange(estimate);
  return { kWh: estimate.kWh, kg, lowKg: range.lowKg, highKg: range.highKg, ...none };
}

function monthRow(endMs: number, region: string, usageType: string, unit: string, amount: number): UsageRow {
  return {
    ...monthEndingAt(endMs),
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
 * A month of an EBS volume of `bytes` (gp3, SSD: OpenCost does not say the type), from the
 * engine's storage coefficients and replication factor. GB-months are of the row's calendar
 * month, so the amount is scaled to HOURS_PER_MONTH.
 */
export function estimateVolume(
  bytes: number,
  region: string,
  methodology: Methodology,
  endMs: number
): EnergyEstimate | undefined {
  const gbMonths = ((bytes / 1e9) * HOURS_PER_MONTH) / hoursInMonth(monthEndingAt(endMs).start);
  const row = { ...monthRow(endMs, region, 'EBS:VolumeUsage.gp3', 'GB-Mo', gbMonths) };
  const [estimate] = estimateUsage([row], methodology);
  if (!estimate || estimate.category !== 'storage' || !(estimate.kWh > 0)) {
    return undefined;
  }
  return operational(estimate, methodology);
}

/** A month of a volume priced per GiB-hour (OpenCost's pv_hourly_cost), of `bytes`. */
export function volumeMonthlyCost(dollarsPerGiBHour: number, bytes: number): number {
  return (dollarsPerGiBHour * bytes * HOURS_PER_MONTH) / GIB;
}
