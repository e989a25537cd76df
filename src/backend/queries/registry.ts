/**
 * Every query type the backend serves, by id: a handler for each definition in src/shared/queryTypes
 * (the mapped type over QueryType makes a missing or mismatched handler a compile error).
 *
 * Handlers load on first use: a datasource that only ever runs two query types should not hold the
 * others' modules and coefficient tables in memory (idle RSS is budgeted at 100 MB).
 */
import { isQueryType, QUERY_TYPES, type QueryType } from '../../shared/queryTypes';
import type { HandlerOf } from './defineHandler';
import type { QueryHandler } from './queryHandler';

const LOADERS: { [T in QueryType]: () => Promise<HandlerOf<T>> } = {
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

/** The handler of a query type, loaded on first use; undefined for a type this backend does not serve. */
export async function findHandler(queryType: string): Promise<QueryHandler<unknown> | undefined> {
  if (!isQueryType(queryType)) {
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
