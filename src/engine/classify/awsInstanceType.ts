/**
 * The instance type an AWS usage type names, read the same way for every service:
 * `BoxUsage:m5.large`, `SpotUsage:c5.18xlarge`, `InstanceUsage:db.r5.large`,
 * `Multi-AZUsage:db.r5.12xl`, `NodeUsage:cache.m5.large`, `Kafka.m5.large`,
 * `HeavyUsage:t3.medium.elasticsearch`, `Notebk:ml.t3.medium`, `CS:ra3.4xlarge`.
 */
import {
  BURSTABLE_BASELINE_PERCENT,
  EC2_FAMILIES,
  GPU_COUNTS,
  LARGE_MEMORY_FAMILIES,
  MSK_BROKER_VCPUS,
  REDSHIFT_FAMILIES,
} from './awsCatalogue';

export interface AwsInstance {
  instanceType?: string;
  instancePrefix: string;
  instanceFamily?: string;
  instanceSize?: string;
  instanceVCpus?: number;
  instanceMemoryGb?: number;
  gpusPerInstance: number;
  burstable: boolean;
}

const SERVICE_PREFIX = /^(db|cache|dax|dms|ml|mq|KernelGateway-ml|Kafka)\./;
const SERVICE_SUFFIX = /\.(elasticsearch|search)$/;
// family.size in AWS's lower-case naming: m5.large, u-6tb1.metal, r6gd.16xlarge, ra3.xlplus.
const FAMILY_DOT_SIZE = /^([a-z][a-z0-9-]*)\.([a-z0-9-]+)$/;

function parse(usageTypeWithoutRegion: string): { type?: string; prefix: string } {
  const colon = usageTypeWithoutRegion.lastIndexOf(':');
  let candidate = colon >= 0 ? usageTypeWithoutRegion.slice(colon + 1) : usageTypeWithoutRegion;
  const prefix = SERVICE_PREFIX.exec(candidate)?.[1] ?? '';
  if (prefix) {
    candidate = candidate.slice(prefix.length + 1);
  }
  candidate = candidate.replace(SERVICE_SUFFIX, '');
  if (candidate.endsWith('xl')) {
    // CUR sometimes abbreviates xlarge (`db.r5.12xl`).
    candidate = `${candidate}arge`;
  }
  return FAMILY_DOT_SIZE.test(candidate) ? { type: candidate, prefix } : { prefix };
}

/** `rowInstanceType` wins when the source names the instance; `rowVCpus` (CUR product_vcpu) likewise. */
export function readAwsInstance(
  usageTypeWithoutRegion: string,
  service: string,
  rowInstanceType: string | undefined,
  rowVCpus: number | undefined
): AwsInstance {
  const parsed = parse(usageTypeWithoutRegion);
  const instanceType = rowInstanceType || parsed.type;
  const match = instanceType ? FAMILY_DOT_SIZE.exec(instanceType) : null;
  const family = match?.[1];
  const size = match?.[2];
  const listed =
    family && size
      ? ((service === 'AmazonRedshift' ? REDSHIFT_FAMILIES : EC2_FAMILIES).get(family)?.sizes.get(size) ??
        EC2_FAMILIES.get(family)?.sizes.get(size) ??
        LARGE_MEMORY_FAMILIES.get(family)?.sizes.get(size))
      : undefined;
  const brokerVCpus =
    parsed.prefix === 'Kafka' && instanceType ? MSK_BROKER_VCPUS.get(`Kafka.${instanceType}`) : undefined;
  return {
    instanceType,
    instancePrefix: parsed.prefix,
    instanceFamily: family,
    instanceSize: size,
    instanceVCpus: rowVCpus && rowVCpus > 0 ? rowVCpus : (listed?.vCpus ?? brokerVCpus),
    instanceMemoryGb: listed?.memoryGb,
    gpusPerInstance: (instanceType && GPU_COUNTS.get(instanceType)) || 0,
    burstable: instanceType !== undefined && BURSTABLE_BASELINE_PERCENT.has(instanceType),
  };
}
