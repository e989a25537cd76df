/**
 * Region switch: the same compute in the lowest-carbon region of the same provider and geography.
 *
 * Per (provider, account, region, service) of compute usage:
 *   target       = the region of the geography with the least CO2e per kWh of IT energy
 *                  (grid factor × PUE), factors dated by the usage's year (factorForYear);
 *   projected kWh = current kWh × target PUE / current PUE   (the servers do the same work);
 *   kg            = kWh × grid factor (gCO2e/kWh) / 1000     (operational only: embodied
 *                  emissions of the hardware do not depend on where it runs, so they are unchanged
 *                  and left out of both sides).
 * Regions already the lowest of their geography give no result. Costs: the bill's own unit price
 * of the same usage in the target region (PriceBook); unknown when the bill has none.
 *
 * Pure: no I/O; the same lines give the same results.
 */
import awsConstants from '../data/ccf/aws-constants.json';
import {
  factorForYear,
  findRegion,
  isCcfSource,
  pueFor,
  type IntensityFactor,
  type Provider,
  type PueValue,
} from '../gridIntensity';
import type { Methodology, RowEstimate, UsageRow } from '../usage';
import { geographyOf, regionsInGeography } from './regionGeography';
import { computeLines, PriceBook, type ComputeLine, type LeftOut } from './regionSwitchLines';

export type { ComputeLine, LeftOut } from './regionSwitchLines';
export { PriceBook } from './regionSwitchLines';

/** The grid terms of one region in the usage's year. */
export interface RegionTerms {
  region: string;
  location: string;
  factor: IntensityFactor;
  pue: PueValue;
}

export interface PriceUsed {
  usage: string;
  unit: string;
  /** Per unit, in the target region, from the bill. */
  price: number;
}

export interface RegionSwitch {
  provider: Provider;
  account: string;
  region: string;
  service: string;
  geography: string;
  /** UTC year the grid factors were chosen for. */
  year: number;
  current: RegionTerms;
  target: RegionTerms;
  currentKWh: number;
  projectedKWh: number;
  currentKg: number;
  projectedKg: number;
  kWhSaved: number;
  kgSaved: number;
  currency: string;
  currentCost: number;
  /** Null when some usage of the group has no price in the target region in the bill. */
  projectedCost: number | null;
  costSaved: number | null;
  prices: PriceUsed[];
  /** Usages (instance types, usage types) without a price in the target region. */
  unpriced: string[];
}

export interface RegionSwitchOptions {
  methodology: Methodology;
  /** Multiplies every energy, CO2e and cost figure (monthScale(range), month.ts, gives monthly ones); default 1. */
  scale?: number;
  /** Unit prices of the bill; without it, every cost saving is unknown. */
  prices?: PriceBook;
}

const CCF_AWS_PUE: PueValue = Object.freeze({
  pue: awsConstants.pue.value,
  year: awsConstants.pue.year,
  source: `ccf ${awsConstants.pue.ccfExport}`,
});

/**
 * The PUE a methodology applies in a region: `ccf` uses CCF's flat AWS PUE_AVG for AWS (as
 * ccf/coefficients.ts) and CCF's pue.json values for the other clouds (as ccf/otherClouds.ts);
 * `greenops` uses the provider's published PUE of the usage year (as greenops/grid.ts).
 */
export function pueUnder(methodology: Methodology, provider: Provider, region: string, year: number): PueValue {
  if (methodology === 'ccf') {
    return provider === 'aws' ? CCF_AWS_PUE : pueFor(provider, region);
  }
  return pueFor(provider, region, year);
}

/** True when the region has grid data and a geography, i.e. can be compared. */
export function isComparable(provider: Provider, region: string): boolean {
  return findRegion(provider, region) !== undefined && geographyOf(provider, region) !== undefined;
}

function termsOf(methodology: Methodology, provider: Provider, region: string, year: number): RegionTerms {
  const record = findRegion(provider, region)!;
  return {
    region: record.region,
    location: record.location,
    // `ccf` keeps CCF's factor where CCF has one (as ccf/otherClouds.ts); GCP's has none.
    factor:
      (methodology === 'ccf' ? record.factors.find((f) => isCcfSource(f.source)) : undefined) ??
      factorForYear(record, year),
    pue: pueUnder(methodology, provider, record.region, year),
  };
}

