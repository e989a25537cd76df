/**
 * Checks one data frame the way Grafana's Go decoder reads it (grafana-plugin-sdk-go data/arrow.go,
 * UnmarshalArrowFrame): Arrow IPC *file* format, supported column types only, nanosecond timestamps,
 * and JSON schema / field metadata. Throws a GrafanaFrameError naming the broken rule; otherwise returns
 * the decoded frame (name, refId, meta, fields with their values) for further assertions.
 *
 * Rules that are ours rather than the decoder's (it would accept but misread or ignore the data) are
 * marked "contract" in the messages: the Timestamp unit (Go ignores it and reads nanoseconds), a
 * required `meta` with `type`/`typeVersion`, and no nulls in non-nullable columns (Go reads the raw slot).
 */
import {
  DataType,
  Field as ArrowField,
  Float,
  Int,
  Precision,
  RecordBatchReader,
  Table,
  TimeUnit,
  Timestamp,
  Type,
  Vector,
} from 'apache-arrow';

export class GrafanaFrameError extends Error {
  constructor(message: string) {
    super(`Grafana frame rule broken: ${message}`);
    this.name = 'GrafanaFrameError';
  }
}

export interface FrameMeta {
  type: string;
  typeVersion: [number, number];
  [key: string]: unknown;
}

export interface CheckedField {
  name: string;
  /** apache-arrow's rendering of the type, e.g. `Float64`, `Timestamp<NANOSECOND>`, `Utf8`. */
  type: string;
  typeId: Type;
  nullable: boolean;
  metadata: Record<string, string>;
  labels?: Record<string, string>;
  config?: Record<string, unknown>;
  /**
   * Values as Grafana's decoder sees them: Timestamp columns as the raw int64 nanoseconds (bigint),
   * Int64/Uint64 as bigint, other numbers as number, Utf8 as string, Binary as Uint8Array.
   * Nulls only for nullable fields (Go ignores the validity bitmap of non-nullable fields).
   */
  values: unknown[];
}

export interface CheckedFrame {
  name: string | undefined;
  refId: string | undefined;
  meta: FrameMeta;
  fields: CheckedField[];
  rowCount: number;
}

export interface FrameExpectations {
  /** The refId of the query that produced the frame; schema metadata `refId` must equal it. */
  refId?: string;
}

const MAGIC = 'ARROW1';
const FOOTER_LEN_BYTES = 4;

