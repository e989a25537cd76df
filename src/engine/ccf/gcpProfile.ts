/**
 * What CCF's GCP estimator (cloud-carbon-footprint packages/gcp at b7a049c, BillingExportTable.ts
 * and BillingExportRow.ts) derives from a line's description, once per line: the route, GCP's
 * watts for the machine type's microarchitectures, the region's GCP PUE and CCF GCP grid factor,
 * the replication factor and the machine type's embodied emissions. Tables: data/ccf/gcp.json
 * (scripts/generate-ccf-gcp-coefficients.mjs).
 *
 * CCF reads BigQuery billing-export rows in seconds, byte-seconds, bytes or requests; our rows come
 * normalised (vCPU-hours, GB-hours, GB-months, GB), so they are turned back into those units
 * (`ccfAmountPerUnit`): 1 GB (10^9 bytes) of our amount is 10^9 bytes, which CCF then reads in
 * binary units as it does (bytes / 2^30), so a GiB billed stays one CCF "GB".
 */
import type { UsageClassification } from '../classify/types';
import gcp from '../data/ccf/gcp.json';
import { ccfWatts } from './coefficients';

const K = gcp.constants;
const T = gcp.usageTypes;
const M = gcp.machineTypes;
type Row = Array<string | number>;
const MIN_WATTS: Record<string, number | undefined> = K.minWattsByProcessor;
const MAX_WATTS: Record<string, number | undefined> = K.maxWattsByProcessor;
const PUE_BY_REGION: Record<string, number | undefined> = K.pueByRegion;
const EF: Record<string, number | undefined> = gcp.emissionFactors.tonnesPerKWh;
const PROCESSORS: Record<string, string[] | undefined> = M.processorsByPrefix;
const FAMILIES: Record<string, Row[] | undefined> = M.families;
const SHARED_FAMILIES: Record<string, Row[] | undefined> = M.sharedCoreFamilies;
const N1_SHARED: Row[] = M.n1SharedCore;
const RF = K.replicationFactors;
/** common's Config defaults (GCP_VCPUS_PER_GKE_CLUSTER, GCP_VCPUS_PER_CLOUD_COMPOSER_ENVIRONMENT). */
const VCPUS_PER_GKE_CLUSTER = 3;
const VCPUS_PER_COMPOSER_ENVIRONMENT = 14;
const BYTES_PER_GB = 1e9;
const SECONDS_PER_HOUR = 3600;

export const GCP_MEMORY_KWH_PER_GBH: number = K.memoryKWhPerGbHour;
export const GCP_NETWORKING_KWH_PER_GB: number = K.networkingKWhPerGb;
export const GCP_SSD_WH_PER_TBH: number = K.ssdWhPerTbHour;
export const GCP_HDD_WH_PER_TBH: number = K.hddWhPerTbHour;
export const GCP_LIFESPAN_HOURS: number = K.serverLifespanHours;

/** common's containsAny: whole-word match of any of the strings. */
function matcher(words: readonly string[]): (text: string) => boolean {
  const patterns = words.map((w) => new RegExp(`\\b${w}\\b`));
  return (text) => patterns.some((p) => p.test(text));
}
const isUnknownType = matcher(T.unknownUsageTypes);
const isUnknownService = matcher(T.unknownServices);
const isUnknownUnit = matcher(T.unknownUnits);
const isUnsupported = matcher(T.unsupportedUsageTypes);
const isCompute = matcher(T.compute);
const isMemory = matcher(T.memory);
const isNetworking = matcher(T.networking);
const hasUnknownUnitService = matcher(T.servicesWithUnknownUnit);
const isSnapshotOrImage = matcher(['Snapshot', 'Image']);

export type GcpRoute = 'compute' | 'memory' | 'storage' | 'networking' | 'unknown' | 'unsupported';

/** CCF's usage unit for our normalised unit, and the factor from our amount to it. */
function ccfUnitOf(c: UsageClassification, days: number): [string, number] {
  switch (c.unit) {
    case 'vcpu-hours':
      return ['seconds', SECONDS_PER_HOUR];
    case 'hours':
      // A machine-hour of a known machine type is its vCPUs' core-hours (CCF only sees core-seconds).
      return ['seconds', SECONDS_PER_HOUR * (c.instanceVCpus ?? 1)];
    case 'seconds':
      return ['seconds', 1];
    case 'gb-hours':
      return ['byte-seconds', BYTES_PER_GB * SECONDS_PER_HOUR];
    case 'gb-months':
      return ['byte-seconds', BYTES_PER_GB * SECONDS_PER_HOUR * 24 * days];
    case 'gb-seconds':
      return ['byte-seconds', BYTES_PER_GB];
    case 'gb':
      return ['bytes', BYTES_PER_GB];
    case 'requests':
      return ['requests', 1];
    default:
      return [c.rawUnit, 1]; // a unit CCF's query leaves out: unknown usage
  }
}

