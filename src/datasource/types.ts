/**
 * The query and settings model shared by the frontend (editors, datasource) and the backend
 * (which parses the same JSON in QueryData, alerting included). Type-only imports keep this file
 * free of runtime dependencies so both sides can bundle it.
 */
import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

/** Every query type the backend serves; the backend's /query-types route answers this list. */
export const QUERY_TYPES = ['gridIntensity', 'cloudEmissions', 'cloudTrend'] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

export const CLOUD_PROVIDERS = ['aws', 'gcp', 'azure'] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];

/** How a query's result is shaped: one table (numeric-long) or one series per key (timeseries-multi). */
export const RESULT_FORMATS = ['table', 'timeseries'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

/** Carbon intensity of the electricity grid behind cloud regions, with each value's source and year. */
export interface GridIntensityQuery extends DataQuery {
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
export interface CloudEmissionsQuery extends DataQuery {
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
export interface CloudTrendQuery extends DataQuery {
  queryType: 'cloudTrend';
  source: BillingSource;
  methodology?: MethodologyId;
  filters?: BillingFilters;
}

export type CarbonQuery = GridIntensityQuery | CloudEmissionsQuery | CloudTrendQuery;

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
}

/** One row of the `/regions` resource route. */
export interface RegionInfo {
  provider: CloudProvider;
  region: string;
  location: string;
}
