/**
 * What CCF derives from an instance type name as CostAndUsageReportsRow.parseInstanceTypeFromUsageType
 * returns it (`m5.large`, also odd ones like `BoxUsage` or `m5.xl`): processor watts, memory beyond
 * SPECpower's GB per chip (AWSMemoryEstimatesBuilder) and embodied-emission factors
 * (CostAndUsageReports.getDataFromInstanceType), quirks included. Worked out once, when the module
 * loads, for every instance type the catalogue lists; other names are worked out on demand.
 */
import {
  BURSTABLE_BASELINE_PERCENT,
  EC2_FAMILIES,
  LARGE_MEMORY_FAMILIES,
  REDSHIFT_FAMILIES,
} from '../classify/awsCatalogue';
import { cpuAverageWatts, gpuAverageWatts, memoryGbPerChip } from './coefficients';

export interface CcfInstanceProfile {
  cpuWatts: number;
  gpuWatts: number;
  /** GB-hours of memory per instance-hour beyond SPECpower's GB per chip (0 when none; NaN when CCF's data is incomplete). */
  memoryGbPerHour: number;
  /** Embodied: 0 vCPUs disables it. */
  embodiedTonnes: number;
  embodiedVCpus: number;
  embodiedLargestVCpus: number;
}

/** `text.split('.')[0]` and `[1]`, without the array. */
export const firstDotPart = (text: string): string => {
  const dot = text.indexOf('.');
  return dot < 0 ? text : text.slice(0, dot);
};

export const secondDotPart = (text: string): string | undefined => {
  const dot = text.indexOf('.');
  if (dot < 0) {
    return undefined;
  }
  const next = text.indexOf('.', dot + 1);
  return next < 0 ? text.slice(dot + 1) : text.slice(dot + 1, next);
};

/** AWSMemoryEstimatesBuilder.getGigabytesFromInstanceTypeAndProcessors per unit of amount. */
function memoryGbPerHour(instanceType: string): number {
  if (!instanceType) {
    return 0;
  }
  const family = firstDotPart(instanceType);
  const size = secondDotPart(instanceType);
  const table = EC2_FAMILIES.get(family) ?? REDSHIFT_FAMILIES.get(family);
  if (!table || BURSTABLE_BASELINE_PERCENT.has(instanceType)) {
    return 0;
  }
  const instanceMemory =
    EC2_FAMILIES.get(family)?.sizes.get(size!)?.memoryGb || REDSHIFT_FAMILIES.get(family)?.sizes.get(size!)?.memoryGb;
  const largest = table.lastListed;
  const chips = family === 'm5zn' || family === 'z1d' ? 2 : Math.ceil(largest.vCpus / 96);
  // core/memory/helpers.ts calculateGigabyteHours, without the final × usage amount.
  const memoryPerChip = largest.memoryGb / chips;
  const processorMemory = memoryGbPerChip(instanceType);
  if (!(memoryPerChip - processorMemory > 0)) {
    return 0;
  }
  return (memoryPerChip - processorMemory) / (largest.memoryGb / (instanceMemory ?? NaN));
}

/** CostAndUsageReports.getDataFromInstanceType: the last two dot-separated parts are family and size. */
function setEmbodied(profile: CcfInstanceProfile, instanceType: string): void {
  const lastDot = instanceType.lastIndexOf('.');
  const size = instanceType.slice(lastDot + 1);
  const family = lastDot < 0 ? undefined : instanceType.slice(instanceType.lastIndexOf('.', lastDot - 1) + 1, lastDot);
  if (!size || !family) {
    return;
  }
  const ec2 = EC2_FAMILIES.get(family);
  const large = LARGE_MEMORY_FAMILIES.get(family);
  const vCpus = ec2?.sizes.get(size)?.vCpus || large?.sizes.get(size)?.vCpus;
  // For the u-*tb1 families CCF reads index 1 (memory GB) as tonnes.
  const tonnes = ec2?.sizes.get(size)?.third || large?.sizes.get(size)?.memoryGb;
  const largestVCpus = (ec2 ?? large)?.lastListed.vCpus;
  if (vCpus && tonnes && largestVCpus) {
    profile.embodiedTonnes = tonnes;
    profile.embodiedVCpus = vCpus;
    profile.embodiedLargestVCpus = largestVCpus;
  }
}

function instanceProfileOf(instanceType: string): CcfInstanceProfile {
  const profile: CcfInstanceProfile = {
    cpuWatts: cpuAverageWatts(instanceType),
    gpuWatts: gpuAverageWatts(instanceType),
    memoryGbPerHour: memoryGbPerHour(instanceType),
    embodiedTonnes: 0,
    embodiedVCpus: 0,
    embodiedLargestVCpus: 0,
  };
  setEmbodied(profile, instanceType);
  return Object.freeze(profile);
}

const LISTED: ReadonlyMap<string, CcfInstanceProfile> = new Map(
  [EC2_FAMILIES, REDSHIFT_FAMILIES, LARGE_MEMORY_FAMILIES]
    .flatMap((families) =>
      [...families].flatMap(([family, f]) => [...f.sizes.keys()].map((size) => `${family}.${size}`))
    )
    .map((name) => [name, instanceProfileOf(name)])
);

export const ccfInstanceProfile = (instanceType: string): CcfInstanceProfile =>
  LISTED.get(instanceType) ?? instanceProfileOf(instanceType);
