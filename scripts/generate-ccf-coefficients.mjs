#!/usr/bin/env node
/**
 * Regenerates the Cloud Carbon Footprint (CCF) coefficient tables under src/engine/data/ccf/ from
 * the published npm packages (devDependencies): @cloud-carbon-footprint/aws@0.15.0, core@0.17.3 and
 * common@1.15.0. It require()s their compiled `dist` modules, so the tables are exactly the values
 * CCF's estimator runs with (not the stale CSVs of ccf-coefficients).
 *
 * Every table records the CCF source file and export it came from, the package version, the year
 * the data describes and where that year comes from. Emission factors get a source and year per
 * region, taken from the attribution already reviewed in src/engine/data/grid-intensity.json.
 *
 * Usage: node scripts/generate-ccf-coefficients.mjs [--check]
 *   --check  exit 1 when a committed file differs from what would be generated (CI drift check)
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'src/engine/data/ccf');
const require = createRequire(path.join(ROOT, 'package.json'));

// CCF's dist prints a deprecation warning per import of core (bad "main" in dist/package.json).
process.noDeprecation = true;

const PINNED = { aws: '0.15.0', core: '0.17.3', common: '1.15.0' };
for (const [name, want] of Object.entries(PINNED)) {
  const { version } = require(`@cloud-carbon-footprint/${name}/package.json`);
  if (version !== want) {
    // core@1.0.0 changes the US grid factors and CPU tables: refuse to write mixed data.
    throw new Error(`@cloud-carbon-footprint/${name} is ${version}, the tables must come from ${want}`);
  }
}
const AWS_PKG = `@cloud-carbon-footprint/aws@${PINNED.aws}`;
const CORE_PKG = `@cloud-carbon-footprint/core@${PINNED.core}`;
const REPO = 'https://github.com/cloud-carbon-footprint/cloud-carbon-footprint';

const instanceTypes = require('@cloud-carbon-footprint/aws/dist/lib/AWSInstanceTypes');
const usageTypes = require('@cloud-carbon-footprint/aws/dist/lib/CostAndUsageTypes');
const {
  AWS_CLOUD_CONSTANTS: AWS,
  AWS_EMISSIONS_FACTORS_METRIC_TON_PER_KWH: AWS_EF,
} = require('@cloud-carbon-footprint/aws/dist/domain');
const { US_NERC_REGIONS_EMISSIONS_FACTORS: NERC } = require('@cloud-carbon-footprint/core');

const header = (what) => ({
  description: what,
  generatedBy: 'scripts/generate-ccf-coefficients.mjs (do not edit by hand; rerun the script)',
  packages: Object.fromEntries(Object.entries(PINNED).map(([n, v]) => [`@cloud-carbon-footprint/${n}`, v])),
  repository: REPO,
  licence: 'Apache-2.0, Copyright 2021 Thoughtworks, Inc. (see NOTICE)',
});

const origin = (ccfFile, ccfExport, pkg, year, yearNote, extra = {}) => ({
  ccfFile,
  ccfExport,
  package: pkg,
  year,
  yearNote,
  ...extra,
});

const AS_OF_2024 =
  'CCF does not date this data; 2024 is the as-of year of the CCF snapshot these packages match (trunk b7a049c, 2024-03-25).';

/** Object tables become ordered rows: CCF takes "the largest size" as the last one listed. */
const familyRows = (table, width) =>
  Object.fromEntries(
    Object.entries(table).map(([family, sizes]) => [
      family,
      Object.entries(sizes).map(([size, values]) => [size, ...values.slice(0, width)]),
    ])
  );

