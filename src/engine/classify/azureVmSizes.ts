/**
 * Azure VM sizes (src/engine/data/azure-vm-sizes.json, from CCF's Azure tables): vCPUs, memory
 * and embodied emissions of a size named the way bills name it. Billing spells one size several
 * ways: `Standard_D4s_v3` (SKU details, resource data), `D4s v3` (meter name), with
 * ` Low Priority` or ` Spot` after it, or inside a charge description
 * ("Virtual Machines Dsv3 Series - D4s v3 - US East").
 */
import data from '../data/azure-vm-sizes.json';

export interface AzureVmSize {
  name: string;
  series: string;
  vCpus: number;
  memoryGb: number;
  /** Embodied emissions of the host (kg CO2e) and the largest vCPU count of its series (SCI's ToR). */
  embodiedKg?: number;
  seriesMaxVCpus?: number;
}

const key = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

const BY_NAME = new Map<string, AzureVmSize>(
  Object.entries(data.sizes as Record<string, Omit<AzureVmSize, 'name'>>).map(([name, size]) => [
    key(name),
    { name, ...size },
  ])
);

/** `Standard_D4s_v3` → `d4s v3`; `D4s v3 Low Priority` → `d4s v3`. */
function normalised(text: string): string {
  return key(
    text
      .replace(/^(standard|basic|premium)_/i, '')
      .replace(/_/g, ' ')
      .replace(/\s+(low priority|spot)$/i, '')
  );
}

/** The size a text names: the whole text, or one of its ` - ` / `/`-separated parts. */
export function azureVmSize(...texts: Array<string | undefined>): AzureVmSize | undefined {
  for (const text of texts) {
    if (!text) {
      continue;
    }
    for (const part of [text, ...text.split(/\s+-\s+|\//)]) {
      const size = BY_NAME.get(normalised(part));
      if (size) {
        return size;
      }
    }
  }
  return undefined;
}
