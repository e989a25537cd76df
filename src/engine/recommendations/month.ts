/**
 * The month every monthly figure of the recommendations and idle resources is given for: 730
 * hours, the average month (8,760 h / 12). AWS prices On-Demand by it (Cost Explorer's
 * `BoxUsage` rows and the Pricing Calculator count 730 Hrs a month) and Kubecost/OpenCost use it
 * for monthly costs, so a row's monthly cost, energy and CO2e compare with what they show.
 */
export const HOURS_PER_MONTH = 730;
export const HOUR_MS = 3_600_000;

/** The month ending at `endMs` (epoch ms); its start dates grid factors and calendar months. */
export function monthEndingAt(endMs: number): { start: number; end: number } {
  return { start: endMs - HOURS_PER_MONTH * HOUR_MS, end: endMs };
}

/** What turns a total over `rangeMs` into a monthly one (730 h / the range's hours). */
export function monthScale(rangeMs: number): number {
  return HOURS_PER_MONTH / (rangeMs / HOUR_MS);
}

/** A month of something priced per hour. */
export function monthlyFromHourly(perHour: number): number {
  return perHour * HOURS_PER_MONTH;
}
