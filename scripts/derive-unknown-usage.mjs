#!/usr/bin/env node
/**
 * Writes src/engine/data/unknown-usage.json: the kWh per USD of known usage on a public reference
 * bill, which the greenops methodology applies to usage it has no energy model for (NAT gateways,
 * load balancers, requests...), so that such a row's estimate does not depend on the rest of the
 * query (docs/methodology.md section 3.5).
 *
 * The bill is the FinOps Foundation's FOCUS 1.0 sample (demo/focus/focus_sample_1000.csv,
 * CC-BY-4.0), read by the plugin's own FOCUS source (DuckDB) and estimated by the greenops engine
 * with unknown usage left out. Per normalised unit and for the whole bill: Σ kWh / Σ USD of the
 * known USD rows with a positive cost, split by component, and the cost-weighted 5th and 95th
 * percentile of the rows' kWh per USD as the band. Run `node scripts/update-dataset-version.mjs`
 * after it. Re-run when the engine's known-usage model or its coefficients change (`--check`
 * fails when the committed file is stale; tests/data/unknownUsageReference.test.ts runs it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

import { bundle } from './bench-common.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The plugin reads FOCUS paths only inside the folders Grafana's administrator allows
// (src/backend/sources/focus/focusAllowList.ts); this script's inputs live in the repository and in
// the system's temporary folder, and its children inherit the setting.
process.env.GF_PLUGIN_FOCUS_ALLOWED_PATHS ??= [ROOT, os.tmpdir()].join(',');
const SAMPLE = 'demo/focus/focus_sample_1000.csv';
const OUT = path.join(ROOT, 'src/engine/data/unknown-usage.json');
const COMPONENTS = ['compute', 'memory', 'gpu', 'storage', 'networking'];

const entry = [
  "import { DatasourceInstance } from './src/backend/core/instance';",
  "import { Secrets } from './src/backend/core/settings';",
  "import { FocusSource } from './src/backend/sources/focus/focusSource';",
  "import { classifyUsage } from './src/engine/classify';",
  "import { knownUsageEnergy } from './src/engine/greenops';",
  'export async function read(file: string) {',
  "  const settings = { uid: 'reference', name: 'reference', jsonData: { focus: { paths: [file] } }, secrets: new Secrets(), lastUpdatedMS: 1 };",
  '  const source = new FocusSource(new DatasourceInstance(settings));',
  "  const { rows } = await source.fetchUsage({ from: Date.UTC(2000, 0, 1), to: Date.UTC(2100, 0, 1), granularity: 'daily', filters: {} });",
  '  const energy = knownUsageEnergy(rows);',
  '  return rows.map((row, i) => ({ row, unit: classifyUsage(row).unit, energy: energy[i] }));',
  '}',
];

/** The cost-weighted p-quantile of `points` ({ ratio, cost }). */
function weightedQuantile(points, p) {
  const sorted = [...points].sort((a, b) => a.ratio - b.ratio);
  const total = sorted.reduce((a, x) => a + x.cost, 0);
  let acc = 0;
  for (const x of sorted) {
    acc += x.cost;
    if (acc >= p * total) {
      return x.ratio;
    }
  }
  return sorted[sorted.length - 1].ratio;
}

const round = (x) => Number(x.toPrecision(6));

function entryOf(items) {
  const cost = items.reduce((a, x) => a + x.row.cost, 0);
  const kWhPerUsd = Object.fromEntries(
    COMPONENTS.map((k) => [k, round(items.reduce((a, x) => a + x.energy[k], 0) / cost)])
  );
  const total = COMPONENTS.reduce((a, k) => a + kWhPerUsd[k], 0);
  // Each row's own energy band (its low and high ends) and the spread between rows.
  const lows = items.map((x) => ({ ratio: x.energy.kWhLow / x.row.cost, cost: x.row.cost }));
  const highs = items.map((x) => ({ ratio: x.energy.kWhHigh / x.row.cost, cost: x.row.cost }));
  return {
    rows: items.length,
    usd: round(cost),
    kWhPerUsd,
    // The band holds the central value even where the rows' mix puts it outside their 5-95 % span.
    lowKWhPerUsd: round(Math.min(weightedQuantile(lows, 0.05), total)),
    highKWhPerUsd: round(Math.max(weightedQuantile(highs, 0.95), total)),
  };
}

async function main() {
  // Inside the repository, so the bundle's require of DuckDB's native package finds node_modules.
  const out = bundle(path.join(ROOT, '.cache/derive-unknown-usage'), 'reference', entry);
  const require = createRequire(import.meta.url);
  const { read } = require(out);
  const all = await read(path.join(ROOT, SAMPLE));
  const kWh = (e) => COMPONENTS.reduce((a, k) => a + e[k], 0);
  const known = all.filter((x) => x.energy && x.row.currency === 'USD' && x.row.cost > 0 && kWh(x.energy) > 0);
  const byUnit = new Map();
  for (const x of known) {
    byUnit.set(x.unit, [...(byUnit.get(x.unit) ?? []), x]);
  }
  // A unit needs a few rows to speak for it; others use the whole bill's ratio.
  const MIN_ROWS = 5;
  const data = {
    description:
      'kWh per USD (PUE included) of usage the greenops engine has a model for, on a public reference bill, applied to usage it has none for (docs/methodology.md section 3.5). Per normalised unit where the bill has at least 5 such rows, else the whole bill. low/high: cost-weighted 5th percentile of the rows’ low-end kWh per USD and 95th percentile of their high-end kWh per USD (each row’s own energy band and the spread between rows; widened to include the central value).',
    source:
      'FinOps Foundation FOCUS 1.0 sample data (FOCUS-Sample-Data, focus_sample_1000.csv, 2024-09; CC-BY-4.0; demo/focus/ATTRIBUTION.md), estimated by this engine (greenops, unknown usage left out) via scripts/derive-unknown-usage.mjs',
    year: 2024,
    currency: 'USD',
    rowsRead: all.length,
    rowsUsed: known.length,
    all: entryOf(known),
    byUnit: Object.fromEntries(
      [...byUnit]
        .filter(([, items]) => items.length >= MIN_ROWS)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([unit, items]) => [unit, entryOf(items)])
    ),
  };
  const text = JSON.stringify(data, null, 2) + '\n';
  if (process.argv.includes('--check')) {
    // For the test: the committed file must be what the engine and the sample give today.
    if (fs.readFileSync(OUT, 'utf8') !== text) {
      console.error(`${path.relative(ROOT, OUT)} is stale: run node scripts/derive-unknown-usage.mjs`);
      process.exit(1);
    }
    return;
  }
  fs.writeFileSync(OUT, text);
  console.log(
    `${path.relative(ROOT, OUT)}: ${known.length} of ${all.length} rows, units ${Object.keys(data.byUnit).join(', ')}`
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
