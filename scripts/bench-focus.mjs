#!/usr/bin/env node
/**
 * FOCUS billing at organisation scale (`npm run bench`; runs on its own too).
 *
 * Input: the public FOCUS 1.0 sample (demo/focus/focus_sample_1000.csv) moved to 1,000
 * sub-accounts, 1M and 10M rows of one month, written by DuckDB as CSV, gzipped CSV and Parquet
 * (typed columns, as the providers' exports) under .tmp/bench-focus/ (kept between runs).
 *
 * Measured, each in its own Node process, on a `cloudEmissions` panel (group by provider, daily,
 * CO2e + energy + cost, September 2024) run by the real handler and datasource instance:
 *   cold   the first panel of a fresh instance (list, describe, scan, estimate, frames)
 *   warm   the same panel again (the instance's aggregate cache)
 *   six    six panels of one dashboard at once on a fresh instance (provider, region, service,
 *          category, instance type, provider+region), against `cold`
 *   peer   DuckDB alone in the same kind of process: the same aggregation written by hand (usage
 *          rows per provider, day and usage key, cost with the EffectiveCost/BilledCost rule)
 *   old    the reader this replaced (csv-parse and hyparquet, commit OLD_COMMIT) on the same panel,
 *          at the sizes given by --old-max-rows (27 s a panel at 1M CSV, so not 10M by default)
 * Peak RSS is the process's getrusage maxRSS; jsonData.focus.memoryLimitMB is 512 (the default).
 *
 * Writes the `## FOCUS billing at organisation scale` section of docs/benchmarks.md.
 * Each measurement runs --runs times (default 3, interleaved): median times, highest peak RSS.
 *
 * Usage: node scripts/bench-focus.mjs [--rows 1000000,10000000] [--runs 3] [--old-max-rows 1000000] [--no-write]
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { bundle, parseFlags } from './bench-common.mjs';
import { machineDescription, markdownTable, upsertBenchmarkSection } from './bench.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The plugin reads FOCUS paths only inside the folders Grafana's administrator allows
// (src/backend/sources/focus/focusAllowList.ts); this script's inputs live in the repository and in
// the system's temporary folder, and its children inherit the setting.
process.env.GF_PLUGIN_FOCUS_ALLOWED_PATHS ??= [ROOT, os.tmpdir()].join(',');
const SAMPLE = path.join(ROOT, 'demo/focus/focus_sample_1000.csv');
const WORK = path.join(ROOT, '.tmp/bench-focus');
const SECTION = 'FOCUS billing at organisation scale';
/** The last commit with the csv-parse/hyparquet reader. */
const OLD_COMMIT = '49c8b20';
const OLD_DEPS = ['csv-parse@6.2.1', 'hyparquet@1.33.0', 'hyparquet-compressors@1.1.2'];
const FORMATS = ['csv', 'csv.gz', 'parquet'];
const MEMORY_LIMIT_MB = 512;
const GOALS = { coldRatio: 1.5, warmMs: 100, sixRatio: 1.2, rssOverLimitBytes: 150e6 };

const opts = parseFlags(
  process.argv.slice(2),
  {
    '--rows': { key: 'rows', kind: (v) => v.split(',').map(Number), default: [1_000_000, 10_000_000] },
    '--old-max-rows': { key: 'oldMaxRows', kind: Number, default: 1_000_000 },
    '--runs': { key: 'runs', kind: 'int', default: 3 },
    '--no-write': { key: 'write', kind: 'off' },
  },
  (arg) => `unknown argument ${arg} (see the header of scripts/bench-focus.mjs)`
);

// --- inputs ------------------------------------------------------------------------------------

