/**
 * cloudEmissions and cloudTrend end to end over a real FOCUS file: the FOCUS reader, the engine
 * and the frame shaping together. Expected values are computed here by hand from the published
 * coefficients (the worked example in docs/methodology.md), not taken from our output.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cloudEmissionsHandler } from '../../src/backend/queries/cloudEmissions';
import { cloudTrendHandler } from '../../src/backend/queries/cloudTrend';
import type { NumberField, StringField, TimeField } from '../../src/backend/frames/frame';
import { Secrets, type DataSourceSettings } from '../../src/backend/core/settings';
import { instanceFor } from '../helpers/instances';
import dataset from '../../src/engine/data/dataset.json';
import unknownUsage from '../../src/engine/data/unknown-usage.json';

const HEADER =
  'ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ProviderName,SubAccountId,RegionId,ServiceName,ServiceCategory,' +
  'ConsumedQuantity,ConsumedUnit,PricingQuantity,PricingUnit,BilledCost,EffectiveCost,BillingCurrency,x_UsageType';

// June 2024 (30 days): the worked example. May 2024 holds half the compute, for the trend.
const ROWS = [
  '2024-06-10T00:00:00Z,2024-06-11T00:00:00Z,Usage,NULL,AWS,111111111111,eu-west-1,Amazon Elastic Compute Cloud,Compute,24,Hours,24,Hours,2.304,2.304,USD,EUW1-BoxUsage:m5.large',
  '2024-06-10T00:00:00Z,2024-06-11T00:00:00Z,Usage,NULL,AWS,111111111111,eu-west-1,Amazon Elastic Compute Cloud,Storage,100,GB-Months,100,GB-Months,8,8,USD,EUW1-EBS:VolumeUsage.gp3',
  '2024-06-12T00:00:00Z,2024-06-13T00:00:00Z,Usage,NULL,AWS,111111111111,eu-west-1,Amazon Simple Storage Service,Storage,1000,GB-Months,1000,GB-Months,23,23,USD,EUW1-TimedStorage-ByteHrs',
  '2024-05-20T00:00:00Z,2024-05-21T00:00:00Z,Usage,NULL,AWS,111111111111,eu-west-1,Amazon Elastic Compute Cloud,Compute,12,Hours,12,Hours,1.152,1.152,USD,EUW1-BoxUsage:m5.large',
  // July: load balancer capacity units, a unit no usage in the query has an energy model for.
  '2024-07-05T00:00:00Z,2024-07-06T00:00:00Z,Usage,NULL,AWS,111111111111,eu-west-1,Amazon Elastic Compute Cloud,Compute,24,Hours,24,Hours,2.304,2.304,USD,EUW1-BoxUsage:m5.large',
  '2024-07-05T00:00:00Z,2024-07-06T00:00:00Z,Usage,NULL,AWS,111111111111,eu-west-1,Elastic Load Balancing,Networking,5,LCU-Hrs,5,LCU-Hrs,0.04,0.04,USD,EUW1-LCUUsage',
  '2024-07-06T00:00:00Z,2024-07-07T00:00:00Z,Usage,NULL,AWS,111111111111,eu-west-1,Elastic Load Balancing,Networking,7,LCU-Hrs,7,LCU-Hrs,0.056,0.056,USD,EUW1-LCUUsage',
];

// Coefficients, with their sources (docs/methodology.md). Usage in June 2024.
// greenops: AWS's published global PUE for 2024; eu-west-1 = Electricity Maps IE 2024 (CO2.js 0.19.0).
const PUE = 1.15;
const GRID_T_PER_KWH = 0.000352;
// ccf: CCF's AWS PUE_AVG and eu-west-1 factor (EEA).
const CCF_PUE = 1.135;
const CCF_GRID_T_PER_KWH = 0.0002786;
const TEADS_M5_LARGE_50 = 14.1; // W at 50% load, Teads 2021
const M5_LARGE_EMBODIED_KG = 1610.3792; // CCF EC2_INSTANCE_TYPES, ccf-coefficients
const LIFESPAN_H = 35040; // 4 years
const M5_VCPU = 2;
const M5_FAMILY_MAX_VCPU = 96; // m5.24xlarge
const SSD_WH_PER_TBH = 1.2;
const HDD_WH_PER_TBH = 0.65;
const JUNE_HOURS = 30 * 24;

const gp3KWh = (pue: number) => ((100 / 1000) * JUNE_HOURS * SSD_WH_PER_TBH * pue * 2) / 1000; // EBS replication 2
const s3KWh = ((1000 / 1000) * JUNE_HOURS * HDD_WH_PER_TBH * PUE * 6) / 1000; // S3 replication 6

const expectedGreenops = {
  ec2: {
    kWh: (TEADS_M5_LARGE_50 * 24 * PUE) / 1000 + gp3KWh(PUE),
    co2e:
      ((TEADS_M5_LARGE_50 * 24 * PUE) / 1000 + gp3KWh(PUE)) * GRID_T_PER_KWH * 1000 +
      M5_LARGE_EMBODIED_KG * (24 / LIFESPAN_H) * (M5_VCPU / M5_FAMILY_MAX_VCPU),
  },
  s3: { kWh: s3KWh, co2e: s3KWh * GRID_T_PER_KWH * 1000 },
};

// CCF: Skylake 0.65..4.26 W/vCPU at 50%; memory above SPECpower's 81.32 GB/chip; embodied over
// usage/vCPUs hours, added back as "kWh"; S3 ByteHrs read as bytes (issue #1029).
const ccfComputeKWh = ((0.65 + 0.5 * (4.26 - 0.65)) * 48 * CCF_PUE) / 1000;
const ccfMemoryKWh = ((384 - 81.32) / (384 / 8)) * 24 * 0.000392 * CCF_PUE;
const ccfEmbodiedKg = M5_LARGE_EMBODIED_KG * (24 / M5_VCPU / LIFESPAN_H) * (M5_VCPU / M5_FAMILY_MAX_VCPU);
const ccfS3KWh = ((1000 / 2 ** 40) * HDD_WH_PER_TBH * CCF_PUE * 6) / 1000;
const expectedCcf = {
  ec2: {
    kWh: ccfComputeKWh + ccfMemoryKWh + ccfEmbodiedKg / (CCF_GRID_T_PER_KWH * 1000) + gp3KWh(CCF_PUE),
    co2e: (ccfComputeKWh + ccfMemoryKWh + gp3KWh(CCF_PUE)) * CCF_GRID_T_PER_KWH * 1000 + ccfEmbodiedKg,
  },
  s3: { kWh: ccfS3KWh, co2e: ccfS3KWh * CCF_GRID_T_PER_KWH * 1000 },
};

let dir: string;
let settings: DataSourceSettings;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'greenops-focus-'));
  writeFileSync(path.join(dir, 'export.csv'), [HEADER, ...ROWS].join('\n') + '\n');
  settings = { uid: 'q', name: 'q', jsonData: { focus: { paths: [dir] } }, secrets: new Secrets(), lastUpdatedMS: 1 };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const JUNE = { from: Date.UTC(2024, 5, 1), to: Date.UTC(2024, 6, 1) };

function emissions(query: Record<string, unknown>, timeRange = JUNE) {
  const parsed = cloudEmissionsHandler.parse({ queryType: 'cloudEmissions', source: 'focus', ...query });
  return cloudEmissionsHandler.run({
    refId: 'A',
    query: parsed,
    timeRange,
    intervalMs: 0,
    maxDataPoints: 0,
    settings,
    instance: instanceFor(settings),
  });
}

const field = <T>(frame: { fields: any[] }, name: string) => frame.fields.find((f) => f.name === name) as T;

describe.each([
  ['greenops', expectedGreenops],
  ['ccf', expectedCcf],
])('cloudEmissions with the %s methodology', (methodology, expected) => {
  it('totals energy, CO2e and cost per service as the formulas say (table)', async () => {
    const [frame] = await emissions({
      methodology,
      metrics: ['co2e', 'energy', 'cost'],
      groupBy: ['service'],
      format: 'table',
    });
    expect(frame.meta).toMatchObject({ type: 'numeric-long', typeVersion: [0, 1] });
    // What the numbers are, for a report: method and versions, basis, scope.
    expect(frame.meta?.custom).toEqual({
      methodology,
      methodologyVersion: expect.stringContaining(methodology === 'ccf' ? 'aws 0.15.0, core 0.17.3' : 'greenops 2'),
      datasetVersion: dataset.version,
      accountingBasis: 'location',
      ghgScope: 'Scope 3, category 1 (purchased goods and services): cloud use',
      interval: methodology === 'ccf' ? expect.stringMatching(/^none/) : expect.stringMatching(/^90 %/),
    });
    const services = field<StringField>(frame, 'service').values;
    const row = (service: string) => services.indexOf(service);
    const ec2 = row('Amazon Elastic Compute Cloud');
    const s3 = row('Amazon Simple Storage Service');
    expect(field<NumberField>(frame, 'energy').values[ec2]).toBeCloseTo(expected.ec2.kWh, 9);
    expect(field<NumberField>(frame, 'co2e').values[ec2]).toBeCloseTo(expected.ec2.co2e, 9);
    expect(field<NumberField>(frame, 'energy').values[s3]).toBeCloseTo(expected.s3.kWh, 9);
    expect(field<NumberField>(frame, 'co2e').values[s3]).toBeCloseTo(expected.s3.co2e, 9);
    expect(field<NumberField>(frame, 'cost').values[ec2]).toBeCloseTo(2.304 + 8, 9);
    expect(field<NumberField>(frame, 'cost').config).toEqual({ unit: 'currencyUSD', displayNameFromDS: 'Cost' });
    // The low/high columns say what they are (Grafana shows a field's description in its header tooltip).
    expect(field<NumberField>(frame, 'co2e_low').config?.description).toMatch(/^Low end of the stated 90 % interval/);
    expect(field<NumberField>(frame, 'co2e_high').config?.description).toMatch(/^High end of the stated 90 % interval/);
    const low = field<NumberField>(frame, 'co2e_low').values[ec2]!;
    const high = field<NumberField>(frame, 'co2e_high').values[ec2]!;
    expect(low).toBeLessThanOrEqual(expected.ec2.co2e + 1e-12);
    expect(high).toBeGreaterThanOrEqual(expected.ec2.co2e - 1e-12);
  });
});

describe('usage no energy model covers', () => {
  const JULY = { from: Date.UTC(2024, 6, 1), to: Date.UTC(2024, 7, 1) };

  it('ccf: a group made only of it has unknown energy and CO2e (null, not 0), its cost, and a notice counting it', async () => {
    const [frame] = await emissions(
      { methodology: 'ccf', metrics: ['co2e', 'energy', 'cost'], groupBy: ['service'], format: 'table' },
      JULY
    );
    const services = field<StringField>(frame, 'service').values;
    const elb = services.indexOf('Elastic Load Balancing');
    const ec2 = services.indexOf('Amazon Elastic Compute Cloud');
    for (const name of ['energy', 'co2e', 'co2e_low', 'co2e_high']) {
      expect({ name, value: field<NumberField>(frame, name).values[elb] }).toEqual({ name, value: null });
      expect(field<NumberField>(frame, name).values[ec2]).toBeGreaterThan(0);
    }
    expect(field<NumberField>(frame, 'cost').values[elb]).toBeCloseTo(0.096, 12);
    const notice = frame.meta?.notices?.find((n) => n.text.includes('could not be estimated'));
    expect(notice).toEqual({
      severity: 'warning',
      text:
        '2 usage rows (0.10 USD) could not be estimated: no usage of the same unit in this query has an energy model ' +
        'to compare them with (Elastic Load Balancing in LCU-Hrs: 2 rows, 0.10 USD). Their energy and CO2e are unknown, ' +
        'not 0: totals leave them out, and a group made only of them shows no value.',
    });
  });

  it("greenops: the same rows get the reference bill's kWh per USD (the whole bill's: no LCU-hours in it), no notice", async () => {
    const [frame] = await emissions(
      { methodology: 'greenops', metrics: ['co2e', 'energy', 'cost'], groupBy: ['service'], format: 'table' },
      JULY
    );
    const elb = field<StringField>(frame, 'service').values.indexOf('Elastic Load Balancing');
    const kWhPerUsd = Object.values(unknownUsage.all.kWhPerUsd).reduce((a, b) => a + b, 0);
    expect(field<NumberField>(frame, 'energy').values[elb]).toBeCloseTo(0.096 * kWhPerUsd, 12);
    const low = field<NumberField>(frame, 'co2e_low').values[elb]!;
    const high = field<NumberField>(frame, 'co2e_high').values[elb]!;
    expect(low).toBeLessThan(field<NumberField>(frame, 'co2e').values[elb]!);
    expect(high).toBeGreaterThan(field<NumberField>(frame, 'co2e').values[elb]!);
    expect(frame.meta?.notices?.some((n) => n.text.includes('could not be estimated'))).toBe(false);
  });

  it('June has none: no notice', async () => {
    const [frame] = await emissions({ metrics: ['energy'], groupBy: ['service'], format: 'table' });
    expect(frame.meta?.notices?.some((n) => n.text.includes('could not be estimated'))).toBe(false);
  });
});

describe('cloudEmissions time series', () => {
  it('returns one labelled series per group and measure, with every daily bucket of the range', async () => {
    const frames = await emissions({ metrics: ['cost'], groupBy: ['service', 'region'], granularity: 'daily' });
    expect(frames).toHaveLength(2);
    const ec2 = frames.find((f) => f.fields[1].labels?.service === 'Amazon Elastic Compute Cloud')!;
    expect(ec2.meta).toMatchObject({ type: 'timeseries-multi', typeVersion: [0, 1] });
    expect(ec2.fields[1].labels).toEqual({ service: 'Amazon Elastic Compute Cloud', region: 'eu-west-1' });
    const times = field<TimeField>(ec2, 'time').values;
    expect(times).toHaveLength(30);
    expect(times[9]).toBe(Date.UTC(2024, 5, 10));
    const cost = field<NumberField>(ec2, 'cost').values;
    expect(cost[9]).toBeCloseTo(10.304, 9);
    expect(cost.filter((v, i) => i !== 9).every((v) => v === 0)).toBe(true);
  });

  it('fails only its own query, with the field named, when the query is malformed', () => {
    expect(() => cloudEmissionsHandler.parse({ queryType: 'cloudEmissions', source: 'focus', metrics: [] })).toThrow(
      /metrics: choose at least one metric/
    );
    expect(() =>
      cloudEmissionsHandler.parse({ queryType: 'cloudEmissions', source: 'gcs', metrics: ['co2e'] })
    ).toThrow(/source: source must be one of awsCostExplorer, focus/);
    expect(() =>
      cloudEmissionsHandler.parse({
        queryType: 'cloudEmissions',
        source: 'focus',
        metrics: ['co2e'],
        groupBy: ['colour'],
      })
    ).toThrow(/groupBy\.0/);
  });
});

describe('cloudTrend', () => {
  it('compares June with May: usage doubled, cost and carbon per scope', async () => {
    const parsed = cloudTrendHandler.parse({ queryType: 'cloudTrend', source: 'focus', methodology: 'greenops' });
    // 31 days ending 1 July: the previous period is 31 days ending 1 June, i.e. May.
    const range = { from: Date.UTC(2024, 5, 1) - 86_400_000, to: Date.UTC(2024, 6, 1) };
    const [frame] = await cloudTrendHandler.run({
      refId: 'T',
      query: parsed,
      timeRange: range,
      intervalMs: 0,
      maxDataPoints: 0,
      settings,
      instance: instanceFor(settings),
    });
    const scopes = field<StringField>(frame, 'scope').values;
    expect(scopes).toEqual(['all', 'aws']);
    const vcpu = field<NumberField>(frame, 'vcpu_hours').values;
    const vcpuPrev = field<NumberField>(frame, 'vcpu_hours_previous').values;
    expect(vcpu[0]).toBeCloseTo(48, 9); // 24 h x 2 vCPUs
    expect(vcpuPrev[0]).toBeCloseTo(24, 9); // 12 h x 2 vCPUs
    expect(field<NumberField>(frame, 'vcpu_hours_growth').values[0]).toBeCloseTo(1, 9);
    expect(field<NumberField>(frame, 'cost').values[0]).toBeCloseTo(2.304 + 8 + 23, 9);
    expect(field<NumberField>(frame, 'cost_previous').values[0]).toBeCloseTo(1.152, 9);
    expect(frame.meta?.notices?.[0].text).toMatch(/^all: usage \+100% vCPU-hours/);
  });
});
