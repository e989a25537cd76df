/**
 * Region switch by hand: every expected number below is written out from the values of
 * data/grid-intensity.json and data/pue.json (quoted in the comments), not taken from the engine.
 */
import { rowEstimate } from '../rowEstimate';
import type { RowEstimate, UsageCategory, UsageRow } from '../usage';
import { isLowerCarbon, regionSwitches, regionSwitchesOfBill, type ComputeLine } from './regionSwitch';
import { usageIdentity } from './regionSwitchLines';

// grid-intensity.json (gCO2e/kWh, source, year). greenops, 2024 usage: Electricity Maps' 2024 values
// (electricitymaps-yearly, CO2.js 0.19.0); ccf: CCF's own factors (ccf-*).
const AWS_US_EAST_1 = 403; // US-MIDA-PJM 2024
const AWS_CA_CENTRAL_1 = 35; // CA-QC 2024 (lowest of AWS north-america: BPAT 109, CAISO 229)
const CCF_AWS_US_WEST_2 = 322.167; // WECC, ccf-egrid2020, 2020
const CCF_AWS_CA_CENTRAL_1 = 120; // CA, ccf-carbonfootprint-2021, 2021
const AWS_US_GOV_EAST_1 = 379.069; // SERC, ccf-egrid2020: GovCloud has only CCF's factors
const AWS_US_GOV_WEST_1 = 322.167; // WECC, ccf-egrid2020
const GCP_US_CENTRAL1 = { 2021: 394, 2024: 412.72 }; // google-2021, google-2024
const GCP_NORTHAMERICA_NORTHEAST1 = { 2021: 0, 2024: 5.48 }; // Montréal: google-2021, google-2024
const AZURE_WESTEUROPE = 251; // NL 2024
const AZURE_SWEDENCENTRAL = 21; // SE-SE3 2024 (lowest of Azure europe: NO-NO1 27)
// pue.json
const AWS_PUE = 1.15; // aws-pue 2024 (AWS's published global PUE)
const GCP_PUE_2024 = 1.09; // google-pue 2024, fleet-wide: the same on both sides under greenops
const CCF_GCP_PUE = 1.1; // provider-wide (ccf-gcp-pue)
const CCF_GCP_US_CENTRAL1_PUE = 1.11; // per region (ccf-gcp-pue)

function line(
  provider: ComputeLine['provider'],
  region: string,
  kWh: number,
  year = 2024,
  extra: Partial<ComputeLine> = {}
): ComputeLine {
  return {
    provider,
    account: '111111111111',
    region,
    service: 'Compute',
    usage: 'm5.large',
    unit: 'Hours',
    year,
    kWh,
    amount: 0,
    cost: 0,
    currency: 'USD',
    ...extra,
  };
}

