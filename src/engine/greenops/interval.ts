/**
 * The stated 90 % interval of a greenops row (uncertainty.json, docs/methodology.md section 4).
 *
 * Every band is read as the 5th-95th percentile of its quantity. The operational CO2e is a product
 * of independent factors (energy × PUE × grid), so their log half-widths add in quadrature (exact
 * for lognormal factors, and it keeps asymmetric bands such as networking's 60x apart on each
 * side). Operational plus embodied is a sum, so their absolute half-widths add in quadrature (IPCC
 * 2006 Guidelines, Vol. 1 Ch. 3, Approach 1). Bounds adding as bounds (v1) overstated the width of
 * a product of several bands and still missed a busy machine, whose utilisation band stopped at 50 %.
 */

/** The log half-widths of one row's grid terms: PUE and grid factor, below and above. */
export interface GridSpread {
  pueLnLow: number;
  pueLnHigh: number;
  gridLnLow: number;
  gridLnHigh: number;
}

/** A band as log half-widths: ln(central / low) and ln(high / central). */
export interface LogSpread {
  lnLow: number;
  lnHigh: number;
}

/** ln(central / low) for a band's low multiplier (1 − band); +∞ when the band reaches 0. */
export const lnBelow = (lowFactor: number): number => (lowFactor > 0 ? -Math.log(lowFactor) : Infinity);

/** ln(ratio), 0 when either side is 0 (no energy, no band). */
const lnRatio = (a: number, b: number): number => (a > 0 && b > 0 ? Math.log(a / b) : 0);

/** Root-sum-square (Math.hypot handles overflow these values never reach, at several times the cost per row). */
const rss = (a: number, b: number, c: number): number => Math.sqrt(a * a + b * b + c * c);

/** Filled in place by operationalInterval (no allocation per row). */
export class OperationalInterval {
  lowKg = 0;
  highKg = 0;
}

/**
 * The 90 % interval of `kWh × kgPerKWh` from the energy model's band [kWhLow, kWhHigh] (PUE at its
 * central value inside all three) and the PUE and grid bands.
 */
export function operationalInterval(
  out: OperationalInterval,
  kWh: number,
  kWhLow: number,
  kWhHigh: number,
  kgPerKWh: number,
  s: GridSpread
): OperationalInterval {
  const central = kWh * kgPerKWh;
  if (!(central > 0)) {
    out.lowKg = out.highKg = central;
    return out;
  }
  const below = lnRatio(kWh, kWhLow);
  const above = lnRatio(kWhHigh, kWh);
  out.lowKg = central * Math.exp(-rss(below, s.pueLnLow, s.gridLnLow));
  out.highKg = central * Math.exp(rss(above, s.pueLnHigh, s.gridLnHigh));
  return out;
}

/** The 90 % bound of a sum of two independent parts: the centre ∓ the root-sum-square of their half-widths. */
export function sumLow(a: number, aLow: number, b: number, bLow: number): number {
  return a + b - rss(a - aLow, b - bLow, 0);
}

export function sumHigh(a: number, aHigh: number, b: number, bHigh: number): number {
  return a + b + rss(aHigh - a, bHigh - b, 0);
}
