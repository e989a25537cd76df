/**
 * The `ccf` methodology for lines of clouds CCF has no estimator for (Oracle, others); Azure and
 * Google Cloud lines go through CCF's own Azure and GCP rules (azureUsage.ts, gcpUsage.ts).
 *
 * These lines get CCF's core formulas with the coefficients CCF uses for every provider (SSD 1.2
 * and HDD 0.65 Wh/TBh, memory 0.000392 kWh/GBh, networking 0.001 kWh/GB, 50% utilisation of
 * CCF's unknown-processor watts), CCF's AWS PUE and CCF's AWS average grid factor (CCF has no
 * tables for them; the dated factors and PUE of grid-intensity.json and pue.json are greenops').
 * Storage of unknown medium counts as SSD, as CCF does for services it cannot tell. Lines without
 * an estimable quantity get the batch's kWh per cost of known lines with the same normalised unit
 * (any cloud), as CCF's unknown-usage estimator does per pricing unit.
 */
import type { UsageClassification } from '../classify/types';
import type { UsageRow } from '../usage';
import { daysInUtcMonth } from './calendar';
import {
  HDD_WH_PER_TBH,
  MEMORY_KWH_PER_GBH,
  NETWORKING_KWH_PER_GB,
  PUE as AWS_PUE,
  SSD_WH_PER_TBH,
  UNKNOWN_PROCESSOR_WATTS,
  UNKNOWN_REGION_FACTOR,
} from './coefficients';
import type { EstimateParts } from './rowEstimate';

/** Oracle prices OCPUs: one physical core, two hardware threads on x86. */
const VCPUS_PER_OCPU = 2;

/** CCF has no factor for these clouds' regions: its AWS average (t/kWh). */
export const otherCloudTonnesPerKWh = (_c: UsageClassification): number => UNKNOWN_REGION_FACTOR;

/** CCF has no PUE for these clouds: its AWS PUE. */
export const otherCloudPue = (_c: UsageClassification): number => AWS_PUE;

function vCpuHoursOf(row: UsageRow, c: UsageClassification): number {
  const amount = row.amount * c.unitMultiplier;
  switch (c.unit) {
    case 'vcpu-hours':
      return amount;
    case 'ocpu-hours':
      return amount * VCPUS_PER_OCPU;
    case 'hours':
      return c.instanceVCpus ? amount * c.instanceVCpus : NaN;
    default:
      return NaN;
  }
}

/**
 * Estimates a known non-AWS line into `out`; false when the line has to go to the unknown-usage
 * pass (no vCPU count, no estimable unit). `ef` and `pue` from the helpers above.
 */
export function estimateOtherCloudUsage(
  row: UsageRow,
  c: UsageClassification,
  out: EstimateParts,
  ef: number,
  pue: number
): boolean {
  const amount = row.amount * c.unitMultiplier;
  let kWh: number;
  switch (c.category) {
    case 'compute':
    case 'gpu': {
      const vch = vCpuHoursOf(row, c);
      if (!Number.isFinite(vch)) {
        return false;
      }
      kWh = (UNKNOWN_PROCESSOR_WATTS * vch * pue) / 1000;
      out.compute = kWh;
      out.vCpuHours = vch;
      break;
    }
    case 'memory':
      if (c.unit !== 'gb-hours') {
        return false;
      }
      kWh = amount * MEMORY_KWH_PER_GBH * pue;
      out.memory = kWh;
      break;
    case 'storage': {
      const days = daysInUtcMonth(row.start, 30.42);
      const terabyteHours = c.unit === 'gb-hours' ? amount / 1000 : (amount / 1000) * (24 * days);
      kWh = (terabyteHours * (c.storageMedia === 'hdd' ? HDD_WH_PER_TBH : SSD_WH_PER_TBH) * pue) / 1000;
      out.storage = kWh;
      out.gbMonths = c.unit === 'gb-months' ? amount : amount / (24 * days);
      break;
    }
    case 'networking':
      kWh = amount * NETWORKING_KWH_PER_GB * pue;
      out.networking = kWh;
      break;
    default:
      return false;
  }
  out.kWh = kWh;
  out.setOperational(kWh * ef);
  return true;
}
