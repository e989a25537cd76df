#!/usr/bin/env node
/**
 * Backend start-up benchmark (`npm run bench`, after `npm run build`).
 *
 * Starts the packaged amd64 executable the way Grafana does (the launcher in dist/datasource/,
 * which execs the shipped glibc loader and the Node SEA) and, side by side, the same bundle under
 * this machine's own Node (`node .cache/backend/bundle.cjs`). For each: handshake time (spawn until
 * the handshake line has been read; median and p95 over --runs starts, interleaved, after one
 * discarded warm-up start each) and idle RSS (VmRSS from /proc/<pid>/status --idle-ms after the
 * handshake; the launcher execs, so the pid is the Node process).
 *
 * Writes/replaces the `## Backend start-up` section of docs/benchmarks.md. Other benchmark scripts
 * can add their own sections with the exported upsertBenchmarkSection().
 *
 * Usage: node scripts/bench.mjs [--runs 20] [--rss-samples 5] [--idle-ms 2000]
 *                               [--executable path] [--no-write] [--check]
 *   --check     exit 1 when a target is missed
 *   --no-write  print only, leave docs/benchmarks.md alone
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseFlags } from './bench-common.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BENCHMARKS_DOC = path.join(ROOT, 'docs/benchmarks.md');
const DOC_TITLE = '# Benchmarks';
const DOC_INTRO =
  'Measured figures for GreenOps Carbon; each section is written by the script it names, rerun it to refresh.';

const SECTION = 'Backend start-up';
const TARGETS = { handshakeP95Ms: 500, idleRssBytes: 100e6 };
// What Grafana's go-plugin client adds to a plugin's environment; nothing else is inherited here
// (in particular no NODE_OPTIONS), so both peers start alike.
const PLUGIN_ENV = {
  PATH: '/usr/local/bin:/usr/bin:/bin',
  grafana_plugin_type: 'datasource',
  PLUGIN_MIN_PORT: '10000',
  PLUGIN_MAX_PORT: '25000',
  PLUGIN_PROTOCOL_VERSIONS: '2',
};
const HANDSHAKE = /^1\|2\|tcp\|127\.0\.0\.1:\d+\|grpc$/;

// --- benchmark document ------------------------------------------------------------------------

/**
 * Replaces the `## <title>` section of `file` with `body` (everything up to the next level-1/2
 * heading outside code fences), or appends it. Creates the file with the `# Benchmarks` title and
 * intro when missing. Other sections are left byte-for-byte intact.
 */
export function upsertBenchmarkSection(title, body, file = BENCHMARKS_DOC) {
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `${DOC_TITLE}\n\n${DOC_INTRO}\n`;
  const lines = text.split('\n');
  const heading = `## ${title}`;
  let start = -1;
  let end = lines.length;
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(```|~~~)/.test(lines[i])) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      continue;
    }
    if (start < 0 && lines[i].trimEnd() === heading) {
      start = i;
    } else if (start >= 0 && /^#{1,2}\s/.test(lines[i])) {
      end = i;
      break;
    }
  }
  const section = [heading, '', ...body.trim().split('\n'), ''];
  if (start >= 0) {
    lines.splice(start, end - start, ...section);
    text = lines.join('\n');
  } else {
    text = `${text.replace(/\n*$/, '')}\n\n${section.join('\n')}`;
  }
  text = `${text.replace(/\n*$/, '')}\n`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** A markdown table from a header row and data rows. */
export function markdownTable(header, rows, align = header.map(() => 'left')) {
  const sep = align.map((a) => (a === 'right' ? '---:' : '---'));
  return [header, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** nproc, CPU model, kernel: the machine line every benchmark section shows. */
export function machineDescription() {
  let model = os.cpus()[0]?.model?.trim() || 'unknown CPU';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) {
      model = m[1].trim();
    }
  } catch {
    // not Linux: keep os.cpus()
  }
  const nproc = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const memGiB = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${nproc} × ${model}, ${memGiB} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}`;
}

// --- measuring -----------------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = parseFlags(
    argv,
    {
      '--runs': { key: 'runs', kind: 'int', default: 20 },
      '--rss-samples': { key: 'rssSamples', kind: 'int', default: 5 },
      '--idle-ms': { key: 'idleMs', kind: 'int', default: 2000 },
      '--executable': {
        key: 'executable',
        kind: (value) => path.resolve(value),
        default: path.join(ROOT, 'dist/datasource/gpx_greenops_carbon_linux_amd64'),
      },
      '--no-write': { key: 'write', kind: 'off' },
      '--check': { key: 'check', kind: 'on' },
    },
    (arg) => `unknown argument ${arg} (see the header of scripts/bench.mjs)`
  );
  opts.rssSamples = Math.min(opts.rssSamples, opts.runs);
  return opts;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** VmRSS (and VmHWM) of `pid` in bytes, plus its command line. */
