/**
 * The query and settings model shared by the frontend (editors, datasource) and the backend
 * (which parses the same JSON in QueryData, alerting included). Type-only imports keep this file
 * free of runtime dependencies so both sides can bundle it.
 */
import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

/** Every query type the backend serves; the backend's /query-types route answers this list. */
export const QUERY_TYPES = ['gridIntensity'] as const;
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

export type CarbonQuery = GridIntensityQuery;

export const DEFAULT_QUERY: Partial<CarbonQuery> = {
  queryType: 'gridIntensity',
  format: 'table',
};

/** Datasource settings stored in `jsonData`. Later sources (AWS, FOCUS, Prometheus) add sections. */
export interface CarbonDataSourceOptions extends DataSourceJsonData {
  /** Provider preselected in new queries. */
  defaultProvider?: CloudProvider;
}

/** Secret settings (`secureJsonData`): none yet; the backend receives them decrypted and never echoes them. */
export interface CarbonSecureJsonData {}

/** One row of the `/regions` resource route. */
export interface RegionInfo {
  provider: CloudProvider;
  region: string;
  location: string;
}
