/**
 * Classification of non-AWS lines (FOCUS exports of Azure `Microsoft`, Google Cloud, Oracle, and
 * later the providers' own APIs) from the FOCUS ServiceCategory and the unit: these bills rarely
 * name vCPUs or storage media in a form shared across providers, so the category is what can be
 * said with confidence, and the methodology decides how much it can estimate.
 */
import type { UsageCategory, UsageRow } from '../usage';
import type { CloudFamily, NormalisedUnit, StorageMedia, UsageClassification } from './types';
import { azureVmSize } from './azureVmSizes';
import { gcpMachineFamily } from './gcpMachineFamilies';
import { gcpMachineType } from './gcpMachineTypes';
import { isHourLike, normaliseUnit } from './units';

const SSD_WORDS = /\b(ssd|premium|ultra|pd-balanced|pd-ssd|hyperdisk|nvme|io[12]|gp[23])\b/i;
const HDD_WORDS = /\b(hdd|standard|archive|cool|cold|nearline|coldline|glacier|backup|snapshot|infrequent)\b/i;
const MEMORY_WORDS = /\b(memory|ram)\b/i;
/** A Google Compute SKU priced per core (vCPU) hour; not a GPU, sole-tenancy premium or license. */
const GCP_CORE_SKU = /\b(core|vcpu)\b/i;
const GCP_NOT_CORES = /\b(gpu|premium|licen[cs]e|licensing)\b/i;
const TRANSFER_WORDS = /\b(egress|transfer|outbound|data out|internet)\b/i;

function storageMediaOf(text: string): StorageMedia | undefined {
  return SSD_WORDS.test(text) ? 'ssd' : HDD_WORDS.test(text) ? 'hdd' : undefined;
}

/** FOCUS ServiceCategory values, case-insensitive, spaces ignored. */
function categoryKey(serviceCategory: string | undefined): string {
  return (serviceCategory ?? '').toLowerCase().replace(/\s+/g, '');
}

const COMPUTE_LIKE = new Set(['compute', 'databases', 'aiandmachinelearning', 'analytics', 'containers', 'web']);

function categoryOf(serviceCategory: string, unit: NormalisedUnit, text: string): [UsageCategory, string] {
  const storageUnit = unit === 'gb-months';
  if (isHourLike(unit) && COMPUTE_LIKE.has(serviceCategory)) {
    return [/\bgpu\b/i.test(text) ? 'gpu' : 'compute', 'service-category-hours'];
  }
  if (unit === 'gb-seconds' && COMPUTE_LIKE.has(serviceCategory)) {
    return ['compute', 'service-category-gb-seconds'];
  }
  if (unit === 'gb-hours') {
    if (serviceCategory === 'storage') {
      return ['storage', 'service-category-gb-hours'];
    }
    if (COMPUTE_LIKE.has(serviceCategory) || MEMORY_WORDS.test(text)) {
      return ['memory', 'service-category-gb-hours'];
    }
  }
  if (storageUnit && (serviceCategory === 'storage' || COMPUTE_LIKE.has(serviceCategory))) {
    return ['storage', 'service-category-gb-months'];
  }
  if (unit === 'gb' && (serviceCategory === 'networking' || TRANSFER_WORDS.test(text))) {
    return ['networking', 'service-category-gb'];
  }
  return ['unknown', 'service-category-not-estimable'];
}

export function classifyOtherCloud(row: UsageRow, cloud: CloudFamily): UsageClassification {
  const service = row.service ?? '';
  const usageType = row.usageType ?? '';
  const rawUnit = row.unit ?? '';
  const normalised = normaliseUnit(rawUnit);
  const text = `${service} ${usageType}`;
  // Google bills machine cores per vCPU-hour ("N2 Instance Core running in Belgium"): the amount
  // is vCPU-hours whatever the machine type.
  const coreHours =
    cloud === 'gcp' && normalised.unit === 'hours' && GCP_CORE_SKU.test(usageType) && !GCP_NOT_CORES.test(usageType);
  const unit = coreHours ? 'vcpu-hours' : normalised.unit;
  const multiplier = normalised.multiplier;
  const [category, reason] = categoryOf(categoryKey(row.serviceCategory), unit, text);
  // A VM size the bill names gives vCPUs, memory and embodied emissions the row may not carry.
  const size =
    cloud === 'azure' && (category === 'compute' || category === 'gpu')
      ? azureVmSize(row.instanceType, usageType, service)
      : undefined;
  // A GCP machine type the line names gives vCPUs and memory per machine-hour.
  const machine =
    cloud === 'gcp' && (category === 'compute' || category === 'gpu')
      ? gcpMachineType(row.instanceType, usageType)
      : undefined;
  const rowVCpus = row.vCpus && row.vCpus > 0 ? row.vCpus : undefined;
  // A core-hour holds 1 / platform vCPUs of its family's host (SCI's RR / ToR).
  const gcpFamily = coreHours ? gcpMachineFamily(usageType) : undefined;
  const embodied =
    size?.embodiedKg && size.seriesMaxVCpus
      ? { kg: size.embodiedKg, share: size.vCpus / size.seriesMaxVCpus }
      : gcpFamily
        ? { kg: gcpFamily.embodiedKg, share: 1 / gcpFamily.platformVCpus }
        : undefined;
  return {
    category,
    reason,
    cloud,
    region: row.region ?? '',
    regionSource: row.region ? 'row' : 'none',
    service,
    usageType,
    rawUnit,
    usageTypePrefix: '',
    usageTypeWithoutRegion: usageType,
    usageFamily: usageType,
    instanceType: row.instanceType || size?.name || machine?.name,
    instancePrefix: '',
    instanceFamily: undefined,
    instanceSize: undefined,
    instanceVCpus: rowVCpus ?? size?.vCpus ?? machine?.vCpus,
    instanceMemoryGb: size?.memoryGb ?? machine?.memoryGb,
    ...(embodied ? { embodied } : {}),
    gpusPerInstance: 0,
    burstable: false,
    unit,
    unitMultiplier: multiplier,
    byteHours: false,
    storageMedia: category === 'storage' ? storageMediaOf(text) : undefined,
    replicationFactor: 1,
    ccfRoute: 'not-aws',
    ccfUnit: '',
  };
}