/** Writes (once) the three files of `rows` rows; returns {format: {file, bytes}}. */
async function inputs(rows) {
  const dir = path.join(WORK, `rows-${rows}`);
  const files = Object.fromEntries(FORMATS.map((f) => [f, path.join(dir, `focus.${f}`)]));
  if (!FORMATS.every((f) => fs.existsSync(files[f]))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    console.log(`bench-focus: writing ${rows.toLocaleString('en-US')} rows as CSV, CSV.GZ and Parquet`);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const copies = Math.round(rows / 1000);
    // Every cell as the sample prints it (NULL as the text NULL), on 1,000 sub-accounts; quantities
    // and costs scaled by 1.000 to 1.996 per copy, so the files do not compress like a repeated sample.
    const scaled = (column) =>
      `CASE WHEN ${column} = 'NULL' THEN ${column} ELSE CAST(CAST(${column} AS DOUBLE) * (1 + (k % 997) / 1000) AS VARCHAR) END AS ${column}`;
    const moved = `SELECT * REPLACE (SubAccountId || '-' || lpad(CAST(k % 1000 AS VARCHAR), 3, '0') AS SubAccountId,
        ${['ConsumedQuantity', 'PricingQuantity', 'BilledCost', 'EffectiveCost'].map(scaled).join(', ')})
      FROM read_csv('${SAMPLE}', header = true, all_varchar = true), range(${copies}) t(k)`;
    await c.run(`COPY (${moved}) TO '${files.csv}' (HEADER)`);
    await c.run(`COPY (${moved}) TO '${files['csv.gz']}' (HEADER, COMPRESSION gzip)`);
    // Typed as the providers' Parquet exports are: timestamps and numbers, the rest text (a sniffer
    // would take AWS account ids for integers and fail on Azure's).
    const typed = `SELECT * REPLACE (
        CAST(ChargePeriodStart AS TIMESTAMP) AS ChargePeriodStart, CAST(ChargePeriodEnd AS TIMESTAMP) AS ChargePeriodEnd,
        ${['ConsumedQuantity', 'PricingQuantity', 'BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost']
          .map((n) => `TRY_CAST(${n} AS DOUBLE) AS ${n}`)
          .join(', ')})
      FROM read_csv('${files.csv}', header = true, all_varchar = true, nullstr = 'NULL')`;
    await c.run(`COPY (${typed}) TO '${files.parquet}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
  }
  return Object.fromEntries(FORMATS.map((f) => [f, { file: files[f], bytes: fs.statSync(files[f]).size }]));
}

/** The old reader's handler, bundled from a worktree of OLD_COMMIT with its own dependencies. */
function oldBundle() {
  const tree = path.join(WORK, 'old-tree');
  const deps = path.join(WORK, 'old-deps');
  if (!fs.existsSync(tree)) {
    execFileSync('git', ['worktree', 'add', '--detach', tree, OLD_COMMIT], { cwd: ROOT, stdio: 'ignore' });
  }
  if (!fs.existsSync(path.join(deps, 'node_modules/hyparquet-compressors'))) {
    fs.mkdirSync(deps, { recursive: true });
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', deps, ...OLD_DEPS], {
      stdio: 'ignore',
    });
  }
  return handlerBundle('old', path.relative(ROOT, tree), {
    nodePaths: [path.join(deps, 'node_modules'), path.join(ROOT, 'node_modules')],
  });
}

function handlerBundle(name, srcRoot, options = {}) {
  return bundle(
    WORK,
    `handler-${name}`,
    [
      `export { cloudEmissionsHandler } from './${srcRoot}/src/backend/queries/cloudEmissions';`,
      `export { DatasourceInstance } from './${srcRoot}/src/backend/core/instance';`,
      `export { Secrets } from './${srcRoot}/src/backend/core/settings';`,
    ],
    { external: ['@duckdb/node-api'], logLevel: 'silent', ...options }
  );
}

// --- children ----------------------------------------------------------------------------------

const PANEL_CHILD = `
const [bundlePath, file, mode] = process.argv.slice(2);
const { cloudEmissionsHandler, DatasourceInstance, Secrets } = require(bundlePath);
const timeRange = { from: Date.UTC(2024, 8, 1), to: Date.UTC(2024, 9, 1) };
const GROUPS = [['provider'], ['region'], ['service'], ['category'], ['instanceType'], ['provider', 'region']];
const settingsFor = (paths) => ({ uid: 'bench', name: 'bench', jsonData: { focus: { paths, memoryLimitMB: ${MEMORY_LIMIT_MB} } }, secrets: new Secrets(), lastUpdatedMS: 1 });
let settings = settingsFor([${JSON.stringify(SAMPLE)}]);
let instance = new DatasourceInstance(settings);
const panel = (groupBy) => cloudEmissionsHandler.run({
  refId: 'A', timeRange, intervalMs: 0, maxDataPoints: 0, settings, instance,
  query: cloudEmissionsHandler.parse({ queryType: 'cloudEmissions', source: 'focus', groupBy, metrics: ['co2e', 'energy', 'cost'] }),
});
const timed = async (work) => { const t = process.hrtime.bigint(); const frames = await work(); return { ms: Number(process.hrtime.bigint() - t) / 1e6, frames }; };
(async () => {
  const out = {};
  // A running backend has its modules loaded: one panel on the 1,000-row sample first, on an
  // instance of its own, so "cold" is a datasource whose files were never read, not a new process.
  await panel(['provider']);
  instance.dispose();
  settings = settingsFor([file]);
  instance = new DatasourceInstance(settings);
  if (mode === 'six') {
    out.six = (await timed(() => Promise.all(GROUPS.map(panel)))).ms;
  } else {
    const cold = await timed(() => panel(['provider']));
    out.cold = cold.ms;
    out.notice = cold.frames[0].meta?.notices?.[0]?.text ?? '';
    out.cost = cold.frames.filter((f) => f.name.startsWith('cost')).reduce((s, f) => s + f.fields[1].values.reduce((a, b) => a + b, 0), 0);
    if (mode === 'coldWarm') {
      out.warm = (await timed(() => panel(['provider']))).ms;
    }
  }
  out.maxRss = process.resourceUsage().maxRSS * 1024;
  instance.dispose();
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
`;

// DuckDB alone: the aggregation by hand, with the settings ours gets.
const PEER_CHILD = `
const [file] = process.argv.slice(2);
const { DuckDBInstance } = require('@duckdb/node-api');
// Text cells cast where the aggregation needs numbers (a type sniffer fails on these exports).
const scan = file.endsWith('.parquet') ? \`read_parquet('\${file}')\` : \`read_csv('\${file}', header = true, all_varchar = true, nullstr = 'NULL')\`;
(async () => {
  const t = process.hrtime.bigint();
  const db = await DuckDBInstance.create(':memory:', { memory_limit: '${MEMORY_LIMIT_MB}MB', threads: String(Math.min(4, require('node:os').availableParallelism())) });
  const c = await db.connect();
  await c.run("SET TimeZone = 'UTC'");
  const r = await c.runAndReadAll(\`
    SELECT ProviderName, date_trunc('day', CAST(ChargePeriodStart AS TIMESTAMPTZ)) AS day, RegionId, ServiceName,
           ServiceCategory, ChargeDescription, ConsumedUnit, BillingCurrency,
           sum(CAST(ConsumedQuantity AS DOUBLE)) AS amount,
           sum(CASE WHEN CAST(EffectiveCost AS DOUBLE) IS NULL OR (CAST(EffectiveCost AS DOUBLE) = 0 AND coalesce(CAST(BilledCost AS DOUBLE), 0) <> 0)
                    THEN coalesce(CAST(BilledCost AS DOUBLE), 0) ELSE CAST(EffectiveCost AS DOUBLE) END) AS cost,
           count(*) AS n
    FROM \${scan}
    WHERE ChargeCategory = 'Usage' AND CAST(ChargePeriodStart AS TIMESTAMPTZ) >= '2024-09-01' AND CAST(ChargePeriodStart AS TIMESTAMPTZ) < '2024-10-01'
    GROUP BY ALL\`);
  const rows = r.getRowObjectsJS();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  process.stdout.write(JSON.stringify({ ms, groups: rows.length, cost: rows.reduce((s, x) => s + Number(x.cost), 0), maxRss: process.resourceUsage().maxRSS * 1024 }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

function child(script, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c) => (stdout += c));
    p.stderr.on('data', (c) => (stderr += c));
    p.once('error', reject);
    p.once('close', (code) =>
      code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`${script} exited ${code}:\n${stderr}`))
    );
  });
}

// --- report ------------------------------------------------------------------------------------

const s = (ms) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
const x = (ratio) => `${ratio.toFixed(2)}x`;
const mark = (ok) => (ok ? 'pass' : '**miss**');
const median = (xs) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];

/** Median of every timing field, the highest peak RSS, the rest from the last run. */
function summary(runs) {
  const out = { ...runs.at(-1) };
  for (const key of ['ms', 'cold', 'warm', 'six']) {
    if (key in out) {
      out[key] = median(runs.map((r) => r[key]));
    }
  }
  out.maxRss = Math.max(...runs.map((r) => r.maxRss));
  return out;
}

async function main() {
  fs.mkdirSync(WORK, { recursive: true });
  const panelScript = path.join(WORK, 'panel-child.cjs');
  const peerScript = path.join(WORK, 'peer-child.cjs');
  fs.writeFileSync(panelScript, PANEL_CHILD);
  fs.writeFileSync(peerScript, PEER_CHILD);
  const ours = handlerBundle('ours', '.');
  const old = opts.rows.some((r) => r <= opts.oldMaxRows) ? oldBundle() : undefined;

  const rows = [];
  const goals = [];
  for (const count of opts.rows) {
    const files = await inputs(count);
    for (const format of FORMATS) {
      const { file, bytes } = files[format];
      console.log(`bench-focus: ${count.toLocaleString('en-US')} rows, ${format}`);
      const runs = { peer: [], a: [], six: [] };
      for (let i = 0; i < opts.runs; i++) {
        runs.peer.push(await child(peerScript, [file]));
        runs.a.push(await child(panelScript, [ours, file, 'coldWarm']));
        runs.six.push(await child(panelScript, [ours, file, 'six']));
      }
      const peer = summary(runs.peer);
      const a = summary(runs.a);
      const six = summary(runs.six);
      const before = old && count <= opts.oldMaxRows ? await child(panelScript, [old, file, 'cold']) : undefined;
      // The panel's cost and DuckDB's by hand must agree, or the timings compare different work.
      if (Math.abs(a.cost - peer.cost) > 1e-6 * Math.max(1, peer.cost)) {
        throw new Error(`cost disagrees at ${count} ${format}: panel ${a.cost}, DuckDB alone ${peer.cost}`);
      }
      const label = `${(count / 1e6).toFixed(0)}M ${format} (${mb(bytes)})`;
      rows.push([
        label,
        s(peer.ms),
        s(a.cold),
        x(a.cold / peer.ms),
        s(a.warm),
        s(six.six),
        x(six.six / a.cold),
        mb(Math.max(a.maxRss, six.maxRss)),
        before ? `${s(before.cold)}, ${mb(before.maxRss)}` : 'not run',
      ]);
      goals.push([
        label,
        a.cold / peer.ms <= GOALS.coldRatio,
        a.warm < GOALS.warmMs,
        six.six / a.cold <= GOALS.sixRatio,
        Math.max(a.maxRss, six.maxRss) < MEMORY_LIMIT_MB * 1e6 + GOALS.rssOverLimitBytes,
      ]);
    }
  }
  const body = [
    `Written by \`node scripts/bench-focus.mjs\` on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `Machine: ${machineDescription()}; Node ${process.version}.`,
    '',
    '**Cold** is the first panel of a datasource whose files were never read, in a backend that has served a query before ' +
      '(modules loaded). ' +
      '**Input**: the public FOCUS 1.0 sample moved to 1,000 sub-accounts, one month (September 2024), written by DuckDB as ' +
      'CSV, gzipped CSV and Parquet (typed columns). **Panel**: `cloudEmissions` grouped by provider, daily, CO2e + energy + ' +
      'cost, run by the real handler on a fresh datasource instance (`jsonData.focus.memoryLimitMB` 512, threads = cores up to 4). ' +
      '**DuckDB alone**: the same aggregation written by hand (usage rows per provider, day and usage key, cost with the ' +
      "EffectiveCost/BilledCost rule) in its own process; the panel's cost equals it to 1e-6 in every row. **Six panels**: one " +
      "dashboard's six billing panels at once (provider, region, service, category, instance type, provider+region) on a fresh " +
      `instance. **Before**: the reader this replaced (csv-parse / hyparquet, commit ${OLD_COMMIT}), one cold panel, one run. Each ` +
      `in its own process, ${opts.runs} runs interleaved: median times; peak RSS = the highest getrusage maxRSS of the whole ` +
      'process (Node, DuckDB, frames). Gzipped CSV includes reading each gzip stream to its end once per file version (DuckDB ' +
      'reads a truncated one without complaint), beside the scan.',
    '',
    markdownTable(
      [
        'Input',
        'DuckDB alone',
        'Cold panel',
        'vs DuckDB',
        'Warm panel',
        'Six panels',
        'six vs one',
        'Peak RSS',
        'Before (cold, RSS)',
      ],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right']
    ),
    '',
    markdownTable(
      [
        'Input',
        `Cold ≤ ${GOALS.coldRatio}x DuckDB`,
        `Warm < ${GOALS.warmMs} ms`,
        `Six ≤ ${GOALS.sixRatio}x one`,
        `RSS < ${MEMORY_LIMIT_MB} MB + 150 MB`,
      ],
      goals.map(([label, ...ok]) => [label, ...ok.map(mark)])
    ),
  ].join('\n');
  console.log(`\n## ${SECTION}\n\n${body}\n`);
  if (opts.write) {
    upsertBenchmarkSection(SECTION, body);
    console.log(`bench-focus: wrote the "${SECTION}" section of docs/benchmarks.md`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
