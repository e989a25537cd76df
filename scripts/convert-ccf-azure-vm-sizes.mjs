#!/usr/bin/env node
/**
 * Writes src/engine/data/azure-vm-sizes.json from Cloud Carbon Footprint's Azure VM tables
 * (`@cloud-carbon-footprint/azure@1.8.0`, src/lib/VirtualMachineTypes.ts, Apache-2.0): vCPUs,
 * memory (GB) and embodied emissions (t CO2e) per VM size, grouped by series.
 *
 * The package is fetched with `npm pack` into .cache/ccf-azure/ and its compiled tables required
 * (they import processor names from @cloud-carbon-footprint/core, a devDependency here). Each
 * size keeps its series' largest vCPU count, the ToR of CCF's (and SCI's) embodied share
 * RR / ToR; constrained-vCPU sizes use their platform's vCPUs. App Service plan sizes have
 * vCPUs and memory only. Changes from CCF: tonnes converted to kg; names kept as CCF spells them
 * ("D4s v3"), which the classifier matches against billing spellings ("Standard_D4s_v3").
 *
 * Usage: node scripts/convert-ccf-azure-vm-sizes.mjs
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = '@cloud-carbon-footprint/azure@1.8.0';
const CACHE = path.join(ROOT, '.cache/ccf-azure');
const OUT = path.join(ROOT, 'src/engine/data/azure-vm-sizes.json');

function tables() {
  fs.rmSync(CACHE, { recursive: true, force: true });
  fs.mkdirSync(CACHE, { recursive: true });
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', CACHE], {
    encoding: 'utf8',
  }).trim();
  execFileSync('tar', ['xzf', path.join(CACHE, tarball), '-C', CACHE]);
  return createRequire(path.join(ROOT, 'package.json'))(path.join(CACHE, 'package/dist/lib/VirtualMachineTypes.js'));
}

const round = (x) => Math.round(x * 1e6) / 1e6;

function main() {
  const t = tables();
  const sizes = {};
  for (const [series, members] of Object.entries(t.VIRTUAL_MACHINE_TYPE_SERIES_MAPPING)) {
    const seriesMaxVCpus = Math.max(...Object.values(members).map(([vCpus]) => vCpus));
    for (const [name, [vCpus, memoryGb, tonnes]] of Object.entries(members)) {
      sizes[name] = {
        series,
        vCpus,
        memoryGb,
        ...(tonnes !== undefined ? { embodiedKg: round(tonnes * 1000), seriesMaxVCpus } : {}),
      };
    }
  }
  for (const [name, [vCpus, memoryGb, platformVCpus, tonnes]] of Object.entries(
    t.VIRTUAL_MACHINE_TYPE_CONSTRAINED_VCPU_CAPABLE_MAPPING
  )) {
    sizes[name] = {
      series: 'constrained vCPU',
      vCpus,
      memoryGb,
      ...(tonnes !== undefined ? { embodiedKg: round(tonnes * 1000), seriesMaxVCpus: platformVCpus } : {}),
    };
  }
  for (const [name, [vCpus, memoryGb]] of Object.entries(t.VIRTUAL_MACHINE_TYPE_VCPU_MEMORY_MAPPING)) {
    if (!sizes[name] && memoryGb !== undefined) {
      sizes[name] = { series: 'App Service plan', vCpus, memoryGb };
    }
  }
  const doc = {
    source:
      'Cloud Carbon Footprint, @cloud-carbon-footprint/azure 1.8.0 (published 2026-08-18), src/lib/VirtualMachineTypes.ts: ' +
      'VIRTUAL_MACHINE_TYPE_SERIES_MAPPING, VIRTUAL_MACHINE_TYPE_CONSTRAINED_VCPU_CAPABLE_MAPPING, VIRTUAL_MACHINE_TYPE_VCPU_MEMORY_MAPPING. Apache-2.0.',
    year: 2026,
    vCpusAndMemory: 'Azure VM size specifications as tabulated by CCF',
    embodied:
      'CCF embodied emissions per VM size (Teads/Dell R740 LCA method: 1,000 kg base + RAM, sockets, drives, GPUs), tonnes → kg',
    generatedBy: 'scripts/convert-ccf-azure-vm-sizes.mjs',
    sizes: Object.fromEntries(Object.entries(sizes).sort(([a], [b]) => a.localeCompare(b))),
  };
  fs.writeFileSync(OUT, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`Wrote ${Object.keys(sizes).length} Azure VM sizes to ${path.relative(ROOT, OUT)}`);
}

main();
