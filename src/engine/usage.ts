/**
 * The engine's input: billing usage normalised from any source (Cost Explorer, FOCUS exports,
 * later Azure and GCP APIs), and its output: energy split by component, operational and embodied
 * CO2e, with a low/high range. Sources produce UsageRow; the engine never does I/O.
 */

/** Cloud that ran the usage. FOCUS rows from other providers keep their lower-cased name. */
export type CloudName = 'aws' | 'gcp' | 'azure' | 'oci' | (string & {});

export interface UsageRow {
  /** Usage window, epoch ms, end exclusive (a day, a month or an hour). */
  start: number;
  end: number;
  provider: CloudName;
  /** Account, subscription or project id. */
  account: string;
  /** Provider region id (`us-east-1`, `westeurope`, `us-central1`); '' when unknown or global. */
  region: string;
  /** Service as the source names it (`AmazonEC2`, `Amazon Elastic Compute Cloud - Compute`, FOCUS ServiceName). */
  service: string;
  /** FOCUS ServiceCategory (`Compute`, `Storage`, ...) when the source has one. */
  serviceCategory?: string;
  /** AWS usage type (`USE1-BoxUsage:m5.large`), FOCUS x_UsageType or the closest equivalent (SKU meter). */
  usageType: string;
  /** Unit as the source spells it (`Hrs`, `Hours`, `GB-Mo`, `GB-Months`, `Lambda-GB-Second`, ...). */
  unit: string;
  /** Usage quantity in `unit`. */
  amount: number;
  cost: number;
  currency: string;
  /** Instance type when known (`m5.large`, `Standard_D2s_v3`, `n2-standard-4`). */
  instanceType?: string;
  /** vCPUs per instance when the source says (CUR product_vcpu). */
  vCpus?: number;
  tags?: Record<string, string>;
}

export type Methodology = 'greenops' | 'ccf';

/** What a row was recognised as, for grouping ("category") and for explaining estimates. */
export type UsageCategory = 'compute' | 'memory' | 'gpu' | 'storage' | 'networking' | 'unknown' | 'unsupported';

export interface EnergyKWh {
  compute: number;
  memory: number;
  gpu: number;
  storage: number;
  networking: number;
}

export interface RowEstimate {
  category: UsageCategory;
  /** Energy by component, kWh, PUE and replication included. */
  energy: EnergyKWh;
  /** Sum of `energy` (for `ccf`, CCF's reported kWh, which adds its embodied "kWh"). */
  kWh: number;
  /**
   * kg CO2e from electricity. NaN (with co2eKg and the intervals) when the requested accounting basis
   * has no factor for the row (market basis outside Google's CFE regions): not available, never 0;
   * sums carry the NaN, so a group holding such a row has no CO2e rather than a partial one.
   */
  operationalKg: number;
  /** kg CO2e of hardware manufacture attributed to this usage. */
  embodiedKg: number;
  /** operationalKg + embodiedKg, and its stated 90 % interval (greenops; ccf has none: low = high). */
  co2eKg: number;
  co2eLowKg: number;
  co2eHighKg: number;
  /** The 90 % interval of operationalKg alone (for callers that leave embodied out, e.g. an idle machine). */
  operationalLowKg: number;
  operationalHighKg: number;
  /** Usage in comparable units, for trends: vCPU-hours and GB-months (0 when not applicable). */
  vCpuHours: number;
  gbMonths: number;
}
