/**
 * The query and settings model shared by the frontend (editors, datasource) and the backend
 * (which parses the same JSON in QueryData, alerting included). The query types themselves are
 * defined once in src/shared/queryTypes (schema, defaults, columns, display text); this file names
 * them for the rest of the code and holds the settings model. It has no
 * dependencies beyond src/shared and the settings summary.
 */
import type { DataSourceJsonData } from '@grafana/schema';

import { QUERY_TYPE_DEFINITIONS, queryTypesOf, type QueryOf, type QueryTypeOf } from '../shared/queryTypes';
import type { BillingSource, CloudProvider } from '../shared/vocabulary';
import { summariseSettings } from './settingsSummary';

export * from '../shared/vocabulary';
export * from '../shared/columns';
export {
  QUERY_TYPES,
  isQueryType,
  queryTypesOf,
  type CarbonDataQuery,
  type CarbonQuery,
  type ParsedQueryOf,
  type QueryOf,
  type QueryType,
  type QueryTypeOf,
} from '../shared/queryTypes';
export type { BillingFilters } from '../shared/queryTypes/fields';
export { ZOMBIE_DEFAULTS } from '../shared/queryTypes/zombieInstances';

/** Query types over Prometheus (Kepler, Scaphandre, DCGM, OpenCost). */
export const PROMETHEUS_QUERY_TYPES = queryTypesOf('prometheus');
export type PrometheusQueryType = QueryTypeOf<'prometheus'>;
/** Query types that find idle resources and savings across billing and Prometheus sources. */
export const RECOMMENDATION_QUERY_TYPES = queryTypesOf('recommendations');
export type RecommendationQueryType = QueryTypeOf<'recommendations'>;

export type GridIntensityQuery = QueryOf<'gridIntensity'>;
export type CloudEmissionsQuery = QueryOf<'cloudEmissions'>;
export type CloudTrendQuery = QueryOf<'cloudTrend'>;
export type NamespaceEnergyQuery = QueryOf<'namespaceEnergy'>;
export type ProcessPowerQuery = QueryOf<'processPower'>;
export type CostVsCarbonQuery = QueryOf<'costVsCarbon'>;
export type CarbonEfficiencyQuery = QueryOf<'carbonEfficiency'>;
export type EnergyPerUnitQuery = QueryOf<'energyPerUnit'>;
export type PromqlEnergyQuery = QueryOf<'promqlEnergy'>;
export type ZombieInstancesQuery = QueryOf<'zombieInstances'>;
export type CloudRecommendationsQuery = QueryOf<'cloudRecommendations'>;

/** A new query where nothing else decides (the app's Explore links, queries saved without a type). */
export const DEFAULT_QUERY = QUERY_TYPE_DEFINITIONS.gridIntensity.defaults(summariseSettings());

/** Datasource settings stored in `jsonData`. Later sources (AWS, FOCUS, Prometheus) add sections. */
export interface CarbonDataSourceOptions extends DataSourceJsonData {
  /** Provider preselected in new queries. */
  defaultProvider?: CloudProvider;
  /** Present when Cost Explorer is enabled; its connection is in the AwsConnectionSettings keys. */
  aws?: AwsSettings;
  focus?: FocusSettings;
  prometheus?: PrometheusSettings;
  // The AWS connection, in the top-level keys where @grafana/aws-sdk's ConnectionConfig keeps them.
  authType?: AwsAuthProvider | 'arn';
  /** Assumed with the credentials of authType when set (where the Grafana server allows assume role). */
  assumeRoleArn?: string;
  externalId?: string;
  /** Region for signing and STS; Cost Explorer itself is served from us-east-1. */
  defaultRegion?: string;
  /** Custom endpoint (VPC endpoint, proxy). */
  endpoint?: string;
  /** Shared credentials profile (authType `credentials`). */
  profile?: string;
}

export const PROMETHEUS_AUTH_TYPES = ['none', 'basic', 'bearer'] as const;
export type PrometheusAuthType = (typeof PROMETHEUS_AUTH_TYPES)[number];

/** The most `responseLimitMiB` may be: a JavaScript string cannot hold 512 MiB. */
export const MAX_RESPONSE_LIMIT_MIB = 400;

