/**
 * History for the demo Prometheus: the registry's own text exposition (the same rendering
 * /metrics serves) at every step of [end − days, end], turned into OpenMetrics with timestamps in
 * seconds, one file per 2-hour window aligned like promtool's blocks (promtool re-reads its whole
 * input once per block, so one window per file keeps the import linear). Each file ends in
 * `# EOF` and imports with `promtool tsdb create-blocks-from openmetrics <file> <tsdb dir>`.
 *
 * CLI: node backfill.js --out DIR [--days 14] [--step 300] [--end UNIX_S] [--skip-if FILE]
 */
import fs from 'node:fs';
import path from 'node:path';

import { createDemoRegistry } from './registry';

export const WINDOW_S = 7200;

/**
 * Samples of a text exposition with a timestamp each. HELP/TYPE lines are left out: promtool does
 * not keep metadata in blocks, and one family's metadata repeated at every step is not valid
 * OpenMetrics.
 */
export function timestamped(exposition: string, unixS: number): string {
  let out = '';
  for (const line of exposition.split('\n')) {
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    out += `${line} ${unixS}\n`;
  }
  return out;
}

export interface BackfillOptions {
  /** Unix seconds of the last sample. */
  endS: number;
  days: number;
  stepS: number;
  dir: string;
  /** Called with each finished file (e.g. to import it while the next one is written). */
  onFile?: (file: string) => void | Promise<void>;
}

export interface BackfillResult {
  startS: number;
  endS: number;
  files: string[];
  samples: number;
}

export async function writeBackfill(opts: BackfillOptions): Promise<BackfillResult> {
  const { endS, stepS } = opts;
  if (!(stepS > 0) || !(opts.days > 0) || !Number.isFinite(endS)) {
    throw new Error(`backfill needs a positive step and days and a finite end (got ${stepS}, ${opts.days}, ${endS})`);
  }
  const startS = endS - Math.round(opts.days * 86_400);
  // Stopped pods show as terminated for one step, as for one scrape.
  const demo = createDemoRegistry({ intervalS: stepS });
  fs.mkdirSync(opts.dir, { recursive: true });
  const files: string[] = [];
  let samples = 0;
  let t = startS;
  while (t <= endS) {
    const windowStart = Math.floor(t / WINDOW_S) * WINDOW_S;
    const file = path.join(opts.dir, `demo-${windowStart}.om`);
    const fd = fs.openSync(file, 'w');
    try {
      for (; t <= endS && t < windowStart + WINDOW_S; t += stepS) {
        const chunk = timestamped(await demo.render(t), t);
        samples += chunk.split('\n').length - 1;
        fs.writeSync(fd, chunk);
      }
      fs.writeSync(fd, '# EOF\n');
    } finally {
      fs.closeSync(fd);
    }
    files.push(file);
    await opts.onFile?.(file);
  }
  return { startS, endS, files, samples };
}

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function cli(args: string[]): Promise<void> {
  const dir = arg(args, 'out');
  if (!dir) {
    throw new Error('usage: backfill --out DIR [--days 14] [--step 300] [--end UNIX_S] [--skip-if FILE]');
  }
  const skipIf = arg(args, 'skip-if');
  if (skipIf && fs.existsSync(skipIf)) {
    process.stderr.write(`${skipIf} exists: history was imported before, nothing to write\n`);
    return;
  }
  const stepS = Number(arg(args, 'step') ?? 300);
  const days = Number(arg(args, 'days') ?? 14);
  // Up to the last whole step before now: Prometheus scrapes from now on.
  const endS = Number(arg(args, 'end') ?? Math.floor(Date.now() / 1000 / stepS) * stepS - stepS);
  fs.rmSync(dir, { recursive: true, force: true });
  const started = Date.now();
  const result = await writeBackfill({ endS, days, stepS, dir });
  process.stderr.write(
    `wrote ${result.samples} samples in ${result.files.length} files to ${dir} ` +
      `(${new Date(result.startS * 1000).toISOString()} .. ${new Date(endS * 1000).toISOString()}, ` +
      `step ${stepS} s) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
  );
}

if (require.main === module) {
  cli(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
