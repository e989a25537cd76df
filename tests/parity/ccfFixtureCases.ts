/**
 * CCF's own CUR test cases: the Athena fixtures of
 * node_modules/@cloud-carbon-footprint/aws/src/__tests__/fixtures/athena.fixtures.ts and the
 * expected results written in CostAndUsageReports.test.ts next to them, read from the package
 * sources (TypeScript transpiled with esbuild) so the numbers are CCF's, not a copy.
 */
import { transformSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import type { EstimationResult } from '@cloud-carbon-footprint/common';
import type { UsageRow } from '../../src/engine/usage';
import type { AthenaRow } from './ccfPeer';

const TESTS_DIR = path.join(path.dirname(require.resolve('@cloud-carbon-footprint/aws/package.json')), 'src/__tests__');
/** The tag names CCF's test configures (configLoader mock in CostAndUsageReports.test.ts). */
export const CCF_TEST_TAG_NAMES = ['user:Environment', 'aws:CreatedBy'];
const TEST_ACCOUNT_NAME = 'the-test-account';

export interface CcfFixtureCase {
  title: string;
  fixture: string;
  athenaRows: AthenaRow[];
  expected: EstimationResult[];
}

function loadFixtures(): Record<string, { ResultSet: { Rows: AthenaRow[] } } | string> {
  const source = fs.readFileSync(path.join(TESTS_DIR, 'fixtures/athena.fixtures.ts'), 'utf8');
  const { code } = transformSync(source, { loader: 'ts', format: 'cjs' });
  const module = { exports: {} as Record<string, never> };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return module.exports;
}

/** Every `it(...)` of CostAndUsageReports.test.ts that feeds one fixture to getEstimates and compares with a literal. */
export function loadCcfFixtureCases(): CcfFixtureCase[] {
  const fixtures = loadFixtures();
  const testSource = fs.readFileSync(path.join(TESTS_DIR, 'CostAndUsageReports.test.ts'), 'utf8');
  const cases: CcfFixtureCase[] = [];
  for (const block of testSource.split(/\n  it\(/).slice(1)) {
    const title = /^\s*'([^']*)'/.exec(block)?.[1] ?? '?';
    const fixture = /mockGetQueryResults\(\s*(\w+),?\s*\)/.exec(block)?.[1];
    const literal = /const expectedResult: EstimationResult\[\] = (\[[\s\S]*?\n    \])\n/.exec(block)?.[1];
    if (!fixture || !literal || !block.includes('.getEstimates(')) {
      continue;
    }
    const expected = new Function('testAccountId', 'testAccountName', 'grouping', `return ${literal};`)(
      fixtures.testAccountId,
      TEST_ACCOUNT_NAME,
      'day'
    ) as EstimationResult[];
    const results = fixtures[fixture] as { ResultSet: { Rows: AthenaRow[] } };
    cases.push({ title, fixture, athenaRows: results.ResultSet.Rows, expected });
  }
  return cases;
}

/** A fixture row (CCF's Athena query columns) as the UsageRow a CUR source would produce. */
export function athenaRowToUsageRow(row: AthenaRow): UsageRow {
  const cell = (i: number) => row.Data[i].VarCharValue;
  const start = new Date(cell(0)).getTime();
  return {
    start,
    end: start + 86_400_000,
    provider: 'aws',
    account: cell(1),
    region: cell(2),
    service: cell(3),
    usageType: cell(4),
    unit: cell(5),
    vCpus: cell(6) !== '' ? parseFloat(cell(6)) : undefined,
    amount: parseFloat(cell(7)),
    cost: parseFloat(cell(8)),
    currency: 'USD',
    tags: Object.fromEntries(CCF_TEST_TAG_NAMES.map((name, i) => [name, cell(9 + i)])),
  };
}
