/**
 * The `ccf` methodology on Azure lines: CCF's Azure estimator (@cloud-carbon-footprint/azure@1.8.0,
 * ConsumptionManagementService.getEstimateByPricingUnit and getEstimateForUnknownUsage) per row,
 * over the line's CcfAzureProfile. Quirks kept (docs/methodology.md, `ccf`): amounts are read in
 * the unit's own quantity ("10 Hours" is not ×10), storage amounts as GB held for 24 hours, managed
 * disks as one day of the disk's size per row, embodied CO2e added to kWh as "embodied kWh", memory
 * rows of VM units not counted in the unknown-usage totals. Unknown lines get the batch's kWh per
 * usage amount of the same unit (Azure's EstimateUnknownUsageBy.USAGE_AMOUNT; see index.ts).
 */
import type { UsageRow } from '../usage';
import {
  AZURE_MEMORY_KWH_PER_GBH as MEMORY_KWH_PER_GBH,
  AZURE_NETWORKING_KWH_PER_GB as NETWORKING_KWH_PER_GB,
  AZURE_PUE,
  type CcfAzureProfile,
} from './azureProfile';
import type { KilowattHoursByUnit } from './kilowattHoursByUnit';
import type { EstimateParts } from './rowEstimate';

/**
 * Estimates a known Azure row into `out` and adds it to `totals` (per CCF unit, by amount); false
 * when the row waits for the unknown-usage pass.
 */
export function estimateAzureUsage(
  row: UsageRow,
  p: CcfAzureProfile,
  out: EstimateParts,
  totals: KilowattHoursByUnit
): boolean {
  const amount = row.amount * p.amountFactor;
  const ef = p.tonnesPerKWh;
  switch (p.route) {
    case 'unknown':
      return false;
    case 'unsupported':
    case 'zero':
      return true;
    case 'compute': {
      const memoryKWh = p.memoryGbPerHour * amount * MEMORY_KWH_PER_GBH * AZURE_PUE * p.rf || 0;
      if (p.memoryOnly) {
        out.memory = out.kWh = memoryKWh;
        out.setOperational(memoryKWh * ef);
        return true;
      }
      const cpuKWh = (p.cpuWatts * amount * p.vCpus * AZURE_PUE * p.rf) / 1000;
      const gpuKWh = (p.gpuWatts * amount * AZURE_PUE * p.rf) / 1000;
      const embodiedTonnes = p.embodiedTonnesPerHour * amount;
      out.compute = cpuKWh;
      out.gpu = gpuKWh;
      out.memory = memoryKWh;
      out.vCpuHours = amount * p.vCpus;
      out.kWh = cpuKWh + gpuKWh + memoryKWh + embodiedTonnes / ef;
      out.operationalTonnes = (cpuKWh + gpuKWh) * ef + memoryKWh * ef;
      out.embodiedTonnes = embodiedTonnes;
      out.totalTonnes = out.operationalTonnes + embodiedTonnes;
      break;
    }
    case 'storage': {
      const tbh = p.terabyteHoursPerRow || p.terabyteHoursPerAmount * amount;
      out.storage = out.kWh = (tbh * p.storageWhPerTbh * AZURE_PUE * p.rf) / 1000;
      out.setOperational(out.kWh * ef);
      break;
    }
    case 'networking':
      out.networking = out.kWh = amount * p.gigabytesPerAmount * NETWORKING_KWH_PER_GB * AZURE_PUE;
      out.setOperational(out.kWh * ef);
      break;
    case 'memory':
      out.memory = out.kWh = p.memoryGbPerHour * amount * MEMORY_KWH_PER_GBH * AZURE_PUE * p.rf;
      out.setOperational(out.kWh * ef);
      break;
  }
  totals.add(p.unit, out.kWh, amount);
  return true;
}
