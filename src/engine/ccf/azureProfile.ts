/**
 * What CCF's Azure estimator (@cloud-carbon-footprint/azure@1.8.0, ConsumptionManagement.ts and
 * ConsumptionDetailRow.ts) derives from a line's description, worked out once per line: the route
 * (compute, storage, networking, memory, unknown, unsupported), the VM size's vCPUs, watts, memory
 * above SPECpower and embodied emissions, the replication factor, region and emission factor.
 * Tables: data/ccf/azure.json (scripts/generate-ccf-azure-coefficients.mjs).
 */
import { azureVmSize } from '../classify/azureVmSizes';
import type { UsageClassification } from '../classify/types';
import azure from '../data/ccf/azure.json';
import { ccfAverage, ccfWatts } from './coefficients';

const K = azure.constants;
const T = azure.usageTypes;
type Row = Array<string | number>;
const SERIES: Record<string, Row[]> = azure.vmSizes.series;
const VCPU_MEMORY: Record<string, number[] | undefined> = azure.vmSizes.vCpuMemory;
const CONSTRAINED: Record<string, number[] | undefined> = azure.vmSizes.constrainedVCpu;
const PROCESSORS: Record<string, string[] | undefined> = azure.vmSizes.processors;
const GPUS: Record<string, number | undefined> = azure.vmSizes.gpus;
const GPU_PROCESSORS: Record<string, string[] | undefined> = azure.vmSizes.gpuProcessors;
const MIN_WATTS: Record<string, number | undefined> = K.minWattsByProcessor;
const MAX_WATTS: Record<string, number | undefined> = K.maxWattsByProcessor;
const GB_PER_CHIP: Record<string, number | undefined> = K.memoryGbPerChipByProcessor;
const EF: Record<string, number | undefined> = azure.emissionFactors.tonnesPerKWh;
const RF = K.replicationFactors;
const SSD_DISKS: Record<string, number | undefined> = T.ssdManagedDisksGb;
const HDD_DISKS: Record<string, number | undefined> = T.hddManagedDisksGb;
const REGISTRY: Record<string, number | undefined> = T.containerRegistryGb;
const CACHE: Record<string, number | undefined> = T.cacheMemoryGb;

export const AZURE_PUE: number = K.pue;
export const AZURE_UTILISATION: number = K.averageCpuUtilisationPercent;
export const AZURE_MEMORY_KWH_PER_GBH: number = K.memoryKWhPerGbHour;
export const AZURE_NETWORKING_KWH_PER_GB: number = K.networkingKWhPerGb;

/** common's containsAny: a whole-word match of any of the strings (as a regular expression, as CCF builds it). */
function matcher(words: readonly string[]): (text: string) => boolean {
  const patterns = words.map((w) => new RegExp(`\\b${w}\\b`));
  return (text) => patterns.some((p) => p.test(text));
}

const isUnknownService = matcher(T.unknownServices);
const isUnknownUsageType = matcher(T.unknownUsageTypes);
const isUnsupported = matcher(T.unsupportedUsageTypes);
const isKnownUnit = matcher([...T.computeUnits, ...T.storageUnits, ...T.networkingUnits, ...T.memoryUnits]);
const isSsd = matcher([...Object.keys(SSD_DISKS), ...T.storageUsageTypes]);
const isHdd = matcher(Object.keys(HDD_DISKS));
const isManagedDisk = matcher([...Object.keys(SSD_DISKS), ...Object.keys(HDD_DISKS)]);
const isRegistry = matcher(Object.keys(REGISTRY).map((r) => `${r} Registry Unit`));
const isNetworkingType = matcher(T.networkingUsageTypes);
const isMemoryType = matcher(T.memoryUsageTypes);
const isGpu = matcher(Object.keys(GPUS));
const isSqlReplicated = matcher(['Data Stored', 'vCore']);

const REGION_BY_SPELLING = new Map(
  Object.entries(azure.regions.spellings).flatMap(([name, options]) => [
    [name, name] as const,
    ...options.map((o) => [o, name] as const),
  ])
);

/** Our normalised units as CCF's Azure unit strings, for FOCUS rows that spell units their own way. */
const CCF_UNIT_OF: Partial<Record<UsageClassification['unit'], string>> = {
  hours: '1 Hour',
  'gb-months': '1 GB/Month',
  gb: '1 GB',
  'gb-hours': '1 GB Hour',
  'gb-seconds': '1 GB Second',
};

export type AzureRoute = 'compute' | 'storage' | 'networking' | 'memory' | 'unknown' | 'unsupported' | 'zero';

