/**
 * Energy of usage whose kWh cannot be derived from the line (NAT gateways, load balancers,
 * requests, a VM without a vCPU count...): the row's cost × a fixed kWh per USD, measured once on a
 * public reference bill (data/unknown-usage.json, made by scripts/derive-unknown-usage.mjs from the
 * FOCUS 1.0 sample). v1 took the ratio from the known rows of the same call, so one row's estimate
 * depended on what else was in the query (0 kWh when alone); the reference does not.
 *
 * The reference is per normalised unit (hour-priced usage is compared with hour-priced usage), else
 * the whole bill's. Its energy is carried over in the reference's component mix, and its band is
 * the cost-weighted 5th to 95th percentile of the reference rows' kWh per USD. A row not priced in
 * USD, or without a positive cost, stays unestimated (the reference is per USD; an exchange rate
 * would be a second guess).
 */
import type { NormalisedUnit } from '../classify';
import reference from '../data/unknown-usage.json';
import type { Draft } from './draft';

/** kWh per USD (PUE included) by component, and the band's ends. */
interface Ratio {
  compute: number;
  memory: number;
  gpu: number;
  storage: number;
  networking: number;
  low: number;
  high: number;
}

export const REFERENCE_CURRENCY = reference.currency;

function ratioOf(entry: typeof reference.all, where: string): Ratio {
  const parts = entry.kWhPerUsd;
  const total = parts.compute + parts.memory + parts.gpu + parts.storage + parts.networking;
  if (!(total > 0) || !(entry.lowKWhPerUsd <= total && total <= entry.highKWhPerUsd)) {
    throw new Error(`Invalid unknown-usage.json ${where}: need low <= total kWh per USD <= high`);
  }
  return { ...parts, low: entry.lowKWhPerUsd, high: entry.highKWhPerUsd };
}

const ALL = ratioOf(reference.all, 'all');
const BY_UNIT: ReadonlyMap<string, Ratio> = new Map(
  Object.entries(reference.byUnit).map(([unit, entry]) => [unit, ratioOf(entry, `byUnit.${unit}`)])
);

/** The reference ratio for a line's normalised unit (the whole bill's when no reference row had that unit). */
export function referenceRatio(unit: NormalisedUnit): Ratio {
  return BY_UNIT.get(unit) ?? ALL;
}

/**
 * An unknown row into `d` (reset); false (nothing filled: the row is unestimated) when it is not
 * priced in the reference currency or has no positive cost.
 */
export function estimateUnknown(d: Draft, cost: number, currency: string, ratio: Ratio): boolean {
  if (!(cost > 0) || currency.toUpperCase() !== REFERENCE_CURRENCY) {
    return false;
  }
  d.compute = cost * ratio.compute;
  d.memory = cost * ratio.memory;
  d.gpu = cost * ratio.gpu;
  d.storage = cost * ratio.storage;
  d.networking = cost * ratio.networking;
  d.kWhLow = cost * ratio.low;
  d.kWhHigh = cost * ratio.high;
  return true;
}
