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
 * Writes/replaces the `## Measured energy queries` section of docs/benchmarks.md. The cases are in
 * bench-prometheus/cases.mjs, the child processes in bench-prometheus/child.mjs, the report in
 * bench-prometheus/report.mjs.
 * Usage: node scripts/bench-prometheus.mjs [--runs 5] [--no-write] [--help]
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

import { bundle, parseFlags } from './bench-common.mjs';
import { CASES, INTERVAL_MS, MAX_DATA_POINTS } from './bench-prometheus/cases.mjs';
import { childMain, startChild } from './bench-prometheus/child.mjs';
import { caseLine, fmtMs, reportBody, resultRow } from './bench-prometheus/report.mjs';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const OUT_DIR = path.join(ROOT, '.cache/bench');
const SECTION = 'Measured energy queries';
/** Scaphandre (--containers) on every node besides the four exporters, for processPower and its picker. */
const LARGE = {
  scenario: { scaphandre: true },
  write: { exporters: ['kepler010', 'kube-state-metrics', 'opencost', 'cadvisor', 'scaphandre'] },
};
const USAGE = `Usage: node scripts/bench-prometheus.mjs [--runs 5] [--no-write] [--help]
  --runs N     timed runs per side and case, after one warm-up each (default 5)
  --no-write   print the report without writing docs/benchmarks.md
  --only a,b   run only these case ids (scripts/bench-prometheus/cases.mjs), without writing
Builds (or reuses) the 7-day large fixture TSDB in .tmp/large-tsdb/: the first build takes minutes.`;

function parseArgs(argv) {
  return parseFlags(
    argv,
    {
      '--runs': { key: 'runs', kind: 'int', default: 5 },
      '--no-write': { key: 'write', kind: 'off' },
      '--only': { key: 'only', kind: (v) => String(v ?? ''), default: '' },
      '--help': { key: 'help', kind: 'on' },
      '-h': { key: 'help', kind: 'on' },
    },
    (arg, flag) => `Unknown option ${flag}\n${USAGE}`
  );
}

// --- parent -----------------------------------------------------------------------------------------

/** The exporter metrics an expression list reads (whole words), sorted. */
function seriesIn(exprs, names) {
  const text = exprs.join('\n');
  return [...new Set(names)].filter((n) => new RegExp(`(^|[^A-Za-z0-9_:])${n}([^A-Za-z0-9_:]|$)`).test(text)).sort();
}

