/**
 * Every number the greenops methodology uses, read once from the bundled data files (never
 * literals in code): the greenops additions (data/greenops.json, data/uncertainty.json, the Teads
 * curves) and the tables shared with the ccf methodology (data/ccf/). A missing or non-numeric value
 * fails when the module loads, naming the file and key.
 */
import ccfConstants from '../data/ccf/aws-constants.json';
import ccfEmissionFactors from '../data/ccf/aws-emission-factors.json';
import greenopsJson from '../data/greenops.json';
import uncertaintyJson from '../data/uncertainty.json';

function positive(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`Invalid greenops coefficient ${where}: expected a positive number, got ${JSON.stringify(value)}`);
  }
  return value;
}

function table(values: Record<string, number>, where: string): ReadonlyMap<string, number> {
  return new Map(Object.entries(values).map(([k, v]) => [k, positive(v, `${where}.${k}`)]));
}

const utilisation = uncertaintyJson.utilisation;
const lowUtilisation = positive(utilisation.lowPercent, 'uncertainty.json utilisation.lowPercent');
const highUtilisation = positive(utilisation.highPercent, 'uncertainty.json utilisation.highPercent');
if (lowUtilisation > highUtilisation || highUtilisation > 100) {
  throw new Error('Invalid greenops coefficient uncertainty.json utilisation: need low <= high <= 100');
}
const embodied = uncertaintyJson.embodied;

export const COEFFICIENTS = Object.freeze({
  /** GB of Lambda memory (as billed in GB-seconds) that equals one vCPU: 1769 MB / 1024. */
  lambdaGbPerVCpu:
    positive(greenopsJson.lambdaMbPerVCpu.value, 'greenops.json lambdaMbPerVCpu') /
    positive(greenopsJson.lambdaBillingMbPerGb.value, 'greenops.json lambdaBillingMbPerGb'),
  unknownProviderPue: positive(greenopsJson.unknownProviderPue.value, 'greenops.json unknownProviderPue'),
  /** vCPUs per OCPU-, DPU- and ACU-hour. */
  vCpusPerUnit: new Map(
    Object.entries(greenopsJson.vCpusPerUnit.values).map(([unit, v]) => [
      unit,
      positive(v.value, `greenops.json vCpusPerUnit.${unit}`),
    ])
  ) as ReadonlyMap<string, number>,

  /** CCF's default utilisation (percent), kept as the central value. */
  defaultUtilisationPercent: positive(
    ccfConstants.averageCpuUtilisationPercent.value,
    'aws-constants.json averageCpuUtilisationPercent'
  ),
  utilisationBandPercent: Object.freeze({ low: lowUtilisation, high: highUtilisation }),

  lifespanHours: positive(ccfConstants.serverLifespanHours.value, 'aws-constants.json serverLifespanHours'),
  /** Embodied low = central × central lifespan / longest lifespan. */
  embodiedLowFactor:
    positive(embodied.centralLifespanYears, 'uncertainty.json embodied.centralLifespanYears') /
    positive(embodied.longestLifespanYears, 'uncertainty.json embodied.longestLifespanYears'),

  gridBandPerYear: positive(
    uncertaintyJson.gridFactor.relativeBandPerYear,
    'uncertainty.json gridFactor.relativeBandPerYear'
  ),
  /** CCF's factor for regions it does not list, in g/kWh, with its year. */
  unknownRegion: Object.freeze({
    gCO2ePerKWh:
      positive(ccfEmissionFactors.unknownRegion.tonnesCO2ePerKWh, 'aws-emission-factors.json unknownRegion') * 1e6,
    year: positive(ccfEmissionFactors.unknownRegion.year, 'aws-emission-factors.json unknownRegion.year'),
    source: `ccf ${ccfEmissionFactors.unknownRegion.source}`,
  }),

  memoryKWhPerGbHour: positive(ccfConstants.memoryKWhPerGbHour.value, 'aws-constants.json memoryKWhPerGbHour'),
  ssdWhPerTbHour: positive(ccfConstants.ssdWhPerTbHour.value, 'aws-constants.json ssdWhPerTbHour'),
  hddWhPerTbHour: positive(ccfConstants.hddWhPerTbHour.value, 'aws-constants.json hddWhPerTbHour'),
  networkingKWhPerGb: positive(ccfConstants.networkingKWhPerGb.value, 'aws-constants.json networkingKWhPerGb'),
  /** The low end of memory's band (uncertainty.json memory: Boavizta's 0.284 W/GB). */
  memoryLowKWhPerGbHour: positive(uncertaintyJson.memory.lowKWhPerGbHour, 'uncertainty.json memory.lowKWhPerGbHour'),
  /** Relative ± of PUE (uncertainty.json pue). */
  pueBand: positive(uncertaintyJson.pue.relativeBand, 'uncertainty.json pue.relativeBand'),
  /** The coverage every band states (percent). */
  coveragePercent: positive(uncertaintyJson.coverage.percent, 'uncertainty.json coverage.percent'),
  /** The high end of networking's band (uncertainty.json networking). */
  networkingHighKWhPerGb: positive(uncertaintyJson.networking.highKWhPerGb, 'uncertainty.json networking.highKWhPerGb'),

  minWatts: table(ccfConstants.minWattsPerVCpu.value, 'aws-constants.json minWattsPerVCpu'),
  maxWatts: table(ccfConstants.maxWattsPerVCpu.value, 'aws-constants.json maxWattsPerVCpu'),
  minWattsUnknown: positive(ccfConstants.minWattsUnknownProcessor.value, 'aws-constants.json minWattsUnknownProcessor'),
  maxWattsUnknown: positive(ccfConstants.maxWattsUnknownProcessor.value, 'aws-constants.json maxWattsUnknownProcessor'),
  memoryGbPerChip: table(ccfConstants.memoryGbPerPhysicalChip.value, 'aws-constants.json memoryGbPerPhysicalChip'),
  memoryGbPerChipUnknown: positive(
    ccfConstants.memoryGbPerPhysicalChipUnknown.value,
    'aws-constants.json memoryGbPerPhysicalChipUnknown'
  ),
});
