/**
 * Binds a query type's shared definition (src/shared/queryTypes) to the code that runs it: the
 * handler parses with the definition's schema and `run` receives the parsed, typed query, so no
 * handler casts what it was given.
 */
import type { ZodType, ZodTypeDef } from 'zod';

import type { ParsedQueryOf, QueryType } from '../../shared/queryTypes';
import type { QueryRequest } from '../core/queryRequest';
import type { Frame } from '../frames/frame';
import { parseQuery } from './parseQuery';
import type { QueryHandler } from './queryHandler';

export type HandlerOf<T extends QueryType> = QueryHandler<ParsedQueryOf<T>>;

export function defineHandler<T extends QueryType>(
  definition: { id: T; schema: ZodType<ParsedQueryOf<T>, ZodTypeDef, unknown> },
  run: (request: QueryRequest<ParsedQueryOf<T>>) => Promise<Frame[]>,
  /** Checks the schema cannot make without the backend (PromQL syntax): throws badQuery() before any request. */
  validate?: (query: ParsedQueryOf<T>) => void
): HandlerOf<T> {
  return {
    queryType: definition.id,
    parse: (json) => {
      const query = parseQuery(definition.schema, json, definition.id);
      validate?.(query);
      return query;
    },
    run,
  };
}