function replicationFactor(service: string, usageType: string): number | undefined {
  switch (service) {
    case 'Storage':
      if (usageType.includes('LRS')) {
        return RF.STORAGE_LRS;
      }
      if (usageType.includes('GZRS')) {
        return RF.STORAGE_GZRS;
      }
      if (usageType.includes('ZRS')) {
        return RF.STORAGE_ZRS;
      }
      if (usageType.includes('GRS')) {
        return RF.STORAGE_GRS;
      }
      return usageType.includes('Disks') ? RF.STORAGE_DISKS : RF.DEFAULT;
    case 'Azure Database for MySQL':
      return RF.DATABASE_MYSQL;
    case 'Azure Cosmos DB':
      return usageType.includes('Data Stored') ? RF.COSMOS_DB : RF.DEFAULT;
    case 'SQL Database':
      return isSqlReplicated(usageType) ? RF.SQL_DB : RF.DEFAULT;
    case 'Redis Cache':
      return RF.REDIS_CACHE;
    default:
      return undefined;
  }
}

const averageWatts = (processors: readonly string[]): number => {
  const min = ccfWatts(processors, MIN_WATTS, K.minWattsAverage);
  const max = ccfWatts(processors, MAX_WATTS, K.maxWattsAverage);
  return min + (AZURE_UTILISATION / 100) * (max - min);
};

/** ConsumptionDetailRow.parseUsageType: ` Spot` removed, else the part before `/`. */
const parseUsageType = (t: string): string => (t.includes('Spot') ? t.replace(' Spot', '') : t.split('/')[0]);

const KNOWN_SIZES = new Set([
  ...Object.values(SERIES).flatMap((rows) => rows.map((r) => String(r[0]))),
  ...Object.keys(VCPU_MEMORY),
  ...Object.keys(CONSTRAINED),
]);

/**
 * The meter name CCF would read. FOCUS rows may carry a charge description instead
 * ("Virtual Machines Dsv3 Series - D4s v3 - US East"): then the VM size the classification found
 * in it (or in the SKU details) is the meter name, as Azure's consumption API would give it.
 */
function meterName(c: UsageClassification): string {
  const parsed = parseUsageType(c.usageType);
  if (KNOWN_SIZES.has(parsed)) {
    return parsed;
  }
  const size = c.unit === 'hours' ? azureVmSize(c.instanceType, c.usageType) : undefined;
  return size && KNOWN_SIZES.has(size.name) ? size.name : parsed;
}

/** The last series listing the size (CCF's loop keeps the last match). */
function seriesOf(usageType: string): Row[] | undefined {
  let found: Row[] | undefined;
  for (const rows of Object.values(SERIES)) {
    if (rows.some((r) => r[0] === usageType)) {
      found = rows;
    }
  }
  return found;
}

/** GB-hours per hour CCF counts for a VM size: memory above SPECpower's GB per chip, by share of the series' last size. */
function memoryGbPerHour(usageType: string, series: Row[] | undefined): number {
  if (T.memoryUsageTypes.includes(usageType)) {
    return usageType.includes('Cache') ? CACHE[usageType.split(' ')[0]]! : 1;
  }
  const size = series?.find((r) => r[0] === usageType);
  const memory = size?.[2] as number | undefined;
  if (!series || !memory) {
    return 0;
  }
  const processors = PROCESSORS[usageType] ?? ['Unknown'];
  const processorMemory = ccfAverage(processors.map((p) => GB_PER_CHIP[p])) || K.memoryGbPerChipAverage;
  const [, largestVCpus, largestMemory] = series[series.length - 1] as number[];
  const perChip = largestMemory / Math.ceil(largestVCpus / 96);
  return perChip - processorMemory > 0 ? (perChip - processorMemory) / (largestMemory / memory) : 0;
}

/**
 * CCF Azure's memory GB per instance-hour of a VM size (CCF's spelling, `D4s v3`): memory above
 * SPECpower's GB per chip of its processors, by its share of the series' last size; 0 when CCF
 * does not list the size's memory.
 */
export const azureMemoryGbPerInstanceHour = (size: string): number =>
  T.memoryUsageTypes.includes(size) ? 0 : memoryGbPerHour(size, seriesOf(size));

export class CcfAzureProfile {
  readonly route: AzureRoute;
  /** CCF's unit string the line is filed under (unknown-usage totals), and the factor from the row's amount to it. */
  readonly unit: string;
  readonly amountFactor: number;
  readonly region: string;
  readonly tonnesPerKWh: number;
  /** Replication factor, 1 where CCF has none. */
  readonly rf: number;
  // compute
  readonly vCpus: number = 1;
  readonly cpuWatts: number = 0;
  /** GPU watts × GPUs per instance; 0 without GPUs. */
  readonly gpuWatts: number = 0;
  readonly memoryGbPerHour: number = 0;
  readonly memoryOnly: boolean = false;
  /** Embodied t per instance-hour (CCF: t × (hours / vCPUs) / lifespan × vCPUs / largest). */
  readonly embodiedTonnesPerHour: number = 0;
  // storage: TBh per unit of amount, or a fixed TBh per row (managed disks, registries), and Wh/TBh
  readonly terabyteHoursPerAmount: number = 0;
  readonly terabyteHoursPerRow: number = 0;
  readonly storageWhPerTbh: number = 0;
  readonly gigabytesPerAmount: number = 0;