describe('regionSwitches', () => {
  it('moves 1,000 kWh of compute from us-east-1 to ca-central-1, the lowest region of AWS north-america', () => {
    const [s, ...more] = regionSwitches([line('aws', 'us-east-1', 1000)], { methodology: 'greenops' });
    expect(more).toEqual([]);
    expect([s.target.region, s.geography]).toEqual(['ca-central-1', 'north-america']);
    // Same PUE on both sides (AWS has one value): kWh unchanged.
    const projectedKWh = (1000 * AWS_PUE) / AWS_PUE; // 1000
    const currentKg = (1000 * AWS_US_EAST_1) / 1000; // 403
    const projectedKg = (projectedKWh * AWS_CA_CENTRAL_1) / 1000; // 35
    expect(s.currentKWh).toBeCloseTo(1000, 9);
    expect(s.projectedKWh).toBeCloseTo(projectedKWh, 9);
    expect(s.kWhSaved).toBeCloseTo(0, 9);
    expect(s.currentKg).toBeCloseTo(currentKg, 9);
    expect(s.projectedKg).toBeCloseTo(projectedKg, 9);
    expect(s.kgSaved).toBeCloseTo(368, 9); // 403 − 35
    expect(s.current.factor).toEqual({ gCO2ePerKWh: AWS_US_EAST_1, year: 2024, source: 'electricitymaps-yearly' });
    expect(s.target.factor).toEqual({ gCO2ePerKWh: AWS_CA_CENTRAL_1, year: 2024, source: 'electricitymaps-yearly' });
    expect(s.current.pue.pue).toBe(AWS_PUE);
  });

  it("greenops: Google's one fleet PUE of the year on both sides (GCP us-central1 → Montréal)", () => {
    const [s] = regionSwitches([line('gcp', 'us-central1', 1000)], { methodology: 'greenops' });
    expect(s.target.region).toBe('northamerica-northeast1');
    expect([s.current.pue.pue, s.target.pue.pue]).toEqual([GCP_PUE_2024, GCP_PUE_2024]);
    expect(s.projectedKWh).toBeCloseTo(1000, 9);
    expect(s.kgSaved).toBeCloseTo(412.72 - 5.48, 9);
  });

  it('ccf: applies the PUE difference where CCF has per-region values (GCP us-central1 → Montréal)', () => {
    const [s] = regionSwitches([line('gcp', 'us-central1', 1000)], { methodology: 'ccf' });
    expect(s.target.region).toBe('northamerica-northeast1');
    const projectedKWh = (1000 * CCF_GCP_PUE) / CCF_GCP_US_CENTRAL1_PUE; // 990.990990...
    expect(s.projectedKWh).toBeCloseTo(990.990990990991, 9);
    expect(s.projectedKWh).toBeCloseTo(projectedKWh, 9);
    expect(s.kWhSaved).toBeCloseTo(1000 - projectedKWh, 9); // 9.009009...
    expect(s.currentKg).toBeCloseTo((1000 * GCP_US_CENTRAL1[2024]) / 1000, 9); // 412.72
    expect(s.projectedKg).toBeCloseTo((projectedKWh * GCP_NORTHAMERICA_NORTHEAST1[2024]) / 1000, 9); // 5.43063...
    expect(s.kgSaved).toBeCloseTo(412.72 - 5.430630630630631, 9);
  });

  it("dates the factors by the usage's year", () => {
    const [s] = regionSwitches([line('gcp', 'us-central1', 1000, 2021)], { methodology: 'greenops' });
    expect(s.target.region).toBe('northamerica-northeast1');
    expect(s.current.factor).toEqual({
      gCO2ePerKWh: GCP_US_CENTRAL1[2021],
      year: 2021,
      source: 'google-2021',
      cfe: 0.97,
    });
    expect(s.currentKg).toBeCloseTo(394, 9); // 1000 × 394 / 1000
    expect(s.projectedKg).toBe(0); // Montréal published 0 g/kWh for 2021
    expect(GCP_NORTHAMERICA_NORTHEAST1[2021]).toBe(0);
  });

  it('finds Azure westeurope → swedencentral', () => {
    const [s] = regionSwitches([line('azure', 'westeurope', 250)], { methodology: 'greenops' });
    expect([s.target.region, s.geography]).toEqual(['swedencentral', 'europe']);
    expect(s.currentKg).toBeCloseTo((250 * AZURE_WESTEUROPE) / 1000, 9); // 62.75
    expect(s.projectedKg).toBeCloseTo((250 * AZURE_SWEDENCENTRAL) / 1000, 9); // 5.25
    expect(s.kgSaved).toBeCloseTo(62.75 - 5.25, 9);
  });

  it('gives no row for regions already the lowest of their geography', () => {
    const lines = [
      line('aws', 'ca-central-1', 500),
      line('aws', 'eu-north-1', 500),
      line('azure', 'swedencentral', 500),
    ];
    expect(regionSwitches(lines, { methodology: 'greenops' })).toEqual([]);
  });

  it('keeps AWS GovCloud inside its own partition', () => {
    const [s] = regionSwitches([line('aws', 'us-gov-east-1', 100)], { methodology: 'greenops' });
    expect([s.target.region, s.geography]).toEqual(['us-gov-west-1', 'us-government']);
    expect(s.kgSaved).toBeCloseTo((100 * (AWS_US_GOV_EAST_1 - AWS_US_GOV_WEST_1)) / 1000, 9); // 5.6902
  });

  it("uses CCF's flat AWS PUE under the ccf methodology", () => {
    const [s] = regionSwitches([line('aws', 'us-west-2', 1000)], { methodology: 'ccf' });
    expect(s.target.region).toBe('ca-central-1');
    expect(s.current.pue).toEqual({ pue: 1.135, year: 2024, source: 'ccf AWS_CLOUD_CONSTANTS.PUE_AVG' });
    expect(s.projectedKWh).toBeCloseTo(1000, 9);
    expect(s.current.factor.source).toBe('ccf-egrid2020');
    expect(s.kgSaved).toBeCloseTo((1000 * (CCF_AWS_US_WEST_2 - CCF_AWS_CA_CENTRAL_1)) / 1000, 9); // 202.167
  });

  it('scales every figure, and leaves cost unknown without prices', () => {
    const [s] = regionSwitches([line('aws', 'us-east-1', 2, 2024, { amount: 2, cost: 0.192 })], {
      methodology: 'greenops',
      scale: 365,
    });
    expect(s.currentKWh).toBeCloseTo(730, 9); // 2 × 365
    expect(s.kgSaved).toBeCloseTo((730 * (AWS_US_EAST_1 - AWS_CA_CENTRAL_1)) / 1000, 9);
    expect(s.currentCost).toBeCloseTo(70.08, 9); // 0.192 × 365
    expect([s.projectedCost, s.costSaved, s.unpriced]).toEqual([null, null, ['m5.large']]);
  });
});

// --- from a bill: rows, their estimates (given here, as the methodology would), prices -----------

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 8, 18);

function usage(
  region: string,
  instanceType: string | undefined,
  usageType: string,
  amount: number,
  cost: number,
  unit = 'Hours'
): UsageRow {
  return {
    start: T0,
    end: T0 + 2 * HOUR,
    provider: 'aws',
    account: '111111111111',
    region,
    service: 'AmazonEC2',
    usageType,
    unit,
    amount,
    cost,
    currency: 'USD',
    ...(instanceType ? { instanceType } : {}),
  };
}

