/**
 * The reference average for unknown usage (src/engine/data/unknown-usage.json) is what the engine
 * and the FOCUS 1.0 sample give today: the derivation script re-derives it with the plugin's own
 * FOCUS source (DuckDB) and the greenops engine, and fails when the committed file differs. Also
 * checks the file's figures against the sample read independently (csv-parse): the rows it used
 * are USD usage rows with a positive cost, so their cost cannot exceed the sample's USD usage cost.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

import reference from '../../src/engine/data/unknown-usage.json';
import { costOf } from '../sources/focusSample';

const ROOT = path.resolve(__dirname, '../..');

jest.setTimeout(120_000);

it('is what scripts/derive-unknown-usage.mjs derives from the sample today', () => {
  expect(() =>
    execFileSync(process.execPath, ['scripts/derive-unknown-usage.mjs', '--check'], { cwd: ROOT, stdio: 'pipe' })
  ).not.toThrow();
});

it('uses USD usage rows of the sample, each unit at least 5 of them', () => {
  const records: Array<Record<string, string>> = parse(
    fs.readFileSync(path.join(ROOT, 'demo/focus/focus_sample_1000.csv'), 'utf8'),
    { columns: true }
  );
  const positiveUsd = records
    .filter((r) => r.ChargeCategory === 'Usage' && r.BillingCurrency === 'USD')
    .map(costOf)
    .filter((c) => c > 0);
  const sampleUsd = positiveUsd.reduce((a, b) => a + b, 0);
  expect(reference.currency).toBe('USD');
  expect(reference.all.usd).toBeGreaterThan(0);
  expect(reference.all.usd).toBeLessThanOrEqual(sampleUsd * (1 + 1e-6));
  const units = Object.values(reference.byUnit);
  expect(units.length).toBeGreaterThan(0);
  for (const u of units) {
    expect(u.rows).toBeGreaterThanOrEqual(5);
    const total = Object.values(u.kWhPerUsd).reduce((a, b) => a + b, 0);
    expect(u.lowKWhPerUsd).toBeLessThanOrEqual(total);
    expect(u.highKWhPerUsd).toBeGreaterThanOrEqual(total);
  }
});
