#!/usr/bin/env node
/**
 * Writes src/engine/data/gcp-machine-families.json from a checkout of
 * cloud-carbon-footprint/ccf-coefficients (Apache-2.0): per GCP machine family (e2, n2, n2d, c2,
 * t2d, m1, a2, ...) the vCPUs of its platform (largest machine) and the platform's embodied
 * emissions (output/coefficients-gcp-embodied-mean.csv, CCF's mean over the family's
 * microarchitectures, Teads/Dell R740 LCA method). Google bills cores per vCPU-hour, so a core-hour
 * is reserved 1 / platform vCPUs of the host: embodied kg per vCPU-hour = kg / platform vCPUs /
 * lifespan (SCI's M with RR/ToR = 1 / platform vCPUs).
 *
 * Usage: node scripts/convert-ccf-gcp-machine-families.mjs <ccf-coefficients checkout>
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from 'csv-parse/sync';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'src/engine/data/gcp-machine-families.json');

/** Rows of a CSV file with a header line, as objects keyed by column name. */
const readCsv = (file) => parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true });

function main() {
  const checkout = process.argv[2];
  if (!checkout || !fs.existsSync(path.join(checkout, 'data/gcp-instances.csv'))) {
    throw new Error('Usage: node scripts/convert-ccf-gcp-machine-families.mjs <ccf-coefficients checkout>');
  }
  const commit = execFileSync('git', ['-C', checkout, 'log', '-1', '--format=%h %cs'], { encoding: 'utf8' }).trim();
  const embodied = new Map(
    readCsv(path.join(checkout, 'output/coefficients-gcp-embodied-mean.csv')).map((r) => [r.type, Number(r.total_mean)])
  );
  const families = {};
  for (const r of readCsv(path.join(checkout, 'data/gcp-instances.csv'))) {
    const type = r['Machine type'];
    const family = type.split('-')[0];
    const platformVCpus = Number(r['Platform vCPUs (highest vCPU possible)']);
    const kg = embodied.get(type);
    if (!family || !(platformVCpus > 0) || kg === undefined) {
      continue;
    }
    // The platform's embodied emissions: those of the family's largest machine (all its vCPUs).
    const vCpus = Number(r['Instance vCPUs']);
    const known = families[family];
    if (!known || vCpus > known.largestVCpus) {
      families[family] = { platformVCpus, largestVCpus: vCpus, largestType: type, embodiedKg: kg };
    }
  }
  const doc = {
    source:
      `Cloud Carbon Footprint ccf-coefficients (commit ${commit}, Apache-2.0): data/gcp-instances.csv ` +
      '(machine types, platform vCPUs) and output/coefficients-gcp-embodied-mean.csv (embodied kg CO2e per machine type, mean over microarchitectures).',
    year: 2026,
    method: 'Teads/Dell R740 LCA method as CCF applies it: 1,000 kg base + RAM, CPUs, drives, GPUs of the platform.',
    generatedBy: 'scripts/convert-ccf-gcp-machine-families.mjs',
    families: Object.fromEntries(Object.entries(families).sort(([a], [b]) => a.localeCompare(b))),
  };
  fs.writeFileSync(OUT, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`Wrote ${Object.keys(families).length} GCP machine families to ${path.relative(ROOT, OUT)}`);
}

main();