function procStatus(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM'), cmdline };
}

/**
 * One start: spawn, time the handshake line, optionally sample RSS after `idleMs`, SIGTERM.
 * `expectInCmdline` guards the RSS figure: it must come from the Node process, not a wrapper.
 */
function startOnce(peer, { idleMs, sampleRss }) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(peer.cmd, peer.args, { env: PLUGIN_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let handshakeMs;
    let done = false;
    const finish = (err, value) => {
      if (done) {
        return;
      }
      done = true;
      clearTimeout(timer);
      if (err) {
        child.kill('SIGKILL');
        reject(err);
      } else {
        resolve(value);
      }
    };
    const timer = setTimeout(
      () => finish(new Error(`${peer.name}: no handshake within 60 s; stderr:\n${stderr}`)),
      60_000 + idleMs
    );
    child.stderr.on('data', (c) => (stderr += c));
    child.once('error', (err) => finish(err));
    child.once('exit', (code, signal) => {
      if (handshakeMs === undefined) {
        finish(new Error(`${peer.name} exited (${code ?? signal}) before the handshake; stderr:\n${stderr}`));
      }
    });
    child.stdout.on('data', async (chunk) => {
      if (handshakeMs !== undefined) {
        return;
      }
      stdout += chunk;
      const nl = stdout.indexOf('\n');
      if (nl < 0) {
        return;
      }
      handshakeMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const line = stdout.slice(0, nl);
      if (!HANDSHAKE.test(line)) {
        finish(new Error(`${peer.name}: unexpected first stdout line ${JSON.stringify(line)}`));
        return;
      }
      let rss;
      let hwm;
      try {
        if (sampleRss) {
          await sleep(idleMs);
          const st = procStatus(child.pid);
          if (!st.cmdline.some((a) => a.includes(peer.expectInCmdline))) {
            throw new Error(`${peer.name}: pid ${child.pid} runs ${st.cmdline.join(' ')}, not the Node process`);
          }
          rss = st.rss;
          hwm = st.hwm;
        }
      } catch (err) {
        finish(err);
        return;
      }
      const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
      child.kill('SIGTERM');
      const status = await Promise.race([exited, sleep(5000).then(() => undefined)]);
      if (!status) {
        finish(new Error(`${peer.name}: still running 5 s after SIGTERM`));
        return;
      }
      if (status.code !== 0) {
        console.warn(`bench: ${peer.name} exited ${status.code ?? status.signal} on SIGTERM (expected 0)`);
      }
      finish(null, { handshakeMs, rss, hwm });
    });
  });
}

