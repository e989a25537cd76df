/**
 * The neutral description of a billing line that every methodology starts from.
 *
 * `classifyUsage(row)` says WHAT the usage is (compute, storage, ...), in WHICH unit, WHERE, and on
 * WHICH hardware as far as the bill tells; it does not estimate anything. Methodologies (`ccf`,
 * `greenops`) turn a classification plus the row's amount into energy and CO2e.
 *
 * Classifications depend only on the row's descriptive fields (provider, service, service category,
 * usage type, unit, region, instance type, whether vCPUs are known), never on amount, cost or time,
 * so identical descriptions share one frozen object (see `createUsageClassifier`).
 */
import type { UsageCategory } from '../usage';

/** Provider after alias folding: FOCUS `Microsoft` → azure, `Oracle` → oci, `Google Cloud` → gcp. */
export type CloudFamily = 'aws' | 'azure' | 'gcp' | 'oci' | 'other';

/**
 * The unit the amount is in, after folding spellings (`Hrs`, `Hours`, `1 Hour` → hours; `GB-Mo`,
 * `GB-Months`, `GB-Mp` → gb-months; ...). Multiply the row's amount by `unitMultiplier` to get it
 * in this unit (`10 Hours` → ×10, `1 TB/Month` → ×1000 GB-months, GiB → ×1.073741824).
 */
export type NormalisedUnit =
  | 'hours' // instance-, node- or resource-hours (one unit of whatever the usage type names)
  | 'vcpu-hours'
  | 'ocpu-hours' // Oracle OCPU (one physical core = 2 vCPUs on x86)
  | 'dpu-hours' // AWS Glue data processing unit (4 vCPU, 16 GB)
  | 'acu-hours' // Aurora capacity unit (about 2 GB of memory with its CPU)
  | 'gb-hours'
  | 'gb-months'
  | 'gb' // a quantity of data (transfer, scanned)
  | 'seconds'
  | 'gb-seconds' // memory-seconds, e.g. AWS Lambda
  | 'requests'
  | 'other';

export type StorageMedia = 'ssd' | 'hdd';

/**
 * What CCF's AWS CUR estimator (@cloud-carbon-footprint/aws@0.15.0, CostAndUsageReports.ts) does
 * with the row, decided by CCF's exact rules (suffix/substring lists, exact-case unit names):
 * - `unsupported`: dropped (double counted or no energy: HostBoxUsage, ECS-EC2-*, Dollar ...)
 * - `unknown`: unknown usage type or unit; estimated from the kWh per cost of known rows
 * - `compute`: hour-like unit: CPU (+GPU) + memory + embodied
 * - `lambda`: second-like unit: amount / 3600 used as vCPU-hours
 * - `storage-ssd` / `storage-hdd`: GB-month-like unit with a recognised storage usage type
 * - `networking`: GB unit with a recognised data-transfer usage type, not CloudFront
 * - `ignored`: CCF logs and drops it (storage or GB row whose type it does not recognise)
 * - `not-aws`: CCF's AWS estimator does not apply
 */
export type CcfRoute =
  | 'unsupported'
  | 'unknown'
  | 'compute'
  | 'lambda'
  | 'storage-ssd'
  | 'storage-hdd'
  | 'networking'
  | 'ignored'
  | 'not-aws';

export interface UsageClassification {
  /**
   * What the usage is. `compute`: CPU time of instances, containers, functions (vCPUs derivable);
   * `gpu`: an instance with GPUs (CPU energy still applies); `memory`: memory billed on its own
   * (Fargate GB-hours, Azure "GB Hours"); `storage`: capacity over time; `networking`: data
   * transferred; `unknown`: billable usage whose energy cannot be derived from the line (NAT
   * gateways, load balancers, requests...), estimated later from the kWh per cost of known usage in
   * the same batch; `unsupported`: lines that must not be estimated (double counted, fees).
   */
  category: UsageCategory;
  /** Short machine-readable reason for `category` (e.g. `aws-instance`, `ccf-unknown-usage-type`). */
  reason: string;
  cloud: CloudFamily;

  /** The row's region; else derived from the AWS usage-type prefix (`USE2-` → us-east-2, no prefix → us-east-1); else ''. */
  region: string;
  regionSource: 'row' | 'usage-type' | 'none';

  /** The row's own descriptive fields, kept so a methodology needs nothing else from the row but amounts. */
  service: string;
  usageType: string;
  rawUnit: string;

  /** AWS usage-type region prefix as written (`USE1`, `EUW2`, `EU`); '' when none. */
  usageTypePrefix: string;
  /** Usage type without the region prefix (`BoxUsage:m5.large`, `EBS:VolumeUsage.gp2`, `TimedStorage-ByteHrs`). */
  usageTypeWithoutRegion: string;
  /** Family: the part before `:` of the unprefixed usage type (`BoxUsage`, `EBS`, `InstanceUsage`, `TimedStorage-ByteHrs`). */
  usageFamily: string;

  /**
   * Instance type without service prefixes or suffixes: `m5.large` for `BoxUsage:m5.large`,
   * `InstanceUsage:db.m5.large`, `NodeUsage:cache.m5.large`, `Kafka.m5.large`, `ml.m5.large`,
   * `t3.medium.elasticsearch`; `xl` endings read as `xlarge`. From `row.instanceType` when the
   * source gives one. Undefined when the line names no instance.
   */
  instanceType?: string;
  /** The service prefix that was removed (`db`, `cache`, `Kafka`, `ml`, `dax`, `dms`, `mq`), '' if none. */
  instancePrefix: string;
  /** `m5` and `large` of `m5.large` (AWS naming); undefined for other naming schemes. */
  instanceFamily?: string;
  instanceSize?: string;
  /** vCPUs and memory of the instance from CCF's EC2 table (or the row's vCpus); undefined when unknown. */
  instanceVCpus?: number;
  instanceMemoryGb?: number;
  /**
   * Embodied emissions of the host (kg) and the share of it one billed unit reserves (an Azure VM:
   * its vCPUs / the series' largest; a GCP core-hour: 1 / the family's platform vCPUs), where a
   * catalogue other than CCF's EC2 table gives them.
   */
  embodied?: { kg: number; share: number };
  /** GPUs per instance (CCF's GPU table), 0 when none or unknown. */
  gpusPerInstance: number;
  /** AWS burstable (t2/t3/t3a/t4g) instance: CPU credits and baseline apply. */
  burstable: boolean;

  unit: NormalisedUnit;
  /** Factor from the row's amount to `unit` (see NormalisedUnit). */
  unitMultiplier: number;
  /** The AWS usage type is byte-hour based (`TimedStorage-ByteHrs`...): CUR still reports it in GB-Mo. */
  byteHours: boolean;

  /** Storage medium when known: from CCF's SSD/HDD usage-type and service lists, or from SKU words (SSD, Premium, HDD, Archive...). */
  storageMedia?: StorageMedia;
  /** Copies CCF assumes the provider keeps (S3 6, EBS 2, snapshots 3, Aurora 6, Multi-AZ 2...); 1 when none. CCF multiplies compute and memory by it too. */
  replicationFactor: number;

  /** What CCF's AWS estimator does with this row (see CcfRoute). */
  ccfRoute: CcfRoute;
  /**
   * The pricing unit as CCF files it: the CUR spelling (FOCUS `GB-Months` → `GB-Mo`), after CCF's
   * relabelling (Fargate-GB-Hours → `GB-Hours`, Redshift `seconds` → `Hrs`). CCF estimates unknown
   * usage per value of this unit. '' for non-AWS rows.
   */
  ccfUnit: string;
}
