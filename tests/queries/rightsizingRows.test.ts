/**
 * Rightsizing savings from Cost Explorer (real SDK, replay server): one RecommendationRow per
 * Modify finding; kWh and CO2e saved worked out here by hand from the data files (current type at
 * its peak CPU, target type at AWS's expected CPU), cost saved from the fixture.
 */
import { rightsizingRecommendationRows, targetCpuOf } from '../../src/backend/queries/recommendations/rightsizingRows';
import type { RightsizingFinding } from '../../src/backend/sources/aws/rightsizingFinding';
import ccfConstants from '../../src/engine/data/ccf/aws-constants.json';
import ccfFactors from '../../src/engine/data/ccf/aws-emission-factors.json';
import grid from '../../src/engine/data/grid-intensity.json';
import { GET_RIGHTSIZING, useRightsizingReplay } from '../helpers/rightsizingReplay';
import { HOURS, PUE, teadsWatts } from '../helpers/teadsByHand';
import { instanceFor } from '../helpers/instances';
import { ceError, settings } from '../sources/costExplorerHarness';
import { embodiedKg } from '../zombies/embodiedByHand';

const { replay, twoPages } = useRightsizingReplay();

// --- by hand from the data files (and tests/helpers/teadsByHand.ts) -------------------------------
/** The newest Electricity Maps factor (2025): the month ending now is past the series' last year. */
const kgPerKWh = (region: string) =>
  grid.regions
    .find((r) => r.provider === 'aws' && r.region === region)!
    .factors.filter((f) => f.source === 'electricitymaps-yearly')
    .reduce((a, b) => (b.year > a.year ? b : a)).gCO2ePerKWh / 1000;
const monthKWh = (watts: number) => (watts * HOURS * PUE) / 1000;

