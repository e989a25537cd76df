/**
 * Every query type the backend serves, by id. Adding a query type means adding its module here and
 * its id to QUERY_TYPES in src/datasource/types.ts (a test keeps the two in step).
 */
import { cloudEmissionsHandler } from './cloudEmissions';
import { cloudTrendHandler } from './cloudTrend';
import { carbonEfficiencyHandler } from './energy/carbonEfficiency';
import { costVsCarbonHandler } from './energy/costVsCarbon';
import { energyPerUnitHandler } from './energy/energyPerUnit';
import { namespaceEnergyHandler } from './energy/namespaceEnergy';
import { processPowerHandler } from './energy/processPower';
import { promqlEnergyHandler } from './energy/promqlEnergy';
import { gridIntensityHandler } from './gridIntensity';
import type { QueryHandler } from './queryHandler';
import { cloudRecommendationsHandler } from './recommendations/cloudRecommendations';
import { zombieInstancesHandler } from './zombies/zombieInstances';

const handlers: Array<QueryHandler<any>> = [
  gridIntensityHandler,
  cloudEmissionsHandler,
  cloudTrendHandler,
  namespaceEnergyHandler,
  processPowerHandler,
  costVsCarbonHandler,
  carbonEfficiencyHandler,
  energyPerUnitHandler,
  promqlEnergyHandler,
  zombieInstancesHandler,
  cloudRecommendationsHandler,
];

const byType = new Map(handlers.map((h) => [h.queryType, h]));

export function findHandler(queryType: string): QueryHandler<unknown> | undefined {
  return byType.get(queryType);
}

export function servedQueryTypes(): string[] {
  return handlers.map((h) => h.queryType);
}
