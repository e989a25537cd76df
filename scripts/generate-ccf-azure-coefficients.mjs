#!/usr/bin/env node
/**
 * Writes src/engine/data/ccf/azure.json: the tables Cloud Carbon Footprint's Azure estimator
 * (@cloud-carbon-footprint/azure@1.8.0, ConsumptionManagement.ts) runs with, read from the
 * package's compiled `dist` modules so they are exactly CCF's: watts and GB per chip per
 * microarchitecture, PUE, replication factors, emission factors and region spellings, VM series
 * (in CCF's order: "the largest size" is the last listed), processors and GPUs per size, and the
 * usage-type and unit lists that route a consumption row.
 *
 * The package's dependencies include the Azure SDK and @google-cloud/secret-manager, which the
 * tables do not need, so it is not installed: `npm pack` fetches it into .cache/ccf-azure/ (or
 * CCF_AZURE_PACKAGE_DIR names an unpacked copy) and only its table modules are required, with
 * @cloud-carbon-footprint/core (a devDependency) for the processor names.
 *
 * Usage: node scripts/generate-ccf-azure-coefficients.mjs
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = '@cloud-carbon-footprint/azure@1.8.0';
const CACHE = path.join(ROOT, '.cache/ccf-azure');
const OUT = path.join(ROOT, 'src/engine/data/ccf/azure.json');
process.noDeprecation = true;

function packageDir() {
  if (process.env.CCF_AZURE_PACKAGE_DIR) {
    return process.env.CCF_AZURE_PACKAGE_DIR;
  }
  fs.rmSync(CACHE, { recursive: true, force: true });
  fs.mkdirSync(CACHE, { recursive: true });
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', CACHE], {
    encoding: 'utf8',
  }).trim();
  execFileSync('tar', ['xzf', path.join(CACHE, tarball), '-C', CACHE]);
  return path.join(CACHE, 'package');
}

const dir = packageDir();
const require = createRequire(path.join(ROOT, 'package.json'));
const load = (file) => require(path.join(dir, 'dist', file));
const vm = load('lib/VirtualMachineTypes.js');
const types = load('lib/ConsumptionTypes.js');
const { AZURE_REGIONS } = load('lib/AzureRegions.js');
const { AZURE_CLOUD_CONSTANTS: K, AZURE_EMISSIONS_FACTORS_METRIC_TON_PER_KWH: EF } = load('domain/index.js');

const doc = {
  description:
    "Cloud Carbon Footprint's Azure estimator tables (ConsumptionManagement.ts and the modules it reads), " +
    'for the `ccf` methodology on Azure lines.',
  generatedBy: 'scripts/generate-ccf-azure-coefficients.mjs (do not edit by hand; rerun the script)',
  package: PACKAGE,
  repository: 'https://github.com/cloud-carbon-footprint/cloud-carbon-footprint (packages/azure)',
  licence: 'Apache-2.0, Copyright 2021 Thoughtworks, Inc. (see NOTICE)',
  year: 2026,
  yearNote:
    'Published 2026-08-18; CCF does not date its Azure coefficients (SPECpower watts of 2020-2021, emission factors ' +
    'of CCF 2021-2022 sources).',
  constants: {
    ccfFile: 'packages/azure/src/domain/AzureFootprintEstimationConstants.ts',
    minWattsByProcessor: K.MIN_WATTS_BY_COMPUTE_PROCESSOR,
    minWattsAverage: K.MIN_WATTS_AVG,
    maxWattsByProcessor: K.MAX_WATTS_BY_COMPUTE_PROCESSOR,
    maxWattsAverage: K.MAX_WATTS_AVG,
    memoryGbPerChipByProcessor: K.MEMORY_BY_COMPUTE_PROCESSOR,
    memoryGbPerChipAverage: K.MEMORY_AVG,
    pue: K.PUE_AVG,
    averageCpuUtilisationPercent: K.AVG_CPU_UTILIZATION_2020,
    ssdWhPerTbHour: K.SSDCOEFFICIENT,
    hddWhPerTbHour: K.HDDCOEFFICIENT,
    networkingKWhPerGb: K.NETWORKING_COEFFICIENT,
    memoryKWhPerGbHour: K.MEMORY_COEFFICIENT,
    serverLifespanHours: K.SERVER_EXPECTED_LIFESPAN,
    replicationFactors: K.REPLICATION_FACTORS,
  },
  emissionFactors: {
    ccfExport: 'AZURE_EMISSIONS_FACTORS_METRIC_TON_PER_KWH (t CO2e/kWh)',
    tonnesPerKWh: EF,
  },
  regions: {
    ccfFile: 'packages/azure/src/lib/AzureRegions.ts',
    spellings: Object.fromEntries(Object.values(AZURE_REGIONS).map((r) => [r.name, r.options])),
  },
  vmSizes: {
    ccfFile: 'packages/azure/src/lib/VirtualMachineTypes.ts',
    /** Series → [size, vCPUs, memory GB, embodied t?] in CCF's order. */
    series: Object.fromEntries(
      Object.entries(vm.VIRTUAL_MACHINE_TYPE_SERIES_MAPPING).map(([series, sizes]) => [
        series,
        Object.entries(sizes).map(([size, values]) => [size, ...values]),
      ])
    ),
    vCpuMemory: vm.VIRTUAL_MACHINE_TYPE_VCPU_MEMORY_MAPPING,
    constrainedVCpu: vm.VIRTUAL_MACHINE_TYPE_CONSTRAINED_VCPU_CAPABLE_MAPPING,
    processors: vm.INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING,
    gpus: vm.GPU_VIRTUAL_MACHINE_TYPES,
    gpuProcessors: vm.GPU_VIRTUAL_MACHINE_TYPE_PROCESSOR_MAPPING,
  },
  usageTypes: {
    ccfFile: 'packages/azure/src/lib/ConsumptionTypes.ts',
    unknownServices: types.UNKNOWN_SERVICES,
    unknownUsageTypes: types.UNKNOWN_USAGE_TYPES,
    unsupportedUsageTypes: types.UNSUPPORTED_USAGE_TYPES,
    computeUnits: Object.values(types.COMPUTE_USAGE_UNITS),
    storageUnits: Object.values(types.STORAGE_USAGE_UNITS),
    networkingUnits: Object.values(types.NETWORKING_USAGE_UNITS),
    memoryUnits: Object.values(types.MEMORY_USAGE_UNITS),
    storageUsageTypes: types.STORAGE_USAGE_TYPES,
    networkingUsageTypes: types.NETWORKING_USAGE_TYPES,
    memoryUsageTypes: types.MEMORY_USAGE_TYPES,
    cacheMemoryGb: types.CACHE_MEMORY_GB,
    ssdManagedDisksGb: types.SSD_MANAGED_DISKS_STORAGE_GB,
    hddManagedDisksGb: types.HDD_MANAGED_DISKS_STORAGE_GB,
    containerRegistryGb: types.CONTAINER_REGISTRY_STORAGE_GB,
  },
};
fs.writeFileSync(OUT, `${JSON.stringify(doc, null, 2)}\n`);
console.log(`Wrote ${path.relative(ROOT, OUT)}`);
