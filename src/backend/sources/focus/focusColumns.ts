/**
 * The FOCUS columns we read, in the names FOCUS 1.0 to 1.3 and the providers' `x_` extensions
 * give them, and where each sits in a file's header. Matching ignores case and surrounding spaces:
 * the spec's names are PascalCase but some tools lower-case them.
 */
import { downstreamError } from '../../core/errors';

/** Every field a row is read from; several names mean "the first one present in the header". */
const FIELD_COLUMNS = {
  chargePeriodStart: ['ChargePeriodStart'],
  chargeCategory: ['ChargeCategory'],
  chargeClass: ['ChargeClass'],
  // 1.3 splits ProviderName into the seller (ServiceProvider) and the cloud it runs on (HostProvider).
  hostProvider: ['HostProviderName'],
  serviceProvider: ['ServiceProviderName'],
  provider: ['ProviderName'],
  subAccountId: ['SubAccountId'],
  billingAccountId: ['BillingAccountId'],
  regionId: ['RegionId'],
  regionName: ['RegionName'],
  serviceName: ['ServiceName'],
  serviceCategory: ['ServiceCategory'],
  consumedQuantity: ['ConsumedQuantity'],
  consumedUnit: ['ConsumedUnit'],
  pricingQuantity: ['PricingQuantity'],
  pricingUnit: ['PricingUnit'],
  billedCost: ['BilledCost'],
  effectiveCost: ['EffectiveCost'],
  currency: ['BillingCurrency'],
  commitmentStatus: ['CommitmentDiscountStatus'],
  // Usage type: AWS extension first, then the SKU meter (FOCUS 1.1+, Azure's x_ name).
  usageType: ['x_UsageType', 'SkuMeter', 'x_SkuMeterName'],
  chargeDescription: ['ChargeDescription'],
  skuDetails: ['x_SkuDetails', 'SkuPriceDetails'],
} as const;

export type FocusField = keyof typeof FIELD_COLUMNS;

/** Index of each field in a record's values (undefined when the file lacks it). */
export type ColumnLayout = Readonly<Record<FocusField, number | undefined>>;

interface Requirement {
  /** Any of these satisfies it. */
  fields: FocusField[];
  /** What to tell the user, with the FOCUS versions that name it. */
  description: string;
}

const REQUIRED: Requirement[] = [
  { fields: ['chargePeriodStart'], description: 'ChargePeriodStart (FOCUS 1.0–1.3)' },
  {
    fields: ['chargeCategory'],
    description: 'ChargeCategory (FOCUS 1.0–1.3; FOCUS 0.5 called it ChargeType, which is not supported)',
  },
  {
    fields: ['provider', 'serviceProvider', 'hostProvider'],
    description: 'ProviderName (FOCUS 1.0–1.2) or ServiceProviderName / HostProviderName (FOCUS 1.3)',
  },
  { fields: ['serviceName'], description: 'ServiceName (FOCUS 1.0–1.3)' },
  { fields: ['billedCost'], description: 'BilledCost (FOCUS 1.0–1.3)' },
  { fields: ['effectiveCost'], description: 'EffectiveCost (FOCUS 1.0–1.3)' },
  { fields: ['currency'], description: 'BillingCurrency (FOCUS 1.0–1.3)' },
  { fields: ['pricingQuantity'], description: 'PricingQuantity (FOCUS 1.0–1.3)' },
  { fields: ['pricingUnit'], description: 'PricingUnit (FOCUS 1.0–1.3)' },
];

const normalise = (name: string) => name.trim().toLowerCase();

/** Where each field is in `header`, or the descriptions of the required columns it lacks. */
export function findColumns(header: readonly string[]): { layout: ColumnLayout; missing: string[] } {
  const position = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normalise(String(name));
    if (!position.has(key)) {
      position.set(key, i);
    }
  });
  const layout = {} as Record<FocusField, number | undefined>;
  for (const [field, names] of Object.entries(FIELD_COLUMNS) as Array<[FocusField, readonly string[]]>) {
    layout[field] = names.map((n) => position.get(normalise(n))).find((i) => i !== undefined);
  }
  const missing = REQUIRED.filter((r) => r.fields.every((f) => layout[f] === undefined)).map((r) => r.description);
  return { layout, missing };
}

/** The layout of `header`, or a downstream error naming the file and every missing column. */
export function requireColumns(header: readonly string[], file: string): ColumnLayout {
  const { layout, missing } = findColumns(header);
  if (missing.length > 0) {
    throw downstreamError(missingColumnsMessage(file, header, missing), 502);
  }
  return layout;
}

/**
 * Names only the FOCUS columns the file has: its other "column names" are its first line, which in
 * a file that is not an export (a path pointed at the wrong file) may be anything, secrets included.
 */
export function missingColumnsMessage(file: string, header: readonly string[], missing: string[]): string {
  const known = new Set(Object.values(FIELD_COLUMNS).flatMap((names) => names.map(normalise)));
  const focus = header.filter((h) => known.has(normalise(h)));
  const shown = focus.slice(0, 8).join(', ') + (focus.length > 8 ? ', …' : '');
  const has = focus.length > 0 ? `, FOCUS ones: ${shown}` : ', none of them a FOCUS column';
  return `${file}: missing required FOCUS column${missing.length === 1 ? '' : 's'} ${missing.join('; ')}. The file has ${header.length} column(s)${has} (other names are not quoted: they may be data). Is it a FOCUS 1.0–1.3 export?`;
}
