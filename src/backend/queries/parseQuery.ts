/** Turns a zod validation failure into one readable, actionable message for the query's refId. */
import type { ZodType, ZodTypeDef } from 'zod';
import { badQuery } from '../core/errors';

export function parseQuery<T>(schema: ZodType<T, ZodTypeDef, unknown>, json: unknown, queryType: string): T {
  const result = schema.safeParse(json);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'query';
    return `${where}: ${issue.message}`;
  });
  throw badQuery(`Invalid ${queryType} query: ${problems.join('; ')}`);
}
