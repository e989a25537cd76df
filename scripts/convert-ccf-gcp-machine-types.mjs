#!/usr/bin/env node
/**
 * Writes src/engine/data/gcp-machine-types.json from a checkout of
 * cloud-carbon-footprint/ccf-coefficients (Apache-2.0): per GCP machine type (`n2-standard-8`,
 * `e2-medium`, `c3-highcpu-22`) its vCPUs and memory, the CPU microarchitectures it may run on
 * (CCF's processor names) and its platform: the largest machine type of the same platform, whose
 * vCPUs and memory CCF's memory model divides by (memory above SPECpower's GB per chip).
 *
 * Sources, both in the checkout: data/gcp-instances-latest-2026.csv (CCF's 2026 list: vCPUs,
 * memory, platform, microarchitecture) and data/gcp-instances.csv (the older list, for the machine
 * types the 2026 list lacks and for the other microarchitectures a type is offered on). The 2026
 * list's "Platform Embedded Emissions" column is not used (120 t for an n2-standard platform,
 * against CCF's 1.89 t; embodied stays with gcp-machine-families.json).
 *
 * Usage: node scripts/convert-ccf-gcp-machine-types.mjs <ccf-coefficients checkout>
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from 'csv-parse/sync';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'src/engine/data/gcp-machine-types.json');

const readCsv = (file) => parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true });

/** The 2026 list's microarchitecture spellings as CCF's COMPUTE_PROCESSOR_TYPES. */
const PROCESSOR = {
  'EPYC 2nd Gen': 'AMD EPYC 2nd Gen',
  'EPYC 3rd Gen': 'AMD EPYC 3rd Gen',
  'EPYC 4th Gen': 'AMD EPYC 4th Gen',
};
const processorName = (m) => PROCESSOR[m] ?? m;

function main() {
  const checkout = process.argv[2];
  const latestFile = path.join(checkout ?? '', 'data/gcp-instances-latest-2026.csv');
  if (!checkout || !fs.existsSync(latestFile)) {
    throw new Error('Usage: node scripts/convert-ccf-gcp-machine-types.mjs <ccf-coefficients checkout>');
  }
  const commit = execFileSync('git', ['-C', checkout, 'log', '-1', '--format=%h %cs'], { encoding: 'utf8' }).trim();
  const types = {};
  for (const r of readCsv(latestFile)) {
    types[r['Instance Type']] = {
      vCpus: Number(r['Instance vCPU']),
      memoryGb: Number(r['Instance Memory']),
      platform: r.Platform,
      microarchitectures: r.Microarchitecture ? [processorName(r.Microarchitecture)] : [],
      from: 'gcp-instances-latest-2026.csv',
    };
  }
  const older = {};
  for (const r of readCsv(path.join(checkout, 'data/gcp-instances.csv'))) {
    const type = r['Machine type'];
    const known = types[type] ?? older[type];
    const micro = processorName(r.Microarchitecture);
    if (known) {
      if (micro && !known.microarchitectures.includes(micro)) {
        known.microarchitectures.push(micro);
      }
      continue;
    }
    older[type] = {
      vCpus: Number(r['Instance vCPUs']),
      memoryGb: Number(r['Instance Memory']),
      platform: type.split('-').slice(0, 2).join('-'),
      platformVCpus: Number(r['Platform vCPUs (highest vCPU possible)']),
      platformMemoryGb: Number(r['Platform Memory']),
      microarchitectures: micro ? [micro] : [],
      from: 'gcp-instances.csv',
    };
  }
  Object.assign(types, older);
  // The platform's size: its largest machine type in the 2026 list (CCF: "the largest instance").
  const largest = {};
  for (const t of Object.values(types)) {
    if (t.from === 'gcp-instances-latest-2026.csv' && (!largest[t.platform] || t.vCpus > largest[t.platform].vCpus)) {
      largest[t.platform] = t;
    }
  }
  // Shared-core types (e2-micro/small/medium, f1-micro, g1-small) run on their family's full host:
  // CCF takes e2-standard-32 for e2 and n1-standard-96 for f1/g1 (MachineTypes.ts).
  const familyLargest = (family) =>
    Object.entries(types)
      .filter(([name, t]) => name.split('-')[0] === family && t.from === 'gcp-instances-latest-2026.csv')
      .map(([, t]) => t)
      .reduce((a, b) => (!a || b.vCpus > a.vCpus ? b : a), undefined);
  for (const [name, t] of Object.entries(types)) {
    let host = largest[t.platform];
    if (!host || host.vCpus <= 2) {
      const family = name.split('-')[0];
      const own = familyLargest(family);
      host = own && own.vCpus > 2 ? own : familyLargest('n1');
    }
    t.platformVCpus ??= host.vCpus;
    t.platformMemoryGb ??= host.memoryGb;
  }
  const doc = {
    source:
      `Cloud Carbon Footprint ccf-coefficients (commit ${commit}, Apache-2.0): data/gcp-instances-latest-2026.csv ` +
      '(machine types, vCPUs, memory, platform, microarchitecture) and data/gcp-instances.csv (older types and further microarchitectures).',
    year: 2026,
    memoryUnit: 'GB as Google and CCF write it (Google bills machine memory in GiB)',
    platform: "largest machine type of the same platform (2026 list), or the older list's platform columns",
    generatedBy: 'scripts/convert-ccf-gcp-machine-types.mjs',
    types: Object.fromEntries(
      Object.entries(types)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, t]) => [
          name,
          {
            vCpus: t.vCpus,
            memoryGb: t.memoryGb,
            platformVCpus: t.platformVCpus,
            platformMemoryGb: t.platformMemoryGb,
            microarchitectures: t.microarchitectures,
          },
        ])
    ),
  };
  fs.writeFileSync(OUT, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`Wrote ${Object.keys(types).length} GCP machine types to ${path.relative(ROOT, OUT)}`);
}

main();
