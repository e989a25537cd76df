/**
 * Everything CCF derives from an AWS line's description (service, usage type, unit), computed once
 * per distinct description: how vCPU-hours follow from the amount, the watts, the memory and
 * embodied-emission factors, the storage conversion. Reproduces CostAndUsageReportsRow.ts,
 * AWSComputeEstimatesBuilder.ts, AWSMemoryEstimatesBuilder.ts and
 * CostAndUsageReports.getDataFromInstanceType of @cloud-carbon-footprint/aws@0.15.0, including
 * their quirks (two different instance-type parsers; vCPUs read before `xl` becomes `xlarge`).
 */
import {
  BURSTABLE_BASELINE_PERCENT,
  BURSTABLE_PATTERN,
  EC2_FAMILIES,
  GPU_COUNTS,
  GPU_INSTANCE_PATTERN,
  LARGE_MEMORY_FAMILIES,
  MSK_BROKER_VCPUS,
  REDSHIFT_FAMILIES,
} from '../classify/awsCatalogue';
import { ccfParsedUsageType } from '../classify/ccfRoute';
import type { CcfRoute, UsageClassification } from '../classify/types';
import {
  AVERAGE_CPU_UTILISATION,
  cpuAverageWatts,
  gpuAverageWatts,
  GRAVITON2_WATTS,
  HDD_WH_PER_TBH,
  memoryGbPerChip,
  SSD_WH_PER_TBH,
  UNKNOWN_PROCESSOR_WATTS,
} from './coefficients';

/** How CCF turns the amount into vCPU-hours (CostAndUsageReportsRow.getVCpuHours). */
export const enum VCpuRule {
  Glue, // 4 vCPUs per DPU-hour
  SimpleDb, // 1 vCPU per hour
  AuroraServerless, // ACU-hours / 4
  AsIs, // Fargate vCPU-hours, CPU credits
  Burstable, // table vCPUs × baseline / 50%
  ReportOrTable, // CUR product_vcpu, else the EC2 table
}

export const enum StorageConversion {
  Bytes, // amount / 2^40 (the ByteHrs quirk, CCF #1029)
  GbHours, // amount / 1000
  GbMonths, // amount / 1000 · 24 · days in the month of the row
}

export interface CcfAwsProfile {
  route: CcfRoute;
  /** CCF's unit for the unknown-usage ratio. */
  unitKey: string;
  replicationFactor: number;
  /** Redshift seconds: CCF divides the amount by 3600 before anything else. */
  amountPerHour: boolean;
  vCpuRule: VCpuRule;
  /** Burstable: vCPUs × baseline/50; ReportOrTable: the table's vCPUs (NaN when unknown). */
  tableVCpus: number;
  /** GPUs per instance as CCF reads them for GPU-hours (NaN when none: `NaN × amount || 0` is 0). */
  gpusPerInstance: number;
  isGpuInstance: boolean;
  cpuWatts: number;
  gpuWatts: number;
  /** GB-hours of memory per instance-hour beyond SPECpower's GB per chip (0 when none; NaN when CCF's data is incomplete). */
  memoryGbPerHour: number;
  /** Embodied: 0 vCPUs disables it. */
  embodiedTonnes: number;
  embodiedVCpus: number;
  embodiedLargestVCpus: number;
  storageWhPerTbh: number;
  storageConversion: StorageConversion;
}

// CostAndUsageReportsRow.extractInstanceTypeFromUsageType (for vCPUs and GPU-hours).
const EXTRACT_PREFIX = /^((db|cache|dax|dms|ml|mq|KernelGateway-ml|.+Kafka)\.)/;
const extractInstanceType = (usageType: string): string =>
  usageType.slice(usageType.lastIndexOf(':') + 1).replace(EXTRACT_PREFIX, '');

// CostAndUsageReportsRow.parseInstanceTypeFromUsageType (for processors, memory, embodied).
function parseInstanceType(parsedUsageType: string): string {
  // The first of db, cache, Kafka the usage type contains anywhere; the text after its last `<prefix>.`.
  const prefix = parsedUsageType.includes('db')
    ? 'db.'
    : parsedUsageType.includes('cache')
      ? 'cache.'
      : parsedUsageType.includes('Kafka')
        ? 'Kafka.'
        : undefined;
  if (prefix === undefined) {
    return parsedUsageType.slice(parsedUsageType.lastIndexOf(':') + 1);
  }
  const at = parsedUsageType.lastIndexOf(prefix);
  return at < 0 ? parsedUsageType : parsedUsageType.slice(at + prefix.length);
}

/** CostAndUsageReportsRow.extractVCpuFromInstanceType. */
function tableVCpus(instanceType: string, usageType: string, service: string): number {
  const [family, size] = instanceType.split('.');
  const vCpus = usageType.includes('Kafka')
    ? MSK_BROKER_VCPUS.get(`Kafka${usageType.split('Kafka').pop()}`)
    : service === 'AmazonRedshift'
      ? (REDSHIFT_FAMILIES.get(family)?.sizes.get(size)?.vCpus ?? NaN) / 3600
      : EC2_FAMILIES.get(family)?.sizes.get(size)?.vCpus;
  return vCpus ?? NaN;
}

