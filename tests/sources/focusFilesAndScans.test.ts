/**
 * What the DuckDB reader adds at organisation scale, on copies of the real FOCUS sample: globs,
 * billing-period partitions (which files a range reads, at, below and above the boundary), Parquet
 * rows outside the range counted from the footers, one scan shared by concurrent panels, a new or
 * changed file read again, FIFOs and duplicate links, hostile filter values and file names, and
 * errors that never quote a file's contents. Expected values come from an independent parse of the
 * sample (focusSample.ts), never from the reader.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

import type { BillingRequest } from '../../src/backend/sources/billingSource';
import { listFocusFiles, unchangedSince } from '../../src/backend/sources/focus/focusFiles';
import {
  aggregateFocusFiles,
  close,
  costOf,
  fetch,
  fetchError,
  focusSource,
  type Rec,
  sample,
  SAMPLE,
  SEPTEMBER_2024,
  sum,
  toCsv,
  usageRecords,
  useFocusSample,
  write,
} from './focusSample';

useFocusSample();

const at = (iso: string) => Date.parse(iso);
const startOf = (r: Rec) => at(r.ChargePeriodStart.replace(' ', 'T') + 'Z');

/** The sample as Parquet with typed timestamps and numbers, written by DuckDB itself. */
async function writeParquet(file: string, where = 'true'): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  await connection.run(`SET TimeZone = 'UTC'`);
  await connection.run(
    `COPY (SELECT * REPLACE (CAST(ChargePeriodStart AS TIMESTAMP) AS ChargePeriodStart)
       FROM read_csv('${SAMPLE}', header = true, nullstr = 'NULL') WHERE ${where})
     TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 100)`
  );
  connection.closeSync();
  db.closeSync();
  return file;
}