// --- instance types ------------------------------------------------------------------------------
const INSTANCES_FILE = 'packages/aws/src/lib/AWSInstanceTypes.ts';
const instances = {
  ...header('AWS instance types as CCF knows them: vCPUs, memory, embodied emissions, service-specific maps.'),
  ec2InstanceTypes: {
    ...origin(INSTANCES_FILE, 'EC2_INSTANCE_TYPES', AWS_PKG, 2024, AS_OF_2024, {
      columns: ['size', 'vCpus', 'memoryGb', 'embodiedTonnesCO2e'],
      columnSources: {
        vCpus: 'AWS EC2 instance type specifications, as listed by CCF (2024 snapshot)',
        memoryGb: 'AWS EC2 instance type specifications, as listed by CCF (2024 snapshot)',
        embodiedTonnesCO2e:
          'ccf-coefficients embodied output (Teads/Dell PowerEdge R740 LCA method), data year 2021 (ccf-coefficients output of 2021-10-29)',
      },
      note: 'Rows keep CCF\'s order: CCF treats the LAST size listed as the largest of the family (c5d ends with a "micro" row).',
    }),
    values: familyRows(instanceTypes.EC2_INSTANCE_TYPES, 3),
  },
  largeMemoryFamilies: {
    ...origin(INSTANCES_FILE, 'INSTANCE_FAMILY_TO_INSTANCE_TYPE_MAPPING', AWS_PKG, 2024, AS_OF_2024, {
      columns: ['size', 'vCpus', 'memoryGb', 'thirdValue'],
      note: 'u-*tb1 families. CCF reads the embodied emissions of these from index 1 (memory GB): thirdValue is kept only for completeness.',
    }),
    values: familyRows(instanceTypes.INSTANCE_FAMILY_TO_INSTANCE_TYPE_MAPPING, 3),
  },
  redshiftNodeTypes: {
    ...origin(INSTANCES_FILE, 'REDSHIFT_INSTANCE_TYPES', AWS_PKG, 2024, AS_OF_2024, {
      columns: ['size', 'vCpus', 'memoryGb'],
    }),
    values: familyRows(instanceTypes.REDSHIFT_INSTANCE_TYPES, 2),
  },
  rdsInstanceVCpus: {
    ...origin(INSTANCES_FILE, 'RDS_INSTANCE_TYPES', AWS_PKG, 2024, AS_OF_2024, {
      note: 'Used by CCF\'s Cost Explorer path (RDS.ts), not by its CUR path, which strips "db." and reads EC2_INSTANCE_TYPES.',
    }),
    values: instanceTypes.RDS_INSTANCE_TYPES,
  },
  cacheNodeVCpus: {
    ...origin(INSTANCES_FILE, 'CACHE_NODE_TYPES', AWS_PKG, 2024, AS_OF_2024, {
      note: "Used by CCF's Cost Explorer path (ElastiCache.ts), not by its CUR path.",
    }),
    values: instanceTypes.CACHE_NODE_TYPES,
  },
  mskBrokerVCpus: {
    ...origin(INSTANCES_FILE, 'MSK_INSTANCE_TYPES', AWS_PKG, 2024, AS_OF_2024),
    values: instanceTypes.MSK_INSTANCE_TYPES,
  },
};

// --- processors, GPUs, burstable baselines -------------------------------------------------------
const processors = {
  ...header('Which CPU microarchitectures and GPUs CCF assigns to AWS instance types; burstable baselines.'),
  computeProcessors: {
    ...origin(INSTANCES_FILE, 'INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING', AWS_PKG, 2024, AS_OF_2024),
    values: instanceTypes.INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING,
  },
  gpuCounts: {
    ...origin(INSTANCES_FILE, 'GPU_INSTANCES_TYPES', AWS_PKG, 2024, AS_OF_2024),
    values: instanceTypes.GPU_INSTANCES_TYPES,
  },
  gpuProcessors: {
    ...origin(INSTANCES_FILE, 'INSTANCE_TYPE_GPU_PROCESSOR_MAPPING', AWS_PKG, 2024, AS_OF_2024),
    values: instanceTypes.INSTANCE_TYPE_GPU_PROCESSOR_MAPPING,
  },
  burstableBaselinePercent: {
    ...origin(INSTANCES_FILE, 'BURSTABLE_INSTANCE_BASELINE_UTILIZATION', AWS_PKG, 2024, AS_OF_2024, {
      note: 'AWS baseline CPU performance per vCPU, percent.',
    }),
    values: instanceTypes.BURSTABLE_INSTANCE_BASELINE_UTILIZATION,
  },
};

// --- constants -------------------------------------------------------------------------------------
const CONSTANTS_FILE = 'packages/aws/src/domain/AwsFootprintEstimationConstants.ts';
const constant = (ccfExport, year, yearNote, value, extra) => ({
  ...origin(CONSTANTS_FILE, `AWS_CLOUD_CONSTANTS.${ccfExport}`, AWS_PKG, year, yearNote, extra),
  value,
});
const SPEC_NOTE =
  'Derived by CCF from SPECpower_ssj2008 results (ccf-coefficients specpower.py, output of 2021); CCF states no data year, 2021 is the year of that derivation.';
const METHOD_2021 =
  'CCF methodology coefficient introduced in 2021 (microsite HowItWorks/Methodology.md); no data year stated.';
