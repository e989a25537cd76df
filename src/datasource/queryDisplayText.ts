/**
 * One short readable line per query, for Explore's query history and the query inspector, e.g.
 * "Cloud emissions · FOCUS · co2e, energy by service, region · daily". Each query type's line is its
 * definition's `displayText` (src/shared/queryTypes); this adds what every type shares.
 */
import type { z } from 'zod';

import { isQueryType, QUERY_TYPE_DEFINITIONS, type QueryDefinition } from '../shared/queryTypes';
import type { QueryTypeMeta } from '../shared/queryTypes/definition';
import { join } from '../shared/queryTypes/displayText';
import type { CarbonQuery, QueryType } from './types';

type SavedQuery<T extends QueryType> = Partial<z.input<QueryDefinition<T>['schema']>>;

/** The definitions seen by type, so that `TEXTS[type]` takes the queries of that type. */
const TEXTS: { [T in QueryType]: Pick<QueryTypeMeta<QueryDefinition<T>['schema']>, 'displayText'> } =
  QUERY_TYPE_DEFINITIONS;

const lineOf = <T extends QueryType>(type: T, query: SavedQuery<T>) => TEXTS[type].displayText(query);

/** The line for `query`; the query type itself for a type this frontend does not know (a newer backend's). */
export function queryDisplayText(query: CarbonQuery): string {
  const type: unknown = query.queryType;
  const line = isQueryType(type) ? lineOf(type, query) : String(type ?? 'Unknown query');
  // Two queries differing only in their single value field return different numbers: say which.
  return query.valueField ? join(line, `value ${query.valueField}`) : line;
}
