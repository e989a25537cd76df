/**
 * Cost Explorer and FOCUS name AWS services in words ("Amazon Elastic Compute Cloud - Compute",
 * "EC2 - Other"); CCF's rules (replication, SSD services, vCPU special cases) are keyed by CUR
 * product codes ("AmazonEC2"). One lookup makes every source meet the same rules.
 */
import serviceCodes from '../data/aws-service-codes.json';

const CODE_BY_NAME = new Map(Object.entries(serviceCodes.codes as Record<string, string>).map(([name, code]) => [name.toLowerCase(), code]));

/** The CUR product code for a service name; names already in CUR form pass through. */
export function awsServiceCode(service: string): string {
  return CODE_BY_NAME.get(service.trim().toLowerCase()) ?? service;
}
