/**
 * Instance types newer than CCF's pinned tables, from CCF's 2026 coefficients (cloud-carbon-footprint/
 * ccf-coefficients b0032d9, 2026-04-24), computed by hand from the cited CSV values:
 * - output/coefficients-aws-use.csv (W per vCPU min / max, GB per chip):
 *   Sapphire Rapids 1.0362861003136936 / 4.160476336606656, 130.79521276595744;
 *   Graviton3 (a copy of CCF's Graviton2 row) 0.4742621527777777 / 1.6929615162037035, 129.77777777777777
 * - data/aws-instances-latest-2026.csv: m7i.xlarge 4 vCPUs 16 GiB, largest m7i.48xlarge 192 vCPUs
 *   768 GiB; m7g.xlarge 4 / 16, largest m7g.16xlarge 64 / 256; c7g.xlarge 4 / 8, largest c7g.16xlarge 64 / 128
 * - CCF's memory rule: chips = ceil(largest vCPUs / 96); GB above SPECpower per instance-hour =
 *   (largest GB / chips − GB per chip) / (largest GB / instance GB); 0.000392 kWh per GB-hour
 * - Embodied (ccfcoef constants.py, Teads / Dell R740 LCA): 1,000 kg + (largest GB − 16) × 533/384 kg
 *   + 100 kg per socket beyond the first; share = vCPUs / largest vCPUs; lifespan 35,040 h
 * - AWS PUE 1.15 (AWS, 2024); utilisation 50%; June 2024: 720 hours in the month
 */
import { estimateCcf } from '../ccf';
import { classifyUsage } from '../classify';
import newerJson from '../data/aws-instances-2026.json';
import reference from '../data/unknown-usage.json';
import { awsRow, estimateOne, JUNE_2024 } from './testRows';

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-12 + 1e-15);
}

const MONTH_HOURS = 720;
const kWh = (watts: number, hours: number) => (watts * hours * 1.15) / 1000;
/** A month of one instance in us-east-1 (no usage-type prefix), as Cost Explorer or CUR gives it. */
const monthRow = (usageType: string, vCpus?: number) =>
  awsRow(usageType, 'Hrs', MONTH_HOURS, { region: 'us-east-1', end: JUNE_2024 + 30 * 86_400_000, vCpus });

// m7i.xlarge, Sapphire Rapids at 50%: 1.0362861003136936 + 0.5 × 3.1241902362929624 = 2.598381218460175 W
// per vCPU × 4 = 10.3935248738407 W. Memory: 768 / 2 chips − 130.79521276595744 = 253.20478723404256 GB
// per chip; share 768 / 16 = 48 → 5.275099734042553 GB × 0.392 W = 2.067839095744681 W.
// Embodied: 1000 + 752 × 533/384 + 100 = 2143.7916666666665 kg; share 4 / 192.
const M7I_COMPUTE_W = (1.0362861003136936 + 0.5 * (4.160476336606656 - 1.0362861003136936)) * 4;
const M7I_MEMORY_W = ((768 / 2 - 130.79521276595744) / (768 / 16)) * 0.392;
const M7I_EMBODIED_KG = (1000 + (768 - 16) * (533 / 384) + 100) * (MONTH_HOURS / 35040) * (4 / 192);

