/**
 * What an AWS usage type (`USE1-BoxUsage:m5.large`, `EUW1-EBS:VolumeUsage.gp2`) says about region
 * and instance type. Used for Cost Explorer groups and for FOCUS `x_UsageType`.
 *
 * Usage types start with the billing code of the region the usage ran in (AWS "Region billing
 * codes"); us-east-1 usage types historically carry no prefix. Inter-region transfer names both
 * ends (`USE1-EUW1-AWS-Out-Bytes`): the first is where the bytes left, which is what is billed.
 * The codes and edge groups are the engine's table (one list for billing rows and the classifier).
 */
import { isEdgePrefix, regionOfBillingCode } from '../../../engine/classify/awsRegionPrefixes';

/**
 * Region id of a usage type: the billing-code prefix, '' for edge zones and for codes this build
 * does not know (better unknown than wrongly attributed), us-east-1 when there is no prefix.
 */
export function regionFromUsageType(usageType: string): string {
  const dash = usageType.indexOf('-');
  const prefix = dash > 0 ? usageType.slice(0, dash) : '';
  if (prefix) {
    const region = regionOfBillingCode(prefix.toUpperCase());
    if (region) {
      return region;
    }
    if (isEdgePrefix(prefix) || /^[A-Z]{2,4}\d$/.test(prefix)) {
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
