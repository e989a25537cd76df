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
  EC2_SIZES_BY_NAME,
  GPU_COUNTS,
  GPU_INSTANCE_PATTERN,
  MSK_BROKER_VCPUS,
  REDSHIFT_FAMILIES,
  REDSHIFT_SIZES_BY_NAME,
  type InstanceFamily,
  type InstanceSize,
} from '../classify/awsCatalogue';
import { ccfParsedUsageType } from '../classify/ccfRoute';
import type { CcfRoute, UsageClassification } from '../classify/types';
import {
  AVERAGE_CPU_UTILISATION,
  GRAVITON2_WATTS,
  HDD_WH_PER_TBH,
  SSD_WH_PER_TBH,
  UNKNOWN_PROCESSOR_WATTS,
} from './coefficients';
import { ccfInstanceProfile, firstDotPart, secondDotPart } from './awsInstanceProfile';

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

/**
 * What CCF derives from one AWS line. A class, not an object literal, as are the engine's other
 * per-call objects: V8 allocates the objects of a literal site whose objects outlive a young
 * collection straight in the old generation, where they wait for a full collection once the call
 * is over. The defaults are what storage and networking lines need (their vCPU and instance
 * fields stay inert); buildAwsProfile fills in compute and Lambda lines.
 */
export class CcfAwsProfile {
  readonly route: CcfRoute;
  readonly replicationFactor: number;
  /** Redshift seconds: CCF divides the amount by 3600 before anything else. */
  amountPerHour = false;
  vCpuRule = VCpuRule.ReportOrTable;
  /** Burstable: vCPUs × baseline/50; ReportOrTable: the table's vCPUs (NaN when unknown). */
  tableVCpus = NaN;
  /** GPUs per instance as CCF reads them for GPU-hours (NaN when none: `NaN × amount || 0` is 0). */
  gpusPerInstance = NaN;
  isGpuInstance = false;
  cpuWatts = UNKNOWN_PROCESSOR_WATTS;
  gpuWatts = UNKNOWN_PROCESSOR_WATTS;
  /** GB-hours of memory per instance-hour beyond SPECpower's GB per chip (0 when none; NaN when CCF's data is incomplete). */
  memoryGbPerHour = 0;
  /** Embodied: 0 vCPUs disables it. */
  embodiedTonnes = 0;
  embodiedVCpus = 0;
  embodiedLargestVCpus = 0;
  readonly storageWhPerTbh: number;
  readonly storageConversion: StorageConversion;

  constructor(c: UsageClassification) {
    this.route = c.ccfRoute;
    this.replicationFactor = c.replicationFactor;
    this.storageWhPerTbh = c.ccfRoute === 'storage-hdd' ? HDD_WH_PER_TBH : SSD_WH_PER_TBH;
    this.storageConversion = c.byteHours
      ? StorageConversion.Bytes
      : c.ccfUnit === 'GB-Hours'
        ? StorageConversion.GbHours
        : StorageConversion.GbMonths;
  }
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

/** `families.get(family)?.sizes.get(size)?.vCpus` of `instanceType.split('.')`; the common `family.size` by name. */
function listedVCpus(
  byName: ReadonlyMap<string, InstanceSize>,
  families: ReadonlyMap<string, InstanceFamily>,
  instanceType: string
): number | undefined {
  return (
    byName.get(instanceType)?.vCpus ??
    families.get(firstDotPart(instanceType))?.sizes.get(secondDotPart(instanceType)!)?.vCpus
  );
}

/** CostAndUsageReportsRow.extractVCpuFromInstanceType. */
function tableVCpus(instanceType: string, usageType: string, service: string): number {
  const vCpus = usageType.includes('Kafka')
    ? MSK_BROKER_VCPUS.get(`Kafka${usageType.slice(usageType.lastIndexOf('Kafka') + 'Kafka'.length)}`)
    : service === 'AmazonRedshift'
      ? (listedVCpus(REDSHIFT_SIZES_BY_NAME, REDSHIFT_FAMILIES, instanceType) ?? NaN) / 3600
      : listedVCpus(EC2_SIZES_BY_NAME, EC2_FAMILIES, instanceType);
  return vCpus ?? NaN;
}

/** `text.split('.', 2).join('.')`: the text up to its second dot. */
function firstTwoDotParts(text: string): string {
  const secondDot = text.indexOf('.', text.indexOf('.') + 1);
  return secondDot < 0 ? text : text.slice(0, secondDot);
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

export function buildAwsProfile(c: UsageClassification): CcfAwsProfile {
  const profile = new CcfAwsProfile(c);
  if (c.ccfRoute !== 'compute' && c.ccfRoute !== 'lambda') {
    return profile;
  }
  const { service, usageType } = c;
  const parsedUsageType = ccfParsedUsageType(usageType);
  const instanceType = parseInstanceType(parsedUsageType);
  const extracted = extractInstanceType(usageType);
  const rule = vCpuRuleOf(service, usageType);
  const burstableType = firstTwoDotParts(extracted);
  const isLambda = service === 'AWSLambda';
  const instance = ccfInstanceProfile(instanceType);
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
    : instance.cpuWatts;
  profile.gpuWatts = isLambda ? UNKNOWN_PROCESSOR_WATTS : instance.gpuWatts;
  if (c.ccfRoute === 'compute') {
    // Memory and embodied emissions only on CCF's hour-unit path, not for Lambda.
    profile.memoryGbPerHour = instance.memoryGbPerHour;
    profile.embodiedTonnes = instance.embodiedTonnes;
    profile.embodiedVCpus = instance.embodiedVCpus;
    profile.embodiedLargestVCpus = instance.embodiedLargestVCpus;
  }
  return profile;
}
