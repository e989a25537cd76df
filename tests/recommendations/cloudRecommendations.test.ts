/**
 * cloudRecommendations end to end over a real FOCUS file (tests/fixtures/focus/region-switch.csv,
 * AWS rows in the public FOCUS 1.0 sample's layout): the FOCUS reader, the greenops estimate, the
 * region switch engine and the frames together. Expected values are worked out here by hand from
 * the published coefficients and the fixture's prices.
 */
import path from 'node:path';
import type { Frame, NumberField, StringField } from '../../src/backend/frames/frame';
import { cloudRecommendationsHandler } from '../../src/backend/queries/recommendations/cloudRecommendations';
import { QueryError } from '../../src/backend/core/errors';
import { Secrets, type DataSourceSettings } from '../../src/backend/core/settings';
import type { CarbonDataSourceOptions } from '../../src/datasource/types';
import { instanceFor } from '../helpers/instances';

const FIXTURE = path.resolve(__dirname, '../fixtures/focus/region-switch.csv');

// Two hours, 2024-09-18 00:00 to 02:00 UTC: the 02:00 us-east-1 row of the fixture is outside.
const RANGE = { from: Date.UTC(2024, 8, 18, 0), to: Date.UTC(2024, 8, 18, 2) };
const MONTH = 730 / 2; // monthly = range total × 730 h / 2 h

// Coefficients (docs/methodology.md, data/teads-aws-instances.json, pue.json, grid-intensity.json)
const PUE = 1.15; // AWS's published global PUE for 2024 (aws-pue)
const M5_LARGE_W = 14.1; // Teads 2021, m5.large at 50 %
const C5_XLARGE_W = 26.6; // Teads 2021, c5.xlarge at 50 %
// gCO2e/kWh for 2024: Electricity Maps' yearly averages as CO2.js 0.19.0 ships them (yearly_2024.js)
const US_EAST_1 = 403; // US-MIDA-PJM
const US_WEST_2 = 109; // US-NW-BPAT
const CA_CENTRAL_1 = 35; // CA-QC: lowest of AWS north-america

// us-east-1: one m5.large for 2 h at 0.096 USD/h (EffectiveCost 0 in the export: BilledCost counts).
const eastKWh = ((M5_LARGE_W * 2 * PUE) / 1000) * MONTH; // 11.83695
const east = {
  kWh: eastKWh,
  kg: (eastKWh * US_EAST_1) / 1000, // 4.770291...
  projectedKg: (eastKWh * CA_CENTRAL_1) / 1000, // 0.414293...
  // ca-central-1 bills the same m5.large at 0.107 USD/h: 2 h × (0.107 − 0.096) × 365 more.
  costSaved: 2 * 0.096 * MONTH - 2 * 0.107 * MONTH, // 70.08 − 78.11 = −8.03
};
// us-west-2: one c5.xlarge for 2 h; the bill has no c5.xlarge in ca-central-1.
const westKWh = ((C5_XLARGE_W * 2 * PUE) / 1000) * MONTH; // 22.3307
const west = { kWh: westKWh, kg: (westKWh * US_WEST_2) / 1000, projectedKg: (westKWh * CA_CENTRAL_1) / 1000 };

const settingsWith = (jsonData: CarbonDataSourceOptions, secrets: Record<string, string> = {}): DataSourceSettings => ({
  uid: 'rec',
  name: 'rec',
  jsonData,
  secrets: new Secrets(secrets),
  lastUpdatedMS: 1,
});
const FOCUS_ONLY = settingsWith({ focus: { paths: [FIXTURE] } });

function run(query: Record<string, unknown>, settings = FOCUS_ONLY, timeRange = RANGE): Promise<Frame[]> {
  const parsed = cloudRecommendationsHandler.parse({ queryType: 'cloudRecommendations', refId: 'A', ...query });
  return cloudRecommendationsHandler.run({
    refId: 'A',
    query: parsed,
    timeRange,
    intervalMs: 0,
    maxDataPoints: 0,
    settings,
    instance: instanceFor(settings),
  });
}