function vCpuRuleOf(service: string, usageType: string): VCpuRule {
  if (service === 'AWSGlue') {
    return VCpuRule.Glue;
  }
  if (service === 'AmazonSimpleDB') {
    return VCpuRule.SimpleDb;
  }
  if (usageType.includes('Aurora:ServerlessUsage')) {
    return VCpuRule.AuroraServerless;
  }
  // containsAny(['Fargate-vCPU-Hours', 'CPUCredits']): word-bounded expressions.
  if (/\b(?:Fargate-vCPU-Hours|CPUCredits)\b/.test(usageType)) {
    return VCpuRule.AsIs;
  }
  return BURSTABLE_PATTERN.test(usageType) ? VCpuRule.Burstable : VCpuRule.ReportOrTable;
}

/** AWSMemoryEstimatesBuilder.getGigabytesFromInstanceTypeAndProcessors per unit of amount. */
function memoryGbPerHour(instanceType: string): number {
  if (!instanceType) {
    return 0;
  }
  const [family, size] = instanceType.split('.');
  const table = EC2_FAMILIES.get(family) ?? REDSHIFT_FAMILIES.get(family);
  if (!table || BURSTABLE_BASELINE_PERCENT.has(instanceType)) {
    return 0;
  }
  const instanceMemory =
    EC2_FAMILIES.get(family)?.sizes.get(size)?.memoryGb || REDSHIFT_FAMILIES.get(family)?.sizes.get(size)?.memoryGb;
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
function embodiedOf(instanceType: string): [tonnes: number, vCpus: number, largestVCpus: number] {
  const parts = instanceType.split('.');
  const size = parts[parts.length - 1];
  const family = parts[parts.length - 2];
  if (!size || !family) {
    return [0, 0, 0];
  }
  const ec2 = EC2_FAMILIES.get(family);
  const large = LARGE_MEMORY_FAMILIES.get(family);
  const vCpus = ec2?.sizes.get(size)?.vCpus || large?.sizes.get(size)?.vCpus;
  // For the u-*tb1 families CCF reads index 1 (memory GB) as tonnes.
  const tonnes = ec2?.sizes.get(size)?.third || large?.sizes.get(size)?.memoryGb;
  const largestVCpus = (ec2 ?? large)?.lastListed.vCpus;
  return vCpus && tonnes && largestVCpus ? [tonnes, vCpus, largestVCpus] : [0, 0, 0];
}

/** What storage and networking lines need (their vCPU and instance fields stay inert). */
function baseProfile(c: UsageClassification): CcfAwsProfile {
  return {
    route: c.ccfRoute,
    unitKey: c.ccfUnit,
    replicationFactor: c.replicationFactor,
    amountPerHour: false,
    vCpuRule: VCpuRule.ReportOrTable,
    tableVCpus: NaN,
    gpusPerInstance: NaN,
    isGpuInstance: false,
    cpuWatts: UNKNOWN_PROCESSOR_WATTS,
    gpuWatts: UNKNOWN_PROCESSOR_WATTS,
    memoryGbPerHour: 0,
    embodiedTonnes: 0,
    embodiedVCpus: 0,
    embodiedLargestVCpus: 0,
    storageWhPerTbh: c.ccfRoute === 'storage-hdd' ? HDD_WH_PER_TBH : SSD_WH_PER_TBH,
    storageConversion: c.byteHours
      ? StorageConversion.Bytes
      : c.ccfUnit === 'GB-Hours'
        ? StorageConversion.GbHours
        : StorageConversion.GbMonths,
  };
}

export function buildAwsProfile(c: UsageClassification): CcfAwsProfile {
  const profile = baseProfile(c);
  if (c.ccfRoute !== 'compute' && c.ccfRoute !== 'lambda') {
    return profile;
  }
  const { service, usageType } = c;
  const parsedUsageType = ccfParsedUsageType(usageType);
  const instanceType = parseInstanceType(parsedUsageType);
  const extracted = extractInstanceType(usageType);
  const rule = vCpuRuleOf(service, usageType);
  const burstableType = extracted.split('.', 2).join('.');
  const isLambda = service === 'AWSLambda';
  // CCF relabelled Redshift `seconds` as Hrs (see ccfCleanUnit) and divides the amount by 3600.
  profile.amountPerHour = service === 'AmazonRedshift' && c.unit === 'seconds' && c.ccfUnit === 'Hrs';
  profile.vCpuRule = rule;
  profile.tableVCpus =
    rule === VCpuRule.Burstable
      ? tableVCpus(burstableType, usageType, service) *
        ((BURSTABLE_BASELINE_PERCENT.get(burstableType) ?? NaN) / AVERAGE_CPU_UTILISATION)
      : tableVCpus(extracted, usageType, service);
  profile.gpusPerInstance = GPU_COUNTS.get(extracted) ?? NaN;
  profile.isGpuInstance = GPU_INSTANCE_PATTERN.test(parsedUsageType);
  profile.cpuWatts = isLambda
    ? parsedUsageType.endsWith('-ARM')
      ? GRAVITON2_WATTS
      : UNKNOWN_PROCESSOR_WATTS
    : cpuAverageWatts(instanceType);
  profile.gpuWatts = isLambda ? UNKNOWN_PROCESSOR_WATTS : gpuAverageWatts(instanceType);
  if (c.ccfRoute === 'compute') {
    // Memory and embodied emissions only on CCF's hour-unit path, not for Lambda.
    profile.memoryGbPerHour = memoryGbPerHour(instanceType);
    [profile.embodiedTonnes, profile.embodiedVCpus, profile.embodiedLargestVCpus] = embodiedOf(instanceType);
  }
  return profile;
}
