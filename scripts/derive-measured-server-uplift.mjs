#!/usr/bin/env node
/**
 * Derives src/engine/data/measured-server-uplift.json: how much more a whole server draws at the
 * wall than the RAPL zones a power exporter reads (Kepler, Scaphandre), from primary data already
 * in src/engine/data, so the factor moves when that data does.
 *
 *   node scripts/derive-measured-server-uplift.mjs
 *
 * - `packageDram` and `packageOnly`: from Teads' AWS instance dataset (teads-aws-instances.json,
 *   itself converted from the published CSV by convert-teads-instances.mjs). Teads defines an
 *   instance's power as PkgWatt + RAMWatt + GPUWatt + Delta Full Machine (the rest of the server),
 *   so at each published load point (idle, 10 %, 50 %, 100 %) of every instance without a GPU
 *   instance / (pkg + ram) is what a reading of package + DRAM misses, and instance / pkg what a
 *   package-only reading misses (memory too: cloud VMs often expose no DRAM zone). The central value
 *   is the median over all those points, the range their 5th to 95th percentile (90 % of them).
 * - `platform`: psys (RAPL's platform domain) sees what the board's regulators deliver, not the
 *   power supply's conversion loss. The 80 PLUS efficiency levels for 230 V internal redundant
 *   (server) supplies give it: central 1 / Platinum at 50 % load, range 1 / Titanium at 50 % to
 *   1 / Gold at 20 % and 100 % load.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';

const TEADS = 'src/engine/data/teads-aws-instances.json';
const OUT = 'src/engine/data/measured-server-uplift.json';

/** 80 PLUS, 230 V internal redundant: minimum efficiency at 20 %, 50 %, 100 % of rated load. */
const PLUS80_230V_REDUNDANT = {
  gold: { 20: 0.88, 50: 0.92, 100: 0.88 },
  platinum: { 20: 0.9, 50: 0.94, 100: 0.91 },
  titanium: { 20: 0.94, 50: 0.96, 100: 0.91 },
};

/** Nearest-rank percentile of sorted values (p in [0, 1]). */
function percentile(sorted, p) {
  return sorted[Math.round(p * (sorted.length - 1))];
}

function band(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (x) => Math.round(x * 1000) / 1000;
  return {
    central: round(percentile(sorted, 0.5)),
    low: round(percentile(sorted, 0.05)),
    high: round(percentile(sorted, 0.95)),
    points: sorted.length,
  };
}

const teads = JSON.parse(readFileSync(TEADS, 'utf8'));
const packageDram = [];
const packageOnly = [];
for (const instance of Object.values(teads.instances)) {
  if (instance.gpu.some((w) => w > 0)) {
    continue; // GPU power is DCGM's board power, never uplifted.
  }
  instance.instance.forEach((watts, i) => {
    const pkg = instance.pkg[i];
    const ram = instance.ram[i];
    if (pkg > 0) {
      packageDram.push(watts / (pkg + ram));
      packageOnly.push(watts / pkg);
    }
  });
}

const psu = PLUS80_230V_REDUNDANT;
const inverse = (efficiency) => Math.round((1 / efficiency) * 1000) / 1000;
const teadsSource = {
  title: teads.source.title,
  article: teads.source.article,
  year: teads.source.year,
  derivedFrom: `${TEADS}: instance / (pkg + ram) and instance / pkg at idle, 10 %, 50 % and 100 % load, instances without GPU`,
};

const out = {
  description:
    'Whole-server energy from measured RAPL zones: server = zones read × uplift, for what RAPL does not see (power supply losses, fans, board, NIC, drives; memory too when no DRAM zone is read). central is the median, low/high the 5th/95th percentile (Teads) or the 80 PLUS levels (platform). See docs/methodology.md §9.',
  generatedBy: 'scripts/derive-measured-server-uplift.mjs (do not edit by hand; rerun the script)',
  packageDram: {
    ...band(packageDram),
    reads: 'RAPL package + dram',
    source: teadsSource,
  },
  packageOnly: {
    ...band(packageOnly),
    reads: 'RAPL package only (no DRAM zone, common on cloud VMs)',
    source: teadsSource,
  },
  platform: {
    central: inverse(psu.platinum[50]),
    low: inverse(psu.titanium[50]),
    high: inverse(Math.min(psu.gold[20], psu.gold[100])),
    reads: 'RAPL psys (platform): everything the board delivers, not the power supply loss',
    efficiency: psu,
    source: {
      title: '80 PLUS certification levels, 230 V internal redundant power supplies',
      publisher: 'CLEAResult (80 PLUS program); table as reprinted by Tom’s Hardware, "80 PLUS PSU efficiency"',
      url: 'https://www.clearesult.com/80plus/program-details',
      year: 2012,
      yearNote: 'Platinum added 2009, Titanium 2012; the levels are unchanged since.',
    },
  },
};

const text = await prettier.format(JSON.stringify(out), { parser: 'json', printWidth: 120 });
writeFileSync(OUT, text);
console.log(`wrote ${OUT}`, out.packageDram, out.packageOnly, { platform: out.platform.central });
