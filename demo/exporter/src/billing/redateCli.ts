/**
 * CLI of the demo's one-shot `demo-focus-recent` service: writes the re-dated monthly copies of a
 * FOCUS sample (redateFocus.ts) into a folder as CSV and, with --parquet-out, the same rows as
 * Parquet partitioned by billing period (parquetPartitions.ts) into another, each with an
 * ATTRIBUTION.md stating the changes, as CC-BY-4.0 requires. The folders' old contents are removed
 * first: dates follow the day the stack starts, so every start rewrites them.
 *
 * node billing/redateCli.js --sample FILE --out DIR [--parquet-out DIR] [--months 3] [--now ISO-8601]
 */
import fs from 'node:fs';
import path from 'node:path';

import { attributionNote, parquetAttributionNote } from './attribution';
import { writeParquetPartitions, type Partition } from './parquetPartitions';
import { redateFocus, type RedateResult } from './redateFocus';

export interface WriteOptions {
  sample: string;
  out: string;
  /** Root of the Parquet partitions; none written when absent. */
  parquetOut?: string;
  now: number;
  months?: number;
}

export type WrittenCopies = RedateResult & { files: string[]; partitions: Partition[] };

/** File name of a copy: the sample's name with the month, e.g. `focus_sample_1000.2025-06.csv`. */
export function copyFileName(sample: string, month: string): string {
  return `${path.basename(sample).replace(/\.csv$/i, '')}.${month}.csv`;
}

/** Emptied, not removed: the folder is a volume's mount point. */
function emptyFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of fs.readdirSync(dir)) {
    fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
}

/** One folder inside (or equal to) the other: emptying one would wipe the other, and a reader of
 * the outer one would count every row twice. */
function nested(a: string, b: string): boolean {
  const rel = path.relative(path.resolve(a), path.resolve(b));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function writeRedatedCopies(options: WriteOptions): WrittenCopies {
  const { parquetOut } = options;
  if (parquetOut && (nested(options.out, parquetOut) || nested(parquetOut, options.out))) {
    throw new Error(`--out ${options.out} and --parquet-out ${parquetOut} must be separate folders`);
  }
  const result = redateFocus(fs.readFileSync(options.sample, 'utf8'), { now: options.now, months: options.months });
  emptyFolder(options.out);
  const files = result.copies.map((copy) => {
    const file = path.join(options.out, copyFileName(options.sample, copy.month));
    fs.writeFileSync(file, copy.csv);
    return file;
  });
  fs.writeFileSync(
    path.join(options.out, 'ATTRIBUTION.md'),
    attributionNote(path.basename(options.sample), result, options.now)
  );
  return { ...result, files, partitions: parquetOut ? writePartitions(options, parquetOut, result) : [] };
}

function writePartitions(options: WriteOptions, root: string, result: RedateResult): Partition[] {
  emptyFolder(root);
  const partitions = writeParquetPartitions(
    root,
    result.header,
    result.copies.flatMap((c) => c.records)
  );
  fs.writeFileSync(
    path.join(root, 'ATTRIBUTION.md'),
    parquetAttributionNote(path.basename(options.sample), result, options.now, partitions)
  );
  return partitions;
}

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function cli(args: string[]): void {
  const sample = arg(args, 'sample');
  const out = arg(args, 'out');
  if (!sample || !out) {
    throw new Error('usage: redateCli --sample FILE --out DIR [--parquet-out DIR] [--months 3] [--now ISO-8601]');
  }
  const nowArg = arg(args, 'now');
  const now = nowArg ? Date.parse(nowArg) : Date.now();
  if (!Number.isFinite(now)) {
    throw new Error(`--now ${nowArg} is not an ISO-8601 date/time`);
  }
  const months = Number(arg(args, 'months') ?? 3);
  const parquetOut = arg(args, 'parquet-out');
  const result = writeRedatedCopies({ sample, out, parquetOut, now, months });
  for (const c of result.copies) {
    process.stderr.write(
      `${c.month}: ${c.rows} rows (dates +${c.shiftMonths} months, quantities and costs ×${c.scalePercent / 100}` +
        `; ${c.droppedFuture} not yet ended, ${c.droppedOutsideMonth} outside the month left out)\n`
    );
  }
  process.stderr.write(`wrote ${result.files.length} re-dated copies of ${sample} (${result.sampleMonth}) to ${out}\n`);
  for (const p of result.partitions) {
    process.stderr.write(`${p.file}: ${p.rows} rows billed in ${p.billingPeriod}\n`);
  }
}

if (require.main === module) {
  try {
    cli(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
