/**
 * The query and settings model shared by the frontend (editors, datasource) and the backend
 * (which parses the same JSON in QueryData, alerting included). Type-only imports keep this file
 * free of runtime dependencies so both sides can bundle it.
 */
import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

/** Options every query type accepts. */
export interface CarbonDataQuery extends DataQuery {
  /**
   * Keep only this number field (with the string label fields and time) so each row or series is one
   * value: Grafana's alerting and stat panels need exactly one number per row. Frames without it are
   * dropped; a name no frame has fails with the list of number fields there are.
   */
  valueField?: string;
}

/** Query types over Prometheus (Kepler, Scaphandre, DCGM, OpenCost). */
export const PROMETHEUS_QUERY_TYPES = [
  'namespaceEnergy',
  'processPower',
  'costVsCarbon',
  'carbonEfficiency',
  'energyPerUnit',
  'promqlEnergy',
] as const;
export type PrometheusQueryType = (typeof PROMETHEUS_QUERY_TYPES)[number];
/** Query types that find idle resources and savings across billing and Prometheus sources. */
export const RECOMMENDATION_QUERY_TYPES = ['zombieInstances', 'cloudRecommendations'] as const;
export type RecommendationQueryType = (typeof RECOMMENDATION_QUERY_TYPES)[number];
export const QUERY_TYPES = [
  'gridIntensity',
  'cloudEmissions',
  'cloudTrend',
  ...PROMETHEUS_QUERY_TYPES,
  ...RECOMMENDATION_QUERY_TYPES,
] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

export const CLOUD_PROVIDERS = ['aws', 'gcp', 'azure'] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];

