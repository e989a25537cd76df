/**
 * What each query type is and how a new query of that type starts. Kept apart from the editors so the app's
 * pages can list the query types without bundling editor code.
 */
import {
  BillingSource,
  CarbonDataSourceOptions,
  CarbonQuery,
  CloudEmissionsQuery,
  CloudProvider,
  CloudTrendQuery,
  DEFAULT_QUERY,
  GridIntensityQuery,
  QueryType,
} from './types';

/** A Record, so adding a query type to QUERY_TYPES fails to compile until it has a label. */
export const QUERY_TYPE_INFO: Record<QueryType, { label: string; description: string }> = {
  gridIntensity: {
    label: 'Grid carbon intensity',
    description: 'gCO2e/kWh of the electricity grid behind cloud regions, with the source and year of each value',
  },
  cloudEmissions: {
    label: 'Cloud emissions (billing)',
    description:
      'Energy and CO2e estimated from billing usage (AWS Cost Explorer or FOCUS exports), with cost and usage, ' +
      'per time bucket and group',
  },
  cloudTrend: {
    label: 'Cloud trend (this vs previous period)',
    description: 'Growth of usage, cost, energy and CO2e in the time range against the previous range of equal length',
  },
};

/** The parts of the datasource settings that editors and defaults depend on. */
export interface SettingsSummary {
  defaultProvider?: CloudProvider;
  /** Billing sources that have settings; a query against another one can only fail. */
  billingSources: Record<BillingSource, boolean>;
  /** Hourly data is opt-in per AWS account, so hourly granularity is offered only once enabled. */
  hourlyEnabled: boolean;
}

export function summariseSettings(jsonData?: CarbonDataSourceOptions): SettingsSummary {
  return {
    defaultProvider: jsonData?.defaultProvider,
    billingSources: {
      awsCostExplorer: Boolean(jsonData?.aws),
      // The config editor may leave blank rows behind; they point at nothing.
      focus: (jsonData?.focus?.paths ?? []).some((p) => typeof p === 'string' && p.trim() !== ''),
    },
    hourlyEnabled: Boolean(jsonData?.aws?.hourlyEnabled),
  };
}

type WithoutRefId<T> = T extends unknown ? Omit<T, 'refId'> : never;
export type QueryDefaults = WithoutRefId<CarbonQuery>;

/** The configured source; Cost Explorer first because it needs no export pipeline. */
export function defaultBillingSource(settings: SettingsSummary): BillingSource {
  return settings.billingSources.awsCostExplorer ? 'awsCostExplorer' : 'focus';
}

/** A new query of `type`: only the fields that type reads, with values that return data once a source is set up. */
export function defaultsFor(type: QueryType, settings: SettingsSummary): QueryDefaults {
  switch (type) {
    case 'cloudEmissions':
      return {
        queryType: 'cloudEmissions',
        source: defaultBillingSource(settings),
        metrics: ['co2e'],
        groupBy: ['service'],
        granularity: 'auto',
        methodology: 'greenops',
        format: 'timeseries',
      } satisfies Omit<CloudEmissionsQuery, 'refId'>;
    case 'cloudTrend':
      return {
        queryType: 'cloudTrend',
        source: defaultBillingSource(settings),
        methodology: 'greenops',
      } satisfies Omit<CloudTrendQuery, 'refId'>;
    default: {
      // DEFAULT_QUERY stays the one definition of a new grid query (the app's Explore links use it too).
      const grid = { ...DEFAULT_QUERY, queryType: 'gridIntensity' } as Omit<GridIntensityQuery, 'refId'>;
      return settings.defaultProvider ? { ...grid, provider: settings.defaultProvider } : grid;
    }
  }
}
