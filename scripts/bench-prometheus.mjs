#!/usr/bin/env node
/**
 * Measured energy queries against a real Prometheus: the plugin's `namespaceEnergy` and
 * `costVsCarbon` handlers over 7 days of the large fixture cluster (1,000 pods, 50 nodes, 60 s
 * samples; tests/fixtures/exporters/scenario.ts, TSDB built once by prepareLargeTsdb and cached in
 * .tmp/large-tsdb/) against the equivalent hand-written PromQL sent straight to the same
 * Prometheus in the same run.
 *
 * The raw peer sends exactly the requests the plugin sent for its frames' executedQueryString
 * (same endpoint, expression, time / start / end / step; recorded from node:http during the
 * plugin's untimed warm-up run), all at once with plain fetch POST form requests, and parses the
 * JSON. So the ratio is the plugin's own overhead (parsing, joins, frame building) on top of
 * Prometheus's work. Exporter discovery is cached per settings object in the plugin (60 s); it is
 * kept warm, untimed, before each timed plugin run, as on a refreshing dashboard.
 *
 * Each side runs in its own child process per case (fresh for each case); the parent alternates
 * plugin and raw runs (--runs, default 5, after one warm-up each). Peak memory: the child's
 * process.resourceUsage().maxRSS at the end minus its RSS after setup (bundle loaded, discovery
 * done, full GC), i.e. the high-water mark the queries added.
 *
 * The two handlers and the fixture helpers are bundled with esbuild into .cache/bench/.
 * Writes/replaces the `## Measured energy queries` section of docs/benchmarks.md.
 * Usage: node scripts/bench-prometheus.mjs [--runs 5] [--no-write]
 */
import { buildSync } from 'esbuild';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const OUT_DIR = path.join(ROOT, '.cache/bench');
const SECTION = 'Measured energy queries';
const TARGET = 1.3;
const INTERVAL_MS = 600_000;
const MAX_DATA_POINTS = 1000;

const CASES = [
  {
    id: 'energy',
    label: 'namespaceEnergy energy by namespace',
    handler: 'namespaceEnergyHandler',
    query: { queryType: 'namespaceEnergy', groupBy: 'namespace', metric: 'energy' },
  },
  {
    id: 'power',
    label: 'namespaceEnergy power by namespace, maxDataPoints 1000',
    handler: 'namespaceEnergyHandler',
    query: { queryType: 'namespaceEnergy', groupBy: 'namespace', metric: 'power' },
  },
  {
    id: 'cost',
    label: 'costVsCarbon by namespace',
    handler: 'costVsCarbonHandler',
    query: { queryType: 'costVsCarbon', groupBy: 'namespace' },
  },
];

function parseArgs(argv) {
  const opts = { runs: 5, write: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--runs') {
      opts.runs = Number(value());
      if (!Number.isInteger(opts.runs) || opts.runs < 1) {
        throw new Error('--runs needs a positive integer');
      }
    } else if (flag === '--no-write') {
      opts.write = false;
    } else {
      throw new Error(`Unknown option ${flag}`);
    }
  }
  return opts;
}

