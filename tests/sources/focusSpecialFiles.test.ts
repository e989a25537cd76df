/**
 * FIFOs, sockets and links in FOCUS folders, on a real file tree (issue 14, items 3 and 4).
 *
 * Opening a FIFO for reading waits for a writer, on one of the four threads of Node's shared pool
 * (file reads, DNS lookups, zlib and DuckDB's statements): four such opens and every file read and
 * DNS lookup of the process waits forever. So each test ends by showing that the pool still
 * answers (a dns.lookup within a second), and a read that never settles fails the test by its own
 * deadline instead of hanging it.
 */
import { execFileSync } from 'node:child_process';
import dns from 'node:dns/promises';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';

import { DuckDBDatabase } from '../../src/backend/sources/duckdb/duckdbDatabase';
import { listFocusFiles, type FocusFile } from '../../src/backend/sources/focus/focusFiles';
import { verifyGzip } from '../../src/backend/sources/focus/focusGzip';
import { readVetted } from '../../src/backend/sources/focus/focusOpen';
import { describeFile, emptyFocusStats, fieldColumns, scanGroup } from '../../src/backend/sources/focus/focusScan';
import { UsageAggregator } from '../../src/backend/sources/usageAggregator';
import {
  aggregateFocusFiles,
  close,
  costOf,
  fetch,
  focusSource,
  sample,
  SAMPLE,
  SEPTEMBER_2024,
  sum,
  usageRecords,
  useFocusSample,
  write,
} from './focusSample';

useFocusSample();

const DAY = 86_400_000;

/** `promise`, or a rejection naming `what` once `ms` have passed. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} still pending after ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The pool is free: a DNS lookup (getaddrinfo runs on it) answers within a second. */
async function expectPoolFree(): Promise<void> {
  await expect(within(1000, "dns.lookup('localhost')", dns.lookup('localhost'))).resolves.toHaveProperty('address');
}

const fifo = (file: string) => execFileSync('mkfifo', [file]);
/** Replaces `file` by a FIFO of the same name (what a listing cannot see coming). */
const swapForFifo = (file: string) => {
  fs.rmSync(file);
  fifo(file);
};
const singleCost = () => sum(usageRecords().map(costOf));

let db: DuckDBDatabase;
const sockets: net.Server[] = [];
beforeAll(() => (db = new DuckDBDatabase({ memoryLimitMB: 256, threads: 1 })));
afterAll(async () => {
  db.close();
  await Promise.all(sockets.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('FIFOs and sockets', () => {
  it('eight queries over a folder holding a FIFO named export.csv and a socket answer, and the pool stays free', async () => {
    const dir = path.dirname(write('fifo/a.csv', sample.text));
    write('fifo/b.csv.gz', zlib.gzipSync(sample.text));
    fifo(path.join(dir, 'export.csv'));
    const socket = net.createServer();
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.listen(path.join(dir, 'socket.csv'), resolve));

    for (let i = 0; i < 8; i++) {
      // A new range each time: a new scan (and its opens), not the cached aggregate.
      const request = { ...SEPTEMBER_2024, to: SEPTEMBER_2024.to + i * DAY };
      const { notices } = await within(10_000, `query ${i + 1}`, fetch([dir], request));
      expect(notices[0]).toMatch(/^FOCUS: 2 file\(s\) \(1 CSV, 1 CSV\.GZ\), 2,000 rows read/);
      expect(notices).toContain(
        `FOCUS: Skipped 2 entries that are not regular files (FIFOs, sockets or devices), never opened: ${path.join(dir, 'export.csv')}, ${path.join(dir, 'socket.csv')}.`
      );
    }
    const health = await within(10_000, 'the health check', focusSource([dir]).checkHealth());
    expect(health.ok).toBe(true);
    expect(health.message).toContain(
      `Skipped 2 entries that are not regular files (FIFOs, sockets or devices), never opened: ${path.join(dir, 'export.csv')}, ${path.join(dir, 'socket.csv')}.`
    );
    // A normal FOCUS query and a DNS lookup still answer promptly.
    const { rows } = await within(10_000, 'a FOCUS query of the plain sample', fetch([SAMPLE]));
    close(sum(rows.map((r) => r.cost)), singleCost());
    await expectPoolFree();
  });

  it('a folder holding only a FIFO says so, in the singular', async () => {
    const dir = path.join(sample.tmp, 'only-fifo');
    fs.mkdirSync(dir);
    fifo(path.join(dir, 'export.csv'));
    const health = await within(10_000, 'the health check', focusSource([dir]).checkHealth());
    expect(health).toEqual({
      ok: false,
      message: `No FOCUS export files (*.csv, *.csv.gz, *.parquet) under ${dir}. Skipped 1 entry that is not a regular file (FIFOs, sockets or devices), never opened: ${path.join(dir, 'export.csv')}.`,
    });
  });

  it('a file replaced by a FIFO after it was listed is refused, not opened blocking', async () => {
    const csv = write('swapped/a.csv', sample.text);
    const gz = write('swapped/b.csv.gz', zlib.gzipSync(sample.text));
    const { files } = await listFocusFiles([path.dirname(csv)]);
    const [gzFile, csvFile] = files; // sorted: a.csv, b.csv.gz
    expect([csvFile.path, gzFile.path].sort()).toEqual([csv, gz]);
    const listed = (file: string) => files.find((f) => f.path === file)!;
    const columns = fieldColumns(await describeFile(db, listed(csv)), csv);
    swapForFifo(csv);
    swapForFifo(gz);
    const refused = (file: string) =>
      `${file} is no longer a regular file (a FIFO, socket or device replaced it after it was listed): it was not read. Keep only export files in the FOCUS folders.`;
    // Five attempts, more than the pool's four threads: none may hold one.
    for (let i = 0; i < 5; i++) {
      await expect(within(2000, 'describeFile', describeFile(db, listed(csv)))).rejects.toThrow(refused(csv));
      const group = { kind: 'csv' as const, files: [listed(csv)], columns };
      const aggregation = { ...SEPTEMBER_2024, byAccount: false };
      const scan = scanGroup(db, group, aggregation, new UsageAggregator('daily'), emptyFocusStats());
      await expect(within(2000, 'scanGroup', scan)).rejects.toThrow(refused(csv));
      await expect(within(2000, 'verifyGzip', verifyGzip(listed(gz)))).rejects.toThrow(refused(gz));
    }
    await expectPoolFree();
  });

  it('a FIFO swapped in between the check and DuckDB opening it: the read times out and the thread is freed', async () => {
    // Four at once, as many as the pool has threads: without the release no DNS lookup would answer.
    const files = await Promise.all(
      [0, 1, 2, 3].map(async (i) => (await listFocusFiles([write(`race/${i}.csv`, sample.text)])).files[0])
    );
    await db.query('SELECT 1'); // DuckDB open: the statements below reach the FIFOs within the timeout
    const started = Date.now();
    const reads = files.map((file: FocusFile) =>
      readVetted([file], 300, (signal) => {
        swapForFifo(file.path); // after the check, before DuckDB's open: the race the check cannot close
        return db.query(`DESCRIBE SELECT * FROM read_csv('${file.path}')`, [], signal);
      })
    );
    const outcomes = await within(3000, 'the four reads', Promise.allSettled(reads));
    outcomes.forEach((outcome, i) =>
      expect(outcome).toMatchObject({
        status: 'rejected',
        reason: {
          status: 504,
          message: `Reading ${files[i].path} took longer than 0.3 s, the FOCUS read timeout: the disk or network file system holding the exports is stalled or too slow; the query stopped waiting.`,
        },
      })
    );
    expect(Date.now() - started).toBeLessThan(3000);
    await expectPoolFree();
  });

  it('a gzip check past the read timeout fails saying so', async () => {
    // 60 MB that inflate from a few hundred KB: more than a millisecond of zlib on any machine.
    const big = write('slow/big.csv.gz', zlib.gzipSync(Buffer.alloc(60 << 20, sample.text)));
    const [file] = (await listFocusFiles([big])).files;
    const error = await verifyGzip(file, 1).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 504, message: expect.stringContaining('took longer than 0.001 s') });
    await expect(verifyGzip(file)).resolves.toBeUndefined(); // whole, within the default
  });
});