const constants = {
  ...header(
    'AWS constants of CCF: watts per vCPU, memory, storage, networking, PUE, embodied lifespan, replication factors.'
  ),
  minWattsPerVCpu: {
    ...constant('MIN_WATTS_BY_COMPUTE_PROCESSOR', 2021, SPEC_NOTE, AWS.MIN_WATTS_BY_COMPUTE_PROCESSOR, {
      unit: 'W per vCPU (GPUs: W per GPU)',
      note: 'GPU idle watts are Teads ratios on TechPowerUp TDPs (CCF Methodology.md Appendix III).',
    }),
  },
  maxWattsPerVCpu: {
    ...constant('MAX_WATTS_BY_COMPUTE_PROCESSOR', 2021, SPEC_NOTE, AWS.MAX_WATTS_BY_COMPUTE_PROCESSOR, {
      unit: 'W per vCPU (GPUs: W per GPU)',
    }),
  },
  minWattsUnknownProcessor: {
    ...constant('MIN_WATTS_AVG', 2021, SPEC_NOTE, AWS.MIN_WATTS_AVG, { unit: 'W per vCPU' }),
  },
  maxWattsUnknownProcessor: {
    ...constant('MAX_WATTS_AVG', 2021, SPEC_NOTE, AWS.MAX_WATTS_AVG, { unit: 'W per vCPU' }),
  },
  memoryGbPerPhysicalChip: {
    ...constant('MEMORY_BY_COMPUTE_PROCESSOR', 2021, SPEC_NOTE, AWS.MEMORY_BY_COMPUTE_PROCESSOR, {
      unit: 'GB per chip',
    }),
  },
  memoryGbPerPhysicalChipUnknown: {
    ...constant('MEMORY_AVG', 2021, SPEC_NOTE, AWS.MEMORY_AVG, { unit: 'GB per chip' }),
  },
  memoryKWhPerGbHour: {
    ...constant('MEMORY_COEFFICIENT', 2021, METHOD_2021, AWS.MEMORY_COEFFICIENT, { unit: 'kWh per GB-hour' }),
  },
  ssdWhPerTbHour: { ...constant('SSDCOEFFICIENT', 2021, METHOD_2021, AWS.SSDCOEFFICIENT, { unit: 'Wh per TB-hour' }) },
  hddWhPerTbHour: { ...constant('HDDCOEFFICIENT', 2021, METHOD_2021, AWS.HDDCOEFFICIENT, { unit: 'Wh per TB-hour' }) },
  networkingKWhPerGb: {
    ...constant('NETWORKING_COEFFICIENT', 2021, METHOD_2021, AWS.NETWORKING_COEFFICIENT, {
      unit: 'kWh per GB (CCF comments say "kWh / Gb"; the code applies it per GB)',
    }),
  },
  pue: { ...constant('PUE_AVG', 2024, AS_OF_2024, AWS.PUE_AVG, { unit: 'ratio' }) },
  averageCpuUtilisationPercent: {
    ...constant(
      'AVG_CPU_UTILIZATION_2020',
      2020,
      'The constant is named for 2020 in CCF.',
      AWS.AVG_CPU_UTILIZATION_2020,
      {
        unit: 'percent',
      }
    ),
  },
  serverLifespanHours: {
    ...constant('SERVER_EXPECTED_LIFESPAN', 2021, METHOD_2021, AWS.SERVER_EXPECTED_LIFESPAN, {
      unit: 'hours (4 years)',
    }),
  },
  replicationFactors: {
    ...constant('REPLICATION_FACTORS', 2024, AS_OF_2024, AWS.REPLICATION_FACTORS, {
      note: 'Which usage types get which factor is code: packages/aws/src/lib/ReplicationFactors.ts (ported in src/engine/classify/replication.ts).',
    }),
  },
};

