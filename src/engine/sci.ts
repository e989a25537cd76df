/**
 * The Green Software Foundation's Software Carbon Intensity (SCI, ISO/IEC 21031:2024; GSF
 * `Green-Software-Foundation/sci` SPEC.md 1.1.0, "Methodology summary"):
 *
 *   SCI = (O + M) per R,   O = E × I,   M = TE × (TiR / EL) × (RR / ToR)
 *
 * - E: energy of the software boundary in kWh, "including cooling and other energy consumption
 *   necessary to operate a data center" (SPEC "Software boundary": PUE) and the idle machines
 *   reserved for it; here the scope's measured IT energy (its idle share included) × PUE.
 * - I: location-based grid intensity in gCO2e/kWh (SPEC "Region-specific carbon intensity"; no
 *   market-based measures). Across nodes in several regions I is O / E, the energy-weighted mean.
 * - M: embodied gCO2e: TE the host's total embodied emissions, TiR the time reserved, EL the
 *   expected lifespan, RR/ToR the resource share (vCPUs of the instance over the host's).
 * - R: the functional unit count.
 *
 * Pure: no I/O. Unknown parts are null, never 0 (an unknown embodied share is not "no hardware").
 */
import ccfConstants from './data/ccf/aws-constants.json';
import { EC2_FAMILIES } from './classify/awsCatalogue';
import { azureVmSize } from './classify/azureVmSizes';
import { gcpMachineFamily } from './classify/gcpMachineFamilies';

const GRAMS_PER_KG = 1000;

/** A host's embodied data for M: TE, EL and the instance's resource share RR/ToR. */
export interface HostEmbodied {
  instanceType: string;
  /** TE: the whole host's embodied emissions, kg CO2e. */
  totalKg: number;
  /** EL: expected lifespan, hours. */
  lifespanHours: number;
  /** RR: the instance's vCPUs. */
  vCpus: number;
  /** ToR: the host's vCPUs (CCF: the family's largest size). */
  hostVCpus: number;
  source: string;
}

/** CCF's server lifespan (4 years, the GSF's recommended default). */
export const SCI_LIFESPAN_HOURS: number = ccfConstants.serverLifespanHours.value;

/**
 * Embodied data of a node's instance type (the `node.kubernetes.io/instance-type` label), from the
 * catalogues the billing engine uses (3.1): an AWS EC2 type (`m5.xlarge`), an Azure VM size
 * (`Standard_D4s_v3`) or a GCP machine type (`n2-standard-4`). Undefined for a type none knows or
 * gives no embodied for.
 */
export function hostEmbodiedOf(instanceType: string): HostEmbodied | undefined {
  return ec2Embodied(instanceType) ?? azureEmbodied(instanceType) ?? gcpEmbodied(instanceType);
}

/** CCF's EC2 table: TE is the family's host (tonnes × 1000), ToR the family's last-listed size's vCPUs. */
function ec2Embodied(instanceType: string): HostEmbodied | undefined {
  const dot = instanceType.indexOf('.');
  if (dot <= 0) {
    return undefined;
  }
  const family = EC2_FAMILIES.get(instanceType.slice(0, dot));
  const size = family?.sizes.get(instanceType.slice(dot + 1));
  if (!family || !size || !(size.third > 0) || !(family.lastListed.vCpus > 0)) {
    return undefined;
  }
  return {
    instanceType,
    totalKg: size.third * 1000,
    lifespanHours: SCI_LIFESPAN_HOURS,
    vCpus: size.vCpus,
    hostVCpus: family.lastListed.vCpus,
    source: "CCF's EC2 instance table (embodied: ccf-coefficients 2021)",
  };
}

