/**
 * The billing conformance scenario (billingQueries.test.ts, billingFailures.test.ts): the go-plugin
 * host (hostHarness.ts) runs it against the packaged backend with three datasources, a FOCUS one
 * reading a copy of the public FOCUS sample (demo/focus/focus_sample_1000.csv, a copy of
 * shared/data/focus), one with a missing FOCUS path, and an AWS Cost Explorer one whose endpoint is
 * a closed local port with secret keys. Good and bad queries share one QueryData call, so a bad one
 * must fail alone. Expected costs are computed here from the CSV, not by the backend.
 *
 * Needs `npm run build` first (dist/datasource/gpx_greenops_carbon_linux_amd64) and the FOCUS
 * sample shipped in demo/focus/ (GREENOPS_FOCUS_SAMPLE overrides its path).
 */
import fs from 'fs';
import path from 'path';

import { parse } from 'csv-parse/sync';

import { freePort } from '../helpers/prometheus';
import { type HealthResult, type HostResults, ROOT, useHostRun } from './hostHarness';

export const FOCUS_SAMPLE = process.env.GREENOPS_FOCUS_SAMPLE ?? path.resolve(ROOT, 'demo/focus/focus_sample_1000.csv');

export const SECRET = 'conformance-secret-value';
export const ACCESS_KEY_ID = 'AKIACONFORMANCE';
export const DAY_MS = 86_400_000;

export interface BillingResults extends HostResults {
  health: Record<string, HealthResult>;
  calls: Array<{ kind: string; name: string; rpcError?: string }>;
}

/** One row of the FOCUS sample as csv-parse gives it (every cell a string, nulls as `NULL`). */
export type CsvRow = Record<string, string>;

/** ChargePeriodStart `2024-09-18 22:00:00` (UTC, no zone) as epoch ms. */
function focusTime(s: string): number {
  const ms = Date.parse(`${s.trim().replace(' ', 'T')}Z`);
  if (!Number.isFinite(ms)) {
    throw new Error(`unexpected ChargePeriodStart ${JSON.stringify(s)} in the FOCUS sample`);
  }
  return ms;
}

function focusNumber(s: string | undefined): number | null {
  return s === undefined || s === '' || s === 'NULL' ? null : Number(s);
}

/** The ProviderName values of the sample and the provider label the backend documents for them. */
const PROVIDER_LABELS: Record<string, string> = { AWS: 'aws', Microsoft: 'azure', Oracle: 'oci' };

/**
 * Cost per provider label, computed here from the CSV: Usage rows with ChargePeriodStart in
 * [from, to), EffectiveCost, or BilledCost when EffectiveCost is 0 or NULL
 * (the rule documented in src/backend/sources/focus/focusSource.ts).
 */
export function expectedCostByProvider(rows: CsvRow[], from: number, to: number): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of rows) {
    if (row.ChargeCategory !== 'Usage') {
      continue;
    }
    const start = focusTime(row.ChargePeriodStart);
    if (start < from || start >= to) {
      continue;
    }
    const label = PROVIDER_LABELS[row.ProviderName];
    if (label === undefined) {
      throw new Error(`the FOCUS sample has a provider this test does not know: ${row.ProviderName}`);
    }
    const effective = focusNumber(row.EffectiveCost);
    const billed = focusNumber(row.BilledCost);
    const cost = effective === null || effective === 0 ? (billed ?? 0) : effective;
    totals.set(label, (totals.get(label) ?? 0) + cost);
  }
  return totals;
}

/** The first of the month of the earliest ChargePeriodStart, and the first of the next month. */
export function billingMonth(rows: CsvRow[]): { from: number; to: number } {
  const starts = rows.map((r) => focusTime(r.ChargePeriodStart));
  const first = new Date(Math.min(...starts));
  const last = new Date(Math.max(...starts));
  const from = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1);
  const to = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1);
  if (last.getTime() >= to) {
    throw new Error(
      `the FOCUS sample's ChargePeriodStart spans more than one month (${first.toISOString()} … ${last.toISOString()})`
    );
  }
  return { from, to };
}

/** What the scenario was written with, for the assertions. */
export interface BillingSetUp {
  /** The sample's billing month [fromMs, toMs), from its ChargePeriodStart range. */
  fromMs: number;
  toMs: number;
  missingFocusPath: string;
  awsEndpoint: string;
  /** Cost per provider label in [from, to) (default the billing month), summed here from the CSV. */
  expectedCosts(from?: number, to?: number): Map<string, number>;
}

