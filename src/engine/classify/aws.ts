/**
 * Classification of AWS lines (Cost Explorer USAGE_TYPE, CUR line_item_usage_type, FOCUS
 * x_UsageType of AWS exports). Categories follow what the line bills for; `ccfRoute` records
 * separately what CCF would do with it, so the two can differ (CCF files Fargate memory as SSD
 * storage and Lambda GB-seconds as vCPU-seconds).
 */
import type { UsageCategory, UsageRow } from '../usage';
import { readAwsInstance, type AwsInstance } from './awsInstanceType';
import { splitRegionPrefix } from './awsRegionPrefixes';
import {
  ccfCleanUnit,
  ccfParsedUsageType,
  ccfRoute,
  curPricingUnit,
  isCcfByteHours,
  isCcfHdd,
  isCcfSsd,
  isCcfUnknownUsageType,
} from './ccfRoute';
import { ccfReplicationFactor } from './replication';
import type { CcfRoute, NormalisedUnit, StorageMedia, UsageClassification } from './types';
import { normaliseUnit } from './units';
import { awsServiceCode } from './awsServiceCodes';

/** Services and usage types whose vCPUs CCF derives without an instance type. */
function hasServiceVCpus(service: string, usageType: string, unit: NormalisedUnit): boolean {
  return (
    service === 'AWSGlue' ||
    service === 'AmazonSimpleDB' ||
    usageType.includes('Aurora:ServerlessUsage') ||
    usageType.includes('Fargate-vCPU-Hours') ||
    usageType.includes('CPUCredits') ||
    unit === 'vcpu-hours' ||
    unit === 'dpu-hours' ||
    unit === 'acu-hours'
  );
}

function categoryOf(
  route: CcfRoute,
  service: string,
  usageType: string,
  parsedUsageType: string,
  unit: NormalisedUnit,
  instance: AwsInstance
): [UsageCategory, string] {
  switch (route) {
    case 'unsupported':
      return ['unsupported', 'ccf-unsupported-usage-type'];
    case 'unknown':
      return ['unknown', isCcfUnknownUsageType(parsedUsageType) ? 'ccf-unknown-usage-type' : 'unit-not-estimable'];
    case 'compute':
      if (instance.instanceVCpus === undefined && !hasServiceVCpus(service, usageType, unit)) {
        return ['unknown', 'no-vcpu-count'];
      }
      return instance.gpusPerInstance > 0 ? ['gpu', 'aws-gpu-instance'] : ['compute', 'aws-compute'];
    case 'lambda':
      return ['compute', 'aws-function-seconds'];
    case 'storage-ssd':
    case 'storage-hdd':
      return usageType.includes('Fargate-GB-Hours') ? ['memory', 'aws-fargate-memory'] : ['storage', 'aws-storage'];
    case 'networking':
      return ['networking', 'aws-data-transfer'];
    default:
      if (unit === 'gb-months' || unit === 'gb-hours') {
        return ['storage', 'aws-storage-medium-unknown'];
      }
      if (unit === 'gb' && (service === 'AmazonCloudFront' || /DataTransfer|-Bytes$|-Out-Bytes/.test(usageType))) {
        return ['networking', 'aws-data-transfer-not-in-ccf'];
      }
      return ['unknown', 'aws-not-recognised'];
  }
}

/** CCF's SSD and HDD lists; ccfRoute has already applied them to lines it estimates as storage. */
function storageMediaOf(route: CcfRoute, service: string, parsedUsageType: string): StorageMedia | undefined {
  if (route === 'storage-ssd') {
    return 'ssd';
  }
  if (route === 'storage-hdd') {
    return 'hdd';
  }
  return isCcfSsd(service, parsedUsageType) ? 'ssd' : isCcfHdd(parsedUsageType) ? 'hdd' : undefined;
}

export function classifyAws(row: UsageRow): UsageClassification {
  const service = awsServiceCode(row.service ?? '');
  const usageType = row.usageType ?? '';
  const rawUnit = row.unit ?? '';
  const reading = normaliseUnit(rawUnit);
  // The usage type defines the unit for Fargate memory, whatever unit the source prints.
  const unit: NormalisedUnit = usageType.includes('Fargate-GB-Hours') ? 'gb-hours' : reading.unit;
  const ccfUnit = ccfCleanUnit(service, usageType, curPricingUnit(rawUnit, reading.unit, reading.multiplier));
  const parsedUsageType = ccfParsedUsageType(usageType);
  const route = ccfRoute(service, parsedUsageType, ccfUnit);
  const prefix = splitRegionPrefix(usageType, service === 'AmazonCloudFront');
  const instance = readAwsInstance(prefix.rest, service, row.instanceType, row.vCpus);
  const [category, reason] = categoryOf(route, service, usageType, parsedUsageType, unit, instance);
  const colon = prefix.rest.indexOf(':');
  const region = row.region || prefix.region;
  return {
    category,
    reason,
    cloud: 'aws',
    region,
    regionSource: row.region ? 'row' : region ? 'usage-type' : 'none',
    service,
    usageType,
    rawUnit,
    usageTypePrefix: prefix.prefix,
    usageTypeWithoutRegion: prefix.rest,
    usageFamily: colon >= 0 ? prefix.rest.slice(0, colon) : prefix.rest,
    instanceType: instance.instanceType,
    instancePrefix: instance.instancePrefix,
    instanceFamily: instance.instanceFamily,
    instanceSize: instance.instanceSize,
    instanceVCpus: instance.instanceVCpus,
    instanceMemoryGb: instance.instanceMemoryGb,
    gpusPerInstance: instance.gpusPerInstance,
    burstable: instance.burstable,
    unit,
    unitMultiplier: reading.multiplier,
    byteHours: isCcfByteHours(parsedUsageType),
    storageMedia: category === 'storage' ? storageMediaOf(route, service, parsedUsageType) : undefined,
    replicationFactor: ccfReplicationFactor(service, parsedUsageType),
    ccfRoute: route,
    ccfUnit,
  };
}
