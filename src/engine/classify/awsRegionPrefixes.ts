/**
 * AWS usage types start with a billing-region code (`USE2-BoxUsage:m5.large`); usage in us-east-1
 * usually has none (`BoxUsage:m5.large`). Codes as AWS prints them in Cost Explorer and CUR
 * (https://docs.aws.amazon.com/cur/latest/userguide/... "usage type" region codes).
 */
const REGION_BY_PREFIX: ReadonlyMap<string, string> = new Map([
  ['USE1', 'us-east-1'],
  ['USE2', 'us-east-2'],
  ['USW1', 'us-west-1'],
  ['USW2', 'us-west-2'],
  ['UGE1', 'us-gov-east-1'],
  ['UGW1', 'us-gov-west-1'],
  ['AFS1', 'af-south-1'],
  ['APE1', 'ap-east-1'],
  ['APE2', 'ap-east-2'],
  ['APN1', 'ap-northeast-1'],
  ['APN2', 'ap-northeast-2'],
  ['APN3', 'ap-northeast-3'],
  ['APS1', 'ap-southeast-1'],
  ['APS2', 'ap-southeast-2'],
  ['APS3', 'ap-south-1'],
  ['APS4', 'ap-southeast-3'],
  ['APS5', 'ap-south-2'],
  ['APS6', 'ap-southeast-4'],
  ['APS7', 'ap-southeast-5'],
  ['APS8', 'ap-southeast-7'],
  ['CAN1', 'ca-central-1'],
  ['CAN2', 'ca-west-1'],
  ['CNN1', 'cn-north-1'],
  ['CNW1', 'cn-northwest-1'],
  ['EUC1', 'eu-central-1'],
  ['EUC2', 'eu-central-2'],
  ['EUN1', 'eu-north-1'],
  ['EUS1', 'eu-south-1'],
  ['EUS2', 'eu-south-2'],
  ['EUW1', 'eu-west-1'],
  ['EUW2', 'eu-west-2'],
  ['EUW3', 'eu-west-3'],
  ['ILC1', 'il-central-1'],
  ['MEC1', 'me-central-1'],
  ['MES1', 'me-south-1'],
  ['MXC1', 'mx-central-1'],
  ['SAE1', 'sa-east-1'],
]);

/** Older usage types of eu-west-1 (`EU-BoxUsage:m5.large`); `EU` is also an edge group (see below). */
const LEGACY_REGION_BY_PREFIX: ReadonlyMap<string, string> = new Map([['EU', 'eu-west-1']]);

const PREFIX_BY_REGION: ReadonlyMap<string, string> = new Map(
  [...REGION_BY_PREFIX].map(([code, region]) => [region, code])
);

/** The region a billing code names (`EUW1` → `eu-west-1`); undefined for codes this build does not know. */
export function regionOfBillingCode(code: string): string | undefined {
  return REGION_BY_PREFIX.get(code);
}

/** The billing code a region's usage types start with (`eu-west-1` → `EUW1`); undefined when unknown. */
export function billingCodeOfRegion(region: string): string | undefined {
  return PREFIX_BY_REGION.get(region);
}

/**
 * Edge-location groups (CloudFront and a few global services: `US-DataTransfer-Out-Bytes`,
 * `JP-Requests-Tier1`, `Global-SoftwareUsage`): a prefix, but no region.
 */
const EDGE_PREFIXES: ReadonlySet<string> = new Set([
  'US',
  'CA',
  'EU',
  'JP',
  'AP',
  'AU',
  'IN',
  'SA',
  'ZA',
  'ME',
  'KR',
  'TW',
  'HK',
  'IL',
  'GLOBAL',
  'Global',
]);

export function isEdgePrefix(prefix: string): boolean {
  return EDGE_PREFIXES.has(prefix);
}

export interface UsageTypePrefix {
  /** The code as written (`USE2`, `EU`), '' when none. */
  prefix: string;
  /** The usage type after `<prefix>-`. */
  rest: string;
  /** Region the prefix names; '' for edge groups; us-east-1 when there is no prefix. */
  region: string;
}

export function splitRegionPrefix(usageType: string, isEdgeService: boolean): UsageTypePrefix {
  const dash = usageType.indexOf('-');
  if (dash > 0) {
    const head = usageType.slice(0, dash);
    const rest = usageType.slice(dash + 1);
    if (isEdgeService && EDGE_PREFIXES.has(head)) {
      return { prefix: head, rest, region: '' };
    }
    const region = REGION_BY_PREFIX.get(head) ?? LEGACY_REGION_BY_PREFIX.get(head);
    if (region !== undefined) {
      return { prefix: head, rest, region };
    }
    if (EDGE_PREFIXES.has(head)) {
      return { prefix: head, rest, region: '' };
    }
  }
  return { prefix: '', rest: usageType, region: 'us-east-1' };
}