/** How a query's result is shaped: one table (numeric-long) or one series per key (timeseries-multi). */
export const RESULT_FORMATS = ['table', 'timeseries'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

/** Carbon intensity of the electricity grid behind cloud regions, with each value's source and year. */
export interface GridIntensityQuery extends CarbonDataQuery {
  queryType: 'gridIntensity';
  /** Limit to one provider; all providers when absent. */
  provider?: CloudProvider;
  /** Limit to these region ids (e.g. `eu-west-1`, `us-central1`, `westeurope`); all when absent or empty. */
  regions?: string[];
  /** Defaults to `table`. */
  format?: ResultFormat;
}

/** Where billing usage comes from. */
export const BILLING_SOURCES = ['awsCostExplorer', 'focus'] as const;
export type BillingSource = (typeof BILLING_SOURCES)[number];

export const EMISSION_METRICS = ['co2e', 'energy', 'embodied', 'cost', 'usage'] as const;
export type EmissionMetric = (typeof EMISSION_METRICS)[number];

export const BILLING_GROUP_BY = ['provider', 'account', 'region', 'service', 'category', 'instanceType'] as const;
export type BillingGroupBy = (typeof BILLING_GROUP_BY)[number];

export const GRANULARITIES = ['hourly', 'daily', 'monthly', 'auto'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** `greenops` (default) fixes Cloud Carbon Footprint's known errors; `ccf` reproduces CCF exactly. */
export const METHODOLOGIES = ['greenops', 'ccf'] as const;
export type MethodologyId = (typeof METHODOLOGIES)[number];

export interface BillingFilters {
  regions?: string[];
  services?: string[];
  accounts?: string[];
}

/** Energy and CO2e estimated from billing usage, per time bucket and group. */
export interface CloudEmissionsQuery extends CarbonDataQuery {
  queryType: 'cloudEmissions';
  source: BillingSource;
  metrics: EmissionMetric[];
  groupBy: BillingGroupBy[];
  /** Defaults to `auto` (hourly up to 2 days, daily up to 93 days, monthly beyond). */
  granularity?: Granularity;
  /** Defaults to `greenops`. */
  methodology?: MethodologyId;
  filters?: BillingFilters;
  /** Defaults to `timeseries`. */
  format?: ResultFormat;
}

/** This range against the previous range of equal length: growth of usage, cost, energy and CO2e. */
export interface CloudTrendQuery extends CarbonDataQuery {
  queryType: 'cloudTrend';
  source: BillingSource;
  methodology?: MethodologyId;
  filters?: BillingFilters;
}

export const WORKLOAD_GROUP_BY = ['namespace', 'pod', 'workload', 'node'] as const;
export type WorkloadGroupBy = (typeof WORKLOAD_GROUP_BY)[number];

/** power: watts over time; energy: Joules (and kWh) over the range; co2e: grams CO2e. */
export const ENERGY_METRICS = ['power', 'energy', 'co2e'] as const;
export type EnergyMetric = (typeof ENERGY_METRICS)[number];

/** Node idle power, which Kepler 0.10+ attributes to nobody: leave out, or share by CPU request or usage. */
export const IDLE_POWER_MODES = ['exclude', 'byRequest', 'byUsage'] as const;
export type IdlePowerMode = (typeof IDLE_POWER_MODES)[number];

/** Measured energy per namespace, pod, workload or node (Kepler 0.7 / 0.10+, Scaphandre --containers, DCGM). */
export interface NamespaceEnergyQuery extends CarbonDataQuery {
  queryType: 'namespaceEnergy';
  groupBy: WorkloadGroupBy;
  namespaces?: string[];
  metric: EnergyMetric;
  idlePower?: IdlePowerMode;
  /** RAPL zone to read (Kepler zones overlap: one zone only). Default `package`. */
  zone?: string;
  /**
   * Only pods of these workloads count: names as the `workloads` variable/route lists them
   * (Deployment, StatefulSet, DaemonSet, CronJob, Job or bare-pod name, e.g. `api`, without
   * namespace or kind), matched in every namespace that has them (`namespaces` narrows). With
   * groupBy workload or pod the rows are those workloads or their pods; with namespace or node,
   * each namespace or node sums only those workloads' pods (idle shares included). All when
   * absent or empty; `$workload` set to All means no filter.
   */
  workloads?: string[];
}

/** Scaphandre per-process power: top N processes, filters, host vs processes, energy leaks. */
export interface ProcessPowerQuery extends CarbonDataQuery {
  queryType: 'processPower';
  metric: 'power' | 'energy';
  topN?: number;
  /** Regex on the `exe` label. */
  exe?: string;
  /** Regex on the `cmdline` label. */
  cmdline?: string;
  /** Limit to processes of these Kubernetes namespaces (Scaphandre --containers). */
  namespaces?: string[];
}

export const COST_CARBON_GROUP_BY = ['namespace', 'node', 'region'] as const;
export type CostCarbonGroupBy = (typeof COST_CARBON_GROUP_BY)[number];

/** OpenCost cost next to measured CO2e, with shares and a divergence index. */
export interface CostVsCarbonQuery extends CarbonDataQuery {
  queryType: 'costVsCarbon';
  groupBy: CostCarbonGroupBy;
  namespaces?: string[];
}

/** CPU used over requested, and the energy and CO2e of requested-but-idle capacity. */
export interface CarbonEfficiencyQuery extends CarbonDataQuery {
  queryType: 'carbonEfficiency';
  namespaces?: string[];
}

export const ENERGY_SCOPES = ['namespace', 'pod', 'process', 'node'] as const;
export type EnergyScope = (typeof ENERGY_SCOPES)[number];

/** Joules and gCO2e per unit of work: a scope's energy over a user PromQL counter (SCI-style). */
export interface EnergyPerUnitQuery extends CarbonDataQuery {
  queryType: 'energyPerUnit';
  scope: EnergyScope;
  /** Regex on the scope's label (namespace, pod, process exe, node). */
  selector: string;
  /** PromQL counter of units of work, e.g. `sum(http_requests_total{job="api"})`. */
  unitQuery: string;
  /** What one unit is called ("request", "token", "job"). */
  unitName?: string;
}

export const PROMQL_ENERGY_UNITS = ['watts', 'joules', 'microwatts', 'microjoules'] as const;
export type PromqlEnergyUnit = (typeof PROMQL_ENERGY_UNITS)[number];

/** Escape hatch: any PromQL whose result is declared as power or energy, converted to energy and CO2e. */
export interface PromqlEnergyQuery extends CarbonDataQuery {
  queryType: 'promqlEnergy';
  expr: string;
  unit: PromqlEnergyUnit;
  /** Cloud region or grid zone whose intensity applies; the datasource's default region otherwise. */
  region?: string;
  provider?: CloudProvider;
}

/** What an idle ("zombie") row is. */
export const ZOMBIE_KINDS = ['cloudInstance', 'kubernetesNode', 'workload', 'volume', 'terminatedWorkload'] as const;
export type ZombieKind = (typeof ZOMBIE_KINDS)[number];

/** Where idle resources are found: Cost Explorer rightsizing (Terminate findings) and Prometheus metrics. */
export const ZOMBIE_SOURCES = ['awsCostExplorer', 'prometheus'] as const;
export type ZombieSource = (typeof ZOMBIE_SOURCES)[number];

/** `table`: one row per finding; `summary`: one row per kind (count, monthly cost, kWh, kgCO2e) for stats and alerts. */
export const RECOMMENDATION_FORMATS = ['table', 'summary'] as const;
export type RecommendationFormat = (typeof RECOMMENDATION_FORMATS)[number];

/** Defaults of the zombie thresholds (AWS Compute Optimizer's idle rule: peak CPU < 5 %, network < 5 MB/day, 14 days). */
export const ZOMBIE_DEFAULTS = { windowDays: 14, cpuPeakPercent: 5, networkMBPerDay: 5 } as const;

/** Idle cloud instances, Kubernetes nodes, abandoned workloads and unattached volumes, with what they waste per month. */
export interface ZombieInstancesQuery extends CarbonDataQuery {
  queryType: 'zombieInstances';
  /** Sources to read; every configured source when absent or empty. */
  sources?: ZombieSource[];
  /** Kinds to return; all when absent or empty. */
  kinds?: ZombieKind[];
  /** Days of Prometheus evidence ending at the range's end; default 14 (Cost Explorer uses its own 14-day lookback). */
  windowDays?: number;
  /** Idle when peak CPU stays under this percent of the instance's cores or of the workload's request; default 5. */
  cpuPeakPercent?: number;
  /** Idle when network in + out stays under this many MB per day; default 5. */
  networkMBPerDay?: number;
  /** Converts cloud instances to energy and CO2e; default `greenops`. */
  methodology?: MethodologyId;
  /** Regex on namespaces for workloads, PVs and terminated workloads. */
  namespaces?: string[];
  /** Defaults to `table`. */
  format?: RecommendationFormat;
}

export const RECOMMENDATION_KINDS = ['regionSwitch', 'rightsizing'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

/** Region switch (same usage in the lowest-carbon region of the same geography) and rightsizing, ranked by CO2e saved. */
export interface CloudRecommendationsQuery extends CarbonDataQuery {
  queryType: 'cloudRecommendations';
  /** Kinds to return; all that the configured sources support when absent or empty. */
  kinds?: RecommendationKind[];
  /** Billing usage for region switch; the first configured billing source when absent. */
  source?: BillingSource;
  /** Defaults to `greenops`. */
  methodology?: MethodologyId;
  filters?: BillingFilters;
  /** Defaults to `table`. */
  format?: RecommendationFormat;
}

/** Whether a table frame's column holds text or numbers (null where unknown). */
export type ColumnKind = 'string' | 'number';
/** One column of a table frame: its field name and kind. */
export type ColumnSpec = readonly [name: string, kind: ColumnKind];
/** The names of the columns of one kind (of every kind by default). */
export type ColumnName<C extends readonly ColumnSpec[], K extends ColumnKind = ColumnKind> = Extract<
  C[number],
  readonly [string, K]
>[0];
/** A table row as plain values: text columns as strings, number columns as numbers or null. */
export type ColumnRecord<C extends readonly ColumnSpec[]> = { [N in ColumnName<C, 'string'>]: string } & {
  [N in ColumnName<C, 'number'>]: number | null;
};
/**
 * `true` when Row has exactly the columns' names, strings in text columns and numbers (or null) in
 * number columns; `false` otherwise. With AssertTrue, a compile-time check beside a backend row type.
 */
export type RowMatchesColumns<Row, C extends readonly ColumnSpec[]> = [
  Exclude<keyof Row, ColumnName<C>>,
  Exclude<ColumnName<C>, keyof Row>,
] extends [never, never]
  ? Row extends { [N in ColumnName<C, 'string'>]: string } & { [N in ColumnName<C, 'number'>]?: number | null }
    ? true
    : false
  : false;
export type AssertTrue<T extends true> = T;

/** The column names of one kind, in frame order. */
export function columnNames<C extends readonly ColumnSpec[], K extends ColumnKind>(
  columns: C,
  kind: K
): Array<ColumnName<C, K>> {
  return columns.filter((column) => column[1] === kind).map((column) => column[0] as ColumnName<C, K>);
}

/**
 * Columns of the zombieInstances `table` frame, in frame order: the backend's ZombieRow has exactly
 * these fields, and the app's Recommendations page reads them by these names.
 */
export const ZOMBIE_TABLE_COLUMNS = [
  ['kind', 'string'],
  ['source', 'string'],
  ['provider', 'string'],
  ['account', 'string'],
  ['region', 'string'],
  ['resourceId', 'string'],
  ['name', 'string'],
  ['instanceType', 'string'],
  ['cluster', 'string'],
  ['namespace', 'string'],
  ['workload', 'string'],
  ['peakCpuPercent', 'number'],
  ['avgCpuPercent', 'number'],
  ['networkBytesPerDay', 'number'],
  ['windowDays', 'number'],
  ['idleDays', 'number'],
  ['monthlyCost', 'number'],
  ['currency', 'string'],
  ['monthlyKWh', 'number'],
  ['monthlyKgCO2e', 'number'],
  ['monthlyKgCO2eLow', 'number'],
  ['monthlyKgCO2eHigh', 'number'],
  ['windowKWh', 'number'],
  ['windowKgCO2e', 'number'],
  ['action', 'string'],
  ['method', 'string'],
] as const satisfies readonly ColumnSpec[];

/** Columns of the cloudRecommendations `table` frame, in frame order (the backend's RecommendationRow). */
export const RECOMMENDATION_TABLE_COLUMNS = [
  ['kind', 'string'],
  ['provider', 'string'],
  ['account', 'string'],
  ['region', 'string'],
  ['targetRegion', 'string'],
  ['geography', 'string'],
  ['resourceId', 'string'],
  ['instanceType', 'string'],
  ['targetInstanceType', 'string'],
  ['currentMonthlyKWh', 'number'],
  ['currentMonthlyKgCO2e', 'number'],
  ['projectedMonthlyKWh', 'number'],
  ['projectedMonthlyKgCO2e', 'number'],
  ['monthlyKWhSaved', 'number'],
  ['monthlyKgCO2eSaved', 'number'],
  ['monthlyCostSaved', 'number'],
  ['currency', 'string'],
  ['action', 'string'],
  ['method', 'string'],
] as const satisfies readonly ColumnSpec[];

export type CarbonQuery =
  | GridIntensityQuery
  | CloudEmissionsQuery
  | CloudTrendQuery
  | NamespaceEnergyQuery
  | ProcessPowerQuery
  | CostVsCarbonQuery
  | CarbonEfficiencyQuery
  | EnergyPerUnitQuery
  | PromqlEnergyQuery
  | ZombieInstancesQuery
  | CloudRecommendationsQuery;

export const DEFAULT_QUERY: Partial<CarbonQuery> = {
  queryType: 'gridIntensity',
  format: 'table',
};

/** Datasource settings stored in `jsonData`. Later sources (AWS, FOCUS, Prometheus) add sections. */
export interface CarbonDataSourceOptions extends DataSourceJsonData {
  /** Provider preselected in new queries. */
  defaultProvider?: CloudProvider;
  aws?: AwsSettings;
  focus?: FocusSettings;
  prometheus?: PrometheusSettings;
}

export const PROMETHEUS_AUTH_TYPES = ['none', 'basic', 'bearer'] as const;
export type PrometheusAuthType = (typeof PROMETHEUS_AUTH_TYPES)[number];

/** Any Prometheus-compatible HTTP API (Prometheus, Thanos, Mimir, VictoriaMetrics). */
export interface PrometheusSettings {
  url: string;
  authType?: PrometheusAuthType;
  basicAuthUser?: string;
  /** Extra HTTP headers (e.g. X-Scope-OrgID for Mimir). */
  headers?: Record<string, string>;
  tlsSkipVerify?: boolean;
  /** Per request; default 30. */
  timeoutSeconds?: number;
  /** Cloud region (or `provider:region`) for nodes whose region is unknown. */
  defaultRegion?: string;
  /** Most series one query may return before it fails with a clear error; default 10000. */
  seriesLimit?: number;
}

export const AWS_AUTH_TYPES = ['default', 'keys', 'assumeRole'] as const;
export type AwsAuthType = (typeof AWS_AUTH_TYPES)[number];

/** AWS Cost Explorer. `default` uses the SDK's provider chain (environment, shared config, IAM role). */
export interface AwsSettings {
  authType: AwsAuthType;
  /** Region for signing and STS; Cost Explorer itself is served from us-east-1. */
  region?: string;
  assumeRoleArn?: string;
  externalId?: string;
  /** Custom endpoint (VPC endpoint, proxy). */
  endpoint?: string;
  /** Hourly granularity is opt-in in Cost Explorer (last 14 days only). */
  hourlyEnabled?: boolean;
  /** How long responses are reused; every Cost Explorer request costs USD 0.01. Default 3600. */
  cacheTtlSeconds?: number;
}

/** FOCUS billing exports: files or folders (CSV, gzipped CSV, Parquet) readable by the Grafana server. */
export interface FocusSettings {
  paths: string[];
}

/** Secret settings (`secureJsonData`): the backend receives them decrypted and never echoes them. */
export interface CarbonSecureJsonData {
  awsAccessKeyId?: string;
  awsSecretAccessKey?: string;
  prometheusPassword?: string;
  prometheusToken?: string;
  /** PEM CA certificate for a Prometheus with a private CA. */
  prometheusCaCert?: string;
}

/** One row of the `/regions` resource route. */
export interface RegionInfo {
  provider: CloudProvider;
  region: string;
  location: string;
}

/** What a dashboard variable of this datasource lists; each is answered by a backend resource route. */
export const VARIABLE_KINDS = [
  'providers',
  'regions',
  'accounts',
  'services',
  'namespaces',
  'workloads',
  'nodes',
  'processes',
] as const;
export type VariableKind = (typeof VARIABLE_KINDS)[number];

/** A query variable. Older saved variables have no `kind` and list regions. Strings may hold `$variables`. */
export interface CarbonVariableQuery {
  refId: string;
  /** Defaults to `regions`. */
  kind?: VariableKind;
  /** regions: limit to one provider. */
  provider?: string;
  /** workloads, processes: limit to one namespace (regex allowed). */
  namespace?: string;
  /** accounts, services: the billing source to list from; the first configured one when absent. */
  source?: BillingSource;
}
