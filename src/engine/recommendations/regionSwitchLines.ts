/**
 * What the region switch engine reads from a bill: the compute usage per (provider, account,
 * region, service, usage) with its estimated energy, and the unit prices the bill itself shows per
 * region, so "the same usage elsewhere" is priced from what this customer actually pays there.
 */
import { splitRegionPrefix } from '../classify/awsRegionPrefixes';
import { PROVIDERS, type Provider } from '../gridIntensity';
import type { RowEstimate, UsageRow } from '../usage';

/** Compute usage of one kind in one region, summed over the rows of the range. */
export interface ComputeLine {
  provider: Provider;
  account: string;
  region: string;
  service: string;
  /** What "the same usage" is in another region: the instance type, else the usage type without its region prefix. */
  usage: string;
  unit: string;
  /** UTC year of the latest usage (its midpoint): dates the grid factors. */
  year: number;
  /** Operational energy, kWh, PUE included (the estimates' energy components; CCF's embodied "kWh" excluded). */
  kWh: number;
  amount: number;
  cost: number;
  currency: string;
}

/** Compute usage the engine cannot move: unknown provider or a region without grid data. */
export interface LeftOut {
  kWh: number;
  regions: string[];
}

const COMPUTE_CATEGORIES: ReadonlySet<string> = new Set(['compute', 'gpu']);
const SEP = '\u0000';

const providerOf = (row: UsageRow): Provider | undefined => {
  const p = row.provider.trim().toLowerCase();
  return (PROVIDERS as readonly string[]).includes(p) ? (p as Provider) : undefined;
};

/** The usage's identity across regions: AWS usage types carry the region's billing code (`USE2-BoxUsage:m5.large`). */
export function usageIdentity(row: UsageRow, provider: Provider | undefined): string {
  if (row.instanceType) {
    return row.instanceType;
  }
  return provider === 'aws' ? splitRegionPrefix(row.usageType, false).rest : row.usageType;
}

const operationalKWh = (e: RowEstimate): number =>
  e.energy.compute + e.energy.memory + e.energy.gpu + e.energy.storage + e.energy.networking;

const yearOf = (row: UsageRow): number => {
  const end = row.end > row.start ? row.end : row.start;
  return new Date(row.start + (end - row.start) / 2).getUTCFullYear();
};

/**
 * The compute lines of a bill (rows and estimates are parallel arrays). `hasGrid(provider, region)`
 * says whether a region can be compared; compute elsewhere is reported in `leftOut`.
 */
export function computeLines(
  rows: readonly UsageRow[],
  estimates: readonly RowEstimate[],
  hasGrid: (provider: Provider, region: string) => boolean
): { lines: ComputeLine[]; leftOut: LeftOut } {
  const lines = new Map<string, ComputeLine>();
  const leftOut = { kWh: 0, regions: new Set<string>() };
  rows.forEach((row, i) => {
    const estimate = estimates[i];
    if (!COMPUTE_CATEGORIES.has(estimate.category)) {
      return;
    }
    const provider = providerOf(row);
    const kWh = operationalKWh(estimate);
    if (!provider || !row.region || !hasGrid(provider, row.region)) {
      leftOut.kWh += kWh;
      leftOut.regions.add(`${row.provider}/${row.region || '(no region)'}`);
      return;
    }
    const usage = usageIdentity(row, provider);
    const k = [provider, row.account, row.region, row.service, usage, row.unit, row.currency].join(SEP);
    let line = lines.get(k);
    if (!line) {
      line = {
        provider,
        account: row.account,
        region: row.region,
        service: row.service,
        usage,
        unit: row.unit,
        year: yearOf(row),
        kWh: 0,
        amount: 0,
        cost: 0,
        currency: row.currency,
      };
      lines.set(k, line);
    }
    line.year = Math.max(line.year, yearOf(row));
    line.kWh += kWh;
    line.amount += row.amount;
    line.cost += row.cost;
  });
  return { lines: [...lines.values()], leftOut: { kWh: leftOut.kWh, regions: [...leftOut.regions].sort() } };
}

export interface UnitPrice {
  /** Cost per unit of usage: total cost / total amount of that usage in that region. */
  price: number;
  currency: string;
}

/** Unit prices per (provider, region, service, usage, unit) as the bill shows them, any account. */
export class PriceBook {
  readonly #totals = new Map<string, { amount: number; cost: number; currency: string }>();

  constructor(rows: readonly UsageRow[]) {
    for (const row of rows) {
      const provider = providerOf(row);
      if (!provider || !(row.amount > 0)) {
        continue;
      }
      const k = PriceBook.key(
        provider,
        row.region.toLowerCase(),
        row.service,
        usageIdentity(row, provider),
        row.unit,
        row.currency
      );
      const t = this.#totals.get(k) ?? { amount: 0, cost: 0, currency: row.currency };
      t.amount += row.amount;
      t.cost += row.cost;
      this.#totals.set(k, t);
    }
  }

  private static key(...parts: string[]): string {
    return parts.join(SEP);
  }

  /** The price of `line`'s usage in `region`, in the line's currency; undefined when the bill has none. */
  unitPrice(line: ComputeLine, region: string): UnitPrice | undefined {
    const t = this.#totals.get(
      PriceBook.key(line.provider, region.toLowerCase(), line.service, line.usage, line.unit, line.currency)
    );
    return t ? { price: t.cost / t.amount, currency: t.currency } : undefined;
  }
}