/** One scan of those series over `rangeMs` ending at `toMs`: every sample read once, counted. */
function scanRequest(names, toMs, rangeMs) {
  if (names.length === 0) {
    return undefined;
  }
  // Per metric: count_over_time drops the name, so two metrics' equal label sets would collide.
  const query = names.map((n) => `(sum(count_over_time(${n}[${Math.round(rangeMs)}ms])) or vector(0))`).join(' + ');
  return {
    method: 'POST',
    path: '/api/v1/query',
    body: new URLSearchParams({ query, time: String(toMs / 1000) }).toString(),
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  const started = performance.now();
  const { machineDescription, markdownTable, upsertBenchmarkSection } = await import('./bench.mjs');

  const pluginBundle = bundle(OUT_DIR, 'handlers', [
    "export { namespaceEnergyHandler } from './src/backend/queries/energy/namespaceEnergy';",
    "export { costVsCarbonHandler } from './src/backend/queries/energy/costVsCarbon';",
    "export { processPowerHandler } from './src/backend/queries/energy/processPower';",
    "export { carbonEfficiencyHandler } from './src/backend/queries/energy/carbonEfficiency';",
    "export { energyPerUnitHandler } from './src/backend/queries/energy/energyPerUnit';",
    "export { promqlEnergyHandler } from './src/backend/queries/energy/promqlEnergy';",
    "export { zombieInstancesHandler } from './src/backend/queries/zombies/zombieInstances';",
    "export { listNamespaces, listNodes, listProcesses, listWorkloads } from './src/backend/queries/resources/kubernetesLists';",
    "export { discoverFor } from './src/backend/measured/energyContext';",
    "export { DatasourceInstance } from './src/backend/core/instance';",
    "export { Secrets } from './src/backend/core/settings';",
  ]);
  const fixtureBundle = bundle(OUT_DIR, 'fixture', [
    "export { prepareLargeTsdb, LARGE_FIXTURE_VERSION } from './tests/fixtures/exporters/scenario';",
    "export { startPrometheus, prometheusVersion } from './tests/helpers/prometheus';",
    "export * as exporters from './src/backend/sources/prometheus/exporters';",
  ]);
  const fx = createRequire(fixtureBundle)(fixtureBundle);

  const cacheDir = path.join(ROOT, '.tmp/large-tsdb');
  console.log('Preparing the large TSDB (7 d, 1,000 pods, 50 nodes; cached in .tmp/large-tsdb/)...');
  const tsdb = await fx.prepareLargeTsdb(cacheDir, LARGE);
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

  const metricNames = Object.values(fx.exporters).flatMap((m) => [
    ...Object.values(m.metrics ?? {}).filter((x) => typeof x === 'string'),
    ...(typeof m.scrapeHealth === 'string' ? [m.scrapeHealth] : []),
  ]);
  const results = [];
  try {
    const only = opts.only ? new Set(opts.only.split(',')) : undefined;
    for (const c of CASES.filter((x) => !only || only.has(x.id))) {
      const plugin = startChild(SELF, 'plugin');
      const raw = startChild(SELF, 'raw');
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
        // Every expression the frames name was sent (one may be named twice, e.g. a unit query shown
        // on both frames) and nothing else is replayed.
        const sent = new Set(
          p0.requests.map(
            (r) => new URLSearchParams(r.body).get('query') ?? `${r.path}${decodeURIComponent(r.search ?? '')}`
          )
        );
        const missing = [...new Set(p0.exprs)].filter((e) => !e.startsWith('label values of ') && !sent.has(e));
        if (missing.length) {
          throw new Error(`${c.id}: ${missing.length} expression(s) named but not recorded: ${missing.join(' | ')}`);
        }
        const scanned = seriesIn(p0.exprs, metricNames);
        const scan = scanRequest(
          scanned,
          timeRange.to,
          (c.scanDays ?? (timeRange.to - timeRange.from) / 86_400_000) * 86_400_000
        );
        const r0 = await raw.call({ cmd: 'setup', url: prom.url, requests: p0.requests, scan });
        const pluginMs = [];
        const rawMs = [];
        const scanMs = [];
        for (let i = 0; i < opts.runs; i++) {
          pluginMs.push((await plugin.call({ cmd: 'run' })).ms);
          rawMs.push((await raw.call({ cmd: 'run' })).ms);
          scanMs.push((await raw.call({ cmd: 'scan' })).ms);
          console.log(
            `  ${c.id} run ${i + 1}: plugin ${fmtMs(pluginMs[i])} ms, raw ${fmtMs(rawMs[i])} ms, scan ${fmtMs(scanMs[i])} ms`
          );
        }
        const pm = await plugin.call({ cmd: 'memory' });
        const rm = await raw.call({ cmd: 'memory' });
        const row = resultRow(c, { p0, r0, pluginMs, rawMs, scanMs, scanned, pm, rm });
        results.push(row);
        console.log(caseLine(row));
      } finally {
        plugin.stop();
        raw.stop();
      }
    }
  } finally {
    await prom.stop();
  }
  const runtimeS = (performance.now() - started) / 1000;
  const env = { machineDescription, markdownTable, ...fx };
  const body = reportBody({ results, runs: opts.runs, runtimeS, tsdb, timeRange, env });
  console.log(`\n${body}\n`);
  for (const r of results) {
    console.log(`--- ${r.label} PromQL ---\n${r.exprs.join('\n\n')}\n`);
  }
  if (opts.write && !opts.only) {
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