/** CCF's Azure VM sizes: TE of the series' host, ToR the series' largest vCPU count. */
function azureEmbodied(instanceType: string): HostEmbodied | undefined {
  const size = azureVmSize(instanceType);
  if (!size?.embodiedKg || !size.seriesMaxVCpus) {
    return undefined;
  }
  return {
    instanceType,
    totalKg: size.embodiedKg,
    lifespanHours: SCI_LIFESPAN_HOURS,
    vCpus: size.vCpus,
    hostVCpus: size.seriesMaxVCpus,
    source: "CCF's Azure VM sizes",
  };
}

/**
 * CCF's GCP machine families: TE of the family's platform, ToR its vCPUs; the type's vCPUs are its
 * name's last number (`n2-standard-4`: 4). Shared-core (`e2-medium`) and GPU (`a2-highgpu-8g`)
 * types have none there, so they are not guessed.
 */
function gcpEmbodied(instanceType: string): HostEmbodied | undefined {
  const match = /^([a-z]\d+[a-z]?)-[a-z]+-(\d+)$/.exec(instanceType.toLowerCase());
  const family = match ? gcpMachineFamily(match[1]) : undefined;
  const vCpus = match ? Number(match[2]) : NaN;
  if (!family || !(family.embodiedKg > 0) || !(vCpus > 0) || vCpus > family.platformVCpus) {
    return undefined;
  }
  return {
    instanceType,
    totalKg: family.embodiedKg,
    lifespanHours: SCI_LIFESPAN_HOURS,
    vCpus,
    hostVCpus: family.platformVCpus,
    source: "CCF's GCP machine families",
  };
}

/**
 * M in grams for `reservedHours` of the instance: TE × (TiR / EL) × (RR / ToR). `reservedHours`
 * may already be weighted by a share of the instance (a pod's share of its node's requests over
 * time: ∫share dt), which multiplies RR/ToR by that share.
 */
export function embodiedGrams(host: HostEmbodied, reservedHours: number): number {
  return host.totalKg * GRAMS_PER_KG * (reservedHours / host.lifespanHours) * (host.vCpus / host.hostVCpus);
}

/** One node's part of the scope. */
export interface SciPart {
  /** Measured IT energy of the scope on the node (at the server, before PUE), kWh. */
  itKWh: number;
  /** The node's PUE and location-based grid intensity (gCO2e/kWh); null when its region is unknown. */
  pue: number | null;
  gridGramsPerKWh: number | null;
  /** M of the scope on this node, grams; null when unknown (instance type unknown, no reservation data). */
  embodiedGrams: number | null;
}

export interface Sci {
  /** E: facility energy (IT × PUE), kWh. */
  energyKWh: number | null;
  /** I: gCO2e/kWh (O / E across regions). */
  intensity: number | null;
  /** O = E × I, grams. */
  operationalGrams: number | null;
  /** M, grams. */
  embodiedGrams: number | null;
  /** R. */
  units: number;
  /** (O + M) / R, grams per unit; null without units or with an unknown part. */
  perUnit: number | null;
}

/** Sum of parts, null as soon as one is null. */
function sumOrNull(values: Array<number | null>): number | null {
  return values.reduce<number | null>((a, v) => (a === null || v === null ? null : a + v), 0);
}

/** SCI of a scope over its nodes: every part must be known for E, O, M and the score. */
export function sciOf(parts: readonly SciPart[], units: number): Sci {
  const energyKWh = sumOrNull(parts.map((p) => (p.pue === null ? null : p.itKWh * p.pue)));
  const operationalGrams = sumOrNull(
    parts.map((p) => (p.pue === null || p.gridGramsPerKWh === null ? null : p.itKWh * p.pue * p.gridGramsPerKWh))
  );
  const embodied = sumOrNull(parts.map((p) => p.embodiedGrams));
  const intensity =
    energyKWh !== null && operationalGrams !== null && energyKWh > 0 ? operationalGrams / energyKWh : null;
  const perUnit =
    operationalGrams !== null && embodied !== null && units > 0 ? (operationalGrams + embodied) / units : null;
  return { energyKWh, intensity, operationalGrams, embodiedGrams: embodied, units, perUnit };
}
