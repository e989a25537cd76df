/**
 * AWS instance types the pinned CCF tables (data/ccf/) do not cover with processor watts (m7i,
 * m7g, c7g, r7g, m8g, m7a, ...; m6i and c6a, which CCF maps to processors without watts), from
 * CCF's 2026 coefficients (data/aws-instances-2026.json, scripts/convert-ccf-aws-instances-2026.mjs).
 * greenops only: the `ccf` methodology keeps the pinned package's tables.
 */
import type { UsageClassification } from '../classify';
import newerJson from '../data/aws-instances-2026.json';
import { COEFFICIENTS as K } from './coefficients';
import type { MinMaxWatts } from './perVcpu';

export interface NewerAwsInstance {
  architecture: string;
  /** Watts per vCPU of the architecture (SPECpower via CCF, 2026). */
  watts: MinMaxWatts;
  /** SPECpower servers' GB per chip of the architecture. */
  gbPerChip: number;
  vCpus: number;
  memoryGb: number;
  /** The family's largest size, standing for its host. */
  largest: { vCpus: number; memoryGb: number; chips: number };
  /** Embodied emissions of the host, kg CO2e (CCF's Teads/Dell R740 method). */
  embodiedKg: number;
}

function positive(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(
      `Invalid aws-instances-2026.json ${where}: expected a positive number, got ${JSON.stringify(value)}`
    );
  }
  return value;
}

interface Family {
  architecture: string;
  largest: { vCpus: number; memoryGb: number; chips: number };
  embodiedKg: number;
  sizes: Record<string, number[]>;
}

type Coefficients = Pick<NewerAwsInstance, 'watts' | 'gbPerChip'>;

const NEWER_ARCHITECTURES: ReadonlyMap<string, Coefficients> = new Map(
  Object.entries(newerJson.architectures).map(([name, a]) => [
    name,
    Object.freeze({
      watts: Object.freeze({
        min: positive(a.minWatts, `${name}.minWatts`),
        max: positive(a.maxWatts, `${name}.maxWatts`),
      }),
      gbPerChip: positive(a.gbPerChip, `${name}.gbPerChip`),
    }),
  ])
);

/** The 2026 coefficients of an architecture the pinned table has no watts for, else the pinned ones. */
function coefficientsOf(name: string): Coefficients {
  const newer = NEWER_ARCHITECTURES.get(name);
  if (newer) {
    return newer;
  }
  const where = `architecture ${name} (not in the file, so from data/ccf/aws-constants.json)`;
  return Object.freeze({
    watts: Object.freeze({ min: positive(K.minWatts.get(name), where), max: positive(K.maxWatts.get(name), where) }),
    gbPerChip: positive(K.memoryGbPerChip.get(name), where),
  });
}

function indexNewerInstances(): ReadonlyMap<string, NewerAwsInstance> {
  const index = new Map<string, NewerAwsInstance>();
  for (const [family, f] of Object.entries(newerJson.families as Record<string, Family>)) {
    const arch = coefficientsOf(f.architecture);
    const largest = Object.freeze({
      vCpus: positive(f.largest.vCpus, `${family}.largest.vCpus`),
      memoryGb: positive(f.largest.memoryGb, `${family}.largest.memoryGb`),
      chips: positive(f.largest.chips, `${family}.largest.chips`),
    });
    const embodiedKg = positive(f.embodiedKg, `${family}.embodiedKg`);
    for (const [size, [vCpus, memoryGb]] of Object.entries(f.sizes)) {
      index.set(
        `${family}.${size}`,
        Object.freeze({
          architecture: f.architecture,
          ...arch,
          vCpus: positive(vCpus, `${family}.${size} vCPUs`),
          memoryGb: positive(memoryGb, `${family}.${size} memory`),
          largest,
          embodiedKg,
        })
      );
    }
  }
  return index;
}

/** Every listed size by name (`m7i.xlarge`), worked out once. */
export const NEWER_AWS_INSTANCES = indexNewerInstances();

/** The listed facts of an AWS line's instance type, if the 2026 list has them. */
export const newerAwsInstance = (c: UsageClassification): NewerAwsInstance | undefined =>
  c.cloud === 'aws' && c.instanceType ? NEWER_AWS_INSTANCES.get(c.instanceType) : undefined;

/**
 * A line naming a listed type whose vCPUs the bill does not give (Cost Explorer `BoxUsage:m7i.xlarge`)
 * is compute with the list's vCPUs and memory; every other classification is returned as is.
 */
export function withListedVCpus(c: UsageClassification): UsageClassification {
  const listed = newerAwsInstance(c);
  if (!listed || c.instanceVCpus !== undefined || c.reason !== 'no-vcpu-count' || c.unit !== 'hours') {
    return c;
  }
  return Object.freeze({
    ...c,
    category: 'compute',
    reason: 'aws-compute-2026-list',
    instanceVCpus: listed.vCpus,
    instanceMemoryGb: listed.memoryGb,
  });
}