const strings = (frame: Frame, name: string) => (frame.fields.find((f) => f.name === name) as StringField).values;
const numbers = (frame: Frame, name: string) => (frame.fields.find((f) => f.name === name) as NumberField).values;

describe('cloudRecommendations: region switch over a FOCUS export', () => {
  it('moves us-east-1 and us-west-2 compute to ca-central-1, ranked by CO2e saved; the lowest regions get no row', async () => {
    const [frame] = await run({ source: 'focus', kinds: ['regionSwitch'] });
    expect(frame.meta).toMatchObject({ type: 'numeric-long', typeVersion: [0, 1] });
    // m5.large in us-east-1 saves 4.3560 kg (11.83695 kWh × 0.368), c5.xlarge in us-west-2 1.6525 kg (22.3307 kWh × 0.074);
    // ca-central-1 and eu-north-1 (lowest of AWS europe, SE-SE3 21 g/kWh) are already the lowest of their geographies.
    expect(strings(frame, 'region')).toEqual(['us-east-1', 'us-west-2']);
    expect(strings(frame, 'targetRegion')).toEqual(['ca-central-1', 'ca-central-1']);
    expect(strings(frame, 'geography')).toEqual(['north-america', 'north-america']);
    expect(strings(frame, 'kind')).toEqual(['regionSwitch', 'regionSwitch']);
    expect(strings(frame, 'provider')).toEqual(['aws', 'aws']);
    expect(strings(frame, 'account')).toEqual(['11353890204', '11353890204']);
    expect(strings(frame, 'resourceId')).toEqual(['Amazon Elastic Compute Cloud', 'Amazon Elastic Compute Cloud']);
    expect(strings(frame, 'instanceType')).toEqual(['', '']);

    const [e, w] = [0, 1];
    const close = (name: string, i: number, expected: number) =>
      expect(numbers(frame, name)[i]).toBeCloseTo(expected, 9);
    close('currentMonthlyKWh', w, west.kWh);
    close('projectedMonthlyKWh', w, west.kWh); // same AWS PUE on both sides
    close('monthlyKWhSaved', w, 0);
    close('currentMonthlyKgCO2e', w, west.kg);
    close('projectedMonthlyKgCO2e', w, west.projectedKg);
    close('monthlyKgCO2eSaved', w, west.kg - west.projectedKg);
    expect(numbers(frame, 'monthlyKgCO2eSaved')[w]).toBeCloseTo(1.652472, 5);
    expect(numbers(frame, 'monthlyCostSaved')[w]).toBeNull();

    close('currentMonthlyKWh', e, east.kWh);
    close('currentMonthlyKgCO2e', e, east.kg);
    close('projectedMonthlyKgCO2e', e, east.projectedKg);
    close('monthlyKgCO2eSaved', e, east.kg - east.projectedKg);
    expect(numbers(frame, 'monthlyKgCO2eSaved')[e]).toBeCloseTo(4.355998, 5);
    close('monthlyCostSaved', e, east.costSaved);
    expect(numbers(frame, 'monthlyCostSaved')[e]).toBeCloseTo(-8.03, 9);
    expect(strings(frame, 'currency')).toEqual(['USD', 'USD']);

    const units = Object.fromEntries(frame.fields.map((f) => [f.name, f.config?.unit]));
    expect(units).toMatchObject({
      currentMonthlyKWh: 'kwatth',
      monthlyKgCO2eSaved: 'suffix: kgCO2e',
      monthlyCostSaved: 'currencyUSD',
    });

    const [eastMethod, westMethod] = strings(frame, 'method');
    expect(westMethod).toContain('price in ca-central-1 unknown in your billing data (c5.xlarge)');
    expect(westMethod).toContain('us-west-2 109 gCO2e/kWh (electricitymaps-yearly, 2024)');
    expect(westMethod).toContain('ca-central-1 35 gCO2e/kWh (electricitymaps-yearly, 2024)');
    expect(westMethod).toContain('monthly = range total × 730 h / 2 h');
    expect(eastMethod).toContain('m5.large 0.107 USD per Hours');
    expect(strings(frame, 'action')[e]).toBe(
      'Run the Amazon Elastic Compute Cloud compute of account 11353890204 in ca-central-1 (Canada (Central)) instead of ' +
        'us-east-1 (US East (N. Virginia)): the lowest-carbon AWS region in north-america.'
    );
  });

  it('chooses the FOCUS source and region switch alone when FOCUS is the only source configured', async () => {
    const [frame] = await run({});
    expect(strings(frame, 'region')).toEqual(['us-east-1', 'us-west-2']);
  });

  it('summarises per kind: count and monthly savings, cost from the priced rows only', async () => {
    const [frame] = await run({ format: 'summary' });
    expect(strings(frame, 'kind')).toEqual(['regionSwitch']);
    expect(numbers(frame, 'count')).toEqual([2]);
    expect(numbers(frame, 'monthlyKWhSaved')[0]).toBeCloseTo(0, 9);
    expect(numbers(frame, 'monthlyKgCO2eSaved')[0]).toBeCloseTo(
      west.kg - west.projectedKg + east.kg - east.projectedKg,
      9
    );
    expect(numbers(frame, 'monthlyCostSaved')[0]).toBeCloseTo(-8.03, 9);
    expect(frame.meta?.notices?.map((n) => n.text)).toContain(
      'regionSwitch: 1 of 2 recommendations have no known cost and are not in monthlyCostSaved.'
    );
  });

  it('answers an empty table (count 0) when the range holds no compute', async () => {
    const [frame] = await run({ format: 'summary' }, FOCUS_ONLY, {
      from: Date.UTC(2024, 0, 1),
      to: Date.UTC(2024, 0, 2),
    });
    expect(numbers(frame, 'count')).toEqual([0]);
    expect(numbers(frame, 'monthlyCostSaved')).toEqual([0]);
  });
});

