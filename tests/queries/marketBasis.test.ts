/**
 * The market accounting basis end to end (docs/methodology.md section 6b): a FOCUS file with one
 * Google Cloud row and one AWS row, through the cloudEmissions and cloudTrend handlers. Google's
 * europe-west1 2024 pair, read by hand from src/engine/data/grid-intensity.json (Google
 * region-carbon-info 2024.csv): grid 103.37 g/kWh, CFE 0.84, so 103.37 × (1 − 0.84) = 16.5392 g/kWh.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cloudEmissionsHandler } from '../../src/backend/queries/cloudEmissions';
import { cloudTrendHandler } from '../../src/backend/queries/cloudTrend';
import type { Frame, NumberField, StringField } from '../../src/backend/frames/frame';
import { Secrets, type DataSourceSettings } from '../../src/backend/core/settings';
import { instanceFor } from '../helpers/instances';

const HEADER =
  'ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ProviderName,SubAccountId,RegionId,ServiceName,ServiceCategory,' +
  'ConsumedQuantity,ConsumedUnit,PricingQuantity,PricingUnit,BilledCost,EffectiveCost,BillingCurrency,x_UsageType';
const ROWS = [
  '2024-06-10T00:00:00Z,2024-06-11T00:00:00Z,Usage,NULL,Google Cloud,proj-1,europe-west1,Compute Engine,Compute,2880,Hours,2880,Hours,90,90,USD,N2 Instance Core running in Belgium',
  '2024-06-10T00:00:00Z,2024-06-11T00:00:00Z,Usage,NULL,AWS,111111111111,eu-west-1,Amazon Elastic Compute Cloud,Compute,24,Hours,24,Hours,2.304,2.304,USD,EUW1-BoxUsage:m5.large',
];
const EUROPE_WEST1_2024 = { gPerKWh: 103.37, cfe: 0.84 };

const JUNE = { from: Date.UTC(2024, 5, 1), to: Date.UTC(2024, 6, 1) };

let dir: string;
let settings: DataSourceSettings;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'greenops-market-'));
  writeFileSync(path.join(dir, 'export.csv'), [HEADER, ...ROWS].join('\n') + '\n');
  settings = { uid: 'm', name: 'm', jsonData: { focus: { paths: [dir] } }, secrets: new Secrets(), lastUpdatedMS: 1 };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const request = <Q>(query: Q, timeRange = JUNE) => ({
  refId: 'A',
  query,
  timeRange,
  intervalMs: 0,
  maxDataPoints: 0,
  settings,
  instance: instanceFor(settings),
});

function emissions(query: Record<string, unknown>) {
  const parsed = cloudEmissionsHandler.parse({ queryType: 'cloudEmissions', source: 'focus', ...query });
  return cloudEmissionsHandler.run(request(parsed));
}

const values = (frame: Frame, name: string) => (frame.fields.find((f) => f.name === name) as NumberField).values;
const byProvider = async (accountingBasis: string) => {
  const [frame] = await emissions({
    accountingBasis,
    metrics: ['co2e', 'energy', 'embodied', 'cost'],
    groupBy: ['provider'],
    format: 'table',
  });
  const providers = (frame.fields.find((f) => f.name === 'provider') as StringField).values;
  const at = (provider: string, name: string) => values(frame, name)[providers.indexOf(provider)];
  return { frame, at };
};

describe('cloudEmissions on the market basis', () => {
  it('Google Cloud: grid × (1 − CFE); AWS: CO2e null with a notice, energy as on the location basis', async () => {
    const location = await byProvider('location');
    const market = await byProvider('market');
    const gcpKWh = location.at('gcp', 'energy')!;
    expect(gcpKWh).toBeGreaterThan(0);
    expect(market.at('gcp', 'energy')).toBe(gcpKWh);
    const embodied = market.at('gcp', 'embodied')!;
    expect(location.at('gcp', 'co2e')).toBeCloseTo((gcpKWh * EUROPE_WEST1_2024.gPerKWh) / 1000 + embodied, 12);
    expect(market.at('gcp', 'co2e')).toBeCloseTo(
      (gcpKWh * EUROPE_WEST1_2024.gPerKWh * (1 - EUROPE_WEST1_2024.cfe)) / 1000 + embodied,
      12
    );
    expect(market.at('gcp', 'co2e')).toBeCloseTo((gcpKWh * 16.5392) / 1000 + embodied, 12);

    expect(market.at('aws', 'energy')).toBe(location.at('aws', 'energy'));
    expect(market.at('aws', 'energy')).toBeGreaterThan(0);
    for (const name of ['co2e', 'co2e_low', 'co2e_high']) {
      expect({ name, value: market.at('aws', name) }).toEqual({ name, value: null });
    }
    expect(market.at('aws', 'embodied')).toBe(location.at('aws', 'embodied'));

    expect(market.frame.meta?.custom).toMatchObject({ accountingBasis: 'market' });
    expect(location.frame.meta?.custom).toMatchObject({ accountingBasis: 'location' });
    expect(market.frame.meta?.notices).toContainEqual({
      severity: 'warning',
      text:
        'Market basis: CO2e is not available for 1 usage row (2.30 USD; aws: 1 row, 2.30 USD). Only Google publishes ' +
        'a market-based share per region and year (its CFE, missing for some regions); AWS, Azure and other providers ' +
        'publish none per region, and no residual-mix dataset is bundled. Their energy is known; their CO2e is not ' +
        'available, not 0, and so is any CO2e total that includes them.',
    });
    expect(location.frame.meta?.notices?.some((n) => n.text.startsWith('Market basis'))).toBe(false);
  });

  it('a group holding both providers has no CO2e (null, not the Google part alone), its full energy', async () => {
    const [location] = await emissions({ metrics: ['co2e', 'energy'], format: 'table' });
    const [market] = await emissions({ accountingBasis: 'market', metrics: ['co2e', 'energy'], format: 'table' });
    expect(values(market, 'co2e')).toEqual([null]);
    expect(values(market, 'energy')).toEqual(values(location, 'energy'));
  });

  it('time series: the bucket holding the AWS row is null, not 0', async () => {
    const frames = await emissions({ accountingBasis: 'market', metrics: ['co2e'], groupBy: [], format: 'timeseries' });
    const co2e = frames.find((f) => f.name === 'co2e')!;
    const june10 = (Date.UTC(2024, 5, 10) - JUNE.from) / 86_400_000;
    expect(values(co2e, 'co2e')[june10]).toBeNull();
  });

  it('ccf with the market basis is refused before any request, naming the fix', () => {
    expect(() =>
      cloudEmissionsHandler.parse({
        queryType: 'cloudEmissions',
        source: 'focus',
        metrics: ['co2e'],
        methodology: 'ccf',
        accountingBasis: 'market',
      })
    ).toThrow(
      'Invalid cloudEmissions query: accountingBasis: Cloud Carbon Footprint has no market-based method: choose ' +
        'accounting basis "location" with methodology "ccf", or methodology "greenops" for the market basis'
    );
    expect(() =>
      cloudEmissionsHandler.parse({
        queryType: 'cloudEmissions',
        source: 'focus',
        metrics: ['co2e'],
        accountingBasis: 'net',
      })
    ).toThrow(/accountingBasis: accountingBasis must be one of location, market/);
  });
});

describe('cloudTrend on the market basis', () => {
  it('CO2e and its ratios are null where an AWS row is in scope, Google Cloud has them; no NaN in the summary', async () => {
    const parsed = cloudTrendHandler.parse({ queryType: 'cloudTrend', source: 'focus', accountingBasis: 'market' });
    const [frame] = await cloudTrendHandler.run(request(parsed));
    const scopes = (frame.fields.find((f) => f.name === 'scope') as StringField).values;
    const at = (scope: string, name: string) => values(frame, name)[scopes.indexOf(scope)];
    for (const name of ['co2e', 'co2e_per_cost', 'co2e_per_vcpu_hour']) {
      expect({ name, all: at('all', name), aws: at('aws', name) }).toEqual({ name, all: null, aws: null });
    }
    expect(at('gcp', 'co2e')).toBeGreaterThan(0);
    expect(at('all', 'energy')).toBeGreaterThan(0);
    expect(frame.meta?.custom).toMatchObject({ accountingBasis: 'market' });
    expect(frame.meta?.notices?.map((n) => n.text).join('\n')).not.toContain('NaN');
    expect(
      frame.meta?.notices?.some((n) => n.text.startsWith('This period: Market basis: CO2e is not available'))
    ).toBe(true);
    expect(() =>
      cloudTrendHandler.parse({
        queryType: 'cloudTrend',
        source: 'focus',
        methodology: 'ccf',
        accountingBasis: 'market',
      })
    ).toThrow(/Invalid cloudTrend query: accountingBasis: Cloud Carbon Footprint has no market-based method/);
  });
});
