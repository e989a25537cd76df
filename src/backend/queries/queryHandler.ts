/**
 * The contract between the protocol layer and one query type. Query modules never see gRPC or
 * Arrow: they get a parsed request and return frames (src/backend/frames/frame.ts).
 */
import type { QueryRequest } from '../core/queryRequest';
import type { Frame } from '../frames/frame';

export type { QueryRequest, TimeRange } from '../core/queryRequest';

export interface QueryHandler<Q> {
  queryType: string;
  /** Validates the panel's query JSON; throws badQuery() with a precise message when it is wrong. */
  parse(json: unknown): Q;
  run(request: QueryRequest<Q>): Promise<Frame[]>;
}