function quantile(sorted, q) {
  // Nearest-rank for p95 (19th of 20), the usual mean-of-middle for the median.
  if (q === 0.5) {
    const mid = sorted.length / 2;
    return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function summarize(samples) {
  const hs = samples.map((s) => s.handshakeMs).sort((a, b) => a - b);
  const rss = samples
    .map((s) => s.rss)
    .filter((v) => v !== undefined)
    .sort((a, b) => a - b);
  const hwm = samples
    .map((s) => s.hwm)
    .filter((v) => v !== undefined)
    .sort((a, b) => a - b);
  return {
    handshakeMedianMs: quantile(hs, 0.5),
    handshakeP95Ms: quantile(hs, 0.95),
    handshakeMinMs: hs[0],
    handshakeMaxMs: hs[hs.length - 1],
    idleRssBytes: quantile(rss, 0.5),
    peakRssBytes: quantile(hwm, 0.5),
  };
}

const fmtS = (ms) => `${(ms / 1000).toFixed(3)} s`;
const fmtMB = (b) => `${(b / 1e6).toFixed(1)} MB`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const bundle = path.join(ROOT, '.cache/backend/bundle.cjs');
  for (const [file, hint] of [
    [opts.executable, 'npm run build'],
    [bundle, 'npm run build:backend'],
  ]) {
    if (!fs.existsSync(file)) {
      throw new Error(`${path.relative(ROOT, file)} is missing: run ${hint} first`);
    }
  }
  const packaged = {
    name: 'packaged',
    cmd: opts.executable,
    args: [],
    expectInCmdline: '_node',
  };
  const peer = { name: 'node bundle.cjs', cmd: process.execPath, args: [bundle], expectInCmdline: 'bundle.cjs' };
  const peers = [packaged, peer];

  console.log(`bench: ${opts.runs} starts each (RSS on the first ${opts.rssSamples}, ${opts.idleMs} ms idle)`);
  for (const p of peers) {
    await startOnce(p, { idleMs: 0, sampleRss: false }); // warm-up: page cache, not counted
  }
  const samples = new Map(peers.map((p) => [p.name, []]));
  for (let i = 0; i < opts.runs; i++) {
    for (const p of i % 2 ? [...peers].reverse() : peers) {
      const s = await startOnce(p, { idleMs: opts.idleMs, sampleRss: i < opts.rssSamples });
      samples.get(p.name).push(s);
    }
    if (process.stdout.isTTY) {
      process.stdout.write(`\rbench: run ${i + 1}/${opts.runs}`);
    }
  }
  if (process.stdout.isTTY) {
    process.stdout.write('\n');
  }

  const a = summarize(samples.get(packaged.name));
  const b = summarize(samples.get(peer.name));
  const hostNode = process.version;
  const rows = [
    [
      'Handshake, median',
      fmtS(a.handshakeMedianMs),
      fmtS(b.handshakeMedianMs),
      ratio(a.handshakeMedianMs, b.handshakeMedianMs),
    ],
    ['Handshake, p95', fmtS(a.handshakeP95Ms), fmtS(b.handshakeP95Ms), ratio(a.handshakeP95Ms, b.handshakeP95Ms)],
    [
      'Handshake, min–max',
      `${fmtS(a.handshakeMinMs)}–${fmtS(a.handshakeMaxMs)}`,
      `${fmtS(b.handshakeMinMs)}–${fmtS(b.handshakeMaxMs)}`,
      '',
    ],
    [
      `Idle RSS (${opts.idleMs / 1000} s after handshake, median)`,
      fmtMB(a.idleRssBytes),
      fmtMB(b.idleRssBytes),
      ratio(a.idleRssBytes, b.idleRssBytes),
    ],
    ['Peak RSS (VmHWM, median)', fmtMB(a.peakRssBytes), fmtMB(b.peakRssBytes), ratio(a.peakRssBytes, b.peakRssBytes)],
  ];
  const targets = [
    ['Handshake p95 < 0.5 s', fmtS(a.handshakeP95Ms), a.handshakeP95Ms < TARGETS.handshakeP95Ms],
    ['Idle RSS < 100 MB', fmtMB(a.idleRssBytes), a.idleRssBytes < TARGETS.idleRssBytes],
  ];

  let sizesLine = '';
  try {
    const s = JSON.parse(fs.readFileSync(path.join(ROOT, '.cache/backend/sizes.json'), 'utf8'));
    const mib = (n) => `${(n / 2 ** 20).toFixed(1)} MiB`;
    sizesLine = `Package size per arch (from .cache/backend/sizes.json): ${Object.entries(s)
      .map(
        ([arch, v]) =>
          `${arch} ${mib(v.totalBytes)} (SEA ${mib(v.nodeBytes)} + glibc ${mib(v.libBytes)}` +
          `${v.duckdbBytes ? ` + DuckDB ${mib(v.duckdbBytes)}, loaded on the first FOCUS query` : ''})`
      )
      .join(', ')}.`;
  } catch {
    // sizes.json is optional here
  }

  const date = new Date().toISOString().slice(0, 10);
  const body = [
    `Written by \`npm run bench\` (scripts/bench.mjs) on ${date}.`,
    '',
    `Machine: ${machineDescription()}.`,
    '',
    `**Packaged**: \`${path.relative(ROOT, opts.executable)}\` started as Grafana starts it ` +
      '(launcher → shipped glibc loader → Node SEA). ' +
      `**Peer**: \`node .cache/backend/bundle.cjs\`, the same bundle on this machine's Node ${hostNode}. ` +
      `Environment: only what go-plugin adds (\`grafana_plugin_type\`, \`PLUGIN_*\`) plus PATH. ` +
      `${opts.runs} starts each, interleaved, after one discarded warm-up start each. Handshake = spawn until ` +
      `the handshake line has been read. RSS = VmRSS of the Node process ${opts.idleMs / 1000} s after the ` +
      `handshake, median of ${opts.rssSamples} starts. Ratio = packaged / peer.`,
    '',
    markdownTable(['Metric', 'Packaged (SEA)', `Peer (node ${hostNode})`, 'Ratio'], rows, [
      'left',
      'right',
      'right',
      'right',
    ]),
    '',
    markdownTable(
      ['Target (packaged)', 'Measured', 'Result'],
      targets.map(([t, m, ok]) => [t, m, ok ? 'pass' : '**FAIL**']),
      ['left', 'right', 'left']
    ),
    ...(sizesLine ? ['', sizesLine] : []),
  ].join('\n');

  console.log(`\n## ${SECTION}\n\n${body}\n`);
  if (opts.write) {
    upsertBenchmarkSection(SECTION, body);
    console.log(`bench: wrote the "${SECTION}" section of ${path.relative(ROOT, BENCHMARKS_DOC)}`);
  }
  if (opts.check && targets.some(([, , ok]) => !ok)) {
    console.error('bench: a target was missed');
    process.exitCode = 1;
  }
}

// Run only when executed, so other scripts can import upsertBenchmarkSection() and friends.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`bench: ERROR: ${err.message}`);
    process.exit(1);
  });
}
