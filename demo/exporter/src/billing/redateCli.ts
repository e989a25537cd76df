/**
 * CLI of the demo's one-shot `demo-focus-recent` service: writes the re-dated monthly copies of a
 * FOCUS sample (redateFocus.ts) into a folder, with an ATTRIBUTION.md stating the changes, as
 * CC-BY-4.0 requires. The folder's old contents are removed first: dates follow the day the stack
 * starts, so every start rewrites them.
 *
 * node billing/redateCli.js --sample FILE --out DIR [--months 3] [--now ISO-8601]
 */
import fs from 'node:fs';
import path from 'node:path';

import { attributionNote } from './attribution';
import { redateFocus, type RedateResult } from './redateFocus';

export interface WriteOptions {
  sample: string;
  out: string;
  now: number;
  months?: number;
}

/** File name of a copy: the sample's name with the month, e.g. `focus_sample_1000.2025-06.csv`. */
export function copyFileName(sample: string, month: string): string {
  return `${path.basename(sample).replace(/\.csv$/i, '')}.${month}.csv`;
}

export function writeRedatedCopies(options: WriteOptions): RedateResult & { files: string[] } {
  const result = redateFocus(fs.readFileSync(options.sample, 'utf8'), { now: options.now, months: options.months });
  fs.mkdirSync(options.out, { recursive: true });
  // Emptied, not removed: the folder is a volume's mount point.
  for (const entry of fs.readdirSync(options.out)) {
    fs.rmSync(path.join(options.out, entry), { recursive: true, force: true });
  }
  const files = result.copies.map((copy) => {
    const file = path.join(options.out, copyFileName(options.sample, copy.month));
    fs.writeFileSync(file, copy.csv);
    return file;
  });
  fs.writeFileSync(
    path.join(options.out, 'ATTRIBUTION.md'),
    attributionNote(path.basename(options.sample), result, options.now)
  );
  return { ...result, files };
}

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function cli(args: string[]): void {
  const sample = arg(args, 'sample');
  const out = arg(args, 'out');
  if (!sample || !out) {
    throw new Error('usage: redateCli --sample FILE --out DIR [--months 3] [--now ISO-8601]');
  }
  const nowArg = arg(args, 'now');
  const now = nowArg ? Date.parse(nowArg) : Date.now();
  if (!Number.isFinite(now)) {
    throw new Error(`--now ${nowArg} is not an ISO-8601 date/time`);
  }
  const months = Number(arg(args, 'months') ?? 3);
  const result = writeRedatedCopies({ sample, out, now, months });
  for (const c of result.copies) {
    process.stderr.write(
      `${c.month}: ${c.rows} rows (dates +${c.shiftMonths} months, quantities and costs ×${c.scalePercent / 100}` +
        `; ${c.droppedFuture} not yet ended, ${c.droppedOutsideMonth} outside the month left out)\n`
    );
  }
  process.stderr.write(`wrote ${result.files.length} re-dated copies of ${sample} (${result.sampleMonth}) to ${out}\n`);
}

if (require.main === module) {
  try {
    cli(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