describe('cloudRecommendations: bad options and failing sources', () => {
  const parse = (query: Record<string, unknown>) => () =>
    cloudRecommendationsHandler.parse({ queryType: 'cloudRecommendations', ...query });

  it('names the wrong field', () => {
    expect(parse({ kinds: ['cheaper'] })).toThrow(/kinds\.0: kinds must be among regionSwitch, rightsizing/);
    expect(parse({ format: 'pie' })).toThrow(/format: format must be one of table, summary/);
    expect(parse({ source: 'gcs' })).toThrow(/source: source must be one of awsCostExplorer, focus/);
    expect(parse({ methodology: 'guess' })).toThrow(/methodology/);
    expect(parse({ filters: { regions: [''] } })).toThrow(/filters\.regions\.0: values cannot be empty/);
    try {
      parse({ kinds: 'regionSwitch' })();
      throw new Error('expected a bad query');
    } catch (error) {
      expect(error).toBeInstanceOf(QueryError);
      expect((error as QueryError).status).toBe(400);
    }
  });

  it('says which source a kind needs', async () => {
    await expect(run({}, settingsWith({}))).rejects.toThrow(
      /cloudRecommendations needs a billing source: set up AWS Cost Explorer or FOCUS exports/
    );
    await expect(run({ kinds: ['rightsizing'] })).rejects.toThrow(
      /rightsizing comes from AWS Cost Explorer, which is not set up/
    );
    await expect(run({ source: 'awsCostExplorer' })).rejects.toThrow(
      /source awsCostExplorer is not configured in this data source/
    );
    await expect(run({ kinds: ['regionSwitch'] }, settingsWith({}))).rejects.toThrow(
      /regionSwitch needs billing usage/
    );
  });

  it('fails the query when its only kind cannot read its source', async () => {
    const missing = settingsWith({ focus: { paths: [path.join(__dirname, 'no-such-export.csv')] } });
    await expect(run({ kinds: ['regionSwitch'] }, missing)).rejects.toThrow(/no-such-export\.csv/);
  });
});
