/**
 * Shared by the FOCUS integration tests: the public FOCUS 1.0 sample (demo/focus, a copy of shared/data/focus, CC-BY
 * 4.0, FinOps Foundation) read independently with csv-parse's sync API, reference arithmetic that
 * uses no code from src/, and small file helpers.
 */
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { QueryError } from '../../src/backend/core/errors';
import { Secrets, type DataSourceSettings } from '../../src/backend/core/settings';
import type { BillingRequest, BillingResult } from '../../src/backend/sources/billingSource';
import { type FocusAggregate, FocusSource } from '../../src/backend/sources/focus/focusSource';
import type { UsageRow } from '../../src/engine/usage';
import { instanceFor } from '../helpers/instances';

export const REPO_ROOT = path.resolve(__dirname, '../..');
// The repository ships an unmodified copy (demo/focus, attributed in NOTICE), so the tests do not
// depend on where shared/ is checked out.
export const SAMPLE = path.resolve(REPO_ROOT, 'demo/focus/focus_sample_1000.csv');
export const SEPTEMBER_2024: BillingRequest = {
  from: Date.parse('2024-08-01T00:00:00Z'),
  to: Date.parse('2024-11-01T00:00:00Z'),
  granularity: 'daily',
  filters: {},
};

export type Rec = Record<string, string>;

/** The sample as text, its header and its records (csv-parse sync API), and a scratch folder. */
export const sample = { text: '', header: [] as string[], records: [] as Rec[], tmp: '' };

/** Loads the sample for the calling test file (failing clearly when shared/ is absent). */
export function useFocusSample(): void {
  beforeAll(() => {
    if (!fs.existsSync(SAMPLE)) {
      throw new Error(
        `The FOCUS sample is missing: expected ${SAMPLE}. It is committed under demo/focus/ (see demo/focus/ATTRIBUTION.md).`
      );
    }
    sample.text = fs.readFileSync(SAMPLE, 'utf8');
    sample.header = parse(sample.text, { to_line: 1 })[0];
    sample.records = parse(sample.text, { columns: true });
    sample.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'focus-source-'));
  });
  afterAll(() => fs.rmSync(sample.tmp, { recursive: true, force: true }));
}

// --- independent reference (no code from src/) ------------------------------------------------

export const isNull = (v: string | undefined) => v === undefined || v === '' || v === 'NULL';
export const num = (v: string) => (isNull(v) ? undefined : Number(v));
/** The documented cost rule: EffectiveCost, BilledCost when EffectiveCost is empty or 0 but BilledCost is not. */
export const costOf = (r: Rec) => {
  const effective = num(r.EffectiveCost);
  const billed = num(r.BilledCost);
  return effective === undefined || (effective === 0 && billed) ? (billed ?? 0) : effective;
};
export const usageRecords = () => sample.records.filter((r) => r.ChargeCategory === 'Usage');
export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
export const countBy = (rs: Rec[], key: (r: Rec) => string) =>
  rs.reduce<Record<string, number>>((acc, r) => ({ ...acc, [key(r)]: (acc[key(r)] ?? 0) + 1 }), {});
export const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

/**
 * The same usage rows (same keys, same order) with amounts and costs equal to 1e-9: sums of
 * doubles differ in the last bits with the order DuckDB's parallel aggregation adds them in.
 */
export function expectSameRows(actual: UsageRow[], expected: UsageRow[]): void {
  const strip = (r: UsageRow) => ({ ...r, amount: 0, cost: 0 });
  expect(actual.map(strip)).toEqual(expected.map(strip));
  actual.forEach((row, i) => {
    close(row.amount, expected[i].amount);
    close(row.cost, expected[i].cost);
  });
}

/** A CSV writer for test files: every field quoted, quotes doubled. */
export function toCsv(columns: string[], rows: Array<Record<string, string | undefined>>): string {
  const q = (v: string | undefined) => `"${(v ?? '').replace(/"/g, '""')}"`;
  return [columns.map(q).join(','), ...rows.map((r) => columns.map((c) => q(r[c])).join(','))].join('\n') + '\n';
}

export function write(name: string, content: string | Buffer): string {
  const file = path.join(sample.tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

const settingsByPaths = new Map<string, DataSourceSettings>();

/** One settings object (so one datasource instance, as Grafana keeps) per list of paths. */
export function settings(paths: string[]): DataSourceSettings {
  const key = JSON.stringify(paths);
  let found = settingsByPaths.get(key);
  if (!found) {
    found = { uid: 'focus', name: 'focus', jsonData: { focus: { paths } }, secrets: new Secrets(), lastUpdatedMS: 1 };
    settingsByPaths.set(key, found);
  }
  return found;
}

export const focusSource = (paths: string[]) => new FocusSource(instanceFor(settings(paths)));

export const fetch = (paths: string[], request: BillingRequest = SEPTEMBER_2024): Promise<BillingResult> =>
  focusSource(paths).fetchUsage(request);

/** The summed rows with the files read and the counts behind the notices. */
export const aggregateFocusFiles = async (paths: string[], request: BillingRequest): Promise<FocusAggregate> =>
  (await focusSource(paths).aggregate(request)).value;

export async function fetchError(paths: string[], request: BillingRequest = SEPTEMBER_2024): Promise<QueryError> {
  try {
    await fetch(paths, request);
  } catch (error) {
    expect(error).toBeInstanceOf(QueryError);
    return error as QueryError;
  }
  throw new Error('fetchUsage resolved but an error was expected');
}

export const totalsBy = (rows: UsageRow[], key: (r: UsageRow) => string, value: (r: UsageRow) => number) =>
  rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [key(r)]: (acc[key(r)] ?? 0) + value(r) }), {});

/** `s` as a literal inside a RegExp. */
export function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
