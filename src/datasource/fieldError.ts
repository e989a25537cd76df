/**
 * Field checks of the query editors, by the query type's own schema (src/shared/queryTypes): an
 * editor flags what the backend would refuse, with the same limits, instead of repeating them.
 */
import type { z } from 'zod';

import type { QuerySchema } from '../shared/queryTypes/definition';

/** Grafana interpolates template variables before the backend parses the query: a value holding one is judged then. */
export const holdsVariable = (value: unknown): boolean => typeof value === 'string' && value.includes('$');

type FieldName<S extends QuerySchema> = Exclude<keyof z.input<S> & keyof S['shape'] & string, 'queryType'>;

/** Why the field is refused, phrased for the editor; the schema's own message (capitalised) when absent. */
export type FieldMessage = string | ((issue: z.ZodIssue) => string);

/**
 * The first issue the query type's schema finds with `value` as its `field`; undefined when it accepts
 * the value. A value holding a template variable is accepted, and so are list entries holding one.
 */
export function fieldIssue<S extends QuerySchema, F extends FieldName<S>>(
  definition: { schema: S },
  field: F,
  value: z.input<S>[F]
): z.ZodIssue | undefined {
  if (holdsVariable(value)) {
    return undefined;
  }
  const checked: unknown = Array.isArray(value) ? value.filter((entry: unknown) => !holdsVariable(entry)) : value;
  const result = definition.schema.shape[field].safeParse(checked);
  return result.success ? undefined : result.error.issues[0];
}

/** The editor's message for a value the query type's schema refuses; undefined when it accepts it. */
export function fieldError<S extends QuerySchema, F extends FieldName<S>>(
  definition: { schema: S },
  field: F,
  value: z.input<S>[F],
  message?: FieldMessage
): string | undefined {
  const issue = fieldIssue(definition, field, value);
  if (!issue) {
    return undefined;
  }
  if (typeof message === 'function') {
    return message(issue);
  }
  return message ?? capitalise(issue.message);
}

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
