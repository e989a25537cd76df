#!/usr/bin/env node
/**
 * Writes src/engine/data/aws-instances-2026.json, the greenops methodology's data for AWS instance
 * types whose processor the pinned CCF packages (data/ccf/, @cloud-carbon-footprint/aws@0.15.0) do
 * not know or give no watts for (m7i, m7g, c7g, r7g, m8g, c7i, r7i, m7a, m6i, c6a, ...), from a
 * checkout of cloud-carbon-footprint/ccf-coefficients (Apache-2.0) at commit b0032d9 (2026-04-24):
 * - data/aws-instances-latest-2026.csv: instance types, vCPUs, memory (GiB), platform CPU name;
 * - output/coefficients-aws-use.csv: min/max watts per vCPU and SPECpower GB per chip by
 *   microarchitecture, checked here against CCF's own rule (mean over the SPECpower servers of the
 *   architecture's CPUs of watts / threads) on data/SPECpower-2026-03-09.csv and the CPU lists;
 * - ccfcoef/constants.py: the embodied-emissions method (Teads/Dell R740 LCA: 1,000 kg base server,
 *   DRAM above 16 GB at 533 kg / 384 GB, 100 kg per CPU socket beyond the first).
 * Accelerated-computing types (GPUs, Trainium, Inferentia, FPGAs) are left out: their accelerators,
 * which the list does not describe, dominate their power.
 *
 * Usage: node scripts/convert-ccf-aws-instances-2026.mjs <ccf-coefficients checkout>
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from 'csv-parse/sync';
import * as prettier from 'prettier';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'src/engine/data/aws-instances-2026.json');
const PINNED_CONSTANTS = path.join(ROOT, 'src/engine/data/ccf/aws-constants.json');
const PINNED_INSTANCES = path.join(ROOT, 'src/engine/data/ccf/aws-instances.json');
const PINNED_PROCESSORS = path.join(ROOT, 'src/engine/data/ccf/aws-processors.json');
const SPECPOWER = 'data/SPECpower-2026-03-09.csv';

/**
 * Platform CPU name of the 2026 list → microarchitecture, named as the pinned package names it
 * where it does (`AWS Graviton2`, `AMD EPYC 2nd Gen`), and the row of coefficients-aws-use.csv and
 * the CPU list of ccf-coefficients/data that give its watts. AWS names the EPYC 9R14 (M7a) 4th
 * generation and the 9R45 and 9R05 (M8a, M8azn) 5th generation on its instance-type pages.
 */
const ARCHITECTURES = {
  'Intel Xeon Platinum 8175M': ['Skylake'],
  'Intel Xeon Platinum 8259CL': ['Cascade Lake'],
  'Intel Xeon Platinum 8280L': ['Cascade Lake'],
  'Intel Xeon Cascade Lake': ['Cascade Lake'],
  'Intel Xeon Ice Lake': ['Ice Lake', 'Ice Lake', 'intel-icelake'],
  'Intel Xeon Ice Lake 8375C': ['Ice Lake', 'Ice Lake', 'intel-icelake'],
  'Intel Xeon Sapphire Rapids': ['Sapphire Rapids', 'Sapphire Rapids', 'intel-sapphirerapids'],
  'Intel Emerald Rapids': ['Emerald Rapids', 'Emerald Rapids', 'intel-emeraldrapids'],
  'Intel Xeon Emerald Rapids': ['Emerald Rapids', 'Emerald Rapids', 'intel-emeraldrapids'],
  'Intel Xeon Granite Rapids': ['Granite Rapids', 'Granite Rapids', 'intel-graniterapids'],
  '2nd Gen AMD EPYC 7R32': ['AMD EPYC 2nd Gen'],
  'AMD EPYC 7R13': ['AMD EPYC 3rd Gen', 'EPYC 3rd Gen', 'amd-epyc-gen3'],
  'AMD EPYC 9R14': ['AMD EPYC 4th Gen', 'EPYC 4th Gen', 'amd-epyc-gen4'],
  'AMD EPYC 9R45': ['AMD EPYC 5th Gen', 'EPYC 5th Gen', 'amd-epyc-gen5'],
  'AMD EPYC 9R05': ['AMD EPYC 5th Gen', 'EPYC 5th Gen', 'amd-epyc-gen5'],
  'AWS Graviton2 Processor': ['AWS Graviton2'],
  'AWS Graviton3 Processor': ['AWS Graviton3', 'Graviton3'],
  'AWS Graviton3E Processor': ['AWS Graviton3E', 'Graviton3E'],
  'AWS Graviton4 Processor': ['AWS Graviton4', 'Graviton4'],
};

