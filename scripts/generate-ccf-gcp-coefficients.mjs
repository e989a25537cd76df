#!/usr/bin/env node
/**
 * Writes src/engine/data/ccf/gcp.json: the tables Cloud Carbon Footprint's GCP estimator
 * (packages/gcp, BillingExportTable.ts) runs with. No GCP package is published on npm, so the
 * TypeScript sources are read at a pinned commit of the CCF repository (a local clone or mirror:
 * CCF_REPO, default /work/.mirror/cloud-carbon-footprint+cloud-carbon-footprint/repo), transpiled
 * with esbuild and evaluated with @cloud-carbon-footprint/core@0.17.3 (a devDependency) for the
 * processor names, so the values are exactly those of CCF's source:
 * - src/domain/GcpFootprintEstimationConstants.ts: watts per vCPU per microarchitecture, median
 *   fallbacks, PUE (per region, fleet average), coefficients, replication factors, lifespan, and
 *   getGCPEmissionsFactors() without CFE (the default, USE_CARBON_FREE_ENERGY_PERCENTAGE unset)
 * - src/lib/MachineTypes.ts: processors per machine-type prefix, GPU names, machine types with
 *   vCPUs and embodied t CO2e (in CCF's order: "the largest" is the last listed)
 * - src/lib/BillingExportTypes.ts: the usage-type, service and unit lists that route a row
 * - src/lib/GCPRegions.ts: dual- and multi-regions
 *
 * Usage: node scripts/generate-ccf-gcp-coefficients.mjs
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'src/engine/data/ccf/gcp.json');
const REPO = process.env.CCF_REPO ?? '/work/.mirror/cloud-carbon-footprint+cloud-carbon-footprint/repo';
/** trunk of 2024-03-25, the snapshot @cloud-carbon-footprint/aws@0.15.0 and core@0.17.3 match. */
const COMMIT = 'b7a049c7d25c0022919ab9010199dd9e77aa4577';
const DIR = 'packages/gcp/src';
process.noDeprecation = true;
const rootRequire = createRequire(path.join(ROOT, 'package.json'));

const modules = new Map();
/** Evaluates a CCF source file; relative imports resolve to other source files, packages to node_modules. */
function load(file) {
  if (modules.has(file)) {
    return modules.get(file);
  }
  const source = execFileSync('git', ['-C', REPO, 'show', `${COMMIT}:${file}`], { encoding: 'utf8' });
  const { code } = transformSync(source, { loader: 'ts', format: 'cjs' });
  const module = { exports: {} };
  modules.set(file, module.exports);
  const requireHere = (name) => {
    if (!name.startsWith('.')) {
      return name === '@cloud-carbon-footprint/common' ? commonStub : rootRequire(name);
    }
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), name));
    return load(target.endsWith('/index') || !target.match(/\.ts$/) ? resolveTs(target) : target);
  };
  new Function('module', 'exports', 'require', code)(module, module.exports, requireHere);
  modules.set(file, module.exports);
  return module.exports;
}

function resolveTs(target) {
  for (const candidate of [`${target}.ts`, `${target}/index.ts`]) {
    try {
      execFileSync('git', ['-C', REPO, 'cat-file', '-e', `${COMMIT}:${candidate}`]);
      return candidate;
    } catch {
      // try the next spelling
    }
  }
  throw new Error(`no source for ${target}`);
}

// CCF's default configuration: no CFE-adjusted factors.
const commonStub = {
  configLoader: () => ({ GCP: { USE_CARBON_FREE_ENERGY_PERCENTAGE: false } }),
  containsAny: () => false,
};

const constantsModule = load(`${DIR}/domain/GcpFootprintEstimationConstants.ts`);
const K = constantsModule.GCP_CLOUD_CONSTANTS;
const machines = load(`${DIR}/lib/MachineTypes.ts`);
const types = load(`${DIR}/lib/BillingExportTypes.ts`);
const regions = load(`${DIR}/lib/GCPRegions.ts`);

const ordered = (table) =>
  Object.fromEntries(
    Object.entries(table).map(([family, sizes]) => [family, Object.entries(sizes).map(([t, v]) => [t, ...v])])
  );