/** gCO2e per kWh of IT energy in a region: grid factor × PUE. */
export const gramsPerItKWh = (t: Pick<RegionTerms, 'factor' | 'pue'>) => t.factor.gCO2ePerKWh * t.pue.pue;

/** The move rule: a candidate replaces the best so far only when strictly lower per kWh of IT energy. */
export function isLowerCarbon(
  candidate: Pick<RegionTerms, 'factor' | 'pue'>,
  than: Pick<RegionTerms, 'factor' | 'pue'>
): boolean {
  return gramsPerItKWh(candidate) < gramsPerItKWh(than);
}

/** The lowest-carbon region of the geography; ties go to the current region, then to the first id. */
export function lowestRegion(
  methodology: Methodology,
  provider: Provider,
  region: string,
  year: number
): { geography: string; current: RegionTerms; target: RegionTerms } {
  const geography = geographyOf(provider, region);
  if (geography === undefined) {
    throw new RangeError(`No geography for ${provider}/${region}`);
  }
  const current = termsOf(methodology, provider, region, year);
  let target = current;
  for (const candidate of regionsInGeography(provider, geography)) {
    const terms = termsOf(methodology, provider, candidate, year);
    if (isLowerCarbon(terms, target)) {
      target = terms;
    }
  }
  return { geography, current, target };
}

const SEP = '\u0000';

/** Region switches of compute lines, one per (provider, account, region, service, currency) that can move. */
export function regionSwitches(lines: readonly ComputeLine[], options: RegionSwitchOptions): RegionSwitch[] {
  const scale = options.scale ?? 1;
  const groups = new Map<string, ComputeLine[]>();
  for (const line of lines) {
    const k = [line.provider, line.account, line.region.toLowerCase(), line.service, line.currency].join(SEP);
    groups.set(k, [...(groups.get(k) ?? []), line]);
  }
  const results: RegionSwitch[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    const year = Math.max(...group.map((l) => l.year));
    const { geography, current, target } = lowestRegion(options.methodology, first.provider, first.region, year);
    if (target.region === current.region) {
      continue;
    }
    const currentKWh = scale * group.reduce((sum, l) => sum + l.kWh, 0);
    const projectedKWh = (currentKWh * target.pue.pue) / current.pue.pue;
    const currentKg = (currentKWh * current.factor.gCO2ePerKWh) / 1000;
    const projectedKg = (projectedKWh * target.factor.gCO2ePerKWh) / 1000;
    const cost = priceIn(group, target.region, options.prices);
    const currentCost = scale * group.reduce((sum, l) => sum + l.cost, 0);
    const projectedCost = cost.projected === null ? null : scale * cost.projected;
    results.push({
      provider: first.provider,
      account: first.account,
      region: current.region,
      service: first.service,
      geography,
      year,
      current,
      target,
      currentKWh,
      projectedKWh,
      currentKg,
      projectedKg,
      kWhSaved: currentKWh - projectedKWh,
      kgSaved: currentKg - projectedKg,
      currency: first.currency,
      currentCost,
      projectedCost,
      costSaved: projectedCost === null ? null : currentCost - projectedCost,
      prices: cost.prices,
      unpriced: cost.unpriced,
    });
  }
  return results;
}

/** The group's usage at the target region's unit prices (unscaled); null when any price is missing. */
function priceIn(
  group: readonly ComputeLine[],
  targetRegion: string,
  book: PriceBook | undefined
): { projected: number | null; prices: PriceUsed[]; unpriced: string[] } {
  const prices: PriceUsed[] = [];
  const unpriced: string[] = [];
  let projected = 0;
  for (const line of group) {
    const unit = book?.unitPrice(line, targetRegion);
    if (unit === undefined) {
      unpriced.push(line.usage);
      continue;
    }
    projected += line.amount * unit.price;
    prices.push({ usage: line.usage, unit: line.unit, price: unit.price });
  }
  return { projected: unpriced.length > 0 ? null : projected, prices, unpriced: [...new Set(unpriced)].sort() };
}

/** Region switches of a bill: its compute rows (with their estimates) priced from the bill itself. */
export function regionSwitchesOfBill(
  rows: readonly UsageRow[],
  estimates: readonly RowEstimate[],
  options: Omit<RegionSwitchOptions, 'prices'>
): { switches: RegionSwitch[]; leftOut: LeftOut } {
  const { lines, leftOut } = computeLines(rows, estimates, isComparable);
  return { switches: regionSwitches(lines, { ...options, prices: new PriceBook(rows) }), leftOut };
}
