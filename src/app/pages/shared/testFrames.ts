/**
 * Test helper (not bundled): the JSON Grafana's /api/ds/query returns for a table frame, built from row objects.
 * Strings are `string` fields; numbers are nullable float64 `number` fields, as the backend's Arrow frames arrive.
 */
import type { DataFrameJSON, FieldConfig, FieldType, QueryResultMetaNotice } from '@grafana/data';

export interface TableFrameOptions {
  /** The backend's frame name (e.g. `cloudEmissions`). */
  name?: string;
  /** Field config the backend sets, by field name (unit, displayNameFromDS). */
  config?: Record<string, FieldConfig>;
  notices?: QueryResultMetaNotice[];
  /** Field names, for a frame without rows (the backend still sends its columns). */
  fields?: string[];
}

export function tableFrame(
  refId: string,
  rows: Array<Record<string, string | number | null>>,
  options: TableFrameOptions = {}
): DataFrameJSON {
  const names = options.fields ?? Object.keys(rows[0] ?? {});
  const isNumber = (name: string) =>
    rows.some((r) => typeof r[name] === 'number') || (rows.length === 0 && options.config?.[name] !== undefined);
  const config = (name: string) => (options.config?.[name] ? { config: options.config[name] } : {});
  return {
    schema: {
      refId,
      ...(options.name ? { name: options.name } : {}),
      meta: {
        // Every table the backend sends is numeric-long (string keys, number values).
        type: 'numeric-long' as never,
        typeVersion: [0, 1],
        ...(options.notices ? { notices: options.notices } : {}),
      },
      fields: names.map((name) =>
        isNumber(name)
          ? { name, type: 'number' as FieldType, typeInfo: { frame: 'float64', nullable: true }, ...config(name) }
          : { name, type: 'string' as FieldType, typeInfo: { frame: 'string' }, ...config(name) }
      ),
    },
    data: { values: names.map((name) => rows.map((r) => r[name])) },
  };
}
