/**
 * Parity of the `ccf` methodology with Cloud Carbon Footprint itself: the npm packages
 * @cloud-carbon-footprint/aws@0.15.0, core@0.17.3 and common@1.15.0 run in this test on the same
 * rows (see ccfPeer.ts), and our per-row estimates, summed the way CCF groups its output (day,
 * account, region, service, tags), must equal CCF's kWh and CO2e to 1e-9 relative in every group.
 */
import { AWS_CLOUD_CONSTANTS } from '@cloud-carbon-footprint/aws';
import { COMPUTE_PROCESSORS, GPU_PROCESSORS } from '../../src/engine/classify/awsCatalogue';
import { gbPerChip, processorWatts } from '../../src/engine/ccf/coefficients';
import { classifyUsage } from '../../src/engine/classify';
import { estimateUsage } from '../../src/engine/estimate';
import type { UsageRow } from '../../src/engine/usage';
import usageTypeLists from '../../src/engine/data/ccf/aws-usage-types.json';
import emissionFactors from '../../src/engine/data/ccf/aws-emission-factors.json';
import { runCcf, runCcfOnAthenaRows } from './ccfPeer';
import { athenaRowToUsageRow, CCF_TEST_TAG_NAMES, loadCcfFixtureCases } from './ccfFixtureCases';
import { generateCurRows, NAN_PROBE_ACCOUNT } from './generateCurRows';
import { groupCcf, groupOurs, relativeError, type GroupTotals } from './groupLikeCcf';

const TOLERANCE = 1e-9;

interface Comparison {
  groups: number;
  maxKWhError: number;
  maxCo2eError: number;
  nanGroups: number;
}

/** Asserts group-by-group equality; returns the worst relative errors seen. */
function compareGroups(ours: Map<string, GroupTotals>, theirs: Map<string, GroupTotals>): Comparison {
  expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
  const result: Comparison = { groups: theirs.size, maxKWhError: 0, maxCo2eError: 0, nanGroups: 0 };
  for (const [key, ccf] of theirs) {
    const mine = ours.get(key)!;
    const where = `group ${key}`;
    expect({ where, cost: relativeError(mine.cost, ccf.cost) < 1e-12 }).toEqual({ where, cost: true });
    if (Number.isNaN(ccf.co2e)) {
      // CCF: 0 kWh and NaN CO2e for compute lines without a vCPU count; we report 0.
      expect(JSON.parse(key)[1]).toBe(NAN_PROBE_ACCOUNT);
      expect(Number.isFinite(mine.co2e)).toBe(true);
      expect(relativeError(mine.kWh, ccf.kWh)).toBeLessThanOrEqual(TOLERANCE);
      result.nanGroups++;
      continue;
    }
    const kWhError = relativeError(mine.kWh, ccf.kWh);
    const co2eError = relativeError(mine.co2e, ccf.co2e);
    expect({ where, kWh: mine.kWh, co2e: mine.co2e, ok: kWhError <= TOLERANCE && co2eError <= TOLERANCE }).toEqual({
      where,
      kWh: mine.kWh,
      co2e: mine.co2e,
      ok: true,
      ...(kWhError > TOLERANCE || co2eError > TOLERANCE ? { ccfKWh: ccf.kWh, ccfCo2e: ccf.co2e } : {}),
    });
    result.maxKWhError = Math.max(result.maxKWhError, kWhError);
    result.maxCo2eError = Math.max(result.maxCo2eError, co2eError);
  }
  return result;
}

describe("CCF's own CUR test cases (CostAndUsageReports.test.ts)", () => {
  const cases = loadCcfFixtureCases();

  it('finds every getEstimates case of the CCF test file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    const rows = c.athenaRows.slice(1).map(athenaRowToUsageRow);
    const expected = groupCcf(c.expected, CCF_TEST_TAG_NAMES);
    // The offline harness reproduces CCF's expected numbers exactly...
    const live = groupCcf(await runCcfOnAthenaRows(c.athenaRows, CCF_TEST_TAG_NAMES), CCF_TEST_TAG_NAMES);
    expect(live).toEqual(expected);
    // ...and so does our engine, to 1e-9.
    compareGroups(groupOurs(rows, estimateUsage(rows, 'ccf'), CCF_TEST_TAG_NAMES), expected);
  });
});

describe('per-processor coefficients', () => {
  // Mixed lists exercise CCF's median rule (Sandy/Ivy Bridge) and missing processors, which no
  // single AWS instance type reaches in aws@0.15.0's tables.
  const distinct = new Map<string, string[]>();
  for (const list of [
    ...COMPUTE_PROCESSORS.values(),
    ...GPU_PROCESSORS.values(),
    ['Unknown'],
    [],
    ['Skylake', 'Ivy Bridge', 'Sandy Bridge'],
    ['Haswell', 'Broadwell', 'Ivy Bridge', 'Sandy Bridge'],
    ['Ivy Bridge', 'Ice Lake'],
    ['Cascade Lake', 'AMD EPYC 3rd Gen'],
    ['Nvidia Tesla V100', 'Nvidia T4'],
  ]) {
    distinct.set(list.join(' + ') || '(none)', [...list]);
  }

  it.each([...distinct])('%s: watts and GB per chip as CCF computes them', (_name, list) => {
    expect(processorWatts(list)).toEqual({
      min: AWS_CLOUD_CONSTANTS.getMinWatts!(list),
      max: AWS_CLOUD_CONSTANTS.getMaxWatts!(list),
    });
    expect(gbPerChip(list)).toEqual(AWS_CLOUD_CONSTANTS.getMemory!(list));
  });
});

describe('generated CUR rows, every usage-type family, unit and region CCF knows', () => {
  const rows: UsageRow[] = generateCurRows(4000);

  it('cover every route, pricing unit and region of CCF', () => {
    const routes = new Set(rows.map((r) => classifyUsage(r).ccfRoute));
    expect([...routes].sort()).toEqual(
      ['compute', 'ignored', 'lambda', 'networking', 'storage-hdd', 'storage-ssd', 'unknown', 'unsupported'].sort()
    );
    const units = new Set(rows.map((r) => r.unit));
    for (const unit of Object.values(usageTypeLists.knownUsageUnits.values)) {
      expect({ unit, covered: units.has(unit) }).toEqual({ unit, covered: true });
    }
    const regions = new Set(rows.map((r) => r.region));
    for (const region of Object.keys(emissionFactors.regions)) {
      expect({ region, covered: regions.has(region) }).toEqual({ region, covered: true });
    }
  });

  it('give the kWh and CO2e CCF gives, group by group, to 1e-9 relative', async () => {
    const ccf = groupCcf(await runCcf(rows), []);
    const estimates = estimateUsage(rows, 'ccf');
    expect(estimates).toHaveLength(rows.length);
    const comparison = compareGroups(groupOurs(rows, estimates, []), ccf);
    expect(comparison.groups).toBeGreaterThan(1000);
    expect(comparison.nanGroups).toBeGreaterThan(0);
    console.info(`ccf parity: ${JSON.stringify(comparison)}`);
  });

  it('is deterministic and keeps no state between calls', () => {
    const first = estimateUsage(rows, 'ccf');
    estimateUsage(generateCurRows(500, 7), 'ccf');
    expect(estimateUsage(rows, 'ccf')).toEqual(first);
  });
});
