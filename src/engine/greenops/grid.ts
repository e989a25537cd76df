/**
 * Grid carbon intensity and PUE for a row, dated: the factor published for the year of the usage
 * (gridIntensity.factorForYear), not one static table. The uncertainty band grows with the gap
 * between the usage year and the year of the factor actually available.
 */
import type { UsageClassification } from '../classify';
import { factorForYear, findRegion, pueFor, type Provider } from '../gridIntensity';
import type { UsageRow } from '../usage';
import { COEFFICIENTS as K } from './coefficients';

export interface GridFactor {
  gCO2ePerKWh: number;
  /** Year of the factor used, and its source id (grid-intensity.json) or CCF's unknown-region average. */
  year: number;
  source: string;
  pue: number;
  /** Relative ± band of the factor (uncertainty.json gridFactor). */
  band: number;
}

const PROVIDERS_WITH_DATA: ReadonlySet<string> = new Set<Provider>(['aws', 'gcp', 'azure']);

/** Calendar year (UTC) of the middle of the usage window. */
export function usageYear(row: UsageRow): number {
  const end = row.end > row.start ? row.end : row.start;
  return new Date(row.start + (end - row.start) / 2).getUTCFullYear();
}

export function gridBand(usage: number, factor: number): number {
  return K.gridBandPerYear * Math.sqrt(Math.max(1, Math.abs(usage - factor)));
}

export function gridFor(c: UsageClassification, year: number): GridFactor {
  const provider = PROVIDERS_WITH_DATA.has(c.cloud) ? (c.cloud as Provider) : undefined;
  const record = provider && c.region ? findRegion(provider, c.region) : undefined;
  const factor = record ? factorForYear(record, year) : K.unknownRegion;
  return {
    gCO2ePerKWh: factor.gCO2ePerKWh,
    year: factor.year,
    source: factor.source,
    pue: provider ? pueFor(provider, c.region).pue : K.unknownProviderPue,
    band: gridBand(year, factor.year),
  };
}