describe('rightsizingRecommendationRows', () => {
  it('greenops: one row per Modify finding, savings by hand, most CO2e saved first', async () => {
    twoPages();
    const { rows, notices, executed } = await rightsizingRecommendationRows(instanceFor(settings()), {
      methodology: 'greenops',
    });
    replay.seenText.push(...notices.map((n) => n.text));
    expect(replay.server.requestsFor(GET_RIGHTSIZING)).toHaveLength(2);
    expect(executed).toHaveLength(1);

    // m5.2xlarge at 9.3 %: 17.6 + 0.93 × (27.9 − 17.6) = 27.179 W; m5.xlarge at AWS's 17.9 %:
    // 14 + (7.9 / 40) × (28.2 − 14) = 16.8045 W; eu-central-1 342 g/kWh (Electricity Maps DE 2025).
    const m1Current = monthKWh(teadsWatts('m5.2xlarge', 9.3));
    const m1Target = monthKWh(teadsWatts('m5.xlarge', 17.9));
    expect(teadsWatts('m5.2xlarge', 9.3)).toBeCloseTo(27.179, 9);
    expect(teadsWatts('m5.xlarge', 17.9)).toBeCloseTo(16.8045, 9);
    const m1Co2e =
      (m1Current - m1Target) * kgPerKWh('eu-central-1') + embodiedKg('m5.2xlarge') - embodiedKg('m5.xlarge');
    // c5.2xlarge at 21 %: 31.3 + (11 / 40) × 21.8 = 37.295 W; c5.xlarge at AWS's 42 % (the default
    // target): 15.6 + (32 / 40) × 11 = 24.4 W; eu-west-1 301 g/kWh (IE 2025). PUE 1.14 (AWS 2025).
    const m2Current = monthKWh(teadsWatts('c5.2xlarge', 21));
    const m2Target = monthKWh(teadsWatts('c5.xlarge', 42));
    expect(teadsWatts('c5.2xlarge', 21)).toBeCloseTo(37.295, 9);
    expect(teadsWatts('c5.xlarge', 42)).toBeCloseTo(24.4, 9);
    const m2Co2e = (m2Current - m2Target) * kgPerKWh('eu-west-1') + embodiedKg('c5.2xlarge') - embodiedKg('c5.xlarge');
    // Ranked by CO2e saved: the c5 resize before the m5 one.
    expect(m2Co2e).toBeGreaterThan(m1Co2e);

    expect(rows).toHaveLength(2);
    const [m2, m1] = rows;
    expect(m1).toMatchObject({
      kind: 'rightsizing',
      provider: 'aws',
      account: '222222222222',
      region: 'eu-central-1',
      targetRegion: 'eu-central-1',
      geography: '',
      resourceId: 'i-0f9e8d7c6b5a40002',
      instanceType: 'm5.2xlarge',
      targetInstanceType: 'm5.xlarge',
      monthlyCostSaved: 167.9,
      currency: 'USD',
    });
    expect(m1.currentMonthlyKWh).toBeCloseTo(m1Current, 9);
    expect(m1.projectedMonthlyKWh).toBeCloseTo(m1Target, 9);
    expect(m1.monthlyKWhSaved).toBeCloseTo(m1Current - m1Target, 9);
    expect(m1.monthlyKgCO2eSaved).toBeCloseTo(m1Co2e, 9);
    expect(m1.action).toBe(
      'Resize i-0f9e8d7c6b5a40002 (api-server) from m5.2xlarge to m5.xlarge; saves 167.9 USD/month.'
    );
    expect(m1.method).toMatch(/Target CPU: AWS's expected peak CPU on the target\./);

    expect(m2).toMatchObject({ region: 'eu-west-1', targetInstanceType: 'c5.xlarge', monthlyCostSaved: 140.16 });
    expect(m2.monthlyKWhSaved).toBeCloseTo(m2Current - m2Target, 9);
    expect(m2.monthlyKgCO2eSaved).toBeCloseTo(m2Co2e, 9);
  });

  it("ccf: both types at CCF's 50 %, the saving is the difference of the two types", async () => {
    twoPages();
    const { rows } = await rightsizingRecommendationRows(instanceFor(settings()), { methodology: 'ccf' });
    const m1 = rows.find((r) => r.resourceId === 'i-0f9e8d7c6b5a40002')!;
    const c = ccfConstants;
    const skylake = (k: 'minWattsPerVCpu' | 'maxWattsPerVCpu') => (c[k].value as Record<string, number>).Skylake;
    const wattsPerVCpu = skylake('minWattsPerVCpu') + 0.5 * (skylake('maxWattsPerVCpu') - skylake('minWattsPerVCpu'));
    const ef = ccfFactors.regions['eu-central-1'].tonnesCO2ePerKWh;
    // m5: memory above SPECpower = (384 − 81.32) / (384 / memory GB) GB per hour; embodied time 730 h / vCPUs.
    const month = (vCpus: number, memoryGb: number) => {
      const cpu = (wattsPerVCpu * vCpus * HOURS * c.pue.value) / 1000;
      const memory =
        ((384 - (c.memoryGbPerPhysicalChip.value as Record<string, number>).Skylake) / (384 / memoryGb)) *
        HOURS *
        c.memoryKWhPerGbHour.value *
        c.pue.value;
      const embodiedT = 1.6103792 * (HOURS / vCpus / c.serverLifespanHours.value) * (vCpus / 96);
      return { kWh: cpu + memory + embodiedT / ef, kg: ((cpu + memory) * ef + embodiedT) * 1000 };
    };
    const [current, target] = [month(8, 32), month(4, 16)];
    expect(m1.currentMonthlyKWh).toBeCloseTo(current.kWh, 9);
    expect(m1.monthlyKWhSaved).toBeCloseTo(current.kWh - target.kWh, 9);
    expect(m1.monthlyKgCO2eSaved).toBeCloseTo(current.kg - target.kg, 9);
    expect(m1.monthlyCostSaved).toBe(167.9);
    expect(m1.method).toMatch(/fixed 50 % CPU/);
  });

  it('fails only this source when rightsizing is not enabled', async () => {
    replay.server.route(GET_RIGHTSIZING, ceError('get-rightsizing-recommendation.not-enabled.json'));
    const { rows, notices } = await rightsizingRecommendationRows(instanceFor(settings()), { methodology: 'greenops' });
    replay.seenText.push(...notices.map((n) => n.text));
    expect(rows).toEqual([]);
    expect(notices).toEqual([{ severity: 'error', text: expect.stringMatching(/payer \(management\) account/) }]);
  });
});

describe('targetCpuOf', () => {
  const finding = (over: Partial<RightsizingFinding>) =>
    ({ maxCpuPercent: 30, vCpus: 8, targetVCpus: 4, targetMaxCpuPercent: null, ...over }) as RightsizingFinding;

  it("uses AWS's expected CPU on the target when there is one", () => {
    expect(targetCpuOf(finding({ targetMaxCpuPercent: 55 }))).toEqual({
      percent: 55,
      how: "AWS's expected peak CPU on the target",
    });
  });

  it('else scales the same work by the vCPU ratio (30 % of 8 vCPUs = 60 % of 4), capped at 100 %', () => {
    expect(targetCpuOf(finding({})).percent).toBe(60);
    expect(targetCpuOf(finding({ maxCpuPercent: 70 })).percent).toBe(100);
    expect(targetCpuOf(finding({ vCpus: null })).percent).toBeNull();
  });
});
