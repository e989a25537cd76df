/**
 * CCF's per-vCPU power model (SPECpower watts per vCPU by CPU microarchitecture, plus memory above
 * the SPECpower servers' GB per chip), used where no Teads curve exists and as the second model of
 * the power-model uncertainty band. Same rules as CCF (@cloud-carbon-footprint/aws@0.15.0,
 * AwsFootprintEstimationConstants.ts getMinWatts/getMaxWatts/getMemory, AWSMemoryEstimatesBuilder,
 * core memory/helpers.ts), over the shared tables in data/ccf/.
 */
import type { UsageClassification } from '../classify';
import { COMPUTE_PROCESSORS, EC2_FAMILIES, GPU_PROCESSORS } from '../classify/awsCatalogue';
import { azureVmSize } from '../classify/azureVmSizes';
import { gcpMachineType } from '../classify/gcpMachineTypes';
import { azureMemoryGbPerInstanceHour } from '../ccf/azureProfile';
import { COEFFICIENTS as K } from './coefficients';
import { newerAwsInstance } from './newerAwsInstances';

export interface MinMaxWatts {
  min: number;
  max: number;
}

const SANDY_OR_IVY = new Set(['Sandy Bridge', 'Ivy Bridge']);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * CCF averages the watts of an instance's possible microarchitectures, but takes the median when
 * Sandy or Ivy Bridge is among them (outliers); a processor missing from the table (CCF: NaN)
 * falls back to the unknown-processor value.
 */
function averageOrMedian(processors: readonly string[], table: ReadonlyMap<string, number>): number | undefined {
  const values = processors.map((p) => table.get(p));
  if (values.length === 0 || values.some((v) => v === undefined)) {
    return undefined;
  }
  const numbers = values as number[];
  return processors.some((p) => SANDY_OR_IVY.has(p))
    ? median(numbers)
    : numbers.reduce((a, b) => a + b, 0) / numbers.length;
}

const minMaxOf = (processors: readonly string[]): MinMaxWatts => ({
  min: averageOrMedian(processors, K.minWatts) ?? K.minWattsUnknown,
  max: averageOrMedian(processors, K.maxWatts) ?? K.maxWattsUnknown,
});

/**
 * Watts per vCPU and GB per chip of each instance type's processors, and watts per GPU, worked out
 * once. Types whose processors have no pinned watts (m6i: `Unknown`, c6a: `AMD EPYC 3rd Gen`) are
 * left out here: the 2026 list gives them (newerAwsInstances.ts).
 */
const VCPU_WATTS: ReadonlyMap<string, MinMaxWatts> = new Map(
  [...COMPUTE_PROCESSORS].flatMap(([type, processors]) => {
    const min = averageOrMedian(processors, K.minWatts);
    const max = averageOrMedian(processors, K.maxWatts);
    return min === undefined || max === undefined ? [] : [[type, Object.freeze({ min, max })] as const];
  })
);
const UNKNOWN_VCPU_WATTS: MinMaxWatts = Object.freeze(minMaxOf([]));
const GPU_WATTS: ReadonlyMap<string, MinMaxWatts> = new Map(
  [...GPU_PROCESSORS].flatMap(([type, gpus]) => {
    const min = averageOrMedian(gpus, K.minWatts);
    const max = averageOrMedian(gpus, K.maxWatts);
    return min === undefined || max === undefined ? [] : [[type, Object.freeze({ min, max })] as const];
  })
);
const GB_PER_CHIP: ReadonlyMap<string, number> = new Map(
  [...COMPUTE_PROCESSORS].map(([type, processors]) => {
    const values = processors.map((p) => K.memoryGbPerChip.get(p));
    const known = values.length > 0 && values.every((v) => v !== undefined);
    return [type, known ? (values as number[]).reduce((a, b) => a + b, 0) / values.length : K.memoryGbPerChipUnknown];
  })
);

