/**
 * Encodes frames the way grafana-plugin-sdk-go's data/arrow.go decodes them: Arrow IPC *file*
 * format, explicit schema, Timestamp(NANOSECOND) times, Utf8 (never Dictionary) strings, Float64
 * numbers, deliberate nullability, `name`/`refId`/`meta` schema metadata and `labels`/`config`
 * field metadata. This is the only module that touches Arrow.
 */
import {
  Data,
  Field,
  Float64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  TimestampNanosecond,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import type { Frame, FrameField } from './frame';
import { boundedNotices } from './noticeText';

const NANOS_PER_MILLI = BigInt(1_000_000);

export function encodeFrame(frame: Frame, refId: string): Uint8Array {
  const length = frame.fields.length === 0 ? 0 : frame.fields[0].values.length;
  for (const field of frame.fields) {
    if (field.values.length !== length) {
      throw new Error(
        `frame "${frame.name ?? ''}": field "${field.name}" has ${field.values.length} values, expected ${length}`
      );
    }
  }
  const arrowFields = frame.fields.map(toArrowField);
  const schemaMetadata = new Map<string, string>([
    ['name', frame.name ?? ''],
    ['refId', refId],
  ]);
  if (frame.meta) {
    const meta = frame.meta.notices ? { ...frame.meta, notices: boundedNotices(frame.meta.notices) } : frame.meta;
    schemaMetadata.set('meta', JSON.stringify(meta));
  }
  const schema = new Schema(arrowFields, schemaMetadata);
  const columns = frame.fields.map(toArrowData);
  const batch = new RecordBatch(
    schema,
    makeData({ type: new Struct(arrowFields), length, nullCount: 0, children: columns })
  );
  return tableToIPC(new Table(schema, [batch]), 'file');
}

function isNullable(field: FrameField): boolean {
  if (field.kind === 'time') {
    return false;
  }
  return field.nullable ?? field.values.some((v) => v === null || v === undefined);
}

function toArrowField(field: FrameField): Field {
  const metadata = new Map<string, string>([['tstype', field.kind]]);
  if (field.labels && Object.keys(field.labels).length > 0) {
    metadata.set('labels', JSON.stringify(field.labels));
  }
  if (field.config && Object.keys(field.config).length > 0) {
    metadata.set('config', JSON.stringify(field.config));
  }
  const type = field.kind === 'time' ? new TimestampNanosecond() : field.kind === 'number' ? new Float64() : new Utf8();
  return new Field(field.name, type, isNullable(field), metadata);
}

function toArrowData(field: FrameField): Data {
  switch (field.kind) {
    case 'time': {
      const nanos = new BigInt64Array(field.values.length);
      field.values.forEach((ms, i) => {
        if (!Number.isFinite(ms)) {
          throw new Error(`time field "${field.name}" has a non-finite value at row ${i}`);
        }
        nanos[i] = BigInt(Math.round(ms)) * NANOS_PER_MILLI;
      });
      return makeData({ type: new TimestampNanosecond(), length: nanos.length, nullCount: 0, data: nanos });
    }
    case 'number':
      return numberData(field.values);
    case 'string':
      // An explicit Utf8 type stops apache-arrow from dictionary-encoding strings.
      return vectorFromArray(field.values, new Utf8()).data[0];
  }
}

function numberData(values: Array<number | null>): Data<Float64> {
  const data = new Float64Array(values.length);
  const validity = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined || Number.isNaN(v)) {
      nullCount++;
    } else {
      data[i] = v;
      validity[i >> 3] |= 1 << (i & 7);
    }
  });
  return makeData({
    type: new Float64(),
    length: values.length,
    nullCount,
    data,
    nullBitmap: nullCount > 0 ? validity : undefined,
  });
}
