/**
 * Idle instances from Cost Explorer rightsizing (real SDK, replay server): one ZombieRow per
 * Terminate finding, cost from the fixture, energy and CO2e worked out here by hand from the data
 * files at the finding's peak CPU.
 */
import { costExplorerZombies } from '../../src/backend/queries/zombies/cloudZombies';
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
/** The newest Electricity Maps factor of an AWS region: the month ending now is past the series' last year. */
const gPerKWh = (region: string) =>
  grid.regions
    .find((r) => r.provider === 'aws' && r.region === region)!
    .factors.filter((f) => f.source === 'electricitymaps-yearly')
    .reduce((a, b) => (b.year > a.year ? b : a));
describe('costExplorerZombies', () => {
  it('returns one cloudInstance row per Terminate finding, from both pages, with cost and evidence from AWS', async () => {
    twoPages();
    const { rows, notices, executed } = await costExplorerZombies(instanceFor(settings()), { methodology: 'greenops' });
    replay.seenText.push(...notices.map((n) => n.text));
    expect(replay.server.requestsFor(GET_RIGHTSIZING)).toHaveLength(2);
    expect(rows.map((r) => r.resourceId)).toEqual(['i-0a1b2c3d4e5f60001', 'i-07c3a9e1b5d2f0003']);
    expect(rows[0]).toMatchObject({
      kind: 'cloudInstance',
      source: 'awsCostExplorer',
      provider: 'aws',
      account: '111111111111',
      region: 'eu-west-1',
      name: 'legacy-batch',
      instanceType: 'm5.large',
      peakCpuPercent: 0.6,
      avgCpuPercent: null,
      windowDays: 14,
      idleDays: null,
      monthlyCost: 78.11,
      currency: 'USD',
    });
    expect(rows[0].action).toMatch(
      /^Terminate i-0a1b2c3d4e5f60001 \(legacy-batch\): .*peak CPU 0\.6 % over 14 days; saves 78\.11 USD\/month\.$/
    );
    expect(rows[1]).toMatchObject({ account: '222222222222', region: 'us-east-1', name: '', monthlyCost: 91.98 });
    expect(rows[1].action).toMatch(/^Terminate i-07c3a9e1b5d2f0003: /);
    expect(rows[0].method).toMatch(
      /Cost Explorer rightsizing \(Terminate finding, 14-day lookback, region "EU \(Ireland\)"\)/
    );
    expect(rows[0].method).toMatch(/at 0\.6 % CPU/);
    expect(notices[0].text).toBe('Cost Explorer rightsizing: 2 requests (2 billed, USD 0.02), 0 served from cache.');
    expect(executed).toHaveLength(1);
  });

  it('greenops: energy and CO2e of a month at the peak CPU, by hand from the Teads curve, PUE and grid files', async () => {
    twoPages();
    const { rows } = await costExplorerZombies(instanceFor(settings()), { methodology: 'greenops' });
    const [m5, r5] = rows;
    // m5.large at 0.6 % (AWS proposes Terminate at a peak of 1 % or less): 4.4 + 0.06 × (7 − 4.4) = 4.556 W;
    // × 730 h × 1.14 (AWS 2025) / 1000 = 3.7915032 kWh.
    const m5KWh = (teadsWatts('m5.large', 0.6) * HOURS * PUE) / 1000;
    expect(teadsWatts('m5.large', 0.6)).toBeCloseTo(4.556, 12);
    expect(m5.monthlyKWh).toBeCloseTo(3.7915032, 6);
    expect(m5.monthlyKWh).toBeCloseTo(m5KWh, 9);
    // eu-west-1: 301 g/kWh (Electricity Maps IE 2025); embodied m5: 1.6103792 t × 1000 × 730/35040 × 2/96.
    expect(gPerKWh('eu-west-1')).toMatchObject({ gCO2ePerKWh: 301, year: 2025 });
    expect(m5.monthlyKgCO2e).toBeCloseTo((m5KWh * 301) / 1000 + embodiedKg('m5.large'), 9);
    expect(m5.monthlyKgCO2eLow!).toBeLessThan(m5.monthlyKgCO2e!);
    expect(m5.monthlyKgCO2eHigh!).toBeGreaterThan(m5.monthlyKgCO2e!);
    // The method states both parts (3 significant digits).
    const sig = (x: number) => Number(x.toPrecision(3));
    expect(m5.method).toContain(
      `CO2e: operational ${sig((m5KWh * 301) / 1000)} kg + embodied ${sig(embodiedKg('m5.large'))} kg.`
    );
    expect(m5.method).toMatch(/Power at the peak CPU \(the only utilisation Cost Explorer gives/);
    // r5.large at 0.8 % in us-east-1: 5.6 + 0.08 × (8.9 − 5.6) = 5.864 W; 418 g/kWh (PJM 2025).
    const r5KWh = (teadsWatts('r5.large', 0.8) * HOURS * PUE) / 1000;
    expect(teadsWatts('r5.large', 0.8)).toBeCloseTo(5.864, 12);
    expect(r5.monthlyKWh).toBeCloseTo(r5KWh, 9);
    expect(r5.monthlyKgCO2e).toBeCloseTo((r5KWh * gPerKWh('us-east-1').gCO2ePerKWh) / 1000 + embodiedKg('r5.large'), 9);
  });

  it("ccf: CCF's fixed 50 % whatever the peak, by hand from CCF's tables", async () => {
    twoPages();
    const { rows } = await costExplorerZombies(instanceFor(settings()), { methodology: 'ccf' });
    const [m5] = rows;
    const c = ccfConstants;
    const skylake = (w: 'minWattsPerVCpu' | 'maxWattsPerVCpu') => (c[w].value as Record<string, number>).Skylake;
    const cpuKWh =
      ((skylake('minWattsPerVCpu') + 0.5 * (skylake('maxWattsPerVCpu') - skylake('minWattsPerVCpu'))) *
        2 *
        HOURS *
        c.pue.value) /
      1000;
    // Memory above SPECpower: (384 GB on 1 chip − 81.32 GB Skylake) / (384 / 8) GB per hour.
    const memoryKWh =
      ((384 - (c.memoryGbPerPhysicalChip.value as Record<string, number>).Skylake) / (384 / 8)) *
      HOURS *
      c.memoryKWhPerGbHour.value *
      c.pue.value;
    // CCF's embodied time is 730 h / 2 vCPUs, × 2/96 of the host.
    const embodiedT = 1.6103792 * (HOURS / 2 / c.serverLifespanHours.value) * (2 / 96);
    const ef = ccfFactors.regions['eu-west-1'].tonnesCO2ePerKWh;
    expect(m5.monthlyKWh).toBeCloseTo(cpuKWh + memoryKWh + embodiedT / ef, 9);
    expect(m5.monthlyKgCO2e).toBeCloseTo(((cpuKWh + memoryKWh) * ef + embodiedT) * 1000, 9);
    expect(m5.method).toMatch(/fixed 50 % CPU \(CCF ignores measured utilisation\)/);
  });

  it('fails only this source when rightsizing is not enabled: no rows, an actionable error notice', async () => {
    replay.server.route(GET_RIGHTSIZING, ceError('get-rightsizing-recommendation.not-enabled.json'));
    const { rows, notices } = await costExplorerZombies(instanceFor(settings()), { methodology: 'greenops' });
    replay.seenText.push(...notices.map((n) => n.text));
    expect(rows).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0].severity).toBe('error');
    expect(notices[0].text).toMatch(/enable rightsizing recommendations in Cost Explorer preferences of the payer/);
  });

  it('reports access denied as an error notice naming ce:GetRightsizingRecommendation', async () => {
    replay.server.route(GET_RIGHTSIZING, ceError('get-rightsizing-recommendation.access-denied.json'));
    const { rows, notices } = await costExplorerZombies(instanceFor(settings()), { methodology: 'ccf' });
    replay.seenText.push(...notices.map((n) => n.text));
    expect(rows).toEqual([]);
    expect(notices[0]).toMatchObject({ severity: 'error' });
    expect(notices[0].text).toMatch(/needs the IAM permission ce:GetRightsizingRecommendation/);
  });
});