/**
 * Min/max watts per vCPU of the instance's processors: the pinned table's, else the 2026 list's
 * architecture, else CCF's AWS average for an unknown processor.
 */
export function vCpuWatts(c: UsageClassification): MinMaxWatts {
  return (
    (c.cloud === 'aws' && c.instanceType && VCPU_WATTS.get(c.instanceType)) ||
    newerAwsInstance(c)?.watts ||
    UNKNOWN_VCPU_WATTS
  );
}

/** Min/max watts of ONE GPU of the instance (CCF: Teads ratios on TechPowerUp TDPs); undefined without GPUs. */
export function gpuWatts(c: UsageClassification): MinMaxWatts | undefined {
  return c.instanceType && c.gpusPerInstance > 0 ? GPU_WATTS.get(c.instanceType) : undefined;
}

export const wattsAt = (w: MinMaxWatts, utilisation: number): number => w.min + (utilisation / 100) * (w.max - w.min);

/**
 * GB of memory per instance-hour that CCF counts on top of the per-vCPU watts: the family's memory
 * per physical chip (96 vCPUs per chip; m5zn and z1d 2 chips) above SPECpower's GB per chip of the
 * microarchitecture, in proportion to the instance's share of the family's largest size. 0 for
 * burstable instances and families neither CCF's pinned table nor the 2026 list gives.
 */
export function ccfMemoryGbPerInstanceHour(c: UsageClassification): number {
  if (c.cloud === 'azure') {
    const size = azureVmSize(c.instanceType);
    return size ? azureMemoryGbPerInstanceHour(size.name) : 0;
  }
  if (c.cloud === 'gcp') {
    return gcpMemoryGbPerInstanceHour(c);
  }
  const newer = newerAwsInstance(c);
  if (newer) {
    // The same rule on the 2026 list: its family's largest size and the architecture's GB per chip.
    const delta = newer.largest.memoryGb / newer.largest.chips - newer.gbPerChip;
    return delta > 0 && !c.burstable ? delta / (newer.largest.memoryGb / newer.memoryGb) : 0;
  }
  const family = c.cloud === 'aws' && c.instanceFamily ? EC2_FAMILIES.get(c.instanceFamily) : undefined;
  const size = family && c.instanceSize ? family.sizes.get(c.instanceSize) : undefined;
  if (!family || !size || c.burstable) {
    return 0;
  }
  const largest = family.lastListed;
  const chips = c.instanceFamily === 'm5zn' || c.instanceFamily === 'z1d' ? 2 : Math.ceil(largest.vCpus / 96);
  const gbPerChip = (c.instanceType ? GB_PER_CHIP.get(c.instanceType) : undefined) ?? K.memoryGbPerChipUnknown;
  const delta = largest.memoryGb / chips - gbPerChip;
  return delta > 0 ? delta / (largest.memoryGb / size.memoryGb) : 0;
}

/**
 * CCF's memory model for a GCP machine type billed per machine-hour: the platform's memory per
 * physical chip (96 vCPUs per chip) above SPECpower's GB per chip of the type's microarchitectures
 * (the unknown value when any is missing), in proportion to the type's share of the platform's
 * memory. Core and RAM SKUs need none: RAM is billed (and estimated) as memory rows.
 */
function gcpMemoryGbPerInstanceHour(c: UsageClassification): number {
  const type = gcpMachineType(c.instanceType);
  if (!type) {
    return 0;
  }
  const values = type.microarchitectures.map((p) => K.memoryGbPerChip.get(p));
  const gbPerChip =
    values.length > 0 && values.every((v) => v !== undefined)
      ? (values as number[]).reduce((a, b) => a + b, 0) / values.length
      : K.memoryGbPerChipUnknown;
  const delta = type.platformMemoryGb / Math.ceil(type.platformVCpus / 96) - gbPerChip;
  return delta > 0 ? delta / (type.platformMemoryGb / type.memoryGb) : 0;
}