function bundle(name, lines) {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const outfile = path.join(OUT_DIR, `${name}.cjs`);
  buildSync({
    stdin: { contents: lines.join('\n'), resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    loader: { '.proto': 'text' },
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const fmtMiB = (kib) => (kib / 1024).toFixed(1);
/** Frame shapes, identical ones counted: `20 × (2 fields × 999 rows)`. */
const shapes = (list) => {
  const counts = new Map();
  list.forEach((s) => counts.set(`${s.fields} fields × ${s.rows} rows`, (counts.get(`${s.fields} fields × ${s.rows} rows`) ?? 0) + 1));
  return [...counts].map(([k, n]) => (n > 1 ? `${n} × (${k})` : k)).join(', ');
};

// --- child processes -------------------------------------------------------------------------------

async function childMain(role) {
  const gc = globalThis.gc ?? (() => {});
  let state;
  const reply = (msg) => process.send(msg);
  const rssKiB = () => process.memoryUsage().rss / 1024;

  process.on('message', async (msg) => {
    try {
      if (msg.cmd === 'setup' && role === 'plugin') {
        const mod = createRequire(msg.bundle)(msg.bundle);
        const settings = {
          uid: 'bench',
          name: 'bench',
          // 7 days of 1,000 pods: OpenCost's cost integral takes longer than the default 30 s here.
          jsonData: { prometheus: { url: msg.url, defaultRegion: 'eu-west-1', timeoutSeconds: 600 } },
          secrets: new mod.Secrets(),
          lastUpdatedMS: 1,
        };
        const handler = mod[msg.case.handler];
        const timeRange = msg.timeRange;
        const warmDiscovery = () => mod.discoverFor(settings, timeRange.from, timeRange.to);
        await warmDiscovery();
        // Record what the handler sends over node:http (body written with end() or write()).
        const http = await import('node:http');
        const recorded = [];
        let recording = false;
        const origRequest = http.default.request;
        http.default.request = function (url, options, cb) {
          const req = origRequest.call(this, url, options, cb);
          if (recording) {
            const entry = { path: new URL(String(url)).pathname, body: '' };
            recorded.push(entry);
            const write = req.write.bind(req);
            const end = req.end.bind(req);
            req.write = (chunk, ...rest) => {
              if (chunk && typeof chunk !== 'function') {entry.body += chunk.toString();}
              return write(chunk, ...rest);
            };
            req.end = (chunk, ...rest) => {
              if (chunk && typeof chunk !== 'function') {entry.body += chunk.toString();}
              return end(chunk, ...rest);
            };
          }
          return req;
        };
        const query = handler.parse(msg.case.query);
        const run = () =>
          handler.run({
            refId: 'A',
            query,
            timeRange,
            intervalMs: msg.intervalMs,
            maxDataPoints: msg.maxDataPoints,
            settings,
          });
        gc();
        const baseline = rssKiB();
        // Warm-up, recorded.
        recording = true;
        const t0 = performance.now();
        const frames = await run();
        const warmMs = performance.now() - t0;
        recording = false;
        http.default.request = origRequest;
        const executed = frames[0]?.meta?.executedQueryString ?? '';
        const exprs = executed.split('\n\n').filter(Boolean);
        const requests = recorded.filter((r) => {
          const q = new URLSearchParams(r.body).get('query');
          return q !== null && exprs.includes(q);
        });
        const shape = frames.map((f) => ({ fields: f.fields?.length ?? 0, rows: f.fields?.[0]?.values?.length ?? 0 }));
        const notices = frames.flatMap((f) => f.meta?.notices ?? []).map((n) => n.text);
        state = { run, warmDiscovery, baseline };
        reply({ ok: true, warmMs, exprs, requests, extra: recorded.length - requests.length, shape, notices, baseline });
      } else if (msg.cmd === 'setup' && role === 'raw') {
        const requests = msg.requests;
        const run = () =>
          Promise.all(
            requests.map(async (r) => {
              const res = await fetch(msg.url + r.path, {
                method: 'POST',
                headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
                body: r.body,
              });
              const body = await res.json();
              if (body.status !== 'success') {
                throw new Error(`raw ${r.path} failed: ${body.error}`);
              }
              return body.data;
            })
          );
        // Load fetch (undici) before the baseline, as discovery loads node:http on the plugin side.
        await (await fetch(`${msg.url}/api/v1/status/buildinfo`)).json();
        gc();
        const baseline = rssKiB();
        const t0 = performance.now();
        await run();
        state = { run, baseline };
        reply({ ok: true, warmMs: performance.now() - t0, baseline });
      } else if (msg.cmd === 'run') {
        if (state.warmDiscovery) {
          await state.warmDiscovery();
        }
        const t0 = performance.now();
        await state.run();
        reply({ ok: true, ms: performance.now() - t0 });
      } else if (msg.cmd === 'memory') {
        reply({ ok: true, maxRssKiB: process.resourceUsage().maxRSS, baseline: state.baseline });
      }
    } catch (err) {
      reply({ ok: false, error: String(err?.stack ?? err) });
    }
  });
  reply({ ready: true });
}

function startChild(role) {
  const child = fork(SELF, ['--child', role], { execArgv: ['--expose-gc'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  // The plugin's logger writes JSON lines to stderr (debug: one per request): keep only the rest.
  let partial = '';
  child.stderr.on('data', (chunk) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!/^\{.*"@level":"(debug|info)"/.test(line)) {
        process.stderr.write(`${line}\n`);
      }
    }
  });
  const pending = [];
  child.on('message', (m) => pending.shift()?.(m));
  const next = () => new Promise((resolve) => pending.push(resolve));
  const ready = next();
  return {
    ready,
    async call(msg) {
      const p = next();
      child.send(msg);
      const r = await p;
      if (r.ok === false) {
        throw new Error(`${role} child: ${r.error}`);
      }
      return r;
    },
    stop() {
      child.kill('SIGTERM');
    },
  };
}

// --- parent -----------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const { machineDescription, markdownTable, upsertBenchmarkSection } = await import('./bench.mjs');

  const pluginBundle = bundle('handlers', [
    "export { namespaceEnergyHandler } from './src/backend/queries/energy/namespaceEnergy';",
    "export { costVsCarbonHandler } from './src/backend/queries/energy/costVsCarbon';",
    "export { discoverFor } from './src/backend/queries/energy/energyContext';",
    "export { Secrets } from './src/backend/queries/settings';",
  ]);
  const fixtureBundle = bundle('fixture', [
    "export { prepareLargeTsdb, LARGE_FIXTURE_VERSION } from './tests/fixtures/exporters/scenario';",
    "export { startPrometheus, prometheusVersion } from './tests/helpers/prometheus';",
  ]);
  const fx = createRequire(fixtureBundle)(fixtureBundle);

  const cacheDir = path.join(ROOT, '.tmp/large-tsdb');
  console.log('Preparing the large TSDB (7 d, 1,000 pods, 50 nodes; cached in .tmp/large-tsdb/)...');
  const tsdb = await fx.prepareLargeTsdb(cacheDir);
  const truth = tsdb.truth;
  console.log(
    tsdb.cached
      ? `  cached: ${tsdb.dataDir}`
      : `  built in ${(tsdb.buildMs / 1000).toFixed(0)} s (import tail ${(tsdb.importTailMs / 1000).toFixed(0)} s)`
  );
  const prom = await fx.startPrometheus('', {
    dataDir: tsdb.dataDir,
    startTimeoutMs: 120_000,
    extraArgs: ['--query.max-samples=500000000', '--query.timeout=10m'],
  });
  console.log(`Prometheus ${prom.url} ready in ${prom.startMs} ms`);
  const timeRange = { from: truth.start * 1000, to: truth.end * 1000 };

  const results = [];
  try {
    for (const c of CASES) {
      const plugin = startChild('plugin');
      const raw = startChild('raw');
      try {
        await Promise.all([plugin.ready, raw.ready]);
        const p0 = await plugin.call({
          cmd: 'setup',
          bundle: pluginBundle,
          url: prom.url,
          case: c,
          timeRange,
          intervalMs: INTERVAL_MS,
          maxDataPoints: MAX_DATA_POINTS,
        });
        if (p0.requests.length !== p0.exprs.length) {
          throw new Error(`${c.id}: recorded ${p0.requests.length} requests for ${p0.exprs.length} expressions`);
        }
        const r0 = await raw.call({ cmd: 'setup', url: prom.url, requests: p0.requests });
        const pluginMs = [];
        const rawMs = [];
        for (let i = 0; i < opts.runs; i++) {
          pluginMs.push((await plugin.call({ cmd: 'run' })).ms);
          rawMs.push((await raw.call({ cmd: 'run' })).ms);
          console.log(`  ${c.id} run ${i + 1}: plugin ${fmtMs(pluginMs[i])} ms, raw ${fmtMs(rawMs[i])} ms`);
        }
        const pm = await plugin.call({ cmd: 'memory' });
        const rm = await raw.call({ cmd: 'memory' });
        const row = {
          ...c,
          promql: p0.exprs.length,
          instant: p0.requests.filter((r) => r.path.endsWith('/query')).length,
          rangeQ: p0.requests.filter((r) => r.path.endsWith('/query_range')).length,
          extra: p0.extra,
          shape: p0.shape,
          notices: p0.notices,
          warm: { plugin: p0.warmMs, raw: r0.warmMs },
          pluginMs,
          rawMs,
          pluginMed: median(pluginMs),
          rawMed: median(rawMs),
          pluginPeakKiB: pm.maxRssKiB - pm.baseline,
          rawPeakKiB: rm.maxRssKiB - rm.baseline,
          exprs: p0.exprs,
        };
        row.ratio = row.pluginMed / row.rawMed;
        results.push(row);
        console.log(
          `${c.label}: ${row.promql} PromQL; plugin ${fmtMs(row.pluginMed)} ms, raw ${fmtMs(row.rawMed)} ms, ` +
            `×${row.ratio.toFixed(2)}; peak +${fmtMiB(row.pluginPeakKiB)} MiB vs +${fmtMiB(row.rawPeakKiB)} MiB ` +
            `(plugin runs ${pluginMs.map(fmtMs).join(', ')}; raw ${rawMs.map(fmtMs).join(', ')})`
        );
      } finally {
        plugin.stop();
        raw.stop();
      }
    }
  } finally {
    await prom.stop();
  }
  const runtimeS = (performance.now() - started) / 1000;

  const date = new Date().toISOString().slice(0, 10);
  const allPass = results.every((r) => r.ratio <= TARGET);
  const table = markdownTable(
    ['Case', 'PromQL (instant + range)', 'Plugin median', 'Raw PromQL median', 'Ratio', 'Plugin peak RSS Δ', 'Raw client peak RSS Δ', `≤ ${TARGET}×`],
    results.map((r) => [
      r.label,
      `${r.promql} (${r.instant} + ${r.rangeQ})`,
      `${fmtMs(r.pluginMed)} ms`,
      `${fmtMs(r.rawMed)} ms`,
      `${r.ratio.toFixed(2)}×`,
      `${fmtMiB(r.pluginPeakKiB)} MiB`,
      `${fmtMiB(r.rawPeakKiB)} MiB`,
      r.ratio <= TARGET ? 'pass' : '**fail**',
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left']
  );
  const days = (truth.end - truth.start) / 86400;
  const body = [
    `Run ${date} on ${machineDescription()}, Node ${process.version}, ${fx.prometheusVersion()}; ` +
      `\`node scripts/bench-prometheus.mjs --runs ${opts.runs}\` took ${runtimeS.toFixed(0)} s` +
      (tsdb.cached ? ' (TSDB reused from .tmp/large-tsdb/).' : ` (TSDB built in ${(tsdb.buildMs / 1000).toFixed(0)} s).`),
    '',
    `**Fixture**: \`largeScenario()\` at full size — 50 nodes, 1,000 pods (20 namespaces, plus CronJob pods coming and going), ` +
      `${days} days at ${truth.step} s, exporters Kepler 0.10, kube-state-metrics, OpenCost, cAdvisor: ` +
      `${truth.series.toLocaleString('en-US')} series, ${truth.samples.toLocaleString('en-US')} samples, imported with promtool ` +
      `(fixture version ${fx.LARGE_FIXTURE_VERSION}). Query range: the whole ${days} days ` +
      `(${new Date(timeRange.from).toISOString()} to ${new Date(timeRange.to).toISOString()}), intervalMs ${INTERVAL_MS}, maxDataPoints ${MAX_DATA_POINTS}.`,
    '',
    table,
    '',
    `**Target**: plugin at most ${TARGET}× the raw PromQL time — ${allPass ? '**met** in every case' : '**missed** where marked'}.`,
    '',
    `**Method**: per case, one child process runs the plugin's handler (\`handler.run()\`, bundled with esbuild) and another the raw client; ` +
      `after one warm-up each, the parent alternates plugin and raw ${opts.runs} times; medians shown. ` +
      `The raw client sends exactly the requests behind the frames' \`executedQueryString\` (recorded from the plugin's warm-up: same endpoint, expression, time or start/end/step), ` +
      `all concurrently, as plain \`fetch\` POST form requests, and parses the JSON answers; so the ratio is the plugin's own work (client, parsing, joins, frame building) on top of Prometheus's. ` +
      `Datasource settings: Prometheus URL, defaultRegion eu-west-1 and timeoutSeconds 600 (the default 30 s is too short for costVsCarbon's 7-day cost query here). ` +
      `Exporter discovery is cached per datasource in the plugin (60 s) and kept warm, untimed, before each plugin run. ` +
      `Peak RSS Δ: the child's \`process.resourceUsage().maxRSS\` after all runs minus its RSS after setup (bundle loaded, discovery done, full GC).`,
    '',
    ...results.map(
      (r) =>
        `- ${r.label}: plugin runs ${r.pluginMs.map(fmtMs).join(', ')} ms; raw ${r.rawMs.map(fmtMs).join(', ')} ms; ` +
        `warm-up ${fmtMs(r.warm.plugin)} / ${fmtMs(r.warm.raw)} ms; frames ${shapes(r.shape)}` +
        (r.extra ? `; ${r.extra} other request(s) not in executedQueryString` : '') +
        (r.notices.length ? `; notices: ${r.notices.map((n) => JSON.stringify(n)).join(' ')}` : '')
    ),
  ].join('\n');
  console.log(`\n${body}\n`);
  for (const r of results) {
    console.log(`--- ${r.label} PromQL ---\n${r.exprs.join('\n\n')}\n`);
  }
  if (opts.write) {
    upsertBenchmarkSection(SECTION, body);
    console.log(`Wrote the "${SECTION}" section of docs/benchmarks.md`);
  }
}

const childIdx = process.argv.indexOf('--child');
if (childIdx >= 0) {
  childMain(process.argv[childIdx + 1]);
} else {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    }
  );
}
