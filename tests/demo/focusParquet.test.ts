/**
 * The demo's FOCUS copies as Parquet partitioned by billing period (redateCli --parquet-out), as
 * the provisioned datasource reads them. The Parquet side is read by DuckDB on its own (not the
 * backend's reader), the CSV side by csv-parse; both must hold exactly the same rows. Then the
 * backend's FOCUS source must give the same usage from the Parquet root as from the CSV copies,
 * reading only the partitions a range needs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { buildSync } from 'esbuild';

import { writeRedatedCopies, type WrittenCopies } from '../../demo/exporter/src/billing/redateCli';
import type { BillingRequest } from '../../src/backend/sources/billingSource';
import { makeScratchDir } from '../helpers/prometheus';
import { aggregateFocusFiles, expectSameRows, totalsBy } from '../sources/focusSample';
import { countBy, NOW, parseRows, ROOT, SAMPLE_FILE, SAMPLE_ROWS, type Row } from './focusRecent';

/** FOCUS's Date/Time columns and the sample's numeric ones, by hand from the FOCUS 1.0 spec. */
const TIMESTAMPS = ['BillingPeriodEnd', 'BillingPeriodStart', 'ChargePeriodEnd', 'ChargePeriodStart'];
const DOUBLES = [
  'BilledCost',
  'ConsumedQuantity',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'ListCost',
  'ListUnitPrice',
  'PricingQuantity',
];
const HEADER = Object.keys(SAMPLE_ROWS[0]);
const PROVIDER_ID: Record<string, string> = { AWS: 'aws', Microsoft: 'azure', Oracle: 'oci' };
const PERIODS = ['2025-04', '2025-05', '2025-06'];
const partitionFile = (period: string) => `billing_period=${period}/focus.parquet`;

type Value = string | number | null;
const isNull = (v: string) => v === '' || v === 'NULL';
/** A CSV cell as the typed value the Parquet file should hold (the sample's dates are UTC). */
function typed(column: string, v: string): Value {
  if (isNull(v)) {
    return null;
  }
  if (TIMESTAMPS.includes(column)) {
    return Date.parse(`${v.replace(' ', 'T')}Z`);
  }
  return DOUBLES.includes(column) ? Number(v) : v;
}
const typedRow = (r: Row) => Object.fromEntries(HEADER.map((c) => [c, typed(c, r[c])]));
const byChargeStartAndId = (a: Record<string, Value>, b: Record<string, Value>) =>
  Number(a.ChargePeriodStart) - Number(b.ChargePeriodStart) || String(a.Id).localeCompare(String(b.Id));
const relClose = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected) + Number.MIN_VALUE);
const sumOf = (rows: Row[], column: string) =>
  rows.reduce((s, r) => s + (isNull(r[column]) ? 0 : Number(r[column])), 0);

let dir: string;
let csvDir: string;
let parquetDir: string;
let written: WrittenCopies;
let duckdb: DuckDBInstance;
let connection: DuckDBConnection;
/** Every row of the CSV copies, with the copy it came from. */
let csvRows: Row[];

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const readParquet = (period: string) =>
  `read_parquet(${quote(path.join(parquetDir, partitionFile(period)))}, hive_partitioning = false)`;
async function query(sql: string): Promise<Array<Record<string, Value>>> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Array<Record<string, Value>>;
}
/** The partition's rows, timestamps as epoch ms. */
const parquetRows = (period: string) =>
  query(
    `SELECT ${HEADER.map((c) => (TIMESTAMPS.includes(c) ? `CAST(epoch_ms("${c}") AS DOUBLE) AS "${c}"` : `"${c}"`)).join(', ')} FROM ${readParquet(period)}`
  );
const csvRowsBilledIn = (period: string) => csvRows.filter((r) => r.BillingPeriodStart.startsWith(period));

