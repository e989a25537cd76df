/**
 * CCF's estimate for an AWS line it knows (CostAndUsageReports.getEstimateByUsageUnit of
 * @cloud-carbon-footprint/aws@0.15.0 with core@0.17.3's estimators): the same arithmetic in the
 * same order, so results match CCF's to the last bit or nearly.
 */
import type { UsageRow } from '../usage';
import type { UsageClassification } from '../classify/types';
import { type CcfAwsProfile, StorageConversion, VCpuRule } from './awsProfile';
import { daysInUtcMonth } from './calendar';
import { MEMORY_KWH_PER_GBH, NETWORKING_KWH_PER_GB, PUE, SERVER_LIFESPAN_HOURS } from './coefficients';
import type { EstimateParts } from './rowEstimate';

/** Where a line adds its kWh and cost for CCF's unknown-usage ratio (the line's pricing unit). */
export interface PricingUnitTotals {
  addToPricingUnit(kWh: number, cost: number): void;
}

/** CCF's average days per month when the timestamp is invalid (common unitConversion.ts). */
const AVERAGE_DAYS_PER_MONTH = 30.42;
const BYTES_PER_TB = 1099511627776;

function vCpuHours(row: UsageRow, p: CcfAwsProfile, amount: number): number {
  switch (p.vCpuRule) {
    case VCpuRule.Glue:
      return 4 * amount;
    case VCpuRule.SimpleDb:
      return 1 * amount;
    case VCpuRule.AuroraServerless:
      return amount / 4;
    case VCpuRule.AsIs:
      return amount;
    case VCpuRule.Burstable:
      return p.tableVCpus * amount;
    default:
      return row.vCpus ? row.vCpus * amount : p.tableVCpus * amount;
  }
}

/**
 * CPU (+GPU) energy into `out` (compute, gpu, vCpuHours, kWh, totalTonnes) as CCF's
 * AWSComputeEstimatesBuilder adds them up (CPU and GPU CO2e computed separately, then summed).
 */
function compute(out: EstimateParts, p: CcfAwsProfile, vch: number, amount: number, ef: number): void {
  const rf = p.replicationFactor;
  const cpuKWh = (p.cpuWatts * vch * PUE * rf) / 1000;
  out.compute = cpuKWh;
  out.vCpuHours = vch;
  if (!p.isGpuInstance) {
    out.kWh = cpuKWh;
    out.setOperational(cpuKWh * ef);
    return;
  }
  const gpuHours = p.gpusPerInstance * amount || 0;
  const gpuKWh = (p.gpuWatts * gpuHours * PUE * rf) / 1000;
  out.gpu = gpuKWh;
  out.kWh = cpuKWh + gpuKWh;
  out.setOperational(cpuKWh * ef + gpuKWh * ef);
}

function instanceHours(
  row: UsageRow,
  p: CcfAwsProfile,
  ef: number,
  out: EstimateParts,
  totals: PricingUnitTotals
): void {
  const amount = p.amountPerHour ? row.amount / 3600 : row.amount;
  compute(out, p, vCpuHours(row, p, amount), amount, ef);
  const computeKWh = out.kWh;
  const computeTonnes = out.totalTonnes;
  if (Number.isNaN(computeKWh)) {
    // CCF: "Could not estimate compute usage": 0 kWh, NaN CO2e, nothing accumulated.
    out.compute = out.gpu = out.kWh = 0;
    out.setOperational(NaN);
    return;
  }
  const memoryKWh = p.memoryGbPerHour * amount * MEMORY_KWH_PER_GBH * PUE * p.replicationFactor;
  const memoryTonnes = memoryKWh * ef;
  let embodiedTonnes = 0;
  let embodiedKWh = 0;
  if (p.embodiedVCpus) {
    const usageTimePeriod = amount / p.embodiedVCpus;
    embodiedTonnes =
      p.embodiedTonnes * (usageTimePeriod / SERVER_LIFESPAN_HOURS) * (p.embodiedVCpus / p.embodiedLargestVCpus);
    // CCF's estimateKwh: it reports embodied CO2e as if it were grid electricity.
    embodiedKWh = embodiedTonnes / ef;
  }
  if (memoryTonnes || embodiedTonnes) {
    out.memory = memoryKWh;
    out.kWh = computeKWh + memoryKWh + embodiedKWh;
    out.operationalTonnes = computeTonnes + memoryTonnes;
    out.embodiedTonnes = embodiedTonnes;
    out.totalTonnes = computeTonnes + memoryTonnes + embodiedTonnes;
  }
  totals.addToPricingUnit(out.kWh, row.cost);
}

function functionSeconds(row: UsageRow, p: CcfAwsProfile, ef: number, out: EstimateParts): void {
  // CCF reads Lambda GB-seconds (or seconds) as vCPU-seconds; nothing is accumulated for unknowns.
  compute(out, p, row.amount / 3600, row.amount, ef);
}

function storage(
  row: UsageRow,
  c: UsageClassification,
  p: CcfAwsProfile,
  ef: number,
  out: EstimateParts,
  totals: PricingUnitTotals
): void {
  const days = daysInUtcMonth(row.start, AVERAGE_DAYS_PER_MONTH);
  const terabyteHours =
    p.storageConversion === StorageConversion.Bytes
      ? row.amount / BYTES_PER_TB
      : p.storageConversion === StorageConversion.GbHours
        ? row.amount / 1000
        : (row.amount / 1000) * (24 * days);
  const kWh = (terabyteHours * p.storageWhPerTbh * PUE * p.replicationFactor) / 1000;
  const tonnes = kWh * ef;
  if (c.category === 'memory') {
    out.memory = kWh; // Fargate memory, which CCF estimates as SSD storage
  } else {
    out.storage = kWh;
  }
  out.kWh = kWh;
  out.gbMonths = c.unit === 'gb-months' ? row.amount * c.unitMultiplier : 0;
  out.setOperational(tonnes);
  totals.addToPricingUnit(kWh, row.cost);
}

function networking(row: UsageRow, p: CcfAwsProfile, ef: number, out: EstimateParts, totals: PricingUnitTotals): void {
  const kWh = row.amount * NETWORKING_KWH_PER_GB * PUE;
  out.networking = kWh;
  out.kWh = kWh;
  out.setOperational(kWh * ef);
  totals.addToPricingUnit(kWh, row.cost);
}

/**
 * Estimates a line CCF routes to compute, Lambda, storage or networking into `out` (reset). Returns
 * false for other routes (nothing estimated). `ef`: tonnesPerKWh(row.region); `totals`: CCF's kWh and
 * cost of the line's pricing unit.
 */
export function estimateKnownAwsUsage(
  row: UsageRow,
  c: UsageClassification,
  p: CcfAwsProfile,
  ef: number,
  out: EstimateParts,
  totals: PricingUnitTotals
): boolean {
  switch (p.route) {
    case 'compute':
      instanceHours(row, p, ef, out, totals);
      return true;
    case 'lambda':
      functionSeconds(row, p, ef, out);
      return true;
    case 'storage-ssd':
    case 'storage-hdd':
      storage(row, c, p, ef, out, totals);
      return true;
    case 'networking':
      networking(row, p, ef, out, totals);
      return true;
    default:
      return false;
  }
}
