#!/usr/bin/env node
/**
 * The recommendation query types against their peers, on this machine, side by side:
 *
 * 1. zombieInstances (table, 14-day window, Prometheus source) through its handler against a real
 *    Prometheus serving the zombie fixture TSDB, versus the same PromQL requests sent raw with
 *    fetch to the same Prometheus, in the handler's order and all at once; with the share of the
 *    handler's time that is ours alone (no request in flight). Children: bench-recommendations/zombieChild.mjs.
 * 2. cloudRecommendations region switch over a ~100k-row FOCUS CSV generated from the public
 *    sample versus cloudEmissions over the same file (same ingestion and estimate): the ratio is
 *    what region switching adds. In this process: bench-recommendations/focusCase.mjs.
 *
 * Handlers and fixture helpers are bundled with esbuild into .cache/bench-recommendations/.
 * Writes/replaces the `## Recommendations and zombies` section of docs/benchmarks.md
 * (bench-recommendations/report.mjs).
 *
 * Usage: node scripts/bench-recommendations.mjs [--runs 7] [--copies 100] [--keep] [--no-write] [--check]
 *   --runs N     timed runs per side, after one untimed run each (default 7)
 *   --copies N   copies of the 1,000-row FOCUS sample (default 100: 100k rows)
 *   --keep       keep the generated FOCUS file in .tmp/bench-recommendations/
 *   --check      exit 1 when zombieInstances is not under 1.5× the raw PromQL
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

import { bundle, parseFlags } from './bench-common.mjs';
import { startChild } from './bench-prometheus/child.mjs';
import { buildFocusInput, runFocusCase } from './bench-recommendations/focusCase.mjs';
import { focusLine, reportBody, ZOMBIE_TARGET, zombieLine, zombieSummary } from './bench-recommendations/report.mjs';
import { zombieChildMain } from './bench-recommendations/zombieChild.mjs';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
// The plugin reads FOCUS paths only inside the folders Grafana's administrator allows
// (src/backend/sources/focus/focusAllowList.ts); this script's inputs live in the repository and in
// the system's temporary folder, and its children inherit the setting.
process.env.GF_PLUGIN_FOCUS_ALLOWED_PATHS ??= [ROOT, os.tmpdir()].join(',');
const OUT_DIR = path.join(ROOT, '.cache/bench-recommendations');
const WORK = path.join(ROOT, '.tmp/bench-recommendations');
const SAMPLE = path.join(ROOT, 'demo/focus/focus_sample_1000.csv');
const SECTION = 'Recommendations and zombies';
const ZOMBIE_QUERY = { queryType: 'zombieInstances', sources: ['prometheus'], windowDays: 14, format: 'table' };

function parseArgs(argv) {
  return parseFlags(
    argv,
    {
      '--runs': { key: 'runs', kind: 'int', default: 7 },
      '--copies': { key: 'copies', kind: 'int', default: 100 },
      '--keep': { key: 'keep', kind: 'on' },
      '--no-write': { key: 'write', kind: 'off' },
      '--check': { key: 'check', kind: 'on' },
    },
    (arg) => `unknown argument ${arg} (see the header of scripts/bench-recommendations.mjs)`
  );
}

/** Handler in one child, raw client in another; alternating timed runs. */
async function zombieCase(opts, fx, pluginBundle) {
  const zs = fx.zombieScenario();
  console.log('Preparing the zombie TSDB (cached in .tmp/zombie-tsdb/)...');
  const tsdb = await fx.prepareZombieTsdb(zs, path.join(ROOT, '.tmp/zombie-tsdb'));
  // Prometheus writes into its data directory: serve a copy, as the tests do, and leave the cache alone.
  const copy = fs.mkdtempSync(path.join(WORK, 'zombie-data-'));
  fs.cpSync(tsdb.dataDir, copy, { recursive: true });
  const prom = await fx.startPrometheus('', { dataDir: copy, lookbackDelta: '299s', startTimeoutMs: 60_000 });
  console.log(`Prometheus ${prom.url} ready in ${prom.startMs} ms`);
  const plugin = startChild(SELF, 'plugin');
  const raw = startChild(SELF, 'raw');
  try {
    await Promise.all([plugin.ready, raw.ready]);
    const endMs = zs.scenario.end * 1000;
    const p0 = await plugin.call({
      cmd: 'setup',
      bundle: pluginBundle,
      url: prom.url,
      query: ZOMBIE_QUERY,
      timeRange: { from: endMs - 6 * 3_600_000, to: endMs },
      intervalMs: 300_000,
      maxDataPoints: 11_000,
    });
    await raw.call({ cmd: 'setup', url: prom.url, requests: p0.requests });
    const runs = { plugin: [], ordered: [], concurrent: [] };
    for (let i = 0; i < opts.runs; i++) {
      runs.plugin.push(await plugin.call({ cmd: 'run' }));
      runs.ordered.push(await raw.call({ cmd: 'run', mode: 'ordered' }));
      runs.concurrent.push(await raw.call({ cmd: 'run', mode: 'concurrent' }));
      console.log(
        `  zombie run ${i + 1}: handler ${runs.plugin[i].ms.toFixed(0)} ms (wait ${runs.plugin[i].waitMs.toFixed(0)}), ` +
          `raw ordered ${runs.ordered[i].ms.toFixed(0)} ms, raw at once ${runs.concurrent[i].ms.toFixed(0)} ms`
      );
    }
    return { summary: zombieSummary({ p0, ...runs }), tsdb };
  } finally {
    plugin.stop();
    raw.stop();
    await prom.stop();
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const { machineDescription, markdownTable, upsertBenchmarkSection } = await import('./bench.mjs');
  fs.mkdirSync(WORK, { recursive: true });

  const zombieBundle = bundle(OUT_DIR, 'zombies', [
    "export { zombieInstancesHandler } from './src/backend/queries/zombies/zombieInstances';",
    "export { discoverFor } from './src/backend/measured/energyContext';",
    "export { PromTransport } from './src/backend/sources/prometheus/promTransport';",
    "export { DatasourceInstance } from './src/backend/core/instance';",
    "export { Secrets } from './src/backend/core/settings';",
  ]);
  const focusBundle = bundle(OUT_DIR, 'focus', [
    "export { cloudRecommendationsHandler } from './src/backend/queries/recommendations/cloudRecommendations';",
    "export { cloudEmissionsHandler } from './src/backend/queries/cloudEmissions';",
    "export { createFocusSource } from './src/backend/sources/focus/focusSource';",
    "export { resolveGranularity } from './src/backend/queries/billingGrid';",
    "export { estimateUsage } from './src/engine/estimate';",
    "export { regionSwitchesOfBill } from './src/engine/recommendations/regionSwitch';",
    "export { groupTotals } from './src/engine/aggregate';",
    "export { DatasourceInstance } from './src/backend/core/instance';",
    "export { Secrets } from './src/backend/core/settings';",
  ]);
  const fixtureBundle = bundle(OUT_DIR, 'fixture', [
    "export { zombieScenario } from './tests/fixtures/exporters/zombieScenario';",
    "export { prepareZombieTsdb } from './tests/fixtures/exporters/zombieFixture';",
    "export { startPrometheus, prometheusVersion } from './tests/helpers/prometheus';",
  ]);
  const fx = createRequire(fixtureBundle)(fixtureBundle);

  const { summary: z, tsdb } = await zombieCase(opts, fx, zombieBundle);
  console.log(zombieLine(z));

  const file = path.join(WORK, `focus-${opts.copies}k.csv`);
  let f;
  let focus;
  try {
    const grid = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/engine/data/grid-intensity.json'), 'utf8'));
    const awsRegions = grid.regions
      .filter((r) => r.provider === 'aws')
      .map(({ region, location }) => ({ region, location }));
    console.log(`Writing ${opts.copies} shifted copies of the FOCUS sample to ${path.relative(ROOT, file)}...`);
    focus = { ...buildFocusInput(SAMPLE, file, opts.copies, awsRegions), awsRegions: awsRegions.length };
    const mod = createRequire(focusBundle)(focusBundle);
    f = await runFocusCase(mod, file, opts.runs);
    console.log(focusLine(f));
  } finally {
    if (!opts.keep) {
      fs.rmSync(file, { force: true });
    }
  }

  const runtimeS = (performance.now() - started) / 1000;
  const env = { machineDescription, markdownTable, prometheusVersion: fx.prometheusVersion };
  const body = reportBody({ z, f, opts, runtimeS, env, zombie: tsdb, focus });
  console.log(`\n## ${SECTION}\n\n${body}\n`);
  console.log(`--- zombieInstances PromQL (${z.p0.exprs.length}) ---\n${z.p0.exprs.join('\n\n')}\n`);
  if (opts.write) {
    upsertBenchmarkSection(SECTION, body);
    console.log(`Wrote the "${SECTION}" section of docs/benchmarks.md`);
  }
  if (opts.check && !(z.ratio < ZOMBIE_TARGET)) {
    console.error(
      `bench-recommendations: zombieInstances is ${z.ratio.toFixed(2)}× the raw PromQL (target ${ZOMBIE_TARGET}×)`
    );
    process.exitCode = 1;
  }
}

const childIdx = process.argv.indexOf('--child');
if (childIdx >= 0) {
  zombieChildMain(process.argv[childIdx + 1]);
} else {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (err) => {
      console.error(`bench-recommendations: ERROR: ${err?.stack ?? err}`);
      process.exit(1);
    }
  );
}
