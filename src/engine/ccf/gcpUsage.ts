/**
 * The `ccf` methodology on Google Cloud lines: CCF's GCP estimator (cloud-carbon-footprint
 * packages/gcp at b7a049c, BillingExportTable.getEstimateByUsageUnit and getEstimateForUnknownUsage)
 * per row, over the line's CcfGcpProfile:
 * - compute (seconds, SKU naming cores/vCPUs/GPUs): W × vCPU-hours × PUE × RF / 1000, W at 50 % of
 *   GCP's min/max per microarchitecture; embodied CO2e of a named machine type, added to kWh as
 *   "embodied kWh" (CO2e / factor) as CCF does
 * - memory (byte-seconds, SKU naming RAM/Memory): GiB-hours × 0.000392 × PUE (no RF)
 * - storage (other byte-seconds): TiB-hours × (1.2 SSD | 0.65 Wh) × PUE × RF / 1000
 * - networking (bytes, egress): GiB × 0.001 × PUE
 * - unknown: the batch's kWh per amount of the same CCF unit (EstimateUnknownUsageBy.USAGE_AMOUNT)
 */
import type { UsageRow } from '../usage';
import { daysInUtcMonth } from './calendar';
import {
  GCP_HDD_WH_PER_TBH,
  GCP_MEMORY_KWH_PER_GBH,
  GCP_NETWORKING_KWH_PER_GB,
  GCP_SSD_WH_PER_TBH,
  type CcfGcpProfile,
} from './gcpProfile';
import type { KilowattHoursByUnit } from './kilowattHoursByUnit';
import type { EstimateParts } from './rowEstimate';

const GIB = 1073741824;
const TIB = 1099511627776;

/** The row's amount in CCF's unit (seconds, byte-seconds, bytes). */
export const gcpCcfAmount = (row: UsageRow, amount: number, p: CcfGcpProfile): number =>
  p.ccfAmount(amount, daysInUtcMonth(row.start, 30.42));

/** Estimates a known GCP row into `out` and adds it to `totals`; false when it waits for the unknown-usage pass. */
export function estimateGcpUsage(
  row: UsageRow,
  amount: number,
  p: CcfGcpProfile,
  out: EstimateParts,
  totals: KilowattHoursByUnit
): boolean {
  const ccfAmount = gcpCcfAmount(row, amount, p);
  const ef = p.tonnesPerKWh;
  switch (p.route) {
    case 'unknown':
      return false;
    case 'unsupported':
      return true;
    case 'compute': {
      const hours = ccfAmount / 3600;
      const vCpuHours = hours * p.vCpusPerHour;
      const kWh = (p.watts * vCpuHours * p.pue * p.rf) / 1000;
      const embodiedTonnes = p.embodiedTonnesPerSecondHour * hours;
      out.compute = kWh;
      out.vCpuHours = vCpuHours;
      out.kWh = kWh + embodiedTonnes / ef;
      out.operationalTonnes = kWh * ef;
      out.embodiedTonnes = embodiedTonnes;
      out.totalTonnes = out.operationalTonnes + embodiedTonnes;
      totals.add(p.unit, kWh, ccfAmount);
      return true;
    }
    case 'memory':
      out.memory = out.kWh = (ccfAmount / GIB / 3600) * GCP_MEMORY_KWH_PER_GBH * p.pue;
      break;
    case 'storage':
      out.storage = out.kWh =
        ((ccfAmount / TIB / 3600) * (p.ssd ? GCP_SSD_WH_PER_TBH : GCP_HDD_WH_PER_TBH) * p.pue * p.rf) / 1000;
      break;
    case 'networking':
      out.networking = out.kWh = (ccfAmount / GIB) * GCP_NETWORKING_KWH_PER_GB * p.pue;
      break;
  }
  out.setOperational(out.kWh * ef);
  totals.add(p.unit, out.kWh, ccfAmount);
  return true;
}
