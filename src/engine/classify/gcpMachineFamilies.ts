/**
 * GCP machine families (src/engine/data/gcp-machine-families.json, from CCF's coefficients): the
 * vCPUs and embodied emissions of each family's platform, for core SKUs that name the family
 * ("N2 Instance Core running in Belgium", "Spot Preemptible E2 Instance Core ...").
 */
import data from '../data/gcp-machine-families.json';

export interface GcpMachineFamily {
  family: string;
  platformVCpus: number;
  embodiedKg: number;
}

const FAMILIES = new Map<string, GcpMachineFamily>(
  Object.entries(data.families).map(([family, f]) => [
    family,
    { family, platformVCpus: f.platformVCpus, embodiedKg: f.embodiedKg },
  ])
);

/** The family a SKU description names: its first word shaped like one (`N2`, `N2D`, `E2`, `T2D`). */
export function gcpMachineFamily(sku: string): GcpMachineFamily | undefined {
  const word = sku.split(/\s+/).find((w) => /^[a-z]\d+[a-z]?$/i.test(w));
  return word ? FAMILIES.get(word.toLowerCase()) : undefined;
}
