#!/usr/bin/env node
/**
 * Updates the GCP entries of src/engine/data/grid-intensity.json from a checkout of
 * GoogleCloudPlatform/region-carbon-info (data/yearly/<year>.csv, Apache-2.0): the yearly grid
 * carbon intensity (g CO2e/kWh, operational, 2021 on) and Google's carbon-free energy share (CFE)
 * of every region, as published.
 *
 * - Only the operational series is kept: 2019 and 2020 were published as lifecycle intensities
 *   (a different quantity), so they are dropped rather than mixed with 2021 on; usage of those
 *   years takes the 2021 factor, with the grid band widened by the years between.
 * - Values the checkout has replace ours (corrections such as us-central1 2022, 445 → 460); years
 *   it does not have (a newer file read elsewhere) are kept as they are.
 *
 * Usage: node scripts/update-google-grid-intensity.mjs <path to region-carbon-info checkout>
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from 'csv-parse/sync';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'src/engine/data/grid-intensity.json');
const FIRST_OPERATIONAL_YEAR = 2021;

/** Rows of a CSV file with a header line, as objects keyed by column name. */
const readCsv = (file) => parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true });

function main() {
  const checkout = process.argv[2];
  if (!checkout || !fs.existsSync(path.join(checkout, 'data/yearly'))) {
    throw new Error('Usage: node scripts/update-google-grid-intensity.mjs <region-carbon-info checkout>');
  }
  const commit = execFileSync('git', ['-C', checkout, 'log', '-1', '--format=%h %cs'], { encoding: 'utf8' }).trim();
  const doc = JSON.parse(fs.readFileSync(OUT, 'utf8'));
  const gcp = new Map(doc.regions.filter((r) => r.provider === 'gcp').map((r) => [r.region, r]));
  const years = fs
    .readdirSync(path.join(checkout, 'data/yearly'))
    .map((f) => Number(/^(\d{4})\.csv$/.exec(f)?.[1]))
    .filter((y) => y >= FIRST_OPERATIONAL_YEAR)
    .sort();
  for (const year of years) {
    const source = `google-${year}`;
    for (const row of readCsv(path.join(checkout, `data/yearly/${year}.csv`))) {
      const region = row['Google Cloud Region'];
      const grams = Number(row['Grid carbon intensity (gCO2eq / kWh)']);
      const cfe = Number(row['Google CFE']);
      if (!region || !Number.isFinite(grams)) {
        continue;
      }
      let record = gcp.get(region);
      if (!record) {
        record = { provider: 'gcp', region, location: row.Location, factors: [] };
        gcp.set(region, record);
        doc.regions.push(record);
      }
      record.factors = record.factors.filter((f) => f.year !== year);
      record.factors.push({ gCO2ePerKWh: grams, year, source, ...(Number.isFinite(cfe) ? { cfe } : {}) });
    }
    doc.sources[source] = {
      ...doc.sources[source],
      title: `Google Cloud region carbon info ${year}: grid carbon intensity and Google CFE`,
      series: 'google-region-carbon-info',
      publisher: 'Google (GoogleCloudPlatform/region-carbon-info)',
      url: `https://github.com/GoogleCloudPlatform/region-carbon-info/blob/main/data/yearly/${year}.csv`,
      licence: 'Apache-2.0 (LICENSE in the repository)',
      retrieved: `commit ${commit}`,
      note: `Columns 'Grid carbon intensity (gCO2eq / kWh)' (operational, used as published) and 'Google CFE' (share of carbon-free energy, hourly matched, as 'cfe') of data/yearly/${year}.csv.`,
    };
  }
  for (const record of gcp.values()) {
    record.factors = record.factors.filter((f) => f.year >= FIRST_OPERATIONAL_YEAR).sort((a, b) => a.year - b.year);
  }
  doc.regions = doc.regions.filter((r) => r.provider !== 'gcp' || r.factors.length > 0);
  for (const year of [2019, 2020]) {
    delete doc.sources[`google-${year}`];
  }
  // One factor per line, as the file is kept.
  const text = JSON.stringify(doc, null, 2).replace(
    /\{\n\s+("gCO2ePerKWh": [^\n]+),\n\s+("year": [^\n]+),\n\s+("source": "[^"]+")(?:,\n\s+("cfe": [^\n]+))?\n\s+\}/g,
    (_, g, y, src, cfe) => `{ ${[g, y, src, cfe].filter(Boolean).join(', ')} }`
  );
  fs.writeFileSync(OUT, `${text}\n`);
  console.log(`Updated ${gcp.size} GCP regions from region-carbon-info ${commit} (${years.join(', ')})`);
}

main();