describe('paths', () => {
  it('expands globs, recursively, and says when a pattern matches nothing', async () => {
    write('glob/2024/09/a.csv', sample.text);
    write('glob/2024/10/b.csv', sample.text);
    write('glob/2024/10/notes.txt', 'x');
    const { files } = await aggregateFocusFiles([path.join(sample.tmp, 'glob/**/*.csv')], SEPTEMBER_2024);
    expect(files.map((f) => path.relative(sample.tmp, f.path))).toEqual(['glob/2024/09/a.csv', 'glob/2024/10/b.csv']);
    const err = await fetchError([path.join(sample.tmp, 'glob/**/*.parquet')]);
    expect(err.status).toBe(404);
    expect(err.message).toBe(
      `FOCUS path ${path.join(sample.tmp, 'glob/**/*.parquet')} matches no file on the Grafana server: fix the pattern.`
    );
  });

  it('reads only regular files and each file once: a FIFO is skipped, links to one file count once', async () => {
    const dir = path.join(sample.tmp, 'special');
    write('special/a.csv', sample.text);
    fs.symlinkSync(path.join(dir, 'a.csv'), path.join(dir, 'b.csv'));
    fs.symlinkSync('.', path.join(dir, 'self'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.csv')]);
    const { files, skipped, notRegular, stats } = await aggregateFocusFiles([dir], SEPTEMBER_2024);
    expect(files.map((f) => path.basename(f.path))).toEqual(['a.csv']);
    expect(skipped).toEqual([]);
    expect(notRegular).toEqual([path.join(dir, 'pipe.csv')]);
    expect(stats.rowsRead).toBe(1000);
  });

  it('reads a file whose name holds a quote', async () => {
    const file = write("quote/it's.csv", sample.text);
    const { rows } = await fetch([file]);
    close(sum(rows.map((r) => r.cost)), sum(usageRecords().map(costOf)));
  });
});

describe('regions', () => {
  it('takes RegionName only where it looks like an id (RegionId empty), never a display name', async () => {
    const base = usageRecords()[0];
    const names = ['us-sanjose-1', 'westeurope', 'US West (Oregon)', 'East US'];
    const file = write(
      'regions/names.csv',
      toCsv(
        sample.header,
        names.map((RegionName) => ({ ...base, RegionId: 'NULL', RegionName }))
      )
    );
    const { rows } = await fetch([file]);
    expect(new Set(rows.map((r) => r.region))).toEqual(new Set(['us-sanjose-1', 'westeurope', '']));
    // The two display names fall to one row without a region: both their costs, none lost.
    close(sum(rows.filter((r) => r.region === '').map((r) => r.cost)), 2 * costOf(base));
  });
});

describe('a file still being written', () => {
  it('fails the read when a file grew or was rewritten after it was listed, naming it', async () => {
    const file = write('growing/export.csv', sample.text);
    const { files } = await listFocusFiles([file]);
    await expect(unchangedSince(files)).resolves.toBeUndefined();
    fs.appendFileSync(file, sample.text.split('\n')[1] + '\n');
    await expect(unchangedSince(files)).rejects.toThrow(
      `${file} changed while it was being read (an export still being written?): run the query again once it is complete.`
    );
    // Same size, new time: rewritten in place.
    const { files: again } = await listFocusFiles([file]);
    fs.utimesSync(file, new Date(), new Date(again[0].mtimeMs + 5_000));
    await expect(unchangedSince(again)).rejects.toThrow(/changed while it was being read/);
  });
});

describe('billing-period partitions', () => {
  const root = () => path.join(sample.tmp, 'partitions');
  beforeAll(() => {
    // The sample's September rows in 2024-09; a copy of three rows moved to October, and a
    // correction billed in October for a September charge period.
    const records = sample.records;
    const october = records.slice(0, 3).map((r) => ({
      ...r,
      ChargePeriodStart: r.ChargePeriodStart.replace('2024-09-', '2024-10-'),
    }));
    const correction = { ...usageRecords()[0], ChargeClass: 'Correction', BilledCost: '-1', EffectiveCost: '-1' };
    write('partitions/billing_period=2024-08/part.csv', toCsv(sample.header, records.slice(0, 5)));
    write('partitions/billing_period=2024-09/part.csv', sample.text);
    write('partitions/BILLING_PERIOD=2024-10/part.csv', toCsv(sample.header, [...october, correction]));
  });

  const read = async (from: number, to = at('2024-11-01T00:00:00Z')) => {
    const request: BillingRequest = { ...SEPTEMBER_2024, from, to };
    return aggregateFocusFiles([root()], request);
  };
  const names = (files: Array<{ path: string }>) => files.map((f) => path.relative(root(), path.dirname(f.path)));

  it('leaves out periods that end at or before the range start, and no others', async () => {
    const atBoundary = await read(at('2024-09-01T00:00:00Z'));
    expect(names(atBoundary.pruned)).toEqual(['billing_period=2024-08']);
    // Listed in byte order: upper case (AWS's BILLING_PERIOD=) first.
    expect(names(atBoundary.files)).toEqual(['BILLING_PERIOD=2024-10', 'billing_period=2024-09']);
    const justBefore = await read(at('2024-08-31T23:00:00Z'));
    expect(names(justBefore.pruned)).toEqual([]);
    const after = await read(at('2024-10-01T00:00:00Z'));
    expect(names(after.pruned)).toEqual(['billing_period=2024-08', 'billing_period=2024-09']);
  });

  it('counts a correction billed in a later period in the charge period it corrects', async () => {
    const september = await read(at('2024-09-01T00:00:00Z'), at('2024-10-01T00:00:00Z'));
    expect(september.stats.corrections).toBe(1);
    close(sum(september.rows.map((r) => r.cost)), sum(usageRecords().map(costOf)) - 1);
    const { notices } = await focusSource([root()]).fetchUsage({
      ...SEPTEMBER_2024,
      from: at('2024-09-01T00:00:00Z'),
    });
    expect(notices).toContain(
      'FOCUS: 1 file(s) not read: their billing_period folders end before the range, so they hold no charges in it.'
    );
  });
});

describe('Parquet', () => {
  it('counts rows outside the range from the footers, as a CSV scan counts them', async () => {
    const file = await writeParquet(path.join(sample.tmp, 'typed/sample.parquet'));
    const from = at('2024-09-10T00:00:00Z');
    const to = at('2024-09-20T00:00:00Z');
    const fromParquet = await aggregateFocusFiles([file], { ...SEPTEMBER_2024, from, to });
    const fromCsv = await aggregateFocusFiles([SAMPLE], { ...SEPTEMBER_2024, from, to });
    const inRange = sample.records.filter((r) => startOf(r) >= from && startOf(r) < to);
    expect(fromParquet.stats.rowsRead).toBe(1000);
    expect(fromParquet.stats.outsideRange).toBe(1000 - inRange.length);
    expect(fromCsv.stats.outsideRange).toBe(1000 - inRange.length);
    expect(fromParquet.stats.usageRows).toBe(inRange.filter((r) => r.ChargeCategory === 'Usage').length);
    close(
      sum(fromParquet.rows.map((r) => r.cost)),
      sum(inRange.filter((r) => r.ChargeCategory === 'Usage').map(costOf))
    );
  });
});

describe('one scan for every panel', () => {
  it('shares one scan between concurrent identical requests, and reads a new or changed file again', async () => {
    const dir = path.join(sample.tmp, 'shared');
    write('shared/a.csv', sample.text);
    const source = focusSource([dir]);
    const six = await Promise.all(Array.from({ length: 6 }, () => source.aggregate(SEPTEMBER_2024)));
    expect(six.filter((r) => !r.cached)).toHaveLength(1);
    expect(new Set(six.map((r) => r.value)).size).toBe(1);
    expect((await source.aggregate(SEPTEMBER_2024)).cached).toBe(true);

    // Another shape is another scan.
    expect((await source.aggregate({ ...SEPTEMBER_2024, granularity: 'monthly' })).cached).toBe(false);

    write('shared/b.csv', sample.text); // a new file
    const withNew = await source.aggregate(SEPTEMBER_2024);
    expect(withNew.cached).toBe(false);
    expect(withNew.value.stats.rowsRead).toBe(2000);

    const changed = toCsv(sample.header, sample.records.slice(0, 10));
    write('shared/b.csv', changed); // the same file, rewritten
    const afterChange = await source.aggregate(SEPTEMBER_2024);
    expect(afterChange.cached).toBe(false);
    expect(afterChange.value.stats.rowsRead).toBe(1010);
  });
});

describe('hostile input', () => {
  it('binds filter values: SQL in a filter matches nothing and runs nothing', async () => {
    const { rows } = await fetch([SAMPLE], {
      ...SEPTEMBER_2024,
      filters: { regions: ["us-east-1') OR true OR ('"], services: ["'; DROP TABLE x; --"] },
    });
    expect(rows).toEqual([]);
    const { rows: all } = await fetch([SAMPLE]);
    expect(all.length).toBeGreaterThan(0);
  });

  it('never quotes a file in an error', async () => {
    const secret = 'AKIAIOSFODNN7EXAMPLE-wJalrXUtnFEMI';
    const fake = write('secret/fake.parquet', `${secret}\n${secret},1,2\n`);
    const notCsv = write('secret/broken.csv', `${sample.header.join(',')}\n"${secret},1\n`);
    for (const file of [fake, notCsv]) {
      const err = await fetchError([file]);
      expect(err.message.startsWith(`${file}: `)).toBe(true);
      expect(err.message).not.toContain('AKIA');
    }
  });
});