function estimate(category: UsageCategory, kWh: number, embodiedKg = 0): RowEstimate {
  // Energy split across components on purpose: the engine must add them up.
  const energy = { compute: kWh * 0.75, memory: kWh * 0.25, gpu: 0, storage: 0, networking: 0 };
  return rowEstimate(category, energy, kWh + 10, kWh * 0.3, embodiedKg, kWh * 0.3 + embodiedKg, 0, 0, 0, 0, 0, 0);
}

describe('regionSwitchesOfBill', () => {
  const rows: UsageRow[] = [
    usage('us-east-1', 'm5.large', 'BoxUsage:m5.large', 2, 0.192), // 0.096 / h
    usage('us-east-1', undefined, 'EBS:VolumeUsage.gp3', 0.5, 0.04, 'GB-Mo'), // storage: not moved
    usage('us-west-2', 'c5.xlarge', 'USW2-BoxUsage:c5.xlarge', 2, 0.34), // no c5.xlarge in ca-central-1
    usage('ca-central-1', 'm5.large', 'CAN1-BoxUsage:m5.large', 4, 0.428), // 0.107 / h; already lowest
    usage('', 'm5.large', 'BoxUsage:m5.large', 1, 0.096), // no region: left out
  ];
  const estimates = [
    estimate('compute', 0.032, 0.0009),
    estimate('storage', 0.001),
    estimate('compute', 0.06),
    estimate('compute', 0.064),
    estimate('compute', 0.016),
  ];

  it('prices the same instance type at the target unit price of the bill and ranks nothing itself', () => {
    const { switches, leftOut } = regionSwitchesOfBill(rows, estimates, { methodology: 'greenops', scale: 365 });
    expect(leftOut).toEqual({ kWh: 0.016, regions: ['aws/(no region)'] });
    const east = switches.find((s) => s.region === 'us-east-1')!;
    const west = switches.find((s) => s.region === 'us-west-2')!;
    expect(switches).toHaveLength(2);
    // 0.032 kWh (compute 0.024 + memory 0.008; not the estimate's kWh, not embodied) × 365
    expect(east.currentKWh).toBeCloseTo(11.68, 9);
    expect(east.kgSaved).toBeCloseTo((11.68 * (AWS_US_EAST_1 - AWS_CA_CENTRAL_1)) / 1000, 9);
    expect(east.currentCost).toBeCloseTo(70.08, 9); // 0.192 × 365
    expect(east.projectedCost).toBeCloseTo(78.11, 9); // 2 h × (0.428 / 4) × 365
    expect(east.costSaved).toBeCloseTo(70.08 - 78.11, 9); // −8.03: Canada costs more
    expect(east.prices).toEqual([{ usage: 'm5.large', unit: 'Hours', price: 0.107 }]);
    expect(west.target.region).toBe('ca-central-1');
    expect([west.costSaved, west.unpriced]).toEqual([null, ['c5.xlarge']]);
  });

  it('matches AWS usage types across regions without their region code when the instance type is unknown', () => {
    const bare = (region: string, usageType: string) => ({ ...usage(region, undefined, usageType, 1, 1) });
    expect(usageIdentity(bare('us-east-2', 'USE2-BoxUsage:m5.large'), 'aws')).toBe('BoxUsage:m5.large');
    expect(usageIdentity(bare('us-east-1', 'BoxUsage:m5.large'), 'aws')).toBe('BoxUsage:m5.large');
    const { switches } = regionSwitchesOfBill(
      [bare('us-east-2', 'USE2-BoxUsage:m5.large'), { ...bare('ca-central-1', 'CAN1-BoxUsage:m5.large'), cost: 1.5 }],
      [estimate('compute', 1), estimate('compute', 1)],
      { methodology: 'greenops' }
    );
    expect(switches).toHaveLength(1);
    expect(switches[0].costSaved).toBeCloseTo(1 - 1.5, 9);
  });
});

describe('isLowerCarbon (the move rule)', () => {
  const terms = (gCO2ePerKWh: number, pue: number) => ({
    factor: { gCO2ePerKWh, year: 2024, source: 'test' },
    pue: { pue, year: 2024, source: 'test' },
  });
  const current = terms(200, 1.2); // 240 g per kWh of IT energy
  const below = (x: number) => x - x * Number.EPSILON;
  const above = (x: number) => x + x * Number.EPSILON;

  it('moves only to a region strictly lower per kWh of IT energy: equal stays, just below moves, just above stays', () => {
    expect(isLowerCarbon(terms(240, 1), current)).toBe(false);
    expect(isLowerCarbon(terms(below(240), 1), current)).toBe(true);
    expect(isLowerCarbon(terms(above(240), 1), current)).toBe(false);
  });

  it('compares grid factor × PUE, not the grid factor alone', () => {
    // A cleaner grid with a worse PUE: 220 × 1.2 = 264 > 230 × 1.0 = 230.
    expect(isLowerCarbon(terms(220, 1.2), terms(230, 1))).toBe(false);
    expect(isLowerCarbon(terms(230, 1), terms(220, 1.2))).toBe(true);
  });
});