// --- emission factors ----------------------------------------------------------------------------
// Attribution per region was reviewed for grid-intensity.json (same CCF values, in g/kWh); reuse it.
const grid = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/engine/data/grid-intensity.json'), 'utf8'));
const gridAttribution = new Map();
for (const r of grid.regions.filter((r) => r.provider === 'aws')) {
  const ccf = r.factors.find((f) => f.source.startsWith('ccf-'));
  if (ccf) {
    gridAttribution.set(r.region, ccf);
  }
}
const nercOf = new Map(Object.entries(NERC).map(([name, v]) => [v, name]));
const regions = {};
for (const [region, tonnesPerKWh] of Object.entries(AWS_EF)) {
  if (region === 'Unknown') {
    continue;
  }
  const attributed = gridAttribution.get(region);
  if (!attributed || Math.abs(attributed.gCO2ePerKWh / 1e6 - tonnesPerKWh) > 1e-15) {
    throw new Error(`No reviewed attribution in grid-intensity.json for aws/${region} = ${tonnesPerKWh} t/kWh`);
  }
  regions[region] = {
    tonnesCO2ePerKWh: tonnesPerKWh,
    year: attributed.year,
    source: attributed.source,
    ...(nercOf.has(tonnesPerKWh) ? { nercRegion: nercOf.get(tonnesPerKWh) } : {}),
  };
}
const emissionFactors = {
  ...header('Grid emission factors CCF applies to AWS regions without an Electricity Maps token.'),
  ...origin(
    CONSTANTS_FILE,
    'AWS_EMISSIONS_FACTORS_METRIC_TON_PER_KWH',
    AWS_PKG,
    null,
    'Per region: the year of the dataset CCF cites (see each entry and NOTICE). US regions use US_NERC_REGIONS_EMISSIONS_FACTORS of packages/core/src/FootprintEstimationConstants.ts in ' +
      CORE_PKG +
      ' (eGRID2020), not the values of core@1.0.0 nor the stale ccf-coefficients CSVs.'
  ),
  unit: 'metric tons CO2e per kWh',
  sources: {
    ...Object.fromEntries(
      Object.entries(grid.sources)
        .filter(([id]) => id.startsWith('ccf-'))
        .map(([id, s]) => [id, { title: s.title, url: s.url, licence: s.licence }])
    ),
    'ccf-average': {
      title: 'Cloud Carbon Footprint: average of its AWS region factors, used for unlisted regions',
      url: `${REPO}/blob/trunk/${CONSTANTS_FILE}`,
      licence: 'Apache-2.0',
    },
  },
  regions,
  unknownRegion: {
    tonnesCO2ePerKWh: AWS_EF.Unknown,
    year: 2021,
    source: 'ccf-average',
    note: 'CCF: "Average of the above regions"; applied to any region CCF does not list (including an empty region).',
  },
};

// --- usage-type lists ----------------------------------------------------------------------------
const TYPES_FILE = 'packages/aws/src/lib/CostAndUsageTypes.ts';
const list = (ccfExport, values, note) => ({
  ...origin(TYPES_FILE, ccfExport, AWS_PKG, 2024, AS_OF_2024, note ? { note } : {}),
  values,
});
const usageTypeLists = {
  ...header(
    'How CCF routes AWS CUR usage types and pricing units (matched by suffix or substring, see src/engine/classify).'
  ),
  ssdServices: list('SSD_SERVICES', usageTypes.SSD_SERVICES),
  ssdUsageTypes: list('SSD_USAGE_TYPES', usageTypes.SSD_USAGE_TYPES),
  hddUsageTypes: list('HDD_USAGE_TYPES', usageTypes.HDD_USAGE_TYPES),
  networkingUsageTypes: list('NETWORKING_USAGE_TYPES', usageTypes.NETWORKING_USAGE_TYPES),
  byteHoursUsageTypes: list(
    'BYTE_HOURS_USAGE_TYPES',
    usageTypes.BYTE_HOURS_USAGE_TYPES,
    'CCF converts these from bytes although CUR reports GB-Mo (CCF issue #1029).'
  ),
  unknownUsageTypes: list('UNKNOWN_USAGE_TYPES', usageTypes.UNKNOWN_USAGE_TYPES),
  unsupportedUsageTypes: list('UNSUPPORTED_USAGE_TYPES', usageTypes.UNSUPPORTED_USAGE_TYPES),
  knownUsageUnits: list('KNOWN_USAGE_UNITS', usageTypes.KNOWN_USAGE_UNITS),
  lineItemTypes: list('LINE_ITEM_TYPES', usageTypes.LINE_ITEM_TYPES),
};

// --- write ---------------------------------------------------------------------------------------
const files = {
  'aws-instances.json': instances,
  'aws-processors.json': processors,
  'aws-constants.json': constants,
  'aws-emission-factors.json': emissionFactors,
  'aws-usage-types.json': usageTypeLists,
};
const check = process.argv.includes('--check');
let drift = 0;
fs.mkdirSync(OUT_DIR, { recursive: true });
for (const [name, data] of Object.entries(files)) {
  const file = path.join(OUT_DIR, name);
  // Formatted as `npm run lint:fix` would, so the check and prettier agree.
  const options = { ...(await prettier.resolveConfig(file)), filepath: file };
  const text = await prettier.format(JSON.stringify(data), options);
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current === text) {
    console.log(`unchanged ${path.relative(ROOT, file)}`);
  } else if (check) {
    drift++;
    console.error(`differs   ${path.relative(ROOT, file)}`);
  } else {
    fs.writeFileSync(file, text);
    console.log(`wrote     ${path.relative(ROOT, file)}`);
  }
}
process.exitCode = drift ? 1 : 0;
