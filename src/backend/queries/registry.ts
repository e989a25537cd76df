/**
 * Every query type the backend serves, by id. Adding a query type means adding its loader here and
 * its id to QUERY_TYPES in src/datasource/types.ts (the Record keeps the two in step).
 *
 * Handlers load on first use: a datasource that only ever runs two query types should not hold the
 * others' modules and coefficient tables in memory (idle RSS is budgeted at 100 MB).
 */
import { QUERY_TYPES, type QueryType } from '../../datasource/types';
import type { QueryHandler } from './queryHandler';

type Loader = () => Promise<QueryHandler<any>>;

const LOADERS: Record<QueryType, Loader> = {
  gridIntensity: async () => (await import('./gridIntensity')).gridIntensityHandler,
  cloudEmissions: async () => (await import('./cloudEmissions')).cloudEmissionsHandler,
  cloudTrend: async () => (await import('./cloudTrend')).cloudTrendHandler,
  namespaceEnergy: async () => (await import('./energy/namespaceEnergy')).namespaceEnergyHandler,
  processPower: async () => (await import('./energy/processPower')).processPowerHandler,
  costVsCarbon: async () => (await import('./energy/costVsCarbon')).costVsCarbonHandler,
  carbonEfficiency: async () => (await import('./energy/carbonEfficiency')).carbonEfficiencyHandler,
  energyPerUnit: async () => (await import('./energy/energyPerUnit')).energyPerUnitHandler,
  promqlEnergy: async () => (await import('./energy/promqlEnergy')).promqlEnergyHandler,
  zombieInstances: async () => (await import('./zombies/zombieInstances')).zombieInstancesHandler,
  cloudRecommendations: async () =>
    (await import('./recommendations/cloudRecommendations')).cloudRecommendationsHandler,
};

const isServed = (queryType: string): queryType is QueryType => Object.hasOwn(LOADERS, queryType);

/** The handler of a query type, loaded on first use; undefined for a type this backend does not serve. */
export async function findHandler(queryType: string): Promise<QueryHandler<unknown> | undefined> {
  if (!isServed(queryType)) {
    return undefined;
  }
  const handler = await LOADERS[queryType]();
  if (handler.queryType !== queryType) {
    throw new Error(`The ${queryType} loader returned the ${handler.queryType} handler.`);
  }
  return handler;
}

export function servedQueryTypes(): string[] {
  return [...QUERY_TYPES];
}