  constructor(c: UsageClassification) {
    const usageType = meterName(c);
    const service = c.service;
    const known = isKnownUnit(c.rawUnit);
    this.unit = known ? c.rawUnit : (CCF_UNIT_OF[c.unit] ?? c.rawUnit);
    this.amountFactor = known ? 1 : c.unitMultiplier;
    this.region = REGION_BY_SPELLING.get(c.region) ?? 'Unknown';
    this.tonnesPerKWh = EF[this.region] || EF.Unknown!;
    this.rf = replicationFactor(service, usageType) || 1;
    const unit = this.unit;
    if (isUnsupported(usageType)) {
      this.route = 'unsupported';
    } else if (isUnknownService(service) || isUnknownUsageType(usageType) || !isKnownUnit(unit)) {
      this.route = 'unknown';
    } else if (T.computeUnits.includes(unit)) {
      this.route = 'compute';
      const series = seriesOf(usageType);
      const size = series?.find((r) => r[0] === usageType);
      const constrained = CONSTRAINED[usageType];
      this.vCpus = (size?.[1] as number) || VCPU_MEMORY[usageType]?.[0] || constrained?.[0] || 1;
      this.cpuWatts = averageWatts(PROCESSORS[usageType] ?? ['Unknown']);
      this.gpuWatts = isGpu(usageType)
        ? averageWatts(GPU_PROCESSORS[usageType] ?? ['Unknown']) * (GPUS[usageType] || 1)
        : 0;
      this.memoryGbPerHour = memoryGbPerHour(usageType, series);
      this.memoryOnly = isMemoryType(usageType);
      const instanceVCpus = (size?.[1] as number) || constrained?.[0];
      const tonnes = (size?.[3] as number) || constrained?.[3];
      const largest = series ? (series[series.length - 1][1] as number) : constrained?.[2];
      if (instanceVCpus && tonnes && largest) {
        this.embodiedTonnesPerHour = (tonnes / K.serverLifespanHours) * (1 / largest);
      }
    } else if (T.storageUnits.includes(unit)) {
      this.route = 'storage';
      const ssd = isSsd(usageType);
      const hdd = !ssd && isHdd(usageType);
      this.storageWhPerTbh = ssd ? K.ssdWhPerTbHour : hdd ? K.hddWhPerTbHour : 0;
      if (!ssd && !hdd) {
        this.route = 'zero'; // CCF logs "Unexpected usage type for storage service" and drops the row
      } else if (unit === '1 TB/Month') {
        this.terabyteHoursPerAmount = 24; // CCF: TB × 24, no /1000
      } else if (ssd && isManagedDisk(usageType)) {
        const disk = /(P|E)\d{1,2}/.exec(usageType)?.[0];
        this.terabyteHoursPerRow = ((disk ? SSD_DISKS[disk] : undefined) ?? NaN) * (24 / 1000);
      } else if (hdd && isManagedDisk(usageType)) {
        this.terabyteHoursPerRow = (HDD_DISKS[usageType.replace(/Disks?/, '').trim()] ?? NaN) * (24 / 1000);
      } else if (isRegistry(usageType)) {
        this.terabyteHoursPerRow = (REGISTRY[usageType.replace(' Registry Unit', '')] ?? NaN) * (24 / 1000);
      } else {
        this.terabyteHoursPerAmount = 24 / 1000; // CCF reads the amount as GB held for one day
      }
    } else if (T.networkingUnits.includes(unit)) {
      const networking = isNetworkingType(usageType) && !usageType.includes('To Any');
      this.route = networking ? 'networking' : 'zero';
      this.gigabytesPerAmount = unit.includes('TB') ? 1000 : 1;
    } else if (T.memoryUnits.includes(unit)) {
      this.route = 'memory';
      this.memoryGbPerHour =
        unit === '1 GB Second' || unit === '50000 GB Seconds'
          ? 1 / 3600
          : unit === '1 GB Hour'
            ? 1
            : memoryGbPerHour(usageType, seriesOf(usageType));
    } else {
      this.route = 'zero'; // a unit CCF's switch does not list: 0 kWh
    }
  }
}
