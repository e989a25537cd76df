/**
 * Grid carbon intensity and PUE for a row, dated: the factor of the region's current series and the
 * provider's published PUE for the year of the usage (gridIntensity.factorForYear, pueFor with a
 * year), not one static table and never CCF's factors when a newer series exists. The uncertainty
 * band grows with the gap between the usage year and the year of the factor actually available.
 */
import type { CloudFamily } from '../classify';
import { factorForYear, findRegion, pueFor, type Provider, type RegionRecord } from '../gridIntensity';
import type { AccountingBasis } from '../provenance';
import type { UsageRow } from '../usage';
import { COEFFICIENTS as K } from './coefficients';
import { lnBelow, type GridSpread, type LogSpread } from './interval';
import { marketFactor } from './marketBasis';

/** What a row's CO2e needs from the grid: PUE, kg per kWh and the log half-widths of their bands. */
export interface GridTerms extends GridSpread {
  pue: number;
  /** NaN on the market basis where no market-based factor exists: the row's CO2e is not available. */
  kgPerKWh: number;
}

/** PUE's band is the same for every region (uncertainty.json pue). */
const PUE_LN_LOW = lnBelow(1 - K.pueBand);
const PUE_LN_HIGH = Math.log(1 + K.pueBand);

const PROVIDERS_WITH_DATA: ReadonlySet<string> = new Set<Provider>(['aws', 'gcp', 'azure']);

/** Middle of the usage window (epoch ms); its calendar year (UTC) dates the grid factor. */
export function usageMidpoint(row: UsageRow): number {
  const end = row.end > row.start ? row.end : row.start;
  return row.start + (end - row.start) / 2;
}

export const utcYear = (epochMs: number): number => new Date(epochMs).getUTCFullYear();

export function gridBand(usage: number, factor: number): number {
  return K.gridBandPerYear * Math.sqrt(Math.max(1, Math.abs(usage - factor)));
}

/**
 * Multipliers of a grid factor of year `factor` applied to usage of year `usage`: low = 1 − min(1,
 * band), high = 1 + band. Exported for callers that apply a grid factor to measured energy, so a
 * measured kg CO2e gets the same band as an estimated one.
 */
export function gridBandFactors(usage: number, factor: number): { lowFactor: number; highFactor: number } {
  const band = gridBand(usage, factor);
  return { lowFactor: 1 - Math.min(1, band), highFactor: 1 + band };
}

const NO_SPREAD: LogSpread = { lnLow: 0, lnHigh: 0 };

/**
 * The 90 % interval multipliers of CO2e from energy measured at the server: PUE's band and the grid
 * factor's, and `energy`'s (the whole-server uplift's range, serverEnergy.ts upliftSpread; none for
 * energy taken as exact), combined as independent lognormal factors (interval.ts).
 */
export function measuredBandFactors(
  usage: number,
  factor: number,
  energy: LogSpread = NO_SPREAD
): { lowFactor: number; highFactor: number } {
  const band = gridBandFactors(usage, factor);
  const below = Math.sqrt(PUE_LN_LOW ** 2 + lnBelow(band.lowFactor) ** 2 + energy.lnLow ** 2);
  const above = Math.sqrt(PUE_LN_HIGH ** 2 + Math.log(band.highFactor) ** 2 + energy.lnHigh ** 2);
  return { lowFactor: Math.exp(-below), highFactor: Math.exp(above) };
}

/** The grid of one cloud region, by usage year (the last year asked for is memoised). */
export class RegionGrid {
  private readonly record: RegionRecord | undefined;
  private readonly provider: Provider | undefined;
  private readonly region: string;
  private lastYear = NaN;
  private lastTerms: GridTerms | undefined = undefined;

  constructor(
    cloud: CloudFamily,
    region: string,
    private readonly basis: AccountingBasis = 'location'
  ) {
    this.provider = PROVIDERS_WITH_DATA.has(cloud) ? (cloud as Provider) : undefined;
    this.region = region;
    this.record = this.provider && region ? findRegion(this.provider, region) : undefined;
  }

  /** Throws (factorForYear) when the region has factors and the year is not finite. */
  at(year: number): GridTerms {
    if (year === this.lastYear && this.lastTerms !== undefined) {
      return this.lastTerms;
    }
    const factor =
      this.basis === 'market'
        ? marketFactor(this.record, year)
        : this.record
          ? factorForYear(this.record, year)
          : K.unknownRegion;
    // The grid band follows the factor's year on either basis; no factor, no CO2e and no band.
    const band = factor ? gridBandFactors(year, factor.year) : { lowFactor: 1, highFactor: 1 };
    const terms: GridTerms = {
      pue: this.provider ? pueFor(this.provider, this.region, year).pue : K.unknownProviderPue,
      kgPerKWh: factor ? factor.gCO2ePerKWh / 1000 : NaN,
      pueLnLow: PUE_LN_LOW,
      pueLnHigh: PUE_LN_HIGH,
      gridLnLow: lnBelow(band.lowFactor),
      gridLnHigh: Math.log(band.highFactor),
    };
    this.lastYear = year;
    this.lastTerms = terms;
    return terms;
  }
}

/** The RegionGrid of each (cloud, region) of one call, on one accounting basis. */
export class RegionGrids {
  private readonly byCloud = new Map<CloudFamily, Map<string, RegionGrid>>();

  constructor(private readonly basis: AccountingBasis = 'location') {}

  of(cloud: CloudFamily, region: string): RegionGrid {
    let byRegion = this.byCloud.get(cloud);
    if (byRegion === undefined) {
      byRegion = new Map();
      this.byCloud.set(cloud, byRegion);
    }
    let grid = byRegion.get(region);
    if (grid === undefined) {
      grid = new RegionGrid(cloud, region, this.basis);
      byRegion.set(region, grid);
    }
    return grid;
  }
}