/** Architectures whose coefficients-aws-use.csv row is a copy of another's, not a measurement. */
const COPIES = { Graviton2: 'EPYC 2nd Gen', Graviton3: 'Graviton2', Graviton3E: 'Graviton2', Graviton4: 'Graviton2' };

// ccfcoef/constants.py (Teads; Dell PowerEdge R740 LCA).
const EMBODIED = { baseKg: 1000, dramThresholdGb: 16, dramKgPerGb: 533 / 384, kgPerExtraSocket: 100 };
// CCF's memory rule (AWSMemoryEstimatesBuilder): one chip per 96 vCPUs of the family's largest size.
const VCPUS_PER_CHIP = 96;

const readCsv = (file) => parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true });
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/** CCF's SPECPower.CPUPower (specpower.py): means over the servers whose CPU matches the list. */
function recompute(checkout, cpuList) {
  const cpus = fs
    .readFileSync(path.join(checkout, `data/${cpuList}.csv`), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // Unescaped, as CCF builds it (cpu_info.py): `Gold 5415+` is a regular expression there, which
  // does not match the CPU `Gold 5415+` itself; following the rule reproduces CCF's published rows.
  const re = new RegExp(cpus.map((c) => `\\b${c}$`).join('|'), 'i');
  const servers = readCsv(path.join(checkout, SPECPOWER)).filter((s) => re.test(s['CPU Description']));
  return {
    servers: servers.length,
    min: mean(servers.map((s) => Number(s['avg. watts @ active idle']) / Number(s['Total Threads']))),
    max: mean(servers.map((s) => Number(s['avg. watts @ 100%']) / Number(s['Total Threads']))),
    gbPerChip: mean(servers.map((s) => Number(s['Total Memory (GB)']) / Number(s.Chips))),
  };
}

/** Watts per vCPU and GB per chip of the architectures the pinned package has no watts for. */
function architectureCoefficients(checkout, pinnedWatts) {
  const use = new Map(readCsv(path.join(checkout, 'output/coefficients-aws-use.csv')).map((r) => [r.Architecture, r]));
  const out = {};
  for (const [name, csvName, cpuList] of Object.values(ARCHITECTURES)) {
    if (pinnedWatts.has(name) || out[name] || !csvName) {
      continue;
    }
    const row = use.get(csvName);
    const published = {
      min: Number(row['Min Watts']),
      max: Number(row['Max Watts']),
      gbPerChip: Number(row['GB/Chip']),
    };
    const entry = { minWatts: published.min, maxWatts: published.max, gbPerChip: published.gbPerChip };
    if (COPIES[csvName]) {
      entry.note = `Not measured: CCF's row for ${csvName} is a copy of its ${COPIES[csvName]} row (no SPECpower results for AWS's own processors).`;
      entry.source = `ccf-coefficients output/coefficients-aws-use.csv, row ${csvName}`;
    } else {
      const check = recompute(checkout, cpuList);
      const same = ['min', 'max', 'gbPerChip'].every((k) => Math.abs(check[k] - published[k]) <= 1e-9 * published[k]);
      if (same) {
        entry.source = `ccf-coefficients output/coefficients-aws-use.csv, row ${csvName} (reproduced from ${SPECPOWER}, ${check.servers} servers)`;
      } else {
        // CCF's published row does not follow from its own inputs: use CCF's rule on them.
        Object.assign(entry, { minWatts: check.min, maxWatts: check.max, gbPerChip: check.gbPerChip });
        entry.source = `CCF's rule (ccfcoef specpower.py) on ${SPECPOWER} and data/${cpuList}.csv, ${check.servers} servers`;
        entry.note = `CCF's output/coefficients-aws-use.csv row (${published.min} / ${published.max} W, ${published.gbPerChip} GB per chip) does not follow from these inputs; recomputed.`;
      }
    }
    out[name] = entry;
  }
  return out;
}

async function main() {
  const checkout = process.argv[2];
  if (!checkout || !fs.existsSync(path.join(checkout, 'data/aws-instances-latest-2026.csv'))) {
    throw new Error('Usage: node scripts/convert-ccf-aws-instances-2026.mjs <ccf-coefficients checkout>');
  }
  const commit = execFileSync('git', ['-C', checkout, 'log', '-1', '--format=%h %cs'], { encoding: 'utf8' }).trim();
  const constants = readJson(PINNED_CONSTANTS);
  const pinnedWatts = new Set(Object.keys(constants.minWattsPerVCpu.value));
  const pinnedFamilies = readJson(PINNED_INSTANCES).ec2InstanceTypes.values;
  const pinnedProcessors = readJson(PINNED_PROCESSORS).computeProcessors.values;
  // A pinned size keeps the pinned data unless one of its processors has no pinned watts (CCF: unknown).
  const pinnedWithWatts = (type) => {
    const [family, size] = type.split('.');
    const listed = (pinnedFamilies[family] ?? []).some(([s]) => s === size);
    const processors = pinnedProcessors[type] ?? [];
    return listed && processors.length > 0 && processors.every((p) => pinnedWatts.has(p));
  };

  const architectures = architectureCoefficients(checkout, pinnedWatts);
  const families = {};
  for (const r of readCsv(path.join(checkout, 'data/aws-instances-latest-2026.csv'))) {
    const type = r['Instance Type'];
    const arch = ARCHITECTURES[r['Platform CPU Name']]?.[0];
    const dot = type.indexOf('.');
    if (!arch || dot < 0 || r.Category === 'Accelerated Computing') {
      continue;
    }
    const family = (families[type.slice(0, dot)] ??= { architecture: arch, sizes: {} });
    if (family.architecture !== arch) {
      throw new Error(`${type}: ${arch}, but its family is ${family.architecture}`);
    }
    family.sizes[type.slice(dot + 1)] = [Number(r.vCPUs), Number(r['Memory (GiB)'])];
  }
  for (const [name, family] of Object.entries(families)) {
    const sizes = Object.entries(family.sizes);
    // The family's largest size stands for its host (CCF takes its platform the same way).
    const [largestSize, [vCpus, memoryGb]] = sizes.reduce((a, b) => (b[1][0] > a[1][0] ? b : a));
    const chips = Math.ceil(vCpus / VCPUS_PER_CHIP);
    const dramKg = Math.max(0, memoryGb - EMBODIED.dramThresholdGb) * EMBODIED.dramKgPerGb;
    family.largest = { size: largestSize, vCpus, memoryGb, chips };
    family.embodiedKg = EMBODIED.baseKg + dramKg + (chips - 1) * EMBODIED.kgPerExtraSocket;
    // Keep only the sizes the pinned package does not already cover with watts.
    family.sizes = Object.fromEntries(sizes.filter(([size]) => !pinnedWithWatts(`${name}.${size}`)));
    if (Object.keys(family.sizes).length === 0) {
      delete families[name];
    }
  }
  const doc = {
    description:
      'AWS instance types the pinned CCF tables (data/ccf/) do not cover with processor watts, for the greenops methodology only: ' +
      'vCPUs and memory (GiB) per size, the microarchitecture, its watts per vCPU and SPECpower GB per chip, and embodied emissions of the family host.',
    generatedBy: 'scripts/convert-ccf-aws-instances-2026.mjs (do not edit by hand; rerun the script)',
    source: {
      title: 'Cloud Carbon Footprint ccf-coefficients',
      url: 'https://github.com/cloud-carbon-footprint/ccf-coefficients',
      commit,
      files: [
        'data/aws-instances-latest-2026.csv',
        'output/coefficients-aws-use.csv',
        SPECPOWER,
        'ccfcoef/constants.py (embodied method)',
      ],
      licence: 'Apache-2.0',
      year: 2026,
    },
    embodiedMethod: {
      ...EMBODIED,
      formula:
        'kg = baseKg + max(0, largest memory GiB - dramThresholdGb) x dramKgPerGb + (chips - 1) x kgPerExtraSocket; chips = ceil(largest vCPUs / 96); local drives not counted (the list does not give them)',
      source: 'ccfcoef/constants.py and coefficients.py (Teads 2021; Dell PowerEdge R740 LCA 2019)',
      year: 2021,
    },
    memoryRule: { vCpusPerChip: VCPUS_PER_CHIP, source: 'CCF AWSMemoryEstimatesBuilder (aws@0.15.0)' },
    architectures,
    families: Object.fromEntries(Object.entries(families).sort(([a], [b]) => a.localeCompare(b))),
  };
  // Written as the repository's prettier formats it (short size arrays on one line).
  const options = { ...(await prettier.resolveConfig(OUT)), parser: 'json' };
  fs.writeFileSync(OUT, await prettier.format(JSON.stringify(doc, null, 2), options));
  const sizes = Object.values(families).reduce((n, f) => n + Object.keys(f.sizes).length, 0);
  console.log(
    `Wrote ${Object.keys(families).length} families, ${sizes} sizes, ${Object.keys(architectures).length} architectures to ${path.relative(ROOT, OUT)}`
  );
}

await main();
