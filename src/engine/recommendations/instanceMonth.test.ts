/**
 * A month of one instance, against figures worked out here by hand from the data files (Teads
 * curves, CCF's tables, the grid and PUE files), not from the engine's own helpers.
 */
import ccfConstants from '../data/ccf/aws-constants.json';
import ccfFactors from '../data/ccf/aws-emission-factors.json';
import ccfInstances from '../data/ccf/aws-instances.json';
import ccfProcessors from '../data/ccf/aws-processors.json';
import grid from '../data/grid-intensity.json';
import pue from '../data/pue.json';
import teads from '../data/teads-aws-instances.json';
import uncertainty from '../data/uncertainty.json';
import { statedInterval } from '../greenops/testRows';
import {
  describeInstanceMonth,
  estimateInstanceMonths,
  instanceMonthUsageRow,
  usageTypePrefixOf,
  type InstanceMonthRequest,
} from './instanceMonth';

const HOURS = 730;
const MARCH_2025 = Date.parse('2025-03-01T00:00:00Z');
const m5Large = (utilisationPercent: number | null, region = 'eu-west-1'): InstanceMonthRequest => ({
  instanceType: 'm5.large',
  region,
  utilisationPercent,
  from: MARCH_2025,
});

// --- the data, read by hand -------------------------------------------------------------------
// Usage in March 2025: AWS's own PUE for 2025 and Electricity Maps' 2025 factor for Ireland.
const PUE_AWS = pue.values.find((v) => v.provider === 'aws' && v.source === 'aws-pue' && v.year === 2025)!.pue; // 1.14
const EU_WEST_1 = grid.regions
  .find((r) => r.provider === 'aws' && r.region === 'eu-west-1')!
  .factors.find((f) => f.source === 'electricitymaps-yearly' && f.year === 2025)!; // 301 g, 2025
const TEADS_M5_LARGE = (teads.instances as Record<string, { instance: number[] }>)['m5.large'].instance; // [4.4, 7, 14.1, 20]
const M5_ROWS = (
  ccfInstances.ec2InstanceTypes.values as unknown as Record<string, Array<[string, number, number, number]>>
).m5;
const [, M5_LARGE_VCPUS, M5_LARGE_GB, M5_TONNES] = M5_ROWS.find((r) => r[0] === 'large')!; // 2, 8, 1.6103792
const [, M5_LAST_VCPUS, M5_LAST_GB] = M5_ROWS[M5_ROWS.length - 1]; // metal: 96, 384
const PROCESSORS = (ccfProcessors.computeProcessors.values as Record<string, string[]>)['m5.large'];
const MIN_W = ccfConstants.minWattsPerVCpu.value as Record<string, number>;
const MAX_W = ccfConstants.maxWattsPerVCpu.value as Record<string, number>;
const GB_PER_CHIP = ccfConstants.memoryGbPerPhysicalChip.value as Record<string, number>;
const LIFESPAN_H = ccfConstants.serverLifespanHours.value; // 35040
const MEMORY_KWH_PER_GBH = ccfConstants.memoryKWhPerGbHour.value; // 0.000392

describe('instanceMonth data (what the hand calculations below read)', () => {
  it('is m5.large on Skylake, 2 vCPUs, with the expected table values', () => {
    expect(PROCESSORS).toEqual(['Skylake']);
    expect([M5_LARGE_VCPUS, M5_LARGE_GB, M5_LAST_VCPUS, M5_LAST_GB]).toEqual([2, 8, 96, 384]);
    expect(teads.loadPercent).toEqual([0, 10, 50, 100]);
  });
});

// Skylake only, so no averaging: W per vCPU = min + u/100 × (max − min).
const skylakeWattsPerVCpu = (u: number) => MIN_W.Skylake + (u / 100) * (MAX_W.Skylake - MIN_W.Skylake);
// CCF memory above SPECpower: (384 GB / 1 chip − Skylake's GB per chip) / (384 / 8) GB per instance-hour.
const memoryGbPerHour = (M5_LAST_GB / Math.ceil(M5_LAST_VCPUS / 96) - GB_PER_CHIP.Skylake) / (M5_LAST_GB / M5_LARGE_GB);
// greenops embodied (SCI): tonnes × 1000 × 730 h / lifespan × 2/96 vCPUs of the host.
const greenopsEmbodiedKg = M5_TONNES * 1000 * (HOURS / LIFESPAN_H) * (M5_LARGE_VCPUS / M5_LAST_VCPUS);
// The factor is of the usage's own year (2025): band = 0.0865 × √max(1, 0) = 0.0865.
const band = uncertainty.gridFactor.relativeBandPerYear * Math.sqrt(Math.max(1, 2025 - EU_WEST_1.year));
const kgPerKWh = EU_WEST_1.gCO2ePerKWh / 1000;
const monthKWh = (watts: number) => (watts * HOURS * PUE_AWS) / 1000;

