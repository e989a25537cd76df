#!/usr/bin/env node
/**
 * Updates the AWS and Azure entries of src/engine/data/grid-intensity.json with Electricity Maps'
 * yearly average grid carbon intensity (gCO2eq/kWh, 2021 on) of the grid zone each region sits in,
 * as republished by the Green Web Foundation's CO2.js (npm @tgwf/co2, data under ODbL).
 *
 * - One series per region: every year comes from the same zone of the same source, so usage of a
 *   year outside it takes the nearest year (gridIntensity.factorForYear), with the grid band widened
 *   by the years between.
 * - CCF's factors (sources `ccf-*`) stay in the file untouched: the `ccf` methodology reads them.
 * - The zone of each region is chosen from the location the provider publishes (AWS "Regions and
 *   Availability Zones", Azure geographies), at the finest zone Electricity Maps has (US balancing
 *   authority, Australian state, Indian region, Japanese area, Nordic bidding zone). Regions whose
 *   location the provider does not publish closely enough (AWS GovCloud) keep CCF's factor alone.
 *
 * Usage: npm pack @tgwf/co2@0.19.0 && tar xzf tgwf-co2-0.19.0.tgz
 *        node scripts/update-electricity-maps-grid-intensity.mjs <path to the unpacked package>
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'src/engine/data/grid-intensity.json');
const SOURCE = 'electricitymaps-yearly';

/** provider/region -> Electricity Maps zone, with why where the choice is not the country. */
const ZONES = {
  'aws/af-south-1': 'ZA',
  'aws/ap-east-1': 'HK',
  'aws/ap-northeast-1': 'JP-TK', // Tokyo: TEPCO area
  'aws/ap-northeast-2': 'KR',
  'aws/ap-northeast-3': 'JP-KN', // Osaka: Kansai area
  'aws/ap-south-1': 'IN-WE', // Mumbai (Maharashtra): Western regional grid
  'aws/ap-southeast-1': 'SG',
  'aws/ap-southeast-2': 'AU-NSW', // Sydney
  'aws/ap-southeast-3': 'ID',
  'aws/ca-central-1': 'CA-QC', // Montréal
  'aws/cn-north-1': 'CN',
  'aws/cn-northwest-1': 'CN',
  'aws/eu-central-1': 'DE',
  'aws/eu-north-1': 'SE-SE3', // Stockholm: bidding zone SE3
  'aws/eu-south-1': 'IT-NO', // Milan: North Italy
  'aws/eu-west-1': 'IE',
  'aws/eu-west-2': 'GB',
  'aws/eu-west-3': 'FR',
  'aws/me-central-1': 'AE',
  'aws/me-south-1': 'BH',
  'aws/sa-east-1': 'BR-CS', // São Paulo: Central-South subsystem
  'aws/us-east-1': 'US-MIDA-PJM', // Northern Virginia: PJM
  'aws/us-east-2': 'US-MIDA-PJM', // Ohio (AEP Ohio): PJM
  'aws/us-west-1': 'US-CAL-CISO', // Northern California: CAISO
  'aws/us-west-2': 'US-NW-BPAT', // Oregon (Boardman, Umatilla County): Bonneville Power Administration
  'azure/australiacentral': 'AU-NSW', // Canberra: ACT is in the NSW region of the NEM
  'azure/australiacentral2': 'AU-NSW',
  'azure/australiaeast': 'AU-NSW',
  'azure/australiasoutheast': 'AU-VIC',
  'azure/brazilsouth': 'BR-CS',
  'azure/brazilsoutheast': 'BR-CS', // Rio de Janeiro: Central-South subsystem
  'azure/canadacentral': 'CA-ON', // Toronto
  'azure/canadaeast': 'CA-QC', // Québec City
  'azure/centralindia': 'IN-WE', // Pune (Maharashtra)
  'azure/centralus': 'US-MIDW-MISO', // Iowa: MISO
  'azure/centraluseuap': 'US-MIDW-MISO',
  'azure/eastasia': 'HK',
  'azure/eastus': 'US-MIDA-PJM', // Virginia: PJM
  'azure/eastus2': 'US-MIDA-PJM',
  'azure/eastus2euap': 'US-MIDA-PJM',
  'azure/eastus3': 'US-SE-SOCO', // Georgia: Southern Company
  'azure/francecentral': 'FR',
  'azure/francesouth': 'FR',
  'azure/germanynorth': 'DE',
  'azure/germanywestcentral': 'DE',
  'azure/japaneast': 'JP-TK',
  'azure/japanwest': 'JP-KN',
  'azure/jioindiacentral': 'IN-WE', // Nagpur (Maharashtra)
  'azure/jioindiawest': 'IN-WE', // Jamnagar (Gujarat)
  'azure/koreacentral': 'KR',
  'azure/koreasouth': 'KR',
  'azure/northcentralus': 'US-MIDA-PJM', // Illinois (Chicago, ComEd): PJM
  'azure/northeurope': 'IE',
  'azure/norwayeast': 'NO-NO1', // Oslo
  'azure/norwaywest': 'NO-NO2', // Stavanger
  'azure/southafricanorth': 'ZA',
  'azure/southafricawest': 'ZA',
  'azure/southcentralus': 'US-TEX-ERCO', // Texas: ERCOT
  'azure/southeastasia': 'SG',
  'azure/southindia': 'IN-SO', // Chennai
  'azure/swedencentral': 'SE-SE3', // Gävle and Sandviken: SE3
  'azure/switzerlandnorth': 'CH',
  'azure/switzerlandwest': 'CH',
  'azure/uaecentral': 'AE',
  'azure/uaenorth': 'AE',
  'azure/uksouth': 'GB',
  'azure/ukwest': 'GB',
  'azure/westcentralus': 'US-NW-WACM', // Wyoming (Cheyenne): WAPA Rocky Mountain
  'azure/westeurope': 'NL',
  'azure/westindia': 'IN-WE', // Mumbai
  'azure/westus': 'US-CAL-CISO', // California
  'azure/westus2': 'US-NW-GCPD', // Washington (Quincy, Grant County): Grant County PUD
  'azure/westus3': 'US-SW-AZPS', // Arizona (Phoenix area, Goodyear/El Mirage): Arizona Public Service
};