beforeAll(async () => {
  dir = makeScratchDir('focus-parquet-');
  csvDir = path.join(dir, 'csv');
  parquetDir = path.join(dir, 'parquet');
  // A period left from an earlier start: every start replaces the partitions.
  fs.mkdirSync(path.join(parquetDir, 'billing_period=2020-01'), { recursive: true });
  fs.writeFileSync(path.join(parquetDir, partitionFile('2020-01')), 'stale');
  written = writeRedatedCopies({ sample: SAMPLE_FILE, out: csvDir, parquetOut: parquetDir, now: NOW, months: 3 });
  csvRows = written.files.flatMap((f) => parseRows(fs.readFileSync(f, 'utf8')));
  duckdb = await DuckDBInstance.create(':memory:');
  connection = await duckdb.connect();
  await connection.run("SET TimeZone = 'UTC'");
});
afterAll(() => {
  connection?.closeSync();
  duckdb?.closeSync();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('redateCli --parquet-out at 2025-06-18 12:00 UTC', () => {
  it('writes one file per billing period in billing_period=YYYY-MM folders, with an attribution', () => {
    // The CSV rows' own billing periods: April's and May's copies each hold the Oracle hour of the
    // 30th billed in the next period; June's copy lacks it (not yet ended), so no July.
    expect([...new Set(csvRows.map((r) => r.BillingPeriodStart.slice(0, 7)))].sort()).toEqual(PERIODS);
    expect(fs.readdirSync(parquetDir).sort()).toEqual(['ATTRIBUTION.md', ...PERIODS.map((p) => `billing_period=${p}`)]);
    for (const period of PERIODS) {
      expect(fs.readdirSync(path.join(parquetDir, `billing_period=${period}`))).toEqual(['focus.parquet']);
    }
    expect(written.partitions.map((p) => [p.billingPeriod, path.relative(parquetDir, p.file)])).toEqual(
      PERIODS.map((p) => [p, partitionFile(p)])
    );
    const note = fs.readFileSync(path.join(parquetDir, 'ATTRIBUTION.md'), 'utf8');
    for (const text of ['CC-BY-4.0', 'FinOps Foundation', 'dates shifted, quantities scaled', 'Stored as Parquet']) {
      expect(note).toContain(text);
    }
  });

  it('types the columns: FOCUS dates as UTC timestamps, costs, quantities and unit prices as doubles, the rest text', async () => {
    for (const period of PERIODS) {
      const columns = await query(`DESCRIBE SELECT * FROM ${readParquet(period)}`);
      expect(columns.map((c) => c.column_name)).toEqual(HEADER);
      for (const { column_name: name, column_type: type } of columns) {
        const expected = TIMESTAMPS.includes(String(name))
          ? 'TIMESTAMP WITH TIME ZONE'
          : DOUBLES.includes(String(name))
            ? 'DOUBLE'
            : 'VARCHAR';
        expect(`${name} ${type}`).toBe(`${name} ${expected}`);
      }
    }
  });

  it('holds exactly the CSV copies’ rows, each in the period its BillingPeriodStart names', async () => {
    // By hand: April's 1,000 rows less the Oracle hour billed in May; May's 1,000 less its Oracle
    // hour plus April's; June's 522 ended rows plus May's Oracle hour.
    expect(PERIODS.map((p) => csvRowsBilledIn(p).length)).toEqual([999, 1000, 523]);
    for (const period of PERIODS) {
      const actual = (await parquetRows(period)).sort(byChargeStartAndId);
      const expected = csvRowsBilledIn(period).map(typedRow).sort(byChargeStartAndId);
      expect(actual.length).toBe(expected.length);
      // Every cell, timestamps to the millisecond and doubles exactly, nulls where the CSV has NULL or ''.
      expect(actual).toEqual(expected);
    }
  });

  it('has the CSV copies’ usage rows per provider and their sums of costs and quantities', async () => {
    for (const period of PERIODS) {
      const [totals] = await query(
        `SELECT count(*)::DOUBLE AS n, sum(BilledCost) AS billed, sum(EffectiveCost) AS effective, sum(ConsumedQuantity) AS consumed FROM ${readParquet(period)}`
      );
      const rows = csvRowsBilledIn(period);
      expect(totals.n).toBe(rows.length);
      relClose(Number(totals.billed), sumOf(rows, 'BilledCost'));
      relClose(Number(totals.effective), sumOf(rows, 'EffectiveCost'));
      relClose(Number(totals.consumed), sumOf(rows, 'ConsumedQuantity'));
      const usage = await query(
        `SELECT ProviderName AS provider, count(*)::DOUBLE AS n FROM ${readParquet(period)} WHERE ChargeCategory = 'Usage' GROUP BY 1`
      );
      expect(Object.fromEntries(usage.map((u) => [u.provider, u.n]))).toEqual(
        countBy(
          rows.filter((r) => r.ChargeCategory === 'Usage'),
          (r) => r.ProviderName
        )
      );
    }
  });
});

describe('redateCli bundled as the demo image bundles it', () => {
  it('runs from one esbuild file (hyparquet-writer inside) and writes the same partitions', () => {
    // Outside the repository, where no node_modules can be found: all it needs must be bundled.
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'redate-bundle-'));
    try {
      bundleAndRun(out);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  function bundleAndRun(out: string): void {
    // The options of docker/demo-exporter.Dockerfile's esbuild command.
    buildSync({
      entryPoints: [path.join(ROOT, 'demo/exporter/src/billing/redateCli.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      outdir: out,
      logLevel: 'warning',
    });
    const bundled = path.join(out, 'redateCli.js');
    expect(fs.readFileSync(bundled, 'utf8')).not.toMatch(/require\("hyparquet/);
    const args = ['--sample', SAMPLE_FILE, '--out', path.join(out, 'csv'), '--parquet-out', path.join(out, 'parquet')];
    execFileSync(process.execPath, [bundled, ...args, '--now', new Date(NOW).toISOString()], {
      cwd: out,
      stdio: 'pipe',
    });
    for (const period of PERIODS) {
      expect(fs.readFileSync(path.join(out, 'parquet', partitionFile(period)))).toEqual(
        fs.readFileSync(path.join(parquetDir, partitionFile(period)))
      );
    }
  }

  it('refuses a Parquet folder inside the CSV folder (or the reverse): a reader of one would count rows twice', () => {
    const write = (out: string, parquetOut: string) => () =>
      writeRedatedCopies({ sample: SAMPLE_FILE, out, parquetOut, now: NOW });
    expect(write(csvDir, path.join(csvDir, 'parquet'))).toThrow(/must be separate folders/);
    expect(write(path.join(parquetDir, 'csv'), parquetDir)).toThrow(/must be separate folders/);
    expect(write(csvDir, csvDir)).toThrow(/must be separate folders/);
  });
});

describe("the Parquet partitions through the backend's FOCUS source", () => {
  const month = (from: number, to: number): BillingRequest => ({ from, to, granularity: 'daily', filters: {} });
  it.each([
    ['April', month(Date.UTC(2025, 3, 1), Date.UTC(2025, 4, 1)), PERIODS, []],
    ['May', month(Date.UTC(2025, 4, 1), Date.UTC(2025, 5, 1)), ['2025-05', '2025-06'], ['2025-04']],
    ['June up to now', month(Date.UTC(2025, 5, 1), NOW), ['2025-06'], ['2025-04', '2025-05']],
  ])(
    '%s: the CSV copies’ usage and costs, from only the partitions that can hold it',
    async (_m, request, read, pruned) => {
      const parquet = await aggregateFocusFiles([parquetDir], request);
      const csv = await aggregateFocusFiles([csvDir], request);
      // Periods ending at or before the range start are not read; later ones may hold corrections.
      expect(parquet.files.map((f) => path.relative(parquetDir, f.path))).toEqual(read.map(partitionFile));
      expect(parquet.pruned.map((f) => path.relative(parquetDir, f.path))).toEqual(pruned.map(partitionFile));
      expect(parquet.skipped.map((f) => path.relative(parquetDir, f))).toEqual(['ATTRIBUTION.md']);
      expect([parquet.stats.badRows, csv.stats.badRows]).toEqual([0, 0]);
      // Usage rows per provider as csv-parse counts them in the CSV copies, charge start in range.
      const inRange = csvRows.filter((r) => {
        const at = Date.parse(`${r.ChargePeriodStart.replace(' ', 'T')}Z`);
        return r.ChargeCategory === 'Usage' && at >= request.from && at < request.to;
      });
      const expectedCounts = countBy(inRange, (r) => PROVIDER_ID[r.ProviderName]);
      expect(Object.fromEntries(parquet.stats.usageRowsByProvider)).toEqual(expectedCounts);
      expect(Object.fromEntries(csv.stats.usageRowsByProvider)).toEqual(expectedCounts);
      // The same usage rows, amounts and costs to 1e-9, so the same cost per provider.
      expectSameRows(parquet.rows, csv.rows);
      const parquetCost = totalsBy(
        parquet.rows,
        (r) => r.provider,
        (r) => r.cost
      );
      const csvCost = totalsBy(
        csv.rows,
        (r) => r.provider,
        (r) => r.cost
      );
      expect(Object.keys(parquetCost).sort()).toEqual(Object.keys(expectedCounts).sort());
      for (const provider of Object.keys(csvCost)) {
        relClose(parquetCost[provider], csvCost[provider]);
      }
    }
  );
});
