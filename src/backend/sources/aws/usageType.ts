/**
 * What an AWS usage type (`USE1-BoxUsage:m5.large`, `EUW1-EBS:VolumeUsage.gp2`) says about region
 * and instance type. Used for Cost Explorer groups and for FOCUS `x_UsageType`.
 *
 * Usage types start with the billing code of the region the usage ran in (AWS "Region billing
 * codes"); us-east-1 usage types historically carry no prefix. Inter-region transfer names both
 * ends (`USE1-EUW1-AWS-Out-Bytes`): the first is where the bytes left, which is what is billed.
 */

const REGION_BY_BILLING_CODE: Readonly<Record<string, string>> = {
  USE1: 'us-east-1',
  USE2: 'us-east-2',
  USW1: 'us-west-1',
  USW2: 'us-west-2',
  UGW1: 'us-gov-west-1',
  UGE1: 'us-gov-east-1',
  CAN1: 'ca-central-1',
  CAN2: 'ca-west-1',
  MXC1: 'mx-central-1',
  SAE1: 'sa-east-1',
  EUC1: 'eu-central-1',
  EUC2: 'eu-central-2',
  EUW1: 'eu-west-1',
  EUW2: 'eu-west-2',
  EUW3: 'eu-west-3',
  EUN1: 'eu-north-1',
  EUS1: 'eu-south-1',
  EUS2: 'eu-south-2',
  APE1: 'ap-east-1',
  APE2: 'ap-east-2',
  APN1: 'ap-northeast-1',
  APN2: 'ap-northeast-2',
  APN3: 'ap-northeast-3',
  APS1: 'ap-southeast-1',
  APS2: 'ap-southeast-2',
  APS3: 'ap-south-1',
  APS4: 'ap-southeast-3',
  APS5: 'ap-south-2',
  APS6: 'ap-southeast-4',
  APS7: 'ap-southeast-5',
  APS8: 'ap-southeast-7',
  MES1: 'me-south-1',
  MEC1: 'me-central-1',
  ILC1: 'il-central-1',
  AFS1: 'af-south-1',
  CNN1: 'cn-north-1',
  CNW1: 'cn-northwest-1',
};

// CloudFront (and a few global services) prefix usage types with an edge zone, not a region.
const EDGE_ZONES = new Set([
  'US',
  'EU',
  'JP',
  'AP',
  'AU',
  'CA',
  'IN',
  'SA',
  'ZA',
  'ME',
  'KR',
  'TW',
  'GLOBAL',
  'Global',
]);

/**
 * Region id of a usage type: the billing-code prefix, '' for edge zones and for codes this build
 * does not know (better unknown than wrongly attributed), us-east-1 when there is no prefix.
 */
export function regionFromUsageType(usageType: string): string {
  const dash = usageType.indexOf('-');
  const prefix = dash > 0 ? usageType.slice(0, dash) : '';
  if (prefix) {
    const region = REGION_BY_BILLING_CODE[prefix.toUpperCase()];
    if (region) {
      return region;
    }
    if (EDGE_ZONES.has(prefix) || /^[A-Z]{2,4}\d$/.test(prefix)) {
      return '';
    }
  }
  return 'us-east-1';
}

// Instance sizes end with a size word; this keeps `VolumeUsage.gp2` or `Requests.Tier1` out.
const INSTANCE_TYPE = /^(?:[a-z]+\.)?[a-z][a-z0-9-]*\.(?:nano|micro|small|medium|large|\d*xlarge|metal(?:-\d+xl)?)$/i;

/**
 * Instance type after the colon (`BoxUsage:m5.large` → `m5.large`, `InstanceUsage:db.r5.large` →
 * `db.r5.large`; service prefixes such as `db.` are kept, the engine decides what to strip).
 */
export function instanceTypeFromUsageType(usageType: string): string | undefined {
  const colon = usageType.lastIndexOf(':');
  if (colon < 0) {
    return undefined;
  }
  const candidate = usageType.slice(colon + 1);
  return INSTANCE_TYPE.test(candidate) ? candidate : undefined;
}

/** An instance type anywhere in free text (`$0.34 per On Demand Linux c5.2xlarge Instance Hour`). */
export function instanceTypeInText(text: string): string | undefined {
  for (const word of text.split(/[\s|,;()/]+/)) {
    if (INSTANCE_TYPE.test(word)) {
      return word;
    }
  }
  return undefined;
}
