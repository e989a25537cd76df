/**
 * The market-based grid factor (docs/methodology.md section 6b): the grid's average intensity times
 * the share of the hours' consumption the provider does not cover with carbon-free energy, where the
 * provider publishes that share per region and year (Google's CFE, `cfe` in grid-intensity.json).
 *
 * What it is: Google's hourly-matched carbon-free supply (the grid's own carbon-free energy plus
 * Google's contracts in the same grid) taken out, the rest at the grid's average intensity. What it
 * is not: a GHG Protocol Scope 2 market-based factor built from contractual instruments and a
 * residual mix. The rest is valued at the grid average, which still holds the carbon-free supply
 * counted in the CFE share, so this factor is lower than one valuing the rest at a residual mix.
 */
import type { RegionRecord } from '../gridIntensity';

export interface MarketFactor {
  gCO2ePerKWh: number;
  /** The year of the grid factor and of the CFE share (one year, series not mixed). */
  year: number;
}

/**
 * grid × (1 − CFE) of the latest year at or before `usageYear` that has a CFE share (the earliest
 * such year when every one is later); undefined where no CFE share is published for the region
 * (AWS, Azure, other clouds, a GCP region without one, an unknown region).
 */
export function marketFactor(record: RegionRecord | undefined, usageYear: number): MarketFactor | undefined {
  if (!Number.isFinite(usageYear)) {
    throw new RangeError(`marketFactor needs a finite year, got ${usageYear}`);
  }
  let chosen: MarketFactor | undefined;
  for (const f of record?.factors ?? []) {
    if (f.cfe === undefined || (chosen !== undefined && f.year > usageYear)) {
      continue;
    }
    chosen = { gCO2ePerKWh: f.gCO2ePerKWh * (1 - f.cfe), year: f.year };
  }
  return chosen;
}
