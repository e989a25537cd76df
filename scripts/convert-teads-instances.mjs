#!/usr/bin/env node
/**
 * Converts the Teads AWS instance power dataset (ccf-coefficients `data/aws-instances.csv`) into
 * src/engine/data/teads-aws-instances.json, the per-instance power curves the greenops methodology
 * interpolates.
 *
 *   node scripts/convert-teads-instances.mjs [input.csv] [output.json]
 *
 * Input defaults to .tmp/teads-aws-instances.csv. That file is not committed: save the upstream CSV
 * there (or a copy holding only the columns read below, under their upstream header names; columns
 * are found by name, so both work). Upstream writes decimals with a comma ("14,1"); both forms parse.
 *
 * The script refuses to write when a row fails a check, so a typo in the CSV cannot reach the engine:
 * - every "Instance @ load" must equal PkgWatt + RAMWatt + GPUWatt + Delta Full Machine at that load
 *   (Teads' own definition) within the rounding of the published columns;
 * - watts must not decrease with load; vCPUs must be a positive integer; names must be unique.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import * as prettier from 'prettier';

const [input = '.tmp/teads-aws-instances.csv', output = 'src/engine/data/teads-aws-instances.json'] =
  process.argv.slice(2);

const LOADS = ['Idle', '10%', '50%', '100%'];
const column = (part, load) => `${part} @ ${load}`;
// Instance and Delta values are shown rounded to 0.1 W, the other parts to 0.01 W:
// 0.05 + 0.05 + 3 × 0.005, plus float slack.
const SUM_TOLERANCE_W = 0.12;

/** "14,1" (upstream), "14.1", "N/A" or "" (no value). */
function number(text, where) {
  const t = String(text ?? '').trim();
  if (t === '' || t === 'N/A') {
    return null;
  }
  const n = Number(t.replace(',', '.'));
  if (!Number.isFinite(n)) {
    throw new Error(`${where}: not a number: ${JSON.stringify(text)}`);
  }
  return n;
}

function curve(row, part, name) {
  return LOADS.map((load) => {
    const n = number(row[column(part, load)], `${name} ${column(part, load)}`);
    if (n === null) {
      throw new Error(`${name}: missing ${column(part, load)}`);
    }
    return n;
  });
}

const rows = parse(readFileSync(input, 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
const problems = [];
const instances = {};

for (const row of rows) {
  const name = String(row['Instance type'] ?? '').trim();
  try {
    if (!name) {
      throw new Error('row without "Instance type"');
    }
    if (instances[name]) {
      throw new Error('listed twice');
    }
    const vCpus = number(row['Instance vCPU'], `${name} vCPU`);
    if (!Number.isInteger(vCpus) || vCpus <= 0) {
      throw new Error(`vCPU must be a positive integer, got ${row['Instance vCPU']}`);
    }
    const memoryGb = number(row['Instance Memory (in GB)'], `${name} memory`);
    const delta = number(row['Delta Full Machine'], `${name} delta`);
    const instance = curve(row, 'Instance', name);
    const pkg = curve(row, 'PkgWatt', name);
    const ram = curve(row, 'RAMWatt', name);
    const gpu = curve(row, 'GPUWatt', name);
    LOADS.forEach((load, i) => {
      const sum = pkg[i] + ram[i] + gpu[i] + delta;
      if (Math.abs(sum - instance[i]) > SUM_TOLERANCE_W) {
        throw new Error(`Instance @ ${load} = ${instance[i]} W but the parts add up to ${sum.toFixed(2)} W`);
      }
      if (i > 0 && instance[i] < instance[i - 1]) {
        throw new Error(`Instance @ ${load} is below the previous load point`);
      }
    });
    instances[name] = { vCpus, memoryGb, instance, pkg, ram, gpu, delta };
  } catch (e) {
    problems.push(`${name || '(no name)'}: ${e.message}`);
  }
}

if (problems.length > 0) {
  console.error(`${input}: ${problems.length} row(s) failed the checks, nothing written:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

const m5 = instances['m5.large']?.instance;
if (JSON.stringify(m5) !== JSON.stringify([4.4, 7, 14.1, 20])) {
  console.error(`m5.large must be 4.4/7.0/14.1/20.0 W (Teads), got ${JSON.stringify(m5)}; nothing written`);
  process.exit(1);
}

const header = {
  description:
    'Per-instance AWS power curves: watts at idle, 10%, 50% and 100% CPU load, without PUE. instance = pkg + ram + gpu + delta (Teads). Used by the greenops methodology (src/engine/greenops/powerCurve.ts).',
  generatedBy: 'scripts/convert-teads-instances.mjs (do not edit by hand; rerun the script)',
  source: {
    title:
      'Building an AWS EC2 Carbon Emissions Dataset (Teads Engineering), as data/aws-instances.csv of ccf-coefficients',
    publisher: 'Teads (dataset and method); Cloud Carbon Footprint / Thoughtworks (ccf-coefficients repository)',
    url: 'https://github.com/cloud-carbon-footprint/ccf-coefficients/blob/main/data/aws-instances.csv',
    article:
      'https://medium.com/teads-engineering/building-an-aws-ec2-carbon-emissions-dataset-3f0fd76c98ac (Benjamin Davy, 2021; the URL CCF cites in Methodology.md)',
    commit: '5c80e1338e753bdf4e58bdc1f4182c7a8a333c49 (repository then named cloud-carbon-coefficients)',
    licence: 'Apache-2.0 (ccf-coefficients repository); the Teads spreadsheet states no licence (see NOTICE)',
    year: 2021,
    yearNote:
      'Teads published the dataset and article in 2021; measurements are RAPL/turbostat on Intel bare-metal hosts, extrapolated by TDP for AMD and Graviton.',
    retrieved: '2026-11-29',
  },
  loadPercent: [0, 10, 50, 100],
  unit: 'W per instance (no PUE)',
  columns: {
    vCpus: 'Instance vCPU',
    memoryGb:
      'Instance Memory (in GB) (kept as published: t1.micro 613 and cache.t2.micro 555 are upstream typos for 0.613 and 0.555)',
    instance: 'Instance @ Idle / 10% / 50% / 100%',
    pkg: 'PkgWatt @ Idle / 10% / 50% / 100% (CPU package)',
    ram: 'RAMWatt @ Idle / 10% / 50% / 100%',
    gpu: 'GPUWatt @ Idle / 10% / 50% / 100%',
    delta: 'Delta Full Machine (rest of the server: fans, board, drives; constant)',
  },
};

const sorted = Object.fromEntries(
  Object.keys(instances)
    .sort()
    .map((name) => [name, instances[name]])
);
// Formatted as the repository's prettier would, so `npm run lint:fix` leaves the file alone.
const json = await prettier.format(JSON.stringify({ ...header, instances: sorted }), {
  ...(await prettier.resolveConfig(output)),
  parser: 'json',
});
writeFileSync(output, json);
console.log(`${output}: ${Object.keys(sorted).length} instance types from ${input}`);
