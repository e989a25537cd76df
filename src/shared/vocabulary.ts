/**
 * The words of the query model: the values each query option takes. Shared by the editors, the
 * definitions (src/shared/queryTypes) and the backend; no runtime dependencies.
 */
export const CLOUD_PROVIDERS = ['aws', 'gcp', 'azure'] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];

/** How a query's result is shaped: one table (numeric-long) or one series per key (timeseries-multi). */
export const RESULT_FORMATS = ['table', 'timeseries'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

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

/**
 * GHG Protocol Scope 2 accounting basis of the grid factor: `location` (default), the grid's average
 * intensity; `market`, net of the provider's carbon-free energy where it publishes it (Google's CFE).
 */
export const ACCOUNTING_BASES = ['location', 'market'] as const;
export type AccountingBasisId = (typeof ACCOUNTING_BASES)[number];

export const WORKLOAD_GROUP_BY = ['namespace', 'pod', 'workload', 'node'] as const;
export type WorkloadGroupBy = (typeof WORKLOAD_GROUP_BY)[number];

/** power: watts over time; energy: Joules (and kWh) over the range; co2e: grams CO2e. */
export const ENERGY_METRICS = ['power', 'energy', 'co2e'] as const;
export type EnergyMetric = (typeof ENERGY_METRICS)[number];

/**
 * What measured energy columns hold: `it` the whole server at the wall (RAPL reading × uplift,
 * docs/methodology.md §9), `facility` IT × PUE, `measured` the exporter's reading as is (v1).
 */
export const ENERGY_BOUNDARIES = ['it', 'facility', 'measured'] as const;
export type EnergyBoundary = (typeof ENERGY_BOUNDARIES)[number];
export const DEFAULT_ENERGY_BOUNDARY: EnergyBoundary = 'it';

/** Node idle power, which Kepler 0.10+ attributes to nobody: leave out, or share by CPU request or usage. */
export const IDLE_POWER_MODES = ['exclude', 'byRequest', 'byUsage'] as const;
export type IdlePowerMode = (typeof IDLE_POWER_MODES)[number];

export const COST_CARBON_GROUP_BY = ['namespace', 'node', 'region'] as const;
export type CostCarbonGroupBy = (typeof COST_CARBON_GROUP_BY)[number];

export const ENERGY_SCOPES = ['namespace', 'pod', 'process', 'node'] as const;
export type EnergyScope = (typeof ENERGY_SCOPES)[number];

export const PROMQL_ENERGY_UNITS = ['watts', 'joules', 'microwatts', 'microjoules'] as const;
export type PromqlEnergyUnit = (typeof PROMQL_ENERGY_UNITS)[number];

/** What an idle ("zombie") row is. */
export const ZOMBIE_KINDS = ['cloudInstance', 'kubernetesNode', 'workload', 'volume', 'terminatedWorkload'] as const;
export type ZombieKind = (typeof ZOMBIE_KINDS)[number];

/** Where idle resources are found: Cost Explorer rightsizing (Terminate findings) and Prometheus metrics. */
export const ZOMBIE_SOURCES = ['awsCostExplorer', 'prometheus'] as const;
export type ZombieSource = (typeof ZOMBIE_SOURCES)[number];

/** `table`: one row per finding; `summary`: one row per kind (count, monthly cost, kWh, kgCO2e) for stats and alerts. */
export const RECOMMENDATION_FORMATS = ['table', 'summary'] as const;
export type RecommendationFormat = (typeof RECOMMENDATION_FORMATS)[number];

export const RECOMMENDATION_KINDS = ['regionSwitch', 'rightsizing'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];
