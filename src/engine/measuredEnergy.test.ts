import { carbonFactor, divergence, gramsCO2e, joulesToKWh, resolveRegion } from './measuredEnergy';

describe('measured energy to CO2e', () => {
  it('converts Joules to kWh', () => {
    expect(joulesToKWh(3_600_000)).toBe(1);
  });

  it('resolves regions by id or provider:id', () => {
    expect(resolveRegion('eu-west-1')?.provider).toBe('aws');
    expect(resolveRegion('gcp:europe-west1')?.region).toBe('europe-west1');
    expect(resolveRegion('azure:westeurope')?.provider).toBe('azure');
    expect(resolveRegion('mars-1')).toBeUndefined();
    expect(resolveRegion('')).toBeUndefined();
  });

  it('applies PUE, then the grid factor of the region and year', () => {
    // eu-west-1 2024: 352 g/kWh (Electricity Maps IE 2024); AWS's own 2024 PUE 1.15.
    const factor = carbonFactor(resolveRegion('eu-west-1')!, 2024);
    expect(factor.gramsPerServerKWh).toBeCloseTo(352 * 1.15, 9);
    // 1 kWh measured for 1 hour at 1 kW.
    expect(gramsCO2e(3_600_000, factor)).toBeCloseTo(352 * 1.15, 9);
    // 2025: IE 301 g/kWh, AWS 1.14; 2030, past both series: the 2025 values.
    expect(carbonFactor(resolveRegion('eu-west-1')!, 2025).gramsPerServerKWh).toBeCloseTo(301 * 1.14, 9);
    expect(carbonFactor(resolveRegion('eu-west-1')!, 2030)).toMatchObject({ pue: 1.14, year: 2025 });
  });

  it('flags workloads whose carbon share and cost share diverge by 10 points or more', () => {
    expect(divergence(0.1, 0.3)).toEqual({ index: expect.closeTo(0.2, 12), flag: 'carbon-heavy' });
    expect(divergence(0.4, 0.2).flag).toBe('cost-heavy');
    expect(divergence(0.25, 0.3).flag).toBe('balanced');
  });
});
