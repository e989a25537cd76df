#!/usr/bin/env node
/**
 * FOCUS ingestion benchmark (wired into `npm run bench` by the lead; runs on its own too).
 *
 * Builds a ~1 GB FOCUS CSV in .tmp/ by repeating the data rows of the public FOCUS sample
 * (demo/focus/focus_sample_1000.csv, a copy of shared/data/focus). Copy k has its dates shifted by (k mod 36) × 30
 * days, so the file spans three years and a daily aggregation holds ~30 k distinct rows, like a
 * large multi-account export, rather than the sample's few hundred. Then it measures, each in its
 * own child process: our FOCUS reader (src/backend/sources/focus, bundled with esbuild) aggregating
 * the file daily; csv-parse streaming the same file with the same options and record hook, only
 * counting records; and
 * `wc -l` (read + newline scan). Throughput = file bytes / wall time of the work inside the child;
 * peak RSS = the child's getrusage maxRSS. The file is deleted at the end (unless --keep).
 *
 * Writes/replaces the `## FOCUS ingestion` section of docs/benchmarks.md.
 *
 * Usage: node scripts/bench-focus.mjs [--size-mb 1024] [--runs 1] [--keep] [--no-write] [--check]
 *   --check  exit 1 when our reader's peak RSS is not under the target (300 MB)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { bundle, parseFlags } from './bench-common.mjs';
import { machineDescription, markdownTable, upsertBenchmarkSection } from './bench.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.resolve(ROOT, 'demo/focus/focus_sample_1000.csv');
const WORK = path.join(ROOT, '.tmp/bench-focus');
const SECTION = 'FOCUS ingestion';
const TARGET_RSS_BYTES = 300e6;
const SHIFT_STEPS = 36;
const SHIFT_DAYS = 30;

function parseArgs(argv) {
  return parseFlags(
    argv,
    {
      '--size-mb': { key: 'sizeMb', kind: 'int', default: 1024 },
      '--runs': { key: 'runs', kind: 'int', default: 1 },
      '--keep': { key: 'keep', kind: 'on' },
      '--no-write': { key: 'write', kind: 'off' },
      '--check': { key: 'check', kind: 'on' },
    },
    (arg) => `unknown argument ${arg} (see the header of scripts/bench-focus.mjs)`
  );
}

// --- the input file ----------------------------------------------------------------------------

/** The sample's data rows with every `"YYYY-MM-DD HH:MM:SS"` moved `days` later. */
function shiftedBody(body, days) {
  const memo = new Map();
  return body.replace(/"(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})"/g, (whole, date, time) => {
    let shifted = memo.get(whole);
    if (!shifted) {
      const d = new Date(Date.parse(`${date}T${time}Z`) + days * 86_400_000).toISOString();
      shifted = `"${d.slice(0, 10)} ${d.slice(11, 19)}"`;
      memo.set(whole, shifted);
    }
    return shifted;
  });
}

function buildInput(file, sizeBytes) {
  if (!fs.existsSync(SAMPLE)) {
    throw new Error(`the FOCUS sample is missing: expected ${SAMPLE} (shared/ next to the repository)`);
  }
  const text = fs.readFileSync(SAMPLE, 'utf8');
  const newline = text.indexOf('\n');
  const header = text.slice(0, newline + 1);
  const body = text.slice(newline + 1).replace(/\n?$/, '\n');
  const variants = Array.from({ length: SHIFT_STEPS }, (_, k) => Buffer.from(shiftedBody(body, k * SHIFT_DAYS)));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  let written = fs.writeSync(fd, header);
  let copies = 0;
  while (written < sizeBytes) {
    written += fs.writeSync(fd, variants[copies % SHIFT_STEPS]);
    copies++;
  }
  fs.closeSync(fd);
  return { bytes: written, copies, rows: copies * (body.split('\n').length - 1) };
}

// --- children ----------------------------------------------------------------------------------

const READER_CHILD = `
const { aggregateFocusFiles } = require(process.argv[2]);
const started = process.hrtime.bigint();
aggregateFocusFiles([process.argv[3]], { from: 0, to: Date.parse('2100-01-01T00:00:00Z'), granularity: 'daily', filters: {} })
  .then((r) => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(JSON.stringify({ ms, maxRss: process.resourceUsage().maxRSS * 1024, rowsRead: r.stats.rowsRead,
      usageRows: r.stats.usageRows, outRows: r.rows.length, badRows: r.stats.badRows }));
  })
  .catch((e) => { console.error(e); process.exit(1); });
`;

// The same parser options and record hook as our reader, doing nothing but count.
const CSV_PARSE_CHILD = `
const { parse } = require('csv-parse');
const fs = require('node:fs');
const { pipeline } = require('node:stream/promises');
const started = process.hrtime.bigint();
let records = 0;
const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, on_record: () => { records++; return null; } });
pipeline(fs.createReadStream(process.argv[2]), parser, async (nothing) => { for await (const _ of nothing) {} })
  .then(() => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(JSON.stringify({ ms, maxRss: process.resourceUsage().maxRSS * 1024, rowsRead: records - 1 }));
  })
  .catch((e) => { console.error(e); process.exit(1); });
`;

