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
  CloudRecommendationsQuery,
  CloudTrendQuery,
  DEFAULT_QUERY,
  GridIntensityQuery,
  PROMETHEUS_QUERY_TYPES,
  PrometheusQueryType,
  QueryType,
  RECOMMENDATION_QUERY_TYPES,
  RecommendationQueryType,
  ZombieInstancesQuery,
} from './types';

/** Every query type this frontend has an editor for, served by the backend or not (yet). */
export type KnownQueryType = QueryType | PrometheusQueryType;

export function isPrometheusQueryType(type: unknown): type is PrometheusQueryType {
  return (PROMETHEUS_QUERY_TYPES as readonly unknown[]).includes(type);
}

export function isRecommendationQueryType(type: unknown): type is RecommendationQueryType {
  return (RECOMMENDATION_QUERY_TYPES as readonly unknown[]).includes(type);
}

/** A Record, so adding a query type to QUERY_TYPES fails to compile until it has a label. */
export const QUERY_TYPE_INFO: Record<KnownQueryType, { label: string; description: string }> = {
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
  namespaceEnergy: {
    label: 'Kubernetes energy (measured)',
    description:
      'Measured power, energy and CO2e per namespace, pod, workload or node (Kepler, Scaphandre --containers, DCGM)',
  },
  processPower: {
    label: 'Process power (Scaphandre)',
    description: 'Power or energy of the top N processes, filtered by executable and command line',
  },
  costVsCarbon: {
    label: 'Cost vs carbon (OpenCost)',
    description:
      'OpenCost cost next to measured CO2e per namespace, node or region, with shares and a divergence index',
  },
  carbonEfficiency: {
    label: 'Carbon efficiency (requested vs used)',
    description: 'CPU used over requested, and the energy and CO2e of requested-but-idle capacity',
  },
  energyPerUnit: {
    label: 'Energy per unit of work',
    description:
      'Joules and gCO2e per request, token or job: energy of a scope over a PromQL counter of work (SCI-style)',
  },
  promqlEnergy: {
    label: 'PromQL energy (custom)',
    description: 'Any PromQL result declared as power or energy, converted to energy and CO2e',
  },
  zombieInstances: {
    label: 'Idle resources (zombies)',
    description:
      'Idle cloud instances, Kubernetes nodes, abandoned workloads and unused volumes (AWS Cost Explorer, ' +
      'Prometheus), with the cost, kWh and CO2e they waste per month',
  },
  cloudRecommendations: {
    label: 'Carbon recommendations',
    description: 'Region switches and rightsizing ranked by CO2e saved, with the kWh and cost saved per month',
  },
};

/** The parts of the datasource settings that editors and defaults depend on. */
export interface SettingsSummary {
  defaultProvider?: CloudProvider;
  /** Billing sources that have settings; a query against another one can only fail. */
  billingSources: Record<BillingSource, boolean>;
  /** Hourly data is opt-in per AWS account, so hourly granularity is offered only once enabled. */
  hourlyEnabled: boolean;
  /** The Prometheus query types need a Prometheus URL. */
  prometheus: boolean;
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
    prometheus: typeof jsonData?.prometheus?.url === 'string' && jsonData.prometheus.url.trim() !== '',
  };
}

type WithoutRefId<T> = T extends unknown ? Omit<T, 'refId'> : never;
export type QueryDefaults = WithoutRefId<CarbonQuery>;

/** The configured source; Cost Explorer first because it needs no export pipeline. */
export function defaultBillingSource(settings: SettingsSummary): BillingSource {
  return settings.billingSources.awsCostExplorer ? 'awsCostExplorer' : 'focus';
}

/** A new query of `type`: only the fields that type reads, with values that return data once a source is set up. */
export function defaultsFor(type: KnownQueryType, settings: SettingsSummary): QueryDefaults {
  if (isPrometheusQueryType(type)) {
    return prometheusDefaults(type, settings);
  }
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
    // No sources, kinds or thresholds: the backend reads every configured source with its defaults, so the
    // query keeps working when sources are added later.
    case 'zombieInstances':
      return { queryType: 'zombieInstances', methodology: 'greenops', format: 'table' } satisfies Omit<
        ZombieInstancesQuery,
        'refId'
      >;
    case 'cloudRecommendations':
      return { queryType: 'cloudRecommendations', methodology: 'greenops', format: 'table' } satisfies Omit<
        CloudRecommendationsQuery,
        'refId'
      >;
    default: {
      // DEFAULT_QUERY stays the one definition of a new grid query (the app's Explore links use it too).
      const grid = { ...DEFAULT_QUERY, queryType: 'gridIntensity' } as Omit<GridIntensityQuery, 'refId'>;
      return settings.defaultProvider ? { ...grid, provider: settings.defaultProvider } : grid;
    }
  }
}

/** Power rather than CO2e where there is a choice: it needs no region, so it shows data as soon as exporters do. */
function prometheusDefaults(type: PrometheusQueryType, settings: SettingsSummary): QueryDefaults {
  switch (type) {
    case 'namespaceEnergy':
      return { queryType: type, groupBy: 'namespace', metric: 'power', idlePower: 'exclude', zone: 'package' };
    case 'processPower':
      return { queryType: type, metric: 'power', topN: 10 };
    case 'costVsCarbon':
      return { queryType: type, groupBy: 'namespace' };
    case 'carbonEfficiency':
      return { queryType: type };
    case 'energyPerUnit':
      return { queryType: type, scope: 'namespace', selector: '.*', unitQuery: '', unitName: 'request' };
    case 'promqlEnergy':
      return settings.defaultProvider
        ? { queryType: type, expr: '', unit: 'watts', provider: settings.defaultProvider }
        : { queryType: type, expr: '', unit: 'watts' };
  }
}