/** GCP_REPLICATION_FACTORS_FOR_SERVICES (ReplicationFactors.ts); 1 where CCF has none. */
function replicationFactor(service: string, usageType: string, region: string): number {
  switch (service) {
    case 'Cloud Storage':
      return usageType.includes('Dual-region')
        ? RF.CLOUD_STORAGE_DUAL_REGION
        : usageType.includes('Multi-region')
          ? RF.CLOUD_STORAGE_MULTI_REGION
          : RF.CLOUD_STORAGE_SINGLE_REGION;
    case 'Compute Engine':
      if (usageType.includes('Regional')) {
        return RF.COMPUTE_ENGINE_REGIONAL_DISKS;
      }
      if (isSnapshotOrImage(usageType)) {
        return gcp.regions.multi.includes(region)
          ? RF.CLOUD_STORAGE_MULTI_REGION
          : gcp.regions.dual.includes(region)
            ? RF.CLOUD_STORAGE_DUAL_REGION
            : RF.CLOUD_STORAGE_SINGLE_REGION;
      }
      return RF.DEFAULT;
    case 'Cloud Filestore':
      return RF.CLOUD_FILESTORE;
    case 'Cloud SQL':
      return usageType.includes('Regional - Standard storage') || usageType.includes('HA')
        ? RF.CLOUD_SQL_HIGH_AVAILABILITY
        : RF.DEFAULT;
    case 'Cloud Memorystore for Redis':
      return usageType.includes('Standard') ? RF.CLOUD_MEMORY_STORE_REDIS : RF.DEFAULT;
    case 'Cloud Spanner':
      return usageType.includes('Regional')
        ? RF.CLOUD_SPANNER_SINGLE_REGION
        : usageType.includes('Multi-Region')
          ? RF.CLOUD_SPANNER_MULTI_REGION
          : RF.DEFAULT;
    case 'Kubernetes Engine':
      return usageType.includes('Clusters') && (usageType.includes('Regional') || usageType.includes('Autopilot'))
        ? RF.KUBERNETES_ENGINE
        : RF.DEFAULT;
    case 'Cloud Composer':
      return usageType.includes('Storage') || usageType.includes('storage')
        ? RF.CLOUD_STORAGE_SINGLE_REGION
        : RF.DEFAULT;
    default:
      return 1;
  }
}

/** getComputeProcessorsFromMachineType: a shared-core type, else the first two letters (so n2d reads as n2). */
function processorsOf(machineType: string | undefined): string[] {
  const shared = machineType ? M.sharedCore.find((core) => machineType.includes(core)) : undefined;
  const key = shared ?? machineType?.substring(0, 2).toLowerCase();
  return (key && PROCESSORS[key]) || ['Unknown'];
}

/** getDataFromMachineType: embodied t per instance-hour; 0 when CCF finds no vCPUs or emissions. */
function embodiedTonnesPerInstanceHour(machineType: string | undefined): { perHour: number; vCpus: number } {
  if (!machineType) {
    return { perHour: 0, vCpus: 0 };
  }
  const family = machineType.split('-').slice(0, 2).join('-');
  const first = machineType.split('-')[0];
  const rows = FAMILIES[family] ?? SHARED_FAMILIES[first] ?? N1_SHARED;
  const find = (list: Row[] | undefined) => list?.find((r) => r[0] === machineType);
  const match = find(FAMILIES[family]) ?? find(SHARED_FAMILIES[first]) ?? find(N1_SHARED);
  const vCpus = match?.[1] as number | undefined;
  const tonnes = match?.[2] as number | undefined;
  const largest = rows[rows.length - 1][1] as number;
  if (!vCpus || !tonnes) {
    return { perHour: 0, vCpus: 0 };
  }
  // t × (instance-hours / lifespan) × vCPUs / largest, per instance-hour
  return { perHour: (tonnes / GCP_LIFESPAN_HOURS) * (vCpus / largest), vCpus };
}