function fail(message: string): never {
  throw new GrafanaFrameError(message);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Array.from(bytes.subarray(start, end), (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
}

/** The Arrow IPC file container: `ARROW1\0\0 … <footer> <int32 footer length> ARROW1`. */
function checkFileContainer(bytes: Uint8Array): void {
  const minLen = MAGIC.length * 2 + 2 + FOOTER_LEN_BYTES;
  if (bytes.byteLength < minLen) {
    fail(
      `${bytes.byteLength} bytes is too short for an Arrow IPC file (at least ${minLen}); data/arrow.go uses ipc.NewFileReader`
    );
  }
  const head = ascii(bytes, 0, MAGIC.length);
  const tail = ascii(bytes, bytes.byteLength - MAGIC.length, bytes.byteLength);
  if (head !== MAGIC || tail !== MAGIC) {
    const looksLikeStream =
      bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff
        ? ' (starts with the 0xFFFFFFFF continuation marker of the IPC *stream* format: use tableToIPC(table, "file"))'
        : '';
    fail(
      `not the Arrow IPC file format: expected magic "ARROW1" at start and end, found "${head}" … "${tail}"${looksLikeStream}; ` +
        'Grafana decodes frames with ipc.NewFileReader, which rejects the stream format'
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const footerLen = view.getInt32(bytes.byteLength - MAGIC.length - FOOTER_LEN_BYTES, true);
  if (footerLen <= 0 || footerLen + MAGIC.length * 2 + FOOTER_LEN_BYTES > bytes.byteLength) {
    fail(`inconsistent Arrow file footer length ${footerLen} for a ${bytes.byteLength}-byte file`);
  }
}

function typeName(type: DataType): string {
  return String(type);
}

/** The column types data/arrow.go (initializeFrameField / parseColumn) turns into Grafana fields. */
function checkFieldType(f: ArrowField, index: number): void {
  const where = `field "${f.name}" (#${index})`;
  const t = f.type as DataType;
  switch (t.typeId) {
    case Type.Utf8:
    case Type.Binary:
    case Type.Bool:
      return;
    case Type.Int: {
      const bw = (t as Int).bitWidth;
      if (![8, 16, 32, 64].includes(bw)) {
        fail(`${where}: Int of bit width ${bw} is not supported`);
      }
      return;
    }
    case Type.Float: {
      const p = (t as Float).precision;
      if (p !== Precision.SINGLE && p !== Precision.DOUBLE) {
        fail(`${where}: ${typeName(t)} is not supported by data/arrow.go (only Float32 and Float64)`);
      }
      return;
    }
    case Type.Timestamp: {
      const unit = (t as Timestamp).unit;
      if (unit !== TimeUnit.NANOSECOND) {
        fail(
          `${where}: Timestamp unit ${TimeUnit[unit]} (contract): data/arrow.go reads every Timestamp column as int64 ` +
            'nanoseconds (time.Unix(0, v)) and ignores the unit, so these times would land near 1970; write TimeUnit.NANOSECOND'
        );
      }
      return;
    }
    default: {
      let hint = '';
      if (t.typeId === Type.Dictionary) {
        hint =
          ' (apache-arrow makes Dictionary<Int32, Utf8> from plain JS strings, e.g. vectorFromArray/tableFromArrays: build a Utf8 vector)';
      } else if (t.typeId === Type.LargeUtf8) {
        hint = ' (use Utf8)';
      } else if (t.typeId === Type.Date) {
        hint = ' (use Timestamp<NANOSECOND>)';
      }
      fail(
        `${where}: Arrow type ${typeName(t)} is not one of Utf8, Int8-64, Uint8-64, Float32/64, Bool, Timestamp, Binary; ` +
          `data/arrow.go fails the whole response with "unsupported conversion"${hint}`
      );
    }
  }
}

function parseJSON(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail(`${what} is not valid JSON (${(e as Error).message}): ${JSON.stringify(text)}`);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkMeta(raw: string | undefined): FrameMeta {
  if (raw === undefined) {
    return fail(
      'schema metadata "meta" is missing (contract): Grafana needs meta.type and a non-zero meta.typeVersion to read a frame as dataplane data (alerting included)'
    );
  }
  const meta = parseJSON(raw, 'schema metadata "meta"');
  if (!isPlainObject(meta)) {
    return fail(`schema metadata "meta" must be a JSON object (FrameMeta), got ${raw}`);
  }
  if (typeof meta.type !== 'string' || meta.type === '') {
    return fail(`meta.type must be a non-empty string, got ${JSON.stringify(meta.type)}`);
  }
  const tv = meta.typeVersion;
  if (
    !Array.isArray(tv) ||
    tv.length !== 2 ||
    !tv.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)
  ) {
    return fail(
      `meta.typeVersion must be an array of two non-negative integers ([major, minor], Go type [2]uint), got ${JSON.stringify(tv)}`
    );
  }
  return meta as FrameMeta;
}

function readValues(column: Vector, field: ArrowField): unknown[] {
  const values: unknown[] = [];
  if (field.type.typeId === Type.Timestamp) {
    // The raw int64 slots, exactly what Go's time.Unix(0, v) receives (apache-arrow's get() converts to ms).
    for (const data of column.data) {
      const raw = data.values as BigInt64Array;
      for (let i = 0; i < data.length; i++) {
        values.push(field.nullable && !data.getValid(i) ? null : BigInt(raw[data.offset + i]));
      }
    }
    return values;
  }
  for (let i = 0; i < column.length; i++) {
    values.push(field.nullable && !column.isValid(i) ? null : column.get(i));
  }
  return values;
}

/**
 * Throws GrafanaFrameError when `bytes` would fail or be misread by Grafana's Go frame decoder.
 */
export function checkGrafanaFrame(bytes: Uint8Array, expect: FrameExpectations = {}): CheckedFrame {
  checkFileContainer(bytes);

  let table: Table;
  try {
    const reader = RecordBatchReader.from(bytes);
    reader.open();
    if (!reader.isFile()) {
      fail('apache-arrow did not read the bytes as an IPC file');
    }
    const batches = reader.readAll();
    table = new Table(reader.schema, batches);
  } catch (e) {
    if (e instanceof GrafanaFrameError) {
      throw e;
    }
    return fail(`the Arrow IPC file does not decode: ${(e as Error).message}`);
  }

  const schemaMeta = table.schema.metadata;
  const name = schemaMeta.get('name');
  const refId = schemaMeta.get('refId');
  if (expect.refId !== undefined && refId !== expect.refId) {
    fail(
      `schema metadata "refId" is ${JSON.stringify(refId)}, expected the query's refId ${JSON.stringify(expect.refId)}`
    );
  }
  const meta = checkMeta(schemaMeta.get('meta'));

  const fields: CheckedField[] = table.schema.fields.map((f, index) => {
    checkFieldType(f, index);
    const where = `field "${f.name}" (#${index})`;
    const metadata = Object.fromEntries(f.metadata);
    const out: CheckedField = {
      name: f.name,
      type: typeName(f.type),
      typeId: f.typeId,
      nullable: f.nullable,
      metadata,
      values: [],
    };
    if (metadata.labels !== undefined) {
      const labels = parseJSON(metadata.labels, `${where} metadata "labels"`);
      if (!isPlainObject(labels)) {
        fail(`${where} metadata "labels" must be a JSON object of string values (data.Labels), got ${metadata.labels}`);
      }
      for (const [k, v] of Object.entries(labels)) {
        if (typeof v !== 'string') {
          fail(
            `${where} metadata "labels": value of label "${k}" is ${JSON.stringify(v)}, but data.Labels is map[string]string (only strings decode)`
          );
        }
      }
      out.labels = labels as Record<string, string>;
    }
    if (metadata.config !== undefined) {
      const config = parseJSON(metadata.config, `${where} metadata "config"`);
      if (!isPlainObject(config)) {
        fail(`${where} metadata "config" must be a JSON object (FieldConfig), got ${metadata.config}`);
      }
      out.config = config;
    }
    const column = table.getChildAt(index);
    if (column) {
      if (!f.nullable && column.nullCount > 0) {
        fail(
          `${where} is declared non-nullable but has ${column.nullCount} null(s) (contract): data/arrow.go reads the validity ` +
            'bitmap only for nullable fields, so these slots would be read as raw values; mark the field nullable'
        );
      }
      out.values = readValues(column, f);
    }
    return out;
  });

  return { name, refId, meta, fields, rowCount: table.numRows };
}
