/**
 * SCI arithmetic against the GSF specification's formulas (SPEC.md 1.1.0, "Methodology summary"),
 * worked out by hand from CCF's EC2 table rows (src/engine/data/ccf/aws-instances.json):
 *   m5:   xlarge 4 vCPUs, 2xlarge 8, metal 96 (the last listed: the host); 1.6103792 t CO2e
 *   g4dn: xlarge 4 vCPUs, metal 96; 3.0103792 t CO2e
 * and CCF's server lifespan, 35,040 h (4 years).
 */
import { embodiedGrams, hostEmbodiedOf, sciOf, SCI_LIFESPAN_HOURS } from './sci';

describe('M = TE × (TiR / EL) × (RR / ToR)', () => {
  it('takes TE, RR and ToR from the EC2 table row of the instance type', () => {
    expect(hostEmbodiedOf('m5.2xlarge')).toMatchObject({
      totalKg: expect.closeTo(1610.3792, 9),
      vCpus: 8,
      hostVCpus: 96,
    });
    expect(hostEmbodiedOf('g4dn.xlarge')).toMatchObject({
      totalKg: expect.closeTo(3010.3792, 9),
      vCpus: 4,
      hostVCpus: 96,
    });
    expect(SCI_LIFESPAN_HOURS).toBe(35_040);
  });

  it('reads Azure VM sizes and GCP machine types from their catalogues too', () => {
    // azure-vm-sizes.json "D4s v3": 4 vCPUs of a 64-vCPU series host, 1,482.9 kg.
    expect(hostEmbodiedOf('Standard_D4s_v3')).toMatchObject({ totalKg: 1482.9, vCpus: 4, hostVCpus: 64 });
    // gcp-machine-families.json n2: a 128-vCPU platform, 1,888.46 kg; n2-standard-4 has 4 vCPUs.
    expect(hostEmbodiedOf('n2-standard-4')).toMatchObject({ totalKg: 1888.46, vCpus: 4, hostVCpus: 128 });
    // An hour of n2-standard-4: 1,888,460 g / 35,040 × 4 / 128 = 1.68419 g.
    expect(embodiedGrams(hostEmbodiedOf('n2-standard-4')!, 1)).toBeCloseTo(1.68419, 4);
    // Shared-core and GPU machine types carry no vCPU count in their names: not guessed.
    expect(hostEmbodiedOf('e2-medium')).toBeUndefined();
    expect(hostEmbodiedOf('a2-highgpu-8g')).toBeUndefined();
    expect(hostEmbodiedOf('n2-standard-256')).toBeUndefined();
  });

  it('an hour of m5.2xlarge: 1,610,379.2 g × 1/35,040 × 8/96 = 3.82987 g', () => {
    const m = embodiedGrams(hostEmbodiedOf('m5.2xlarge')!, 1);
    expect(m).toBeCloseTo((1_610_379.2 / 35_040) * (8 / 96), 9);
    expect(m).toBeCloseTo(3.82987, 4);
  });

  it("the spec's own example: 1,000 kg over 4 years, reserved an hour, whole device: about 28 g", () => {
    const device = {
      instanceType: 'x',
      totalKg: 1000,
      lifespanHours: 4 * 365 * 24,
      vCpus: 1,
      hostVCpus: 1,
      source: '',
    };
    expect(embodiedGrams(device, 1)).toBeCloseTo(28.54, 2);
  });

  it('scales linearly with the reserved (share-weighted) hours', () => {
    const host = hostEmbodiedOf('m5.xlarge')!;
    // 45 minutes at a quarter of the node's requests = 0.1875 share-hours.
    expect(embodiedGrams(host, 0.1875)).toBeCloseTo(1_610_379.2 * (0.1875 / 35_040) * (4 / 96), 9);
  });

  it('knows no type outside the table (no M rather than 0)', () => {
    expect(hostEmbodiedOf('x9.unknown')).toBeUndefined();
    expect(hostEmbodiedOf('m5')).toBeUndefined();
    expect(hostEmbodiedOf('m5.huge')).toBeUndefined();
    expect(hostEmbodiedOf('')).toBeUndefined();
  });
});

describe('SCI = (E × I + M) per R', () => {
  it('one node: E = IT kWh × PUE, O = E × I, SCI = (O + M) / R', () => {
    // 0.5 kWh at the server, PUE 1.135 → E 0.5675 kWh; I 278.6 → O 158.1055 g; M 2 g; R 1,000.
    const sci = sciOf([{ itKWh: 0.5, pue: 1.135, gridGramsPerKWh: 278.6, embodiedGrams: 2 }], 1000);
    expect(sci.energyKWh).toBeCloseTo(0.5675, 12);
    expect(sci.intensity).toBeCloseTo(278.6, 9);
    expect(sci.operationalGrams).toBeCloseTo(158.1055, 9);
    expect(sci.embodiedGrams).toBe(2);
    expect(sci.perUnit).toBeCloseTo(0.1601055, 12);
  });

  it('two regions: I is O / E, the energy-weighted mean', () => {
    // E = 1 × 1.1 + 3 × 1.2 = 4.7 kWh; O = 1.1 × 100 + 3.6 × 400 = 1,550 g; I = 1,550 / 4.7.
    const sci = sciOf(
      [
        { itKWh: 1, pue: 1.1, gridGramsPerKWh: 100, embodiedGrams: 5 },
        { itKWh: 3, pue: 1.2, gridGramsPerKWh: 400, embodiedGrams: 7 },
      ],
      10
    );
    expect(sci.energyKWh).toBeCloseTo(4.7, 12);
    expect(sci.operationalGrams).toBeCloseTo(1550, 9);
    expect(sci.intensity).toBeCloseTo(1550 / 4.7, 9);
    expect(sci.embodiedGrams).toBe(12);
    expect(sci.perUnit).toBeCloseTo(156.2, 9);
  });

  it('an unknown M leaves M and the score empty, not 0; O stays', () => {
    const sci = sciOf(
      [
        { itKWh: 1, pue: 1.1, gridGramsPerKWh: 100, embodiedGrams: 5 },
        { itKWh: 1, pue: 1.1, gridGramsPerKWh: 100, embodiedGrams: null },
      ],
      10
    );
    expect(sci).toMatchObject({ embodiedGrams: null, perUnit: null });
    expect(sci.operationalGrams).toBeCloseTo(220, 9);
  });

  it('an unknown region leaves E, I, O and the score empty', () => {
    const sci = sciOf([{ itKWh: 1, pue: null, gridGramsPerKWh: null, embodiedGrams: 5 }], 10);
    expect(sci).toMatchObject({ energyKWh: null, intensity: null, operationalGrams: null, perUnit: null });
  });

  it('no units: no score (R = 0 is not divided by); one unit: the total', () => {
    const part = { itKWh: 1, pue: 1, gridGramsPerKWh: 100, embodiedGrams: 1 };
    expect(sciOf([part], 0).perUnit).toBeNull();
    expect(sciOf([part], 1).perUnit).toBeCloseTo(101, 12);
  });

  it('no energy: E and O are 0 and I unknown', () => {
    expect(sciOf([], 5)).toMatchObject({ energyKWh: 0, operationalGrams: 0, intensity: null, perUnit: 0 });
  });
});