async function readYears(pkg) {
  const dir = path.join(pkg, 'dist/esm/data/electricity-maps');
  const years = fs
    .readdirSync(dir)
    .map((f) => Number(/^yearly_(\d{4})\.js$/.exec(f)?.[1]))
    .filter((y) => y > 0)
    .sort();
  const byYear = new Map();
  for (const year of years) {
    const mod = await import(pathToFileURL(path.join(dir, `yearly_${year}.js`)).href);
    byYear.set(year, mod.data);
  }
  return byYear;
}

async function main() {
  const pkg = process.argv[2];
  const manifest = pkg && path.join(pkg, 'package.json');
  if (!manifest || !fs.existsSync(manifest)) {
    throw new Error('Usage: node scripts/update-electricity-maps-grid-intensity.mjs <unpacked @tgwf/co2 package>');
  }
  const { name, version } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  const byYear = await readYears(pkg);
  const doc = JSON.parse(fs.readFileSync(OUT, 'utf8'));
  const mapped = new Set();
  for (const record of doc.regions) {
    const zone = ZONES[`${record.provider}/${record.region}`];
    record.factors = record.factors.filter((f) => f.source !== SOURCE);
    if (!zone) {
      continue;
    }
    for (const [year, data] of byYear) {
      const value = data[zone]?.carbonIntensity;
      if (!value) {
        throw new Error(`${name} ${version} has no ${year} value for zone ${zone}`);
      }
      if (value.unit !== 'gCO2eq/kWh') {
        throw new Error(`${zone} ${year}: unexpected unit ${value.unit}`);
      }
      record.factors.push({ gCO2ePerKWh: value.value, year, source: SOURCE });
    }
    record.factors.sort((a, b) => a.year - b.year || a.source.localeCompare(b.source));
    record.gridZone = zone;
    mapped.add(`${record.provider}/${record.region}`);
  }
  const unknown = Object.keys(ZONES).filter((k) => !mapped.has(k));
  if (unknown.length > 0) {
    throw new Error(`Mapped regions missing from grid-intensity.json: ${unknown.join(', ')}`);
  }
  const years = [...byYear.keys()];
  doc.sources[SOURCE] = {
    title: `Electricity Maps yearly grid carbon intensity ${years[0]}-${years[years.length - 1]} by zone, via CO2.js`,
    publisher: 'Electricity Maps, republished by the Green Web Foundation (CO2.js)',
    url: 'https://www.npmjs.com/package/@tgwf/co2',
    licence: 'ODbL 1.0 (Electricity Maps data, as CO2.js republishes it); CO2.js code: Apache-2.0',
    retrieved: `${name}@${version} (npm), ${new Date().toISOString().slice(0, 10)}`,
    note:
      `carbonIntensity.value of dist/esm/data/electricity-maps/yearly_<year>.js (gCO2eq/kWh, used as published) ` +
      `for the zone in gridZone, chosen from the provider's published region location ` +
      `(scripts/update-electricity-maps-grid-intensity.mjs). CO2.js does not say whether the values are ` +
      `direct or life-cycle; they are well above Google's operational values for the same zones ` +
      `(Finland 2025: 68 against europe-north1's 29.84), so they are taken as Electricity Maps' default, life-cycle.`,
  };
  const text = JSON.stringify(doc, null, 2).replace(
    /\{\n\s+("gCO2ePerKWh": [^\n]+),\n\s+("year": [^\n]+),\n\s+("source": "[^"]+")(?:,\n\s+("cfe": [^\n]+))?\n\s+\}/g,
    (_, g, y, src, cfe) => `{ ${[g, y, src, cfe].filter(Boolean).join(', ')} }`
  );
  fs.writeFileSync(OUT, `${text}\n`);
  // The file is kept in the repository's Prettier style, so a re-run with the same input changes nothing.
  execFileSync(path.join(ROOT, 'node_modules/.bin/prettier'), ['--write', OUT], { stdio: 'ignore' });
  console.log(`Updated ${mapped.size} AWS and Azure regions from ${name}@${version} (${years.join(', ')})`);
}

await main();