/** Any Prometheus-compatible HTTP API (Prometheus, Thanos, Mimir, VictoriaMetrics). */
export interface PrometheusSettings {
  url: string;
  authType?: PrometheusAuthType;
  basicAuthUser?: string;
  /**
   * First shape, still read: plain-text headers of versions before 1.x: still honoured by the backend, moved by the
   * editor to `httpHeaderNameN` / secure `httpHeaderValueN` on the next save.
   */
  headers?: Record<string, string>;
  tlsSkipVerify?: boolean;
  /** The CA certificate (secure prometheusCaCert) is set; a saved one is used either way. */
  tlsAuthWithCACert?: boolean;
  /** TLS client authentication with the secure prometheusClientCert and prometheusClientKey. */
  tlsAuth?: boolean;
  /** The name the server certificate must carry, when not the URL's host. */
  tlsServerName?: string;
  /** Per request; default 30. */
  timeoutSeconds?: number;
  /** Cloud region (or `provider:region`) for nodes whose region is unknown. */
  defaultRegion?: string;
  /** Most series one query may return before it fails with a clear error; default 10000. */
  seriesLimit?: number;
  /**
   * Most MiB one Prometheus answer may hold (counted decompressed) before the plugin hangs up with a
   * clear error; default 128, at most 400 (a JavaScript string cannot hold 512 MiB).
   */
  responseLimitMiB?: number;
}

/**
 * AWS auth providers as `@grafana/aws-sdk`'s ConnectionConfig names them (CloudWatch, Athena). `arn` is
 * its deprecated name for `default`.
 */
export const AWS_AUTH_PROVIDERS = ['default', 'keys', 'credentials', 'ec2_iam_role', 'grafana_assume_role'] as const;
export type AwsAuthProvider = (typeof AWS_AUTH_PROVIDERS)[number];

/** The auth types of the first settings shape (`jsonData.aws.authType`). */
export const LEGACY_AWS_AUTH_TYPES = ['default', 'keys', 'assumeRole'] as const;
export type LegacyAwsAuthType = (typeof LEGACY_AWS_AUTH_TYPES)[number];

/**
 * AWS Cost Explorer; present when it is enabled. The connection is in AwsConnectionSettings; the
 * deprecated keys are the first shape, still read by the backend and moved by the editor on save.
 */
export interface AwsSettings {
  /** Hourly granularity is opt-in in Cost Explorer (last 14 days only). */
  hourlyEnabled?: boolean;
  /** How long responses are reused; every Cost Explorer request costs USD 0.01. Default 3600. */
  cacheTtlSeconds?: number;
  /** First shape, still read: now jsonData.authType (assumeRole: jsonData.assumeRoleArn with default or keys). */
  authType?: LegacyAwsAuthType;
  /** First shape, still read: now jsonData.defaultRegion */
  region?: string;
  /** First shape, still read: now jsonData.assumeRoleArn */
  assumeRoleArn?: string;
  /** First shape, still read: now jsonData.externalId */
  externalId?: string;
  /** First shape, still read: now jsonData.endpoint */
  endpoint?: string;
}

/** FOCUS billing exports: files or folders (CSV, gzipped CSV, Parquet) readable by the Grafana server. */
export interface FocusSettings {
  paths: string[];
  /** DuckDB's memory limit for reading exports; it spills to a temporary folder beyond it. Default 512. */
  memoryLimitMB?: number;
  /** DuckDB threads for reading exports. Default: the cores, at most 4. */
  threads?: number;
}

/** Secret settings (`secureJsonData`): the backend receives them decrypted and never echoes them. */
export interface CarbonSecureJsonData {
  /** AWS access key ID, as ConnectionConfig names it. */
  accessKey?: string;
  secretKey?: string;
  /** First shape, still read: now accessKey; still read when accessKey is not set. */
  awsAccessKeyId?: string;
  /** First shape, still read: now secretKey; still read when secretKey is not set. */
  awsSecretAccessKey?: string;

  prometheusPassword?: string;
  prometheusToken?: string;
  /** PEM CA certificate for a Prometheus with a private CA. */
  prometheusCaCert?: string;
  /** PEM client certificate and key for TLS client authentication to Prometheus. */
  prometheusClientCert?: string;
  prometheusClientKey?: string;
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
