/**
 * What one query type is, said once for both sides: the zod schema (the query's TypeScript type is
 * inferred from it), its defaults and limits, its label and description, the number columns its
 * frames carry (what `valueField`, the editors' pickers and the docs offer) and its one-line
 * display text. The backend parses with the schema (backend/queries/defineHandler.ts), the editors
 * validate with it, and the Records over QUERY_TYPE_DEFINITIONS make a missing handler or editor a
 * compile error.
 */
import type { z } from 'zod';

import type { BillingSource, CloudProvider } from '../vocabulary';

/** Which family a query type belongs to: the editors and the backend treat each family alike. */
export type QueryFamily = 'grid' | 'billing' | 'prometheus' | 'recommendations';

/** A number column of a query type's frames. */
export interface OutputColumn {
  name: string;
  /** When the column is there, if not always, and what it measures. */
  description: string;
}

/** The parts of the datasource settings that defaults and editors depend on. */
export interface SettingsSummary {
  defaultProvider?: CloudProvider;
  /** Billing sources that have settings; a query against another one can only fail. */
  billingSources: Record<BillingSource, boolean>;
  /** Hourly data is opt-in per AWS account, so hourly granularity is offered only once enabled. */
  hourlyEnabled: boolean;
  /** The Prometheus query types need a Prometheus URL. */
  prometheus: boolean;
}

/** A query type's schema: an object whose `queryType` is a literal, the type's id. */
export type QuerySchema = z.AnyZodObject;
/** The id a schema's `queryType` literal holds. */
export type IdOf<Schema extends QuerySchema> = z.output<Schema>['queryType'] & string;

/** Everything a definition says besides its schema. */
export interface QueryTypeMeta<Schema extends QuerySchema> {
  family: QueryFamily;
  label: string;
  description: string;
  /** A new query of this type: only the fields it reads, with values that return data once a source is set up. */
  defaults(settings: SettingsSummary): z.input<Schema>;
  /** The number fields its frames can hold. */
  columns: readonly OutputColumn[];
  /**
   * One short line for Explore's query history and the query inspector. Queries saved by hand or by older
   * versions may lack fields the schema requires: it copes with any of them missing.
   */
  displayText(query: Partial<z.input<Schema>>): string;
}

export interface QueryTypeDefinition<Schema extends QuerySchema> extends QueryTypeMeta<Schema> {
  id: IdOf<Schema>;
  /** Validates a query's JSON as the backend receives it (alert rules included) and as editors hold it. */
  schema: Schema;
}

/**
 * `defineQueryType(schema)({ family, label, ... })`: the schema first, so that the rest is checked
 * against the schema's own types (defaults keep their literal values).
 */
export function defineQueryType<Schema extends QuerySchema>(schema: Schema) {
  const id: IdOf<Schema> = schema.shape.queryType.value;
  return <Family extends QueryFamily>(
    meta: QueryTypeMeta<Schema> & { family: Family }
  ): QueryTypeDefinition<Schema> & { family: Family } => ({ id, schema, ...meta });
}

/** Builds the column list of a definition. */
export const column = (name: string, description: string): OutputColumn => ({ name, description });
