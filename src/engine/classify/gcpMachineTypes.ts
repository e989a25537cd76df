/**
 * GCP machine types (src/engine/data/gcp-machine-types.json, from CCF's ccf-coefficients):
 * vCPUs, memory, microarchitectures and host size of a machine type a line names
 * (`n2-standard-8`, `e2-medium`, `c3-highcpu-22`), in the row's instance type or in its SKU or
 * charge text ("... running n2-standard-8 in Belgium"). Rows billed per machine-hour get their
 * vCPUs and memory from here; core and RAM SKUs are already per vCPU-hour and GiB-hour.
 */
import data from '../data/gcp-machine-types.json';

export interface GcpMachineType {
  name: string;
  vCpus: number;
  memoryGb: number;
  /** The largest machine type of the same platform: its vCPUs and memory (CCF's "largest instance"). */
  platformVCpus: number;
  platformMemoryGb: number;
  /** CCF processor names (`Cascade Lake`, `AMD EPYC 3rd Gen`); empty when CCF does not say. */
  microarchitectures: readonly string[];
}

const TYPES = new Map<string, GcpMachineType>(
  Object.entries(data.types).map(([name, t]) => [name, Object.freeze({ name, ...t })])
);

/** Words shaped like a machine type: family, class and size joined by hyphens. */
const CANDIDATE = /\b[a-z]\d+[a-z]?-[a-z]+(?:-[a-z0-9]+)*\b/gi;

/** The first known machine type any of the texts names. */
export function gcpMachineType(...texts: Array<string | undefined>): GcpMachineType | undefined {
  for (const text of texts) {
    for (const word of text?.match(CANDIDATE) ?? []) {
      const type = TYPES.get(word.toLowerCase());
      if (type) {
        return type;
      }
    }
  }
  return undefined;
}
