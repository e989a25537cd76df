/**
 * Questions about query types that the frontend asks, answered from their definitions
 * (src/shared/queryTypes), where each type's label, description, defaults, columns and display text
 * live. Kept apart from the editors so the app's pages can use it without bundling editor code.
 */
import { isQueryType, QUERY_TYPE_DEFINITIONS } from '../shared/queryTypes';
import type { QueryFamily } from '../shared/queryTypes/definition';
import type { SettingsSummary } from './settingsSummary';
import type { CarbonQuery, PrometheusQueryType, QueryType, RecommendationQueryType } from './types';

const isOfFamily = (type: unknown, family: QueryFamily) =>
  isQueryType(type) && QUERY_TYPE_DEFINITIONS[type].family === family;

export function isPrometheusQueryType(type: unknown): type is PrometheusQueryType {
  return isOfFamily(type, 'prometheus');
}

export function isRecommendationQueryType(type: unknown): type is RecommendationQueryType {
  return isOfFamily(type, 'recommendations');
}

type WithoutRefId<T> = T extends unknown ? Omit<T, 'refId'> : never;
export type QueryDefaults = WithoutRefId<CarbonQuery>;

/** A new query of `type`: only the fields that type reads, with values that return data once a source is set up. */
export function defaultsFor(type: QueryType, settings: SettingsSummary): QueryDefaults {
  return QUERY_TYPE_DEFINITIONS[type].defaults(settings);
}
