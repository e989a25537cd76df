/**
 * Issue 13 said the m6i rows of the Teads data (teads-aws-instances.json, from ccf-coefficients
 * data/aws-instances.csv, Teads 2021) are copies of Graviton2 rows. Checked against that copy of
 * Teads' dataset: only their CPU-package columns coincide with a Graviton2 row of twice the vCPUs,
 * because Teads estimated every platform it did not measure (Graviton, Graviton2, EPYC, Core
 * i7-8700B, Ice Lake 8375C) from one generic curve scaled by TDP (Teads, "Building an AWS EC2
 * Carbon Emissions Dataset", 2021, chapter 3): package watts at 100% are 1.0186 × TDP on every such
 * platform (mac1.metal 66.21 W / 65 W; m6i.32xlarge 611.13 W / 2 × 300 W), so the 8375C's 600 W over
 * 128 vCPUs comes out at exactly twice Graviton2's per vCPU (152.78 W over 64, a 150 W TDP).
 * Memory, rest of server and instance totals are the m6i's own. The rows
 * are kept; they are estimates, not measurements, like every non-Intel-measured row (methodology 3.1).
 */
import teadsJson from '../data/teads-aws-instances.json';

const rows = teadsJson.instances as Record<string, { pkg: number[]; ram: number[]; instance: number[]; delta: number }>;
const shape = (points: number[]) => points.map((p) => p / points[points.length - 1]);

describe('Teads m6i rows', () => {
  it('share only the CPU-package columns with the Graviton2 row of twice the vCPUs (m6i.large vs m6g.xlarge)', () => {
    expect(rows['m6i.large'].pkg).toEqual(rows['m6g.xlarge'].pkg); // 1.09, 2.98, 7.05, 9.55 W
    expect(rows['m6i.large'].ram).not.toEqual(rows['m6g.xlarge'].ram); // 8 GB against 16 GB
    expect(rows['m6i.large'].instance).not.toEqual(rows['m6g.xlarge'].instance); // 16.2 W against 21.0 W at 100%
  });

  it("follow Teads' generic TDP curve, the same shape as the Core i7-8700B (mac1) and EPYC 7571 (m5a) platforms", () => {
    // pkg at 0 / 10 / 50 / 100% over pkg at 100%: 69.68 / 611.13 = 0.1140, 190.96 / 611.13 = 0.3125, ...
    const m6i = shape(rows['m6i.32xlarge'].pkg);
    for (const other of ['mac1.metal', 'm5a.24xlarge', 'm6g.metal']) {
      shape(rows[other].pkg).forEach((v, i) => expect(Math.abs(v - m6i[i])).toBeLessThan(1e-3));
    }
    // A measured Intel platform (m5.metal, Xeon Platinum 8175M, RAPL) has its own shape.
    expect(Math.abs(shape(rows['m5.metal'].pkg)[2] - m6i[2])).toBeGreaterThan(1e-2); // 0.7191 against 0.7386
  });
});