const dataSource = (uid: string, name: string, id: number, jsonData: unknown, secure?: Record<string, string>) => ({
  uid,
  name,
  id,
  jsonData: JSON.stringify(jsonData),
  ...(secure ? { decryptedSecureJsonData: secure } : {}),
  lastUpdatedMS: 1,
});

function writeScenario(file: string, focusCopy: string, s: BillingSetUp): void {
  const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
  const focusDs = dataSource('focus', 'GreenOps Carbon (FOCUS conformance)', 11, { focus: { paths: [focusCopy] } });
  const missingDs = dataSource('focus-missing', 'GreenOps Carbon (missing FOCUS path)', 12, {
    focus: { paths: [s.missingFocusPath] },
  });
  const awsDs = dataSource(
    'aws-closed-port',
    'GreenOps Carbon (unreachable Cost Explorer)',
    13,
    { aws: { authType: 'keys', endpoint: s.awsEndpoint } },
    { awsAccessKeyId: ACCESS_KEY_ID, awsSecretAccessKey: SECRET }
  );
  const query = (refId: string, model: Record<string, unknown>) => ({
    refId,
    queryType: model.queryType,
    json: JSON.stringify({ refId, ...model }),
    from: rfc3339(s.fromMs),
    to: rfc3339(s.toMs),
    intervalMS: DAY_MS,
    maxDataPoints: 1000,
  });
  const emissions = {
    queryType: 'cloudEmissions',
    source: 'focus',
    metrics: ['co2e', 'cost'],
    groupBy: ['provider'],
    granularity: 'daily',
    methodology: 'greenops',
  };
  const scenario = {
    calls: [
      { kind: 'checkHealth', name: 'focus', dataSource: focusDs },
      { kind: 'checkHealth', name: 'focus-missing', dataSource: missingDs },
      {
        kind: 'queryData',
        name: 'focus-queries',
        dataSource: focusDs,
        queries: [
          query('E', emissions),
          query('T', { ...emissions, format: 'table' }),
          query('R', { queryType: 'cloudTrend', source: 'focus' }),
          query('X', { ...emissions, source: 'gcs' }),
          query('M', { ...emissions, metrics: [] }),
          query('G', { ...emissions, groupBy: ['colour'] }),
        ],
      },
      {
        kind: 'queryData',
        name: 'aws-queries',
        dataSource: awsDs,
        queries: [query('W', { ...emissions, source: 'awsCostExplorer' })],
      },
    ],
  };
  fs.writeFileSync(file, JSON.stringify(scenario, null, 2));
}

/** Copies the sample into `workDir`, finds a closed port and writes the scenario file. */
async function prepare(workDir: string): Promise<{ scenarioFile: string; prepared: BillingSetUp }> {
  if (!fs.existsSync(FOCUS_SAMPLE)) {
    throw new Error(`FOCUS sample not found at ${FOCUS_SAMPLE} (the repository ships it under demo/focus/)`);
  }
  const rows = parse(fs.readFileSync(FOCUS_SAMPLE), { columns: true, skip_empty_lines: true }) as CsvRow[];
  const { from, to } = billingMonth(rows);
  const focusDir = path.join(workDir, 'focus');
  fs.mkdirSync(focusDir);
  const focusCopy = path.join(focusDir, path.basename(FOCUS_SAMPLE));
  fs.copyFileSync(FOCUS_SAMPLE, focusCopy);
  fs.chmodSync(focusCopy, 0o644);
  const prepared: BillingSetUp = {
    fromMs: from,
    toMs: to,
    missingFocusPath: path.join(workDir, 'no-such-folder', 'focus_missing.csv'),
    awsEndpoint: `http://127.0.0.1:${await freePort()}`,
    expectedCosts: (f = from, t = to) => expectedCostByProvider(rows, f, t),
  };
  const scenarioFile = path.join(workDir, 'scenario.json');
  writeScenario(scenarioFile, focusCopy, prepared);
  return { scenarioFile, prepared };
}

/** Registers the host run of the billing scenario for the calling test file. */
export const useBillingRun = (prefix: string) => useHostRun<BillingResults, BillingSetUp>(prefix, prepare);
