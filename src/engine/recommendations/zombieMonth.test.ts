/**
 * The zombie month from a window's evidence: measured watts and joules to monthly kWh and CO2e,
 * sums over pods, the embodied share, and a volume's monthly cost, written out by hand.
 */
import type { CarbonFactor } from '../measuredEnergy';
import { type EnergyEstimate, fromJoules, monthlyFromWatts, sumEstimates, volumeMonthlyCost } from './zombieMonth';

const FACTOR: CarbonFactor = {
  gramsPerServerKWh: 400 * 1.135,
  gridGramsPerKWh: 400,
  pue: 1.135,
  provider: 'aws',
  region: 'us-east-1',
  year: 2024,
  source: 'test',
};
const END_2024 = Date.UTC(2024, 6, 1);

describe('monthlyFromWatts', () => {
  it('is watts × 730 h at the server, kWh with PUE, kg from the server kWh', () => {
    const e = monthlyFromWatts(10, FACTOR, END_2024);
    const serverKWh = (10 * 730) / 1000;
    expect(e.kWh).toBeCloseTo(serverKWh * 1.135, 12);
    expect(e.kg).toBeCloseTo((serverKWh * 400 * 1.135) / 1000, 12);
    // 90 % interval of PUE (±3 %) and a same-year grid factor (±8.65 %) as lognormal factors.
    const below = Math.sqrt(Math.log(1 / 0.97) ** 2 + Math.log(1 / (1 - 0.0865)) ** 2);
    const above = Math.sqrt(Math.log(1.03) ** 2 + Math.log(1.0865) ** 2);
    expect(e.lowKg).toBeCloseTo(e.kg! * Math.exp(-below), 12);
    expect(e.highKg).toBeCloseTo(e.kg! * Math.exp(above), 12);
    expect(e.embodiedKg).toBeNull();
  });

  it("adds the IT power's own band (the uplift's range) in quadrature in log space, kg unchanged", () => {
    // Package + DRAM uplift 1.197, 90 % range 1.077-1.886 (measured-server-uplift.json, written out).
    const spread = { lnLow: Math.log(1.197 / 1.077), lnHigh: Math.log(1.886 / 1.197) };
    const e = monthlyFromWatts(10, FACTOR, END_2024, spread);
    const without = monthlyFromWatts(10, FACTOR, END_2024);
    expect(e.kWh).toBe(without.kWh);
    expect(e.kg).toBe(without.kg);
    const below = Math.sqrt(Math.log(1 / 0.97) ** 2 + Math.log(1 / (1 - 0.0865)) ** 2 + Math.log(1.197 / 1.077) ** 2);
    const above = Math.sqrt(Math.log(1.03) ** 2 + Math.log(1.0865) ** 2 + Math.log(1.886 / 1.197) ** 2);
    expect(e.lowKg).toBeCloseTo(e.kg! * Math.exp(-below), 12);
    expect(e.highKg).toBeCloseTo(e.kg! * Math.exp(above), 12);
    expect(e.lowKg!).toBeLessThan(without.lowKg!);
    expect(e.highKg!).toBeGreaterThan(without.highKg!);
  });

  it('gives server kWh and no CO2e without a factor', () => {
    expect(monthlyFromWatts(10, undefined, END_2024)).toEqual({
      kWh: 7.3,
      kg: null,
      lowKg: null,
      highKg: null,
      operationalKg: null,
      embodiedKg: null,
    });
  });
});

describe('fromJoules', () => {
  it('is the same as watts over an hour: 3.6 MJ is 1 kWh at the server', () => {
    expect(fromJoules(3_600_000, FACTOR, END_2024).kWh).toBeCloseTo(1.135, 12);
  });

  it('takes the same spread as monthlyFromWatts', () => {
    const spread = { lnLow: 0.1, lnHigh: 0.4 };
    const e = fromJoules(3_600_000, FACTOR, END_2024, spread);
    const above = Math.sqrt(Math.log(1.03) ** 2 + Math.log(1.0865) ** 2 + 0.4 ** 2);
    expect(e.highKg).toBeCloseTo(e.kg! * Math.exp(above), 12);
  });
});

describe('sumEstimates', () => {
  const part = (kWh: number, embodiedKg: number | null): EnergyEstimate => ({
    kWh,
    kg: kWh,
    lowKg: kWh,
    highKg: kWh,
    operationalKg: kWh,
    embodiedKg,
  });

  it('adds the parts; null as soon as one part lacks a figure; embodied from the parts that have it', () => {
    expect(sumEstimates([part(1, 0.5), part(2, null)])).toEqual({ ...part(3, 0.5) });
    expect(sumEstimates([part(1, 0.5), undefined]).kWh).toBeNull();
    expect(sumEstimates([part(1, null)]).embodiedKg).toBeNull();
  });
});

describe('volumeMonthlyCost', () => {
  it('is $/GiB-h × GiB × 730 h', () => {
    expect(volumeMonthlyCost(0.0001, 1024 ** 3 * 500)).toBeCloseTo(0.0001 * 500 * 730, 12);
  });
});
