/**
 * Every query type, by id. Adding one is three files: its definition here (src/shared/queryTypes/<id>.ts),
 * its handler (src/backend/queries, registered in registry.ts) and its editor (src/datasource/components,
 * registered in queryEditors.tsx). Both registries are Records over QueryType, so a missing handler or
 * editor does not compile.
 */
import type { z } from 'zod';

import type { DataQuery } from '@grafana/schema';

import { carbonEfficiency } from './carbonEfficiency';
import { cloudEmissions } from './cloudEmissions';
import { cloudRecommendations } from './cloudRecommendations';
import { cloudTrend } from './cloudTrend';
import { costVsCarbon } from './costVsCarbon';
import { energyPerUnit } from './energyPerUnit';
import { gridIntensity } from './gridIntensity';
import { namespaceEnergy } from './namespaceEnergy';
import { processPower } from './processPower';
import { promqlEnergy } from './promqlEnergy';
import { zombieInstances } from './zombieInstances';
import type { QueryFamily } from './definition';

/** In the order the query type picker lists them. */
export const QUERY_TYPE_DEFINITIONS = {
  gridIntensity,
  cloudEmissions,
  cloudTrend,
  namespaceEnergy,
  processPower,
  costVsCarbon,
  carbonEfficiency,
  energyPerUnit,
  promqlEnergy,
  zombieInstances,
  cloudRecommendations,
} as const;

type Definitions = typeof QUERY_TYPE_DEFINITIONS;
export type QueryType = keyof Definitions;
export type QueryDefinition<T extends QueryType = QueryType> = Definitions[T];

export const QUERY_TYPES = Object.keys(QUERY_TYPE_DEFINITIONS) as QueryType[];

/** The ids of one family. */
export type QueryTypeOf<F extends QueryFamily> = {
  [T in QueryType]: Definitions[T]['family'] extends F ? T : never;
}[QueryType];

/** The ids of one family, in picker order. */
export function queryTypesOf<F extends QueryFamily>(family: F): Array<QueryTypeOf<F>> {
  return QUERY_TYPES.filter((id): id is QueryTypeOf<F> => QUERY_TYPE_DEFINITIONS[id].family === family);
}

export function isQueryType(value: unknown): value is QueryType {
  return typeof value === 'string' && Object.hasOwn(QUERY_TYPE_DEFINITIONS, value);
}

/** Options every query type accepts. */
export interface CarbonDataQuery extends DataQuery {
  /**
   * Keep only this number field (with the string label fields and time) so each row or series is one
   * value: Grafana's alerting and stat panels need exactly one number per row. Frames without it are
   * dropped; a name no frame has fails with the list of number fields there are.
   */
  valueField?: string;
}

/** A query of type T as panels, alert rules and editors hold it (the schema's input). */
export type QueryOf<T extends QueryType> = CarbonDataQuery & z.input<Definitions[T]['schema']>;
/** A query of type T as the backend's handler receives it: validated, defaults applied (the schema's output). */
export type ParsedQueryOf<T extends QueryType> = z.output<Definitions[T]['schema']>;
/** Any query of this datasource. */
export type CarbonQuery = { [T in QueryType]: QueryOf<T> }[QueryType];