const doc = {
  description:
    "Cloud Carbon Footprint's GCP estimator tables (BillingExportTable.ts and the modules it reads), for the `ccf` methodology on Google Cloud lines.",
  generatedBy: 'scripts/generate-ccf-gcp-coefficients.mjs (do not edit by hand; rerun the script)',
  repository: 'https://github.com/cloud-carbon-footprint/cloud-carbon-footprint',
  commit: COMMIT,
  licence: 'Apache-2.0, Copyright 2021 Thoughtworks, Inc. (see NOTICE)',
  year: 2024,
  yearNote:
    'CCF trunk of 2024-03-25; watts are SPECpower 2020-2021, PUE Google 2021-2022 trailing twelve months, grid factors Google 2021-2022 (location-based, no CFE).',
  constants: {
    ccfFile: `${DIR}/domain/GcpFootprintEstimationConstants.ts`,
    minWattsByProcessor: K.MIN_WATTS_BY_COMPUTE_PROCESSOR,
    minWattsMedian: K.MIN_WATTS_MEDIAN,
    maxWattsByProcessor: K.MAX_WATTS_BY_COMPUTE_PROCESSOR,
    maxWattsMedian: K.MAX_WATTS_MEDIAN,
    pueAverage: K.PUE_AVG,
    pueByRegion: K.PUE_TRAILING_TWELVE_MONTH,
    averageCpuUtilisationPercent: K.AVG_CPU_UTILIZATION_2020,
    ssdWhPerTbHour: K.SSDCOEFFICIENT,
    hddWhPerTbHour: K.HDDCOEFFICIENT,
    networkingKWhPerGb: K.NETWORKING_COEFFICIENT,
    memoryKWhPerGbHour: K.MEMORY_COEFFICIENT,
    serverLifespanHours: K.SERVER_EXPECTED_LIFESPAN,
    replicationFactors: K.REPLICATION_FACTORS,
  },
  emissionFactors: {
    ccfExport: 'getGCPEmissionsFactors() with USE_CARBON_FREE_ENERGY_PERCENTAGE unset (t CO2e/kWh)',
    tonnesPerKWh: constantsModule.getGCPEmissionsFactors(),
  },
  regions: {
    ccfFile: `${DIR}/lib/GCPRegions.ts`,
    dual: Object.values(regions.GCP_DUAL_REGIONS),
    multi: Object.values(regions.GCP_MULTI_REGIONS),
  },
  machineTypes: {
    ccfFile: `${DIR}/lib/MachineTypes.ts`,
    processorsByPrefix: machines.INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING,
    sharedCore: Object.values(machines.SHARED_CORE_PROCESSORS),
    gpus: machines.GPU_MACHINE_TYPES,
    /** Family → [machine type, vCPUs, embodied t] in CCF's order. */
    families: ordered(machines.MACHINE_FAMILY_TO_MACHINE_TYPE_MAPPING),
    sharedCoreFamilies: ordered(machines.MACHINE_FAMILY_SHARED_CORE_TO_MACHINE_TYPE_MAPPING),
    n1SharedCore: Object.entries(machines.N1_SHARED_CORE_MACHINE_FAMILY_TO_MACHINE_TYPE_MAPPING).map(([t, v]) => [
      t,
      ...v,
    ]),
  },
  usageTypes: {
    ccfFile: `${DIR}/lib/BillingExportTypes.ts`,
    memory: types.MEMORY_USAGE_TYPES,
    unknownUnits: types.UNKNOWN_USAGE_UNITS,
    unknownUsageTypes: types.UNKNOWN_USAGE_TYPES,
    unsupportedUsageTypes: types.UNSUPPORTED_USAGE_TYPES,
    unknownServices: types.UNKNOWN_SERVICE_TYPES,
    servicesWithUnknownUnit: types.SERVICES_TO_OVERRIDE_USAGE_UNIT_AS_UNKNOWN,
    compute: types.COMPUTE_STRING_FORMATS,
    networking: types.NETWORKING_STRING_FORMATS,
  },
};
fs.writeFileSync(OUT, `${JSON.stringify(doc, null, 2)}\n`);
console.log(`Wrote ${path.relative(ROOT, OUT)}`);
