/**
 * Measured energy (Kepler, Scaphandre, DCGM) to kWh and CO2e. Exporters measure at the server, so
 * the data centre's overhead (PUE) is added before the grid factor of the node's region applies.
 * Region strings come from node labels or settings: `eu-west-1`, `gcp:europe-west1`, `westeurope`.
 */
import { factorForYear, findRegion, listRegions, Provider, pueFor, RegionRecord, sourceInfo } from './gridIntensity';

export const JOULES_PER_KWH = 3_600_000;

export interface CarbonFactor {
  /** gCO2e per kWh drawn by the server, PUE included. */
  gramsPerServerKWh: number;
  gridGramsPerKWh: number;
  pue: number;
  provider: Provider;
  region: string;
  year: number;
  source: string;
}

const PROVIDERS: Provider[] = ['aws', 'gcp', 'azure'];

/** Finds a region by `provider:region` or by id alone (ids are unique across providers). */
export function resolveRegion(spec: string | undefined): RegionRecord | undefined {
  const value = (spec ?? '').trim();
  if (!value) {
    return undefined;
  }
  const colon = value.indexOf(':');
  if (colon > 0) {
    const provider = value.slice(0, colon).toLowerCase() as Provider;
    return PROVIDERS.includes(provider) ? findRegion(provider, value.slice(colon + 1)) : undefined;
  }
  for (const provider of PROVIDERS) {
    const record = findRegion(provider, value);
    if (record) {
      return record;
    }
  }
  return undefined;
}

/** The factor for energy used in `year` in `region`. */
export function carbonFactor(region: RegionRecord, year: number): CarbonFactor {
  const factor = factorForYear(region, year);
  const pue = pueFor(region.provider, region.region, year).pue;
  return {
    gramsPerServerKWh: factor.gCO2ePerKWh * pue,
    gridGramsPerKWh: factor.gCO2ePerKWh,
    pue,
    provider: region.provider,
    region: region.region,
    year: factor.year,
    source: sourceInfo(factor.source).title,
  };
}

export function joulesToKWh(joules: number): number {
  return joules / JOULES_PER_KWH;
}

/** Grams CO2e of `joules` measured at the server. */
export function gramsCO2e(joules: number, factor: CarbonFactor): number {
  return joulesToKWh(joules) * factor.gramsPerServerKWh;
}

/** Region ids known for suggestions in error messages. */
export function exampleRegions(count = 5): string[] {
  return listRegions()
    .slice(0, count)
    .map((r) => r.region);
}

export interface Divergence {
  /** Share of the total carbon minus share of the total cost, in [-1, 1]. */
  index: number;
  /** `carbon-heavy`: a bigger share of carbon than of cost (cheap but dirty); `cost-heavy`: the opposite. */
  flag: 'carbon-heavy' | 'cost-heavy' | 'balanced';
}

/** Above this absolute difference of shares a workload is flagged (10 percentage points). */
export const DIVERGENCE_THRESHOLD = 0.1;

export function divergence(costShare: number, carbonShare: number): Divergence {
  const index = carbonShare - costShare;
  const flag =
    index >= DIVERGENCE_THRESHOLD ? 'carbon-heavy' : index <= -DIVERGENCE_THRESHOLD ? 'cost-heavy' : 'balanced';
  return { index, flag };
}
