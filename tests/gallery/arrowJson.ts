/**
 * The backend answers with Arrow IPC frames; Grafana's server turns them into the JSON data frames
 * `/api/ds/query` returns (data.FrameToJSON: `{ schema, data: { values, entities } }`), which is
 * what @grafana/runtime's toDataQueryResponse reads. The bridge does the same here.
 */
import { tableFromIPC, Type, type DataType } from 'apache-arrow';

export interface FieldJSON {
  name: string;
  type: string;
  typeInfo: { frame: string; nullable?: boolean };
  labels?: Record<string, string>;
  config?: Record<string, unknown>;
}

export interface FrameJSON {
  schema: { name?: string; refId?: string; meta?: unknown; fields: FieldJSON[] };
  data: { values: unknown[][]; entities?: Array<Record<string, number[]> | null> };
}

const parsed = (text: string | undefined): Record<string, unknown> | undefined => {
  if (!text) {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Grafana's field type and Go type name for an Arrow type (data.FieldType's names). */
function fieldTypes(type: DataType): { type: string; frame: string } {
  switch (type.typeId) {
    case Type.Timestamp:
      return { type: 'time', frame: 'time.Time' };
    case Type.Utf8:
    case Type.LargeUtf8:
      return { type: 'string', frame: 'string' };
    case Type.Bool:
      return { type: 'boolean', frame: 'bool' };
    case Type.Int:
      return { type: 'number', frame: 'int64' };
    case Type.Float:
      return { type: 'number', frame: 'float64' };
    default:
      return { type: 'other', frame: 'json.RawMessage' };
  }
}

/** A value as Grafana's JSON has it: epoch ms for times, numbers for int64, NaN and ±Inf as entities. */
function jsonValue(type: DataType, value: unknown): unknown {
  if (value === null || value === undefined) {
    return null;
  }
  if (type.typeId === Type.Timestamp) {
    // apache-arrow 21 gives timestamps as epoch ms numbers (bigint for some units).
    return Number(value);
  }
  return typeof value === 'bigint' ? Number(value) : value;
}

function entitiesOf(values: unknown[]): Record<string, number[]> | null {
  const entities: Record<string, number[]> = {};
  values.forEach((v, i) => {
    const key = Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Inf' : v === -Infinity ? 'NegInf' : undefined;
    if (key) {
      (entities[key] ??= []).push(i);
      values[i] = null;
    }
  });
  return Object.keys(entities).length ? entities : null;
}

export function arrowFrameToJSON(bytes: Uint8Array): FrameJSON {
  const table = tableFromIPC(bytes);
  const meta = table.schema.metadata;
  const fields: FieldJSON[] = [];
  const values: unknown[][] = [];
  const entities: Array<Record<string, number[]> | null> = [];
  table.schema.fields.forEach((f, i) => {
    const column = table.getChildAt(i);
    const { type, frame } = fieldTypes(f.type);
    const labels = parsed(f.metadata.get('labels')) as Record<string, string> | undefined;
    const config = parsed(f.metadata.get('config'));
    fields.push({
      name: f.metadata.get('name') ?? f.name,
      type,
      typeInfo: f.nullable ? { frame, nullable: true } : { frame },
      ...(labels && Object.keys(labels).length ? { labels } : {}),
      ...(config && Object.keys(config).length ? { config } : {}),
    });
    const col: unknown[] = [];
    for (let r = 0; r < table.numRows; r++) {
      col.push(jsonValue(f.type, column?.get(r)));
    }
    entities.push(type === 'number' ? entitiesOf(col) : null);
    values.push(col);
  });
  return {
    schema: {
      name: meta.get('name') || undefined,
      refId: meta.get('refId') || undefined,
      meta: parsed(meta.get('meta')),
      fields,
    },
    data: entities.some(Boolean) ? { values, entities } : { values },
  };
}