describe('links', () => {
  it('counts each file once whatever links, loops and overlapping paths reach it', async () => {
    const dir = path.dirname(write('links/a.csv', sample.text));
    fs.symlinkSync('a.csv', path.join(dir, 'b.csv'));
    fs.symlinkSync('.', path.join(dir, 'self'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.symlinkSync('..', path.join(dir, 'sub', 'up'));
    fs.symlinkSync('../a.csv', path.join(dir, 'sub', 'c.csv'));
    fs.symlinkSync('missing.csv', path.join(dir, 'gone.csv'));
    const paths = [dir, path.join(dir, 'a.csv'), path.join(dir, 'self'), path.join(dir, 'sub')];
    const { files, skipped, stats } = await aggregateFocusFiles(paths, SEPTEMBER_2024);
    expect(files.map((f) => f.path)).toEqual([path.join(dir, 'a.csv')]);
    expect(skipped).toEqual([path.join(dir, 'gone.csv')]); // a dangling link
    expect(stats.rowsRead).toBe(1000);
    const { rows, notices } = await fetch(paths);
    close(sum(rows.map((r) => r.cost)), singleCost()); // once, not twice or more
    expect(notices[0]).toMatch(/^FOCUS: 1 file\(s\) \(1 CSV\), 1,000 rows read/);
  });

  it('a glob reaching only files already listed (through a link to their folder) is no error; one matching nothing is', async () => {
    const dir = path.dirname(write('linkglob/a.csv', sample.text));
    fs.symlinkSync('.', path.join(dir, 'self'));
    const { files } = await listFocusFiles([dir, path.join(dir, 'self', '*.csv'), path.join(dir, 'self', 'a.csv')]);
    expect(files.map((f) => f.path)).toEqual([path.join(dir, 'a.csv')]);
    await expect(listFocusFiles([dir, path.join(dir, 'self', '*.parquet')])).rejects.toThrow(
      `FOCUS path ${path.join(dir, 'self', '*.parquet')} matches no file on the Grafana server: fix the pattern.`
    );
  });

  it('a file a glob does not match is still listed when another path names it', async () => {
    const csv = write('globbed/x.csv', sample.text);
    const gz = write('globbed/y.csv.gz', zlib.gzipSync(sample.text));
    const { files } = await listFocusFiles([path.join(path.dirname(csv), '**/*.csv.gz'), csv]);
    expect(files.map((f) => f.path)).toEqual([gz, csv]);
  });

  it('stops listing past the entry limit (at, below and above it)', async () => {
    // The folder, nine files and a link back to the folder: eleven entries visited.
    const dir = path.join(sample.tmp, 'many');
    for (let i = 0; i < 9; i++) {
      write(`many/f${i}.txt`, 'x');
    }
    fs.symlinkSync('.', path.join(dir, 'self'));
    await expect(listFocusFiles([dir], 11)).resolves.toMatchObject({ files: [] });
    await expect(listFocusFiles([dir], 12)).resolves.toMatchObject({ files: [] });
    await expect(listFocusFiles([dir], 10)).rejects.toMatchObject({
      status: 400,
      message: `FOCUS paths ${dir} hold more than 10 files and folders: point them at the export folders themselves (a glob still walks its whole base folder).`,
    });
  });
});
