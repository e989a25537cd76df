/**
 * Cost Explorer and FOCUS name AWS services in words ("Amazon Elastic Compute Cloud - Compute",
 * "EC2 - Other"); CCF's rules (replication, SSD services, vCPU special cases) are keyed by CUR
 * product codes ("AmazonEC2"). One lookup makes every source meet the same rules.
 */
import serviceCodes from '../data/aws-service-codes.json';

const CODE_BY_NAME = new Map(
  Object.entries(serviceCodes.codes as Record<string, string>).map(([name, code]) => [name.toLowerCase(), code])
);

function codeOf(service: string): string {
  return CODE_BY_NAME.get(service.trim().toLowerCase()) ?? service;
}

/** The answers for names and codes as the table spells them, so the common case skips lower-casing. */
const CODE_BY_EXACT_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries(serviceCodes.codes as Record<string, string>)
    .flat()
    .map((text) => [text, codeOf(text)])
);

/** The CUR product code for a service name; names already in CUR form pass through. */
export function awsServiceCode(service: string): string {
  return CODE_BY_EXACT_NAME.get(service) ?? codeOf(service);
}
