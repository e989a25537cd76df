/**
 * Which columns of a FOCUS cost-and-usage file the re-dater changes, by the column names the FOCUS
 * specification (1.0 to 1.3, FinOps Foundation) defines, never by what the values look like: a
 * column is shifted because FOCUS says it is a Date/Time, scaled because FOCUS says it is a usage
 * quantity or a cost. Unit prices are left alone (a larger quantity at the same price costs
 * proportionally more), as is everything else.
 */

/** FOCUS Date/Time columns of the cost-and-usage dataset (1.0–1.3). */
export const FOCUS_DATETIME_COLUMNS = [
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargePeriodEnd',
];

/** Usage quantities: what ran (Consumed), what was priced (Pricing), commitment drawn (1.1+). */
export const FOCUS_QUANTITY_COLUMNS = ['ConsumedQuantity', 'PricingQuantity', 'CommitmentDiscountQuantity'];

/** Cost metrics; PricingCurrencyEffectiveCost is 1.2+'s cost in the pricing currency. */
export const FOCUS_COST_COLUMNS = [
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'ContractedCost',
  'PricingCurrencyEffectiveCost',
];

/** Unit prices: left unscaled by the re-dater, typed as numbers in the Parquet copies. 1.2+ adds
 * the pricing-currency ones. */
export const FOCUS_UNIT_PRICE_COLUMNS = [
  'ListUnitPrice',
  'ContractedUnitPrice',
  'PricingCurrencyListUnitPrice',
  'PricingCurrencyContractedUnitPrice',
];

export interface ColumnKinds {
  /** Indexes of the Date/Time columns present. */
  dates: number[];
  /** Indexes of the quantity and cost columns present. */
  scaled: number[];
  chargePeriodStart: number;
  /** Undefined when the file lacks it (FOCUS requires it, but a charge start alone still works). */
  chargePeriodEnd?: number;
}

/** A column name as matched: ignoring case and surrounding spaces. */
export const columnKey = (name: string) => name.trim().toLowerCase();

/** Where each kind of column sits in `header` (names matched ignoring case and spaces). */
export function columnKinds(header: readonly string[]): ColumnKinds {
  const index = new Map(header.map((name, i) => [columnKey(name), i] as const));
  const present = (names: string[]) =>
    names.map((n) => index.get(columnKey(n))).filter((i): i is number => i !== undefined);
  const chargePeriodStart = index.get(columnKey('ChargePeriodStart'));
  if (chargePeriodStart === undefined) {
    throw new Error(
      `no ChargePeriodStart column: is this a FOCUS 1.0–1.3 cost-and-usage file? Header: ${header.slice(0, 8).join(', ')}`
    );
  }
  return {
    dates: present(FOCUS_DATETIME_COLUMNS),
    scaled: present([...FOCUS_QUANTITY_COLUMNS, ...FOCUS_COST_COLUMNS]),
    chargePeriodStart,
    chargePeriodEnd: index.get(columnKey('ChargePeriodEnd')),
  };
}