describe('estimateInstanceMonths, greenops', () => {
  it('m5.large in eu-west-1 at 50 %: Teads 14.1 W × 730 h × PUE, range from the per-vCPU model', () => {
    const [month] = estimateInstanceMonths([m5Large(50)], 'greenops');
    const teadsW = TEADS_M5_LARGE[2]; // the 50 % point: 14.1 W
    const perVcpuW = skylakeWattsPerVCpu(50) * 2 + memoryGbPerHour * MEMORY_KWH_PER_GBH * 1000; // 7.38 W
    expect(teadsW).toBe(14.1);
    expect(perVcpuW).toBeCloseTo(7.3818, 3);
    const kWh = monthKWh(14.1); // 14.1 W × 730 h × PUE 1.14 = 11.734 kWh
    expect(month.known).toBe(true);
    expect(month.utilisationPercent).toBe(50);
    expect(month.kWh).toBeCloseTo(11.73402, 3);
    expect(month.kWh).toBeCloseTo(kWh, 9);
    expect(month.operationalKg).toBeCloseTo(kWh * kgPerKWh, 9);
    expect(month.embodiedKg).toBeCloseTo(greenopsEmbodiedKg, 9);
    expect(month.co2eKg).toBeCloseTo(kWh * kgPerKWh + greenopsEmbodiedKg, 9);
    const embodiedLow =
      greenopsEmbodiedKg * (uncertainty.embodied.centralLifespanYears / uncertainty.embodied.longestLifespanYears);
    // A measured 50 %: the power band is the two models at 50 % (per-vCPU below Teads), with the PUE
    // and grid bands, as a 90 % interval (docs/methodology.md section 4).
    const expected = statedInterval({
      kWh,
      kWhLow: monthKWh(perVcpuW),
      kWhHigh: kWh,
      kgPerKWh,
      gridBand: band,
      embodiedKg: greenopsEmbodiedKg,
      embodiedLowKg: embodiedLow,
    });
    expect(month.co2eLowKg).toBeCloseTo(expected.low, 9);
    expect(month.co2eHighKg).toBeCloseTo(expected.high, 9);
    // The interval's parts: operational (power models, PUE, grid) and embodied (4/6 .. 1).
    expect(month.operationalLowKg).toBeCloseTo(expected.opLow, 9);
    expect(month.operationalHighKg).toBeCloseTo(expected.opHigh, 9);
    expect(month.embodiedLowKg).toBeCloseTo(embodiedLow, 9);
    expect(month.embodiedHighKg).toBeCloseTo(greenopsEmbodiedKg, 9);
  });

  it('evaluates power at the given utilisation: 2.5 % interpolates between Teads idle and 10 %', () => {
    const [month] = estimateInstanceMonths([m5Large(2.5)], 'greenops');
    const watts = TEADS_M5_LARGE[0] + (2.5 / 10) * (TEADS_M5_LARGE[1] - TEADS_M5_LARGE[0]); // 4.4 + 0.25 × 2.6 = 5.05
    expect(month.kWh).toBeCloseTo(monthKWh(watts), 9);
    expect(month.utilisationPercent).toBe(2.5);
  });

  it('uses the default 50 % and its 10-90 % band without a utilisation', () => {
    const [month] = estimateInstanceMonths([m5Large(null)], 'greenops');
    expect(month.utilisationPercent).toBeNull();
    expect(month.kWh).toBeCloseTo(monthKWh(14.1), 9);
    // Low end: the lower power model at 10 %: per-vCPU (0.65 + 0.1 × 3.61) × 2 + memory.
    const lowW = Math.min(TEADS_M5_LARGE[1], skylakeWattsPerVCpu(10) * 2 + memoryGbPerHour * MEMORY_KWH_PER_GBH * 1000);
    // High end: the higher model at 90 %: Teads 14.1 + 0.8 × (20 − 14.1) W.
    const highW = Math.max(
      TEADS_M5_LARGE[2] + 0.8 * (TEADS_M5_LARGE[3] - TEADS_M5_LARGE[2]),
      skylakeWattsPerVCpu(90) * 2 + memoryGbPerHour * MEMORY_KWH_PER_GBH * 1000
    );
    const expected = statedInterval({
      kWh: monthKWh(14.1),
      kWhLow: monthKWh(lowW),
      kWhHigh: monthKWh(highW),
      kgPerKWh,
      gridBand: band,
      embodiedKg: greenopsEmbodiedKg,
      embodiedLowKg: greenopsEmbodiedKg * (4 / 6),
    });
    expect(month.co2eLowKg).toBeCloseTo(expected.low, 9);
    expect(month.co2eHighKg).toBeCloseTo(expected.high, 9);
  });

  it("uses CCF's average factor for an unknown region", () => {
    const [month] = estimateInstanceMonths([m5Large(50, '')], 'greenops');
    const average = ccfFactors.unknownRegion.tonnesCO2ePerKWh * 1000; // kg per kWh
    expect(month.operationalKg).toBeCloseTo(monthKWh(14.1) * average, 9);
    expect(month.grid).toContain('region unknown');
  });

  it('reports an instance type it has no data for as unknown, with zeros', () => {
    const [month] = estimateInstanceMonths([{ ...m5Large(5), instanceType: 'zz9.huge' }], 'greenops');
    expect(month).toMatchObject({ known: false, kWh: 0, co2eKg: 0, embodiedLowKg: 0, embodiedHighKg: 0 });
    expect(describeInstanceMonth(month, 'zz9.huge', 'greenops')).toMatch(/unknown/);
  });
});

