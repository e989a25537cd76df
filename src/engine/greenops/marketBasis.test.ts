/**
 * The market basis (docs/methodology.md section 6b): Google Cloud rows at grid × (1 − CFE), every
 * other provider "not available" (NaN CO2e), energy the same on both bases. Factors and CFE shares
 * are read by hand from src/engine/data/grid-intensity.json (Google region-carbon-info).
 */
import { estimateUsage } from '../estimate';
import { isCo2eUnavailable } from '../aggregate';
import type { RowEstimate, UsageRow } from '../usage';
import { marketFactor } from './marketBasis';
import { findRegion } from '../gridIntensity';

const DAY_MS = 86_400_000;
const at = (year: number) => Date.UTC(year, 5, 1);

const gcpCores = (year: number, region = 'europe-west1'): UsageRow => ({
  start: at(year),
  end: at(year) + DAY_MS,
  provider: 'Google Cloud',
  account: 'p',
  region,
  service: 'Compute Engine',
  serviceCategory: 'Compute',
  usageType: 'N2 Instance Core running in Belgium',
  unit: 'Hours',
  amount: 2880,
  cost: 90,
  currency: 'USD',
});

const awsBox = (): UsageRow => ({
  start: at(2024),
  end: at(2024) + DAY_MS,
  provider: 'aws',
  account: '1',
  region: 'eu-west-1',
  service: 'AmazonEC2',
  usageType: 'EU-BoxUsage:m5.large',
  unit: 'Hrs',
  amount: 24,
  cost: 2.3,
  currency: 'USD',
});

const both = (rows: UsageRow[]): [RowEstimate[], RowEstimate[]] => [
  estimateUsage(rows, 'greenops'),
  estimateUsage(rows, 'greenops', { accountingBasis: 'market' }),
];

const expectClose = (actual: number, expected: number) => expect(actual / expected).toBeCloseTo(1, 12);

describe('market basis, Google Cloud', () => {
  it('europe-west1 2024: 103.37 g/kWh × (1 − 0.84 CFE) = 16.5392 g/kWh; energy and embodied unchanged', () => {
    const [[location], [market]] = both([gcpCores(2024)]);
    expect(market.kWh).toBe(location.kWh);
    expect(market.embodiedKg).toBe(location.embodiedKg);
    // Location: Google's 2024 grid factor for europe-west1, 103.37 g/kWh.
    expectClose(location.operationalKg, (location.kWh * 103.37) / 1000);
    expectClose(market.operationalKg, (location.kWh * 103.37 * (1 - 0.84)) / 1000);
    expectClose(market.operationalKg, (location.kWh * 16.5392) / 1000);
    expectClose(market.co2eKg, market.operationalKg + market.embodiedKg);
  });

  it('the grid band stays on the market factor: same year gap, same relative interval', () => {
    const [[location], [market]] = both([gcpCores(2024)]);
    expectClose(market.operationalHighKg / market.operationalKg, location.operationalHighKg / location.operationalKg);
    expectClose(market.operationalLowKg / market.operationalKg, location.operationalLowKg / location.operationalKg);
    expect(market.operationalLowKg).toBeLessThan(market.operationalKg);
    expect(market.operationalHighKg).toBeGreaterThan(market.operationalKg);
  });

  it('usage after the last CFE year (2025 has none): the 2024 pair, 103.37 × 0.16, not 2025 grid × 2024 CFE', () => {
    const [[location], [market]] = both([gcpCores(2025)]);
    // Location takes 2025's 126.43 g/kWh; the market basis keeps grid and CFE of one year.
    expectClose(location.operationalKg, (location.kWh * 126.43) / 1000);
    expectClose(market.operationalKg, (location.kWh * 103.37 * 0.16) / 1000);
  });

  it('a wider band when the CFE year lies further from the usage year (2026: 2 years off, location 1)', () => {
    const [[location], [market]] = both([gcpCores(2026)]);
    expect(market.operationalHighKg / market.operationalKg).toBeGreaterThan(
      location.operationalHighKg / location.operationalKg
    );
  });

  it('us-central1 2022: 460 g/kWh × (1 − 0.92) = 36.8 g/kWh', () => {
    const [[location], [market]] = both([gcpCores(2022, 'us-central1')]);
    expectClose(market.operationalKg, (location.kWh * 36.8) / 1000);
  });

  it('a GCP region without any CFE share (asia-southeast3) is not available', () => {
    const [[location], [market]] = both([gcpCores(2025, 'asia-southeast3')]);
    expect(market.kWh).toBe(location.kWh);
    expect(isCo2eUnavailable(market)).toBe(true);
    expect(isCo2eUnavailable(location)).toBe(false);
  });

  it('marketFactor takes the earliest CFE year when every one is later than the usage', () => {
    // me-central1: 2023 575 g/kWh, CFE 0 (the only earlier pair is none).
    expect(marketFactor(findRegion('gcp', 'me-central1'), 2020)).toEqual({ gCO2ePerKWh: 575, year: 2023 });
    // 2024: 366 × (1 − 0.01) = 362.34.
    expect(marketFactor(findRegion('gcp', 'me-central1'), 2024)?.gCO2ePerKWh).toBeCloseTo(362.34, 10);
    expect(marketFactor(undefined, 2024)).toBeUndefined();
    expect(() => marketFactor(findRegion('gcp', 'me-central1'), NaN)).toThrow(RangeError);
  });
});

describe('market basis, providers without a market-based factor', () => {
  it('AWS: CO2e not available (NaN, never 0), energy and embodied the same as on the location basis', () => {
    const [[location], [market]] = both([awsBox()]);
    expect(location.co2eKg).toBeGreaterThan(0);
    expect(market.kWh).toBe(location.kWh);
    expect(market.energy).toEqual(location.energy);
    expect(market.embodiedKg).toBe(location.embodiedKg);
    for (const v of [market.operationalKg, market.co2eKg, market.co2eLowKg, market.co2eHighKg]) {
      expect(v).toBeNaN();
    }
    expect(isCo2eUnavailable(market)).toBe(true);
  });

  it('a row with no energy keeps 0 kg on the market basis (nothing to apply a factor to)', () => {
    const [, [market]] = both([{ ...awsBox(), usageType: 'HostBoxUsage:mac1.metal' }]);
    expect(market.category).toBe('unsupported');
    expect(market.kWh).toBe(0);
    expect(market.operationalKg).toBe(0);
    expect(isCo2eUnavailable(market)).toBe(false);
  });

  it('ccf has no market basis: refused', () => {
    expect(() => estimateUsage([awsBox()], 'ccf', { accountingBasis: 'market' })).toThrow(/no market-based method/);
  });

  it('location stays the default', () => {
    expect(estimateUsage([awsBox()], 'greenops', { accountingBasis: 'location' })).toEqual(
      estimateUsage([awsBox()], 'greenops')
    );
  });
});
