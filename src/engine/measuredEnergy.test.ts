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
    // eu-west-1: 278.6 g/kWh (CCF, EEA 2020); AWS PUE 1.135 (CCF).
    const factor = carbonFactor(resolveRegion('eu-west-1')!, 2024);
    expect(factor.gramsPerServerKWh).toBeCloseTo(278.6 * 1.135, 9);
    // 1 kWh measured for 1 hour at 1 kW.
    expect(gramsCO2e(3_600_000, factor)).toBeCloseTo(278.6 * 1.135, 9);
  });

  it('flags workloads whose carbon share and cost share diverge by 10 points or more', () => {
    expect(divergence(0.1, 0.3)).toEqual({ index: expect.closeTo(0.2, 12), flag: 'carbon-heavy' });
    expect(divergence(0.4, 0.2).flag).toBe('cost-heavy');
    expect(divergence(0.25, 0.3).flag).toBe('balanced');
  });
});
