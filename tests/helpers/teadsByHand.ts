/**
 * Power of an AWS instance and a month of it, worked out by hand from the data files (not through
 * the engine): Teads' per-instance curve, AWS's PUE from pue.json.
 */
import pue from '../../src/engine/data/pue.json';
import teads from '../../src/engine/data/teads-aws-instances.json';

export const HOURS = 730;
/**
 * AWS's own published global PUE of the newest year in pue.json (2025: 1.14). The Cost Explorer
 * recommendations price the month ending now, later than every published year, so the newest one
 * applies (nearest year).
 */
export const PUE = pue.values
  .filter((v) => v.provider === 'aws' && v.source === 'aws-pue')
  .reduce((a, b) => (b.year > a.year ? b : a)).pue;

/** Watts of `type` at `u` % CPU, linear between Teads' points at 0, 10, 50 and 100 % load. */
export function teadsWatts(type: string, u: number): number {
  const loads = teads.loadPercent;
  const w = (teads.instances as Record<string, { instance: number[] }>)[type].instance;
  const i = u <= 10 ? 1 : u <= 50 ? 2 : 3;
  return w[i - 1] + ((u - loads[i - 1]) / (loads[i] - loads[i - 1])) * (w[i] - w[i - 1]);
}
