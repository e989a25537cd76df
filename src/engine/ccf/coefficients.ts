/**
 * CCF's AWS coefficients (generated from @cloud-carbon-footprint/aws@0.15.0 / core@0.17.3, see
 * data/ccf/ and scripts/generate-ccf-coefficients.mjs), with the per-processor averages CCF
 * computes on every call precomputed once here.
 */
import constantsJson from '../data/ccf/aws-constants.json';
import emissionFactorsJson from '../data/ccf/aws-emission-factors.json';
import { COMPUTE_PROCESSORS, GPU_PROCESSORS } from '../classify/awsCatalogue';

const MIN_WATTS: Record<string, number | undefined> = constantsJson.minWattsPerVCpu.value;
const MAX_WATTS: Record<string, number | undefined> = constantsJson.maxWattsPerVCpu.value;
const GB_PER_CHIP: Record<string, number | undefined> = constantsJson.memoryGbPerPhysicalChip.value;

export const UNKNOWN_PROCESSOR = 'Unknown';
export const GRAVITON2 = 'AWS Graviton2';

export const PUE: number = constantsJson.pue.value;
export const AVERAGE_CPU_UTILISATION: number = constantsJson.averageCpuUtilisationPercent.value;
export const MEMORY_KWH_PER_GBH: number = constantsJson.memoryKWhPerGbHour.value;
export const SSD_WH_PER_TBH: number = constantsJson.ssdWhPerTbHour.value;
export const HDD_WH_PER_TBH: number = constantsJson.hddWhPerTbHour.value;
export const NETWORKING_KWH_PER_GB: number = constantsJson.networkingKWhPerGb.value;
export const SERVER_LIFESPAN_HOURS: number = constantsJson.serverLifespanHours.value;

/** CCF's getAverage: 0 for none, the value itself for one (even undefined), else the mean (NaN if any is missing). */
export function ccfAverage(values: Array<number | undefined>): number | undefined {
  if (values.length === 0) {
    return 0;
  }
  if (values.length === 1) {
    return values[0];
  }
  return (values as number[]).reduce((a, b) => a + b) / values.length;
}

/** ramda's median as CCF calls it: Array.sort puts missing values last; a missing value makes it NaN. */
function ramdaMedian(values: Array<number | undefined>): number {
  if (values.length === 0) {
    return NaN;
  }
  const width = 2 - (values.length % 2);
  const idx = (values.length - width) / 2;
  const middle = values
    .slice()
    .sort((a, b) => (a! < b! ? -1 : a! > b! ? 1 : 0))
    .slice(idx, idx + width) as number[];
  return middle.reduce((a, b) => a + b, 0) / middle.length;
}

/** getWattsByAverageOrMedian: the median when Sandy or Ivy Bridge is in the group, else the mean; falsy → the unknown-processor value. */
export function ccfWatts(
  processors: readonly string[],
  table: Record<string, number | undefined>,
  fallback: number
): number {
  const values = processors.map((p) => table[p]);
  const chosen =
    processors.includes('Sandy Bridge') || processors.includes('Ivy Bridge') ? ramdaMedian(values) : ccfAverage(values);
  return chosen || fallback;
}

/** AWS_CLOUD_CONSTANTS.getMinWatts / getMaxWatts of a processor list (W per vCPU, or per GPU). */
export function processorWatts(processors: readonly string[]): { min: number; max: number } {
  return {
    min: ccfWatts(processors, MIN_WATTS, constantsJson.minWattsUnknownProcessor.value),
    max: ccfWatts(processors, MAX_WATTS, constantsJson.maxWattsUnknownProcessor.value),
  };
}

/** CCF's compute formula at its fixed utilisation: min + util/100 · (max − min), in W. */
function averageWatts(processors: readonly string[]): number {
  const { min, max } = processorWatts(processors);
  return min + (AVERAGE_CPU_UTILISATION / 100) * (max - min);
}

/** AWS_CLOUD_CONSTANTS.getMemory: GB per physical chip of SPECpower servers with these processors (mean; the average when any is missing). */
export function gbPerChip(processors: readonly string[]): number {
  return ccfAverage(processors.map((p) => GB_PER_CHIP[p])) || constantsJson.memoryGbPerPhysicalChipUnknown.value;
}

const UNKNOWN = [UNKNOWN_PROCESSOR];
const cpuWattsByInstance = new Map([...COMPUTE_PROCESSORS].map(([type, p]) => [type, averageWatts(p)]));
const gpuWattsByInstance = new Map([...GPU_PROCESSORS].map(([type, p]) => [type, averageWatts(p)]));
const gbPerChipByInstance = new Map([...COMPUTE_PROCESSORS].map(([type, p]) => [type, gbPerChip(p)]));
const UNKNOWN_WATTS = averageWatts(UNKNOWN);
export const GRAVITON2_WATTS = averageWatts([GRAVITON2]);

/** Average W per vCPU CCF uses for an instance type (its processor list, or the unknown-processor values). */
export const cpuAverageWatts = (instanceType: string): number => cpuWattsByInstance.get(instanceType) ?? UNKNOWN_WATTS;
export const gpuAverageWatts = (instanceType: string): number => gpuWattsByInstance.get(instanceType) ?? UNKNOWN_WATTS;
export const UNKNOWN_PROCESSOR_WATTS = UNKNOWN_WATTS;
export const memoryGbPerChip = (instanceType: string): number =>
  gbPerChipByInstance.get(instanceType) ?? gbPerChip(UNKNOWN);

// --- emission factors --------------------------------------------------------------------------
const factorByRegion: ReadonlyMap<string, number> = new Map(
  Object.entries(emissionFactorsJson.regions).map(([region, f]) => [region, f.tonnesCO2ePerKWh])
);
export const UNKNOWN_REGION_FACTOR: number = emissionFactorsJson.unknownRegion.tonnesCO2ePerKWh;

/** CCF's `emissionsFactors[region] || emissionsFactors['Unknown']`, in t CO2e per kWh. */
export function tonnesPerKWh(region: string): number {
  return factorByRegion.get(region) || UNKNOWN_REGION_FACTOR;
}
