/**
 * Embodied CO2e of a month of an AWS instance, worked out by hand from CCF's instance table (not
 * through the engine): the instance's share of its host's manufacturing emissions over the
 * 4-year life of aws-constants.json.
 */
import ccfConstants from '../../src/engine/data/ccf/aws-constants.json';
import ccfInstances from '../../src/engine/data/ccf/aws-instances.json';
import uncertainty from '../../src/engine/data/uncertainty.json';

const HOURS = 730;

function tableRow(type: string): { vCpus: number; largestVCpus: number; tonnes: number } {
  const [fam, size] = type.split('.');
  const rows = (
    ccfInstances.ec2InstanceTypes.values as unknown as Record<string, Array<[string, number, number, number]>>
  )[fam];
  const [, vCpus, , tonnes] = rows.find((r) => r[0] === size)!;
  return { vCpus, largestVCpus: rows[rows.length - 1][1], tonnes };
}

/** greenops (SCI): tonnes × 1000 × 730 h / 35,040 h × vCPUs / vCPUs of the family's last (largest) size. */
export function embodiedKg(type: string): number {
  const r = tableRow(type);
  return r.tonnes * 1000 * (HOURS / ccfConstants.serverLifespanHours.value) * (r.vCpus / r.largestVCpus);
}

/** ccf: CCF reserves embodied per vCPU-hour of the host, so a month of the instance counts 730 h / vCPUs. */
export function ccfEmbodiedKg(type: string): number {
  return embodiedKg(type) / tableRow(type).vCpus;
}

/** greenops's embodied bounds: the 6-year life AWS's accounts use (× 4/6) up to the central value. */
export function embodiedBounds(type: string): { low: number; high: number } {
  const e = embodiedKg(type);
  return { low: (e * uncertainty.embodied.centralLifespanYears) / uncertainty.embodied.longestLifespanYears, high: e };
}
