/**
 * Whole-server energy from what a power exporter measures. RAPL sees the CPU package (and, where
 * the machine exposes them, DRAM and the platform, psys); the server at the wall also feeds its power
 * supply's losses, fans, board, NIC and drives. IT energy = measured zones × an uplift per reading
 * (data/measured-server-uplift.json, derived from Teads' dataset and the 80 PLUS levels by
 * scripts/derive-measured-server-uplift.mjs); facility energy = IT energy × PUE.
 *
 * Zones overlap (psys contains package and dram; package contains core and uncore), so a node's
 * reading is one of: psys alone, package + dram, or package alone (no DRAM zone: the uplift then
 * covers memory too, and its range is wider). See docs/methodology.md §9.
 */
import upliftJson from './data/measured-server-uplift.json';
import type { LogSpread } from './greenops/interval';

/** What is read on a node, most complete first. */
export type ServerReading = 'platform' | 'packageDram' | 'packageOnly';

export interface Uplift {
  central: number;
  low: number;
  high: number;
}

/** RAPL zones (as Kepler 0.10+ names them) each reading sums. */
export const READING_ZONES: Readonly<Record<ServerReading, readonly string[]>> = {
  platform: ['psys'],
  packageDram: ['package', 'dram'],
  packageOnly: ['package'],
};

/** Every zone some reading uses: what a whole-server query asks the exporter for. */
export const SERVER_ZONES: readonly string[] = ['package', 'dram', 'psys'];

function uplift(entry: { central: number; low: number; high: number }, where: string): Uplift {
  const { central, low, high } = entry;
  if (!(low >= 1 && low <= central && central <= high)) {
    throw new Error(`Invalid measured-server-uplift.json ${where}: need 1 <= low <= central <= high`);
  }
  return Object.freeze({ central, low, high });
}

const UPLIFTS: Readonly<Record<ServerReading, Uplift>> = {
  platform: uplift(upliftJson.platform, 'platform'),
  packageDram: uplift(upliftJson.packageDram, 'packageDram'),
  packageOnly: uplift(upliftJson.packageOnly, 'packageOnly'),
};

export function serverUplift(reading: ServerReading): Uplift {
  return UPLIFTS[reading];
}

/**
 * The uplift's 90 % range (low and high are its 5th and 95th percentiles) as log half-widths, for
 * intervals that combine bands as lognormal factors (greenops/interval.ts).
 */
export function upliftSpread(reading: ServerReading): LogSpread {
  const { central, low, high } = UPLIFTS[reading];
  return { lnLow: Math.log(central / low), lnHigh: Math.log(high / central) };
}

/** The reading of a node exposing `zones`: psys where it exists, else package + dram, else package. */
export function readingOf(zones: Iterable<string>): ServerReading | undefined {
  const has = new Set(zones);
  if (has.has('psys')) {
    return 'platform';
  }
  if (has.has('package')) {
    return has.has('dram') ? 'packageDram' : 'packageOnly';
  }
  return undefined;
}

/**
 * The factor a measured zone's Joules (or watts) count for in the node's IT energy: the uplift for
 * a zone of the node's reading, 0 for a zone it does not read (so overlapping zones never add up).
 */
export function zoneWeight(reading: ServerReading, zone: string): number {
  return READING_ZONES[reading].includes(zone) ? UPLIFTS[reading].central : 0;
}

/** IT energy (the whole server at the wall) of energy measured with `reading`. */
export function itEnergy(measured: number, reading: ServerReading): number {
  return measured * UPLIFTS[reading].central;
}

/** Facility energy: IT energy with the data centre's overhead (PUE). */
export function facilityEnergy(it: number, pue: number): number {
  return it * pue;
}

/** How readings are described in notices and column descriptions. */
export const READING_NAMES: Readonly<Record<ServerReading, string>> = {
  platform: 'RAPL psys (platform)',
  packageDram: 'RAPL package + DRAM',
  packageOnly: 'RAPL package (no DRAM zone)',
};