describe('estimateInstanceMonths, ccf', () => {
  it("m5.large in eu-west-1: CCF's 50 % whatever the utilisation, memory, embodied as CCF adds it", () => {
    const [at5, at50] = estimateInstanceMonths([m5Large(5), m5Large(50)], 'ccf');
    const ef = ccfFactors.regions['eu-west-1'].tonnesCO2ePerKWh; // t per kWh
    const cpuKWh = (skylakeWattsPerVCpu(50) * M5_LARGE_VCPUS * HOURS * ccfConstants.pue.value) / 1000;
    const memoryKWh = memoryGbPerHour * HOURS * MEMORY_KWH_PER_GBH * ccfConstants.pue.value;
    // CCF's embodied time is amount / vCPUs (365 h), × 2/96 of the host.
    const embodiedT = M5_TONNES * (HOURS / M5_LARGE_VCPUS / LIFESPAN_H) * (M5_LARGE_VCPUS / M5_LAST_VCPUS);
    expect(at5.utilisationPercent).toBe(50);
    expect(at5.kWh).toBeCloseTo(at50.kWh, 12);
    expect(at50.kWh).toBeCloseTo(cpuKWh + memoryKWh + embodiedT / ef, 9);
    expect(at50.co2eKg).toBeCloseTo(((cpuKWh + memoryKWh) * ef + embodiedT) * 1000, 9);
    expect(at50.co2eLowKg).toBe(at50.co2eKg);
    // No range in CCF: each part's bounds are its central value.
    expect(at50.embodiedKg).toBeCloseTo(embodiedT * 1000, 9);
    expect([at50.embodiedLowKg, at50.embodiedHighKg]).toEqual([at50.embodiedKg, at50.embodiedKg]);
    expect(at50.operationalLowKg).toBeCloseTo((cpuKWh + memoryKWh) * ef * 1000, 9);
    expect(at50.operationalHighKg).toBe(at50.operationalLowKg);
    expect(describeInstanceMonth(at50, 'm5.large', 'ccf')).toMatch(
      /fixed 50 % CPU \(CCF ignores measured utilisation\)/
    );
  });
});

describe('instanceMonthUsageRow', () => {
  it("is the BoxUsage row Cost Explorer bills, with the region's usage-type prefix", () => {
    const row = instanceMonthUsageRow(m5Large(10));
    expect(row).toMatchObject({
      usageType: 'EUW1-BoxUsage:m5.large',
      unit: 'Hrs',
      amount: 730,
      service: 'Amazon Elastic Compute Cloud - Compute',
      region: 'eu-west-1',
    });
    expect(row.end - row.start).toBe(730 * 3600 * 1000);
    expect(instanceMonthUsageRow(m5Large(10, 'us-east-1')).usageType).toBe('BoxUsage:m5.large');
  });

  it.each([
    ['eu-central-1', 'EUC1'],
    ['ap-south-1', 'APS3'],
    ['ca-central-1', 'CAN1'],
    ['us-gov-west-1', 'UGW1'],
    ['us-east-1', ''],
    ['', ''],
    ['xx-nowhere-9', ''],
  ])('prefixes %s usage types with "%s"', (region, prefix) => {
    expect(usageTypePrefixOf(region)).toBe(prefix);
  });
});