function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) {
        reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${stderr}`));
      } else {
        resolve({ stdout, stderr, wallMs });
      }
    });
  });
}

async function nodeChild(script, args) {
  const { stdout } = await run(process.execPath, [script, ...args], { cwd: ROOT });
  return JSON.parse(stdout);
}

/** `wc -l` under /usr/bin/time when present (for its peak RSS). */
async function wcLines(file) {
  const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const { stdout, stderr, wallMs } = timeBin
    ? await run(timeBin, ['-f', '%M', 'wc', '-l', file])
    : await run('wc', ['-l', file]);
  const maxRssKb = timeBin ? Number(stderr.trim().split('\n').pop()) : NaN;
  return { ms: wallMs, maxRss: maxRssKb * 1024, rowsRead: Number(stdout.trim().split(/\s+/)[0]) - 1 };
}

// --- report ------------------------------------------------------------------------------------

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const rate = (bytes, ms) => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  fs.mkdirSync(WORK, { recursive: true });
  const file = path.join(WORK, 'focus-1gb.csv');
  try {
    console.log(`bench-focus: writing ~${opts.sizeMb} MiB to ${path.relative(ROOT, file)}`);
    const input = buildInput(file, opts.sizeMb * 2 ** 20);
    const readerBundle = bundle(WORK, 'focusSource', 'src/backend/sources/focus/focusSource.ts', {
      logLevel: 'silent',
    });
    const readerScript = path.join(WORK, 'reader-child.cjs');
    const csvScript = path.join(WORK, 'csv-parse-child.cjs');
    fs.writeFileSync(readerScript, READER_CHILD);
    fs.writeFileSync(csvScript, CSV_PARSE_CHILD);

    const results = { reader: [], csvParse: [], wc: [] };
    // Interleaved, after one warm-up read that also puts the file in the page cache for everyone.
    await wcLines(file);
    for (let i = 0; i < opts.runs; i++) {
      console.log(`bench-focus: run ${i + 1}/${opts.runs}`);
      results.reader.push(await nodeChild(readerScript, [readerBundle, file]));
      results.csvParse.push(await nodeChild(csvScript, [file]));
      results.wc.push(await wcLines(file));
    }
    const summary = (runs) => ({
      ms: median(runs.map((r) => r.ms)),
      maxRss: Math.max(...runs.map((r) => r.maxRss)),
      last: runs.at(-1),
    });
    const reader = summary(results.reader);
    const csvParse = summary(results.csvParse);
    const wc = summary(results.wc);
    if (reader.last.rowsRead !== input.rows || csvParse.last.rowsRead !== input.rows) {
      throw new Error(
        `row counts disagree: built ${input.rows}, reader ${reader.last.rowsRead}, csv-parse ${csvParse.last.rowsRead}`
      );
    }

    const rssOk = reader.maxRss < TARGET_RSS_BYTES;
    const body = [
      `Written by \`node scripts/bench-focus.mjs\` on ${new Date().toISOString().slice(0, 10)}.`,
      '',
      `Machine: ${machineDescription()}; Node ${process.version}.`,
      '',
      `**Input**: ${mb(input.bytes)} FOCUS 1.0 CSV, the ${input.copies.toLocaleString('en-US')} copies of the 1,000 data rows of ` +
        `the public FOCUS sample (${input.rows.toLocaleString('en-US')} rows); copy k has its dates shifted by (k mod ${SHIFT_STEPS}) × ${SHIFT_DAYS} days, ` +
        `so the daily aggregation holds ${reader.last.outRows.toLocaleString('en-US')} distinct rows. The file is in the page cache ` +
        `(one warm-up \`wc -l\` first). **Ours**: \`aggregateFocusFiles\` (src/backend/sources/focus, esbuild bundle) ` +
        `reading, filtering and summing per day and usage key. **Peers**: csv-parse streaming the same file with the ` +
        `same options and record hook, only counting records, and \`wc -l\`. Each in its own process, ${opts.runs} run(s), median time; ` +
        `throughput = file bytes / time inside the process; peak RSS = getrusage maxRSS (\`/usr/bin/time\` for wc).`,
      '',
      markdownTable(
        ['Reader', 'Time', 'Throughput', 'Peak RSS'],
        [
          [
            'Ours: FOCUS reader, daily aggregation',
            seconds(reader.ms),
            rate(input.bytes, reader.ms),
            mb(reader.maxRss),
          ],
          [
            'Peer: csv-parse only (same options, no work)',
            seconds(csvParse.ms),
            rate(input.bytes, csvParse.ms),
            mb(csvParse.maxRss),
          ],
          [
            'Peer: `wc -l`',
            seconds(wc.ms),
            rate(input.bytes, wc.ms),
            Number.isFinite(wc.maxRss) ? mb(wc.maxRss) : 'n/a',
          ],
        ],
        ['left', 'right', 'right', 'right']
      ),
      '',
      `Our reader runs at ${((csvParse.ms / reader.ms) * 100).toFixed(0)}% of raw csv-parse speed: parsing dominates, ` +
        'interpreting and summing the rows costs the rest.',
      '',
      markdownTable(
        ['Target (ours)', 'Measured', 'Result'],
        [[`Peak RSS < ${mb(TARGET_RSS_BYTES)}`, mb(reader.maxRss), rssOk ? 'pass' : '**FAIL**']],
        ['left', 'right', 'left']
      ),
    ].join('\n');

    console.log(`\n## ${SECTION}\n\n${body}\n`);
    if (opts.write) {
      upsertBenchmarkSection(SECTION, body);
      console.log(`bench-focus: wrote the "${SECTION}" section of docs/benchmarks.md`);
    }
    if (opts.check && !rssOk) {
      console.error('bench-focus: peak RSS target missed');
      process.exitCode = 1;
    }
  } finally {
    if (!opts.keep) {
      fs.rmSync(file, { force: true });
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`bench-focus: ERROR: ${err.message}`);
    process.exit(1);
  });
}

export { main as benchFocus };