/** A machine type the row names (`n2-standard-8`, `e2-medium`), else the SKU's family word (`N2 Instance Core` → `n2`). */
function machineTypeOf(c: UsageClassification): { type: string | undefined; named: boolean } {
  if (c.instanceType && /^[a-z]\d+[a-z]?-[a-z0-9-]+$/i.test(c.instanceType)) {
    return { type: c.instanceType.toLowerCase(), named: true };
  }
  const word = c.usageType.split(/\s+/).find((w) => /^[a-z]\d+[a-z]?$/i.test(w));
  return { type: word?.toLowerCase(), named: false };
}

export class CcfGcpProfile {
  readonly route: GcpRoute;
  readonly unit: string;
  readonly region: string;
  readonly pue: number;
  readonly tonnesPerKWh: number;
  readonly rf: number;
  /** CCF amount (seconds, byte-seconds, bytes) per unit of our normalised amount, for a row of `days`-day months. */
  private readonly unitFactor: (days: number) => number;
  /** Compute: W per vCPU (or per GPU) at CCF's 50 %, and vCPU-hours per CCF hour (GKE, Composer). */
  readonly watts: number = 0;
  readonly vCpusPerHour: number = 1;
  /** Embodied t per hour of the row's seconds (CCF: t × (seconds / vCPUs / 3600) / lifespan × vCPUs / largest). */
  readonly embodiedTonnesPerSecondHour: number = 0;
  readonly ssd: boolean = false;

  constructor(c: UsageClassification) {
    this.region = c.region || 'Unknown';
    this.pue = PUE_BY_REGION[this.region] || K.pueAverage;
    this.tonnesPerKWh = EF[this.region] || EF.Unknown!;
    const usageType = c.usageType;
    const [unit] = ccfUnitOf(c, 30);
    this.unit = hasUnknownUnitService(c.service) ? 'Unknown' : unit;
    this.unitFactor = (days) => ccfUnitOf(c, days)[1];
    this.rf = replicationFactor(c.service, usageType, this.region) || 1;
    if (isUnsupported(usageType)) {
      this.route = 'unsupported';
    } else if (
      isUnknownType(usageType) ||
      isUnknownService(c.service) ||
      isUnknownUnit(this.unit) ||
      !usageType ||
      !['seconds', 'byte-seconds', 'bytes'].includes(this.unit)
    ) {
      this.route = 'unknown';
    } else if (this.unit === 'seconds') {
      const gpu = usageType.includes('GPU');
      const gke = usageType.includes('Kubernetes Clusters');
      const composer = /Cloud Composer (Compute CPUs|vCPU|SQL vCPU)/.test(usageType);
      const machine = gke || composer ? { type: 'e2-medium', named: true } : machineTypeOf(c);
      // CCF routes by SKU words; a machine-hour row naming a known machine type is compute too.
      const machineHours = c.unit === 'hours' && machine.named && c.instanceVCpus !== undefined;
      this.route = isCompute(usageType) || machineHours ? 'compute' : 'unknown';
      const processors = gpu ? this.gpusOf(usageType) : processorsOf(machine.type);
      const min = ccfWatts(processors, MIN_WATTS, K.minWattsMedian);
      const max = ccfWatts(processors, MAX_WATTS, K.maxWattsMedian);
      this.watts = min + (K.averageCpuUtilisationPercent / 100) * (max - min);
      this.vCpusPerHour = gpu ? 1 : gke ? VCPUS_PER_GKE_CLUSTER : composer ? VCPUS_PER_COMPOSER_ENVIRONMENT : 1;
      // Embodied from a named machine type only (CCF: the billing export's machine_spec label).
      const embodied = machine.named ? embodiedTonnesPerInstanceHour(machine.type) : { perHour: 0, vCpus: 0 };
      this.embodiedTonnesPerSecondHour = embodied.vCpus ? embodied.perHour / embodied.vCpus : 0;
    } else if (this.unit === 'byte-seconds') {
      this.route = isMemory(usageType) && !isCompute(usageType) ? 'memory' : 'storage';
      this.ssd = usageType.includes('SSD');
    } else {
      this.route = isNetworking(usageType) ? 'networking' : 'unknown';
    }
  }

  /** The row's amount in CCF's unit. */
  ccfAmount(amount: number, days: number): number {
    return amount * this.unitFactor(days);
  }

  private gpusOf(usageType: string): string[] {
    const matching = M.gpus.filter((g) => usageType.startsWith(g));
    return matching.length ? matching : M.gpus;
  }
}
