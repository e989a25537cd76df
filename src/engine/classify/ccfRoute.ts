/**
 * How CCF's AWS CUR estimator routes a line (CostAndUsageReports.ts and CostAndUsageReportsRow.ts
 * of @cloud-carbon-footprint/aws@0.15.0), reproduced rule for rule, including its string quirks:
 * suffix and substring lists, exact-case pricing units, `xl` completed to `xlarge` before the
 * checks, Fargate-GB-Hours re-labelled GB-Hours, Redshift seconds re-labelled Hrs.
 */
import {
  BYTE_HOURS_USAGE_TYPES,
  CCF_KNOWN_UNITS,
  HDD_USAGE_TYPES,
  NETWORKING_USAGE_TYPES,
  SSD_SERVICES,
  SSD_USAGE_TYPES,
  substringMatcher,
  suffixMatcher,
  UNKNOWN_USAGE_TYPES,
  UNSUPPORTED_USAGE_TYPES,
} from './awsCatalogue';
import type { CcfRoute, NormalisedUnit } from './types';

/** CUR's spelling of a normalised unit, for sources that spell it differently (FOCUS `GB-Months`). */
const CUR_SPELLING: Partial<Record<NormalisedUnit, string>> = {
  hours: 'Hrs',
  'vcpu-hours': 'vCPU-Hours',
  'dpu-hours': 'DPU-Hour',
  'acu-hours': 'ACU-Hr',
  'gb-hours': 'GB-Hours',
  'gb-months': 'GB-Mo',
  gb: 'GB',
  seconds: 'seconds',
  'gb-seconds': 'Lambda-GB-Second',
};

/**
 * The pricing unit CCF would have seen in CUR: the row's own spelling when CCF knows it, else the
 * CUR spelling of the same unit (only when no quantity conversion is involved).
 */
export function curPricingUnit(rawUnit: string, unit: NormalisedUnit, multiplier: number): string {
  if (CCF_KNOWN_UNITS.has(rawUnit) || multiplier !== 1) {
    return rawUnit;
  }
  return CUR_SPELLING[unit] ?? rawUnit;
}

/** CCF's cleanUsageUnit: the unit it files the row under (also the unknown-usage grouping key). */
export function ccfCleanUnit(service: string, usageType: string, curUnit: string): string {
  if (usageType.includes('Fargate-GB-Hours')) {
    return 'GB-Hours';
  }
  return isRedshiftSeconds(service, curUnit) ? 'Hrs' : curUnit;
}

/** CCF divides the amount by 3600 and calls it hours (and later divides the vCPUs by 3600 again). */
export function isRedshiftSeconds(service: string, curUnit: string): boolean {
  return service === 'AmazonRedshift' && curUnit === 'seconds';
}

/** CCF appends `arge` to usage types ending in `xl` (`db.r5.12xl`) before every later check. */
export function ccfParsedUsageType(usageType: string): string {
  return usageType.endsWith('xl') ? `${usageType}arge` : usageType;
}

// CCF checks unsupported and unknown types with endsWith OR includes: includes covers both.
const UNSUPPORTED = substringMatcher(UNSUPPORTED_USAGE_TYPES);
const UNKNOWN = substringMatcher(UNKNOWN_USAGE_TYPES);
const SSD_TYPES = suffixMatcher(SSD_USAGE_TYPES);
const SSD_SERVICE_NAMES = suffixMatcher(SSD_SERVICES);
const HDD_TYPES = suffixMatcher(HDD_USAGE_TYPES);
const NETWORKING_TYPES = suffixMatcher(NETWORKING_USAGE_TYPES);
const BYTE_HOURS_TYPES = suffixMatcher(BYTE_HOURS_USAGE_TYPES);

type UnitGroup = 'compute' | 'storage' | 'lambda' | 'networking';

// Grouped by CCF's enum member names (KNOWN_USAGE_UNITS), as its switch statement does.
function unitGroup(enumName: string): UnitGroup {
  if (enumName.startsWith('GB_MONTH') || enumName === 'GB_HOURS') {
    return 'storage';
  }
  if (enumName.startsWith('SECONDS') || enumName === 'LAMBDA_SECONDS') {
    return 'lambda';
  }
  if (enumName.startsWith('GB_')) {
    return 'networking';
  }
  return 'compute';
}

/** CCF's group of each pricing unit it knows. */
const UNIT_GROUPS: ReadonlyMap<string, UnitGroup> = new Map(
  [...CCF_KNOWN_UNITS].map(([unit, enumName]) => [unit, unitGroup(enumName)])
);

export function isCcfUnsupported(parsedUsageType: string): boolean {
  return UNSUPPORTED.test(parsedUsageType);
}

export function isCcfUnknownUsageType(parsedUsageType: string): boolean {
  return UNKNOWN.test(parsedUsageType);
}

/** SSD by usage type, or a service CCF assumes SSD for (unless the line is a backup, kept on S3). */
export function isCcfSsd(service: string, parsedUsageType: string): boolean {
  return SSD_TYPES.test(parsedUsageType) || (SSD_SERVICE_NAMES.test(service) && !parsedUsageType.includes('Backup'));
}

export function isCcfHdd(parsedUsageType: string): boolean {
  return HDD_TYPES.test(parsedUsageType);
}

export function isCcfNetworking(service: string, parsedUsageType: string): boolean {
  return NETWORKING_TYPES.test(parsedUsageType) && service !== 'AmazonCloudFront';
}

/** CCF converts these from bytes to TB (2^40) although CUR reports them in GB-Mo (#1029). */
export function isCcfByteHours(parsedUsageType: string): boolean {
  return BYTE_HOURS_TYPES.test(parsedUsageType);
}

/** `cleanUnit` from ccfCleanUnit, `parsedUsageType` from ccfParsedUsageType. */
export function ccfRoute(service: string, parsedUsageType: string, cleanUnit: string): CcfRoute {
  if (isCcfUnsupported(parsedUsageType)) {
    return 'unsupported';
  }
  const group = UNIT_GROUPS.get(cleanUnit);
  if (group === undefined || isCcfUnknownUsageType(parsedUsageType)) {
    return 'unknown';
  }
  switch (group) {
    case 'compute':
      return 'compute';
    case 'lambda':
      return 'lambda';
    case 'storage':
      return isCcfSsd(service, parsedUsageType) ? 'storage-ssd' : isCcfHdd(parsedUsageType) ? 'storage-hdd' : 'ignored';
    case 'networking':
      return isCcfNetworking(service, parsedUsageType) ? 'networking' : 'ignored';
  }
}