describe('newer AWS instance types (CCF 2026 coefficients, greenops only)', () => {
  it('m7i.xlarge, a month in us-east-1 from CUR (vCPUs on the row): Sapphire Rapids watts, memory and embodied', () => {
    const e = estimateOne(monthRow('BoxUsage:m7i.xlarge', 4));
    expect(e.category).toBe('compute');
    expectClose(e.energy.compute, kWh(M7I_COMPUTE_W, MONTH_HOURS)); // 8.493589 kWh
    expectClose(e.energy.memory, kWh(M7I_MEMORY_W, MONTH_HOURS)); // 1.689838 kWh
    expectClose(e.kWh, kWh(M7I_COMPUTE_W + M7I_MEMORY_W, MONTH_HOURS)); // 10.183427 kWh (before: unknown 2.12 W × 4, 6.929856)
    expectClose(e.embodiedKg, M7I_EMBODIED_KG); // 0.917719 kg (before: 0)
    expect(e.vCpuHours).toBe(4 * MONTH_HOURS);
  });

  it('m7i.xlarge from Cost Explorer (no vCPU count): the 2026 list gives vCPUs and memory, same estimate', () => {
    const c = classifyUsage(monthRow('BoxUsage:m7i.xlarge'));
    // The shared classification is unchanged (the ccf methodology reads it): no vCPUs from CCF's table.
    expect([c.category, c.reason, c.instanceVCpus]).toEqual(['unknown', 'no-vcpu-count', undefined]);
    const e = estimateOne(monthRow('BoxUsage:m7i.xlarge'));
    expect(e.category).toBe('compute');
    expectClose(e.kWh, kWh(M7I_COMPUTE_W + M7I_MEMORY_W, MONTH_HOURS));
    expectClose(e.embodiedKg, M7I_EMBODIED_KG);
  });

  it('m7g.xlarge: Graviton3 (CCF copies Graviton2 watts), memory above 129.78 GB per chip, embodied', () => {
    // 0.4742621527777777 + 0.5 × 1.2186993634259258 = 1.0836118344907406 W × 4 = 4.334447337962962 W.
    // Memory: 256 / 1 chip − 129.77777777777777 = 126.22222222222223; share 256 / 16 = 16 → 7.888888888888889 GB.
    // Embodied: 1000 + 240 × 533/384 = 1333.125 kg; share 4 / 64.
    const e = estimateOne(monthRow('USE1-BoxUsage:m7g.xlarge', 4));
    const computeW = (0.4742621527777777 + 0.5 * (1.6929615162037035 - 0.4742621527777777)) * 4;
    const memoryW = ((256 - 129.77777777777777) / (256 / 16)) * 0.392;
    expectClose(e.energy.compute, kWh(computeW, MONTH_HOURS));
    expectClose(e.energy.memory, kWh(memoryW, MONTH_HOURS));
    expectClose(e.embodiedKg, 1333.125 * (MONTH_HOURS / 35040) * (4 / 64));
  });

  it('c7g.xlarge: memory per chip below SPECpower (128 < 129.78 GB) counts nothing', () => {
    const e = estimateOne(monthRow('BoxUsage:c7g.xlarge', 4));
    expect(e.energy.memory).toBe(0);
    expectClose(e.energy.compute, kWh((0.4742621527777777 + 0.5 * (1.6929615162037035 - 0.4742621527777777)) * 4, 720));
    // 1000 + 112 × 533/384 = 1155.4583333333333 kg.
    expectClose(e.embodiedKg, (1000 + 112 * (533 / 384)) * (MONTH_HOURS / 35040) * (4 / 64));
  });

  it("an unknown type keeps the unknown-processor average (with vCPUs) or gets the reference bill's kWh per USD (without)", () => {
    const withVCpus = estimateOne(monthRow('BoxUsage:zz9.xlarge', 4));
    expectClose(withVCpus.kWh, kWh((0.74 + 0.5 * (3.5 - 0.74)) * 4, MONTH_HOURS));
    expect(withVCpus.energy.memory).toBe(0);
    expect(withVCpus.embodiedKg).toBe(0);
    // Unknown usage (section 3.5): its cost (1 USD in awsRow) × the hour-priced reference.
    const without = estimateOne(monthRow('BoxUsage:zz9.xlarge'));
    expect(without.category).toBe('unknown');
    expectClose(
      without.kWh,
      Object.values(reference.byUnit.hours.kWhPerUsd).reduce((a, b) => a + b, 0)
    );
  });

  it('the ccf methodology keeps the pinned package: m7i.xlarge on the unknown average, no memory, no embodied', () => {
    const row = monthRow('BoxUsage:m7i.xlarge', 4);
    const [e] = estimateCcf([row], [classifyUsage(row)]);
    // CCF's own PUE, 1.135, not AWS's yearly figure.
    expectClose(e.energy.compute, ((0.74 + 0.5 * (3.5 - 0.74)) * 4 * MONTH_HOURS * 1.135) / 1000);
    expect(e.energy.memory).toBe(0);
    expect(e.embodiedKg).toBe(0);
  });
});

describe('aws-instances-2026.json', () => {
  const architectures = newerJson.architectures as Record<
    string,
    { minWatts: number; maxWatts: number; gbPerChip: number; source: string; note?: string }
  >;

  it('names its source, commit and year, and every architecture its row', () => {
    expect(newerJson.source).toMatchObject({ commit: 'b0032d9 2026-04-24', year: 2026, licence: 'Apache-2.0' });
    for (const a of Object.values(architectures)) {
      expect(a.source).toMatch(/coefficients-aws-use\.csv|SPECpower-2026-03-09\.csv/);
    }
  });

  it("takes CCF's published rows where CCF's rule reproduces them, and says Graviton3/4 are copies", () => {
    // output/coefficients-aws-use.csv rows 18 (Sapphire Rapids) and 6 (EPYC 4th Gen).
    expect(architectures['Sapphire Rapids']).toMatchObject({
      minWatts: 1.0362861003136936,
      maxWatts: 4.160476336606656,
      gbPerChip: 130.79521276595744,
    });
    expect(architectures['AMD EPYC 4th Gen'].maxWatts).toBe(2.282155106707317);
    for (const graviton of ['AWS Graviton3', 'AWS Graviton3E', 'AWS Graviton4']) {
      expect(architectures[graviton]).toMatchObject({ minWatts: 0.4742621527777777, maxWatts: 1.6929615162037035 });
      expect(architectures[graviton].note).toMatch(/copy of its Graviton2 row/);
    }
  });

  it('recomputes EPYC 5th Gen, whose published row (3.68 / 8.96 W) does not follow from its inputs', () => {
    const turin = architectures['AMD EPYC 5th Gen'];
    expect(turin.note).toMatch(/does not follow/);
    // Below the Genoa row, as a newer process on the same SPECpower rule would be; CCF's row is 4x above it.
    expect(turin.maxWatts).toBeLessThan(architectures['AMD EPYC 4th Gen'].maxWatts);
    expect(turin.maxWatts).toBeGreaterThan(turin.minWatts);
  });

  it('leaves out types the pinned tables give watts for, and accelerated types', () => {
    const families = newerJson.families as Record<string, { sizes: Record<string, number[]> }>;
    for (const absent of ['m5', 't3', 'm6g', 'p5', 'g6', 'trn1', 'inf2', 'mac2']) {
      expect(families[absent]).toBeUndefined();
    }
    expect(Object.keys(families.m7i.sizes)).toContain('xlarge');
  });
});
