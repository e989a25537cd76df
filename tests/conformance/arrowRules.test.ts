/**
 * The frame checker must be able to fail: each frame below breaks one rule of Grafana's Go decoder
 * (grafana-plugin-sdk-go data/arrow.go) or of our frame contract and must be rejected with a message
 * naming that rule; a well-formed frame built the same way must pass.
 */
import {
  DataType,
  DateDay,
  Field,
  Float64,
  LargeUtf8,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  TimeUnit,
  Timestamp,
  Utf8,
  vectorFromArray,
  type Data,
} from 'apache-arrow';

import { checkGrafanaFrame, GrafanaFrameError } from './arrowRules';

const T0 = Date.UTC(2024, 0, 1);
const HOUR = 3600000;

interface Column {
  field: Field;
  data: Data;
}

function timeColumn(unit: TimeUnit = TimeUnit.NANOSECOND, name = 'time'): Column {
  const scale = unit === TimeUnit.NANOSECOND ? 1000000n : unit === TimeUnit.MICROSECOND ? 1000n : 1n;
  const raw = BigInt64Array.from([0, 1, 2], (i) => BigInt(T0 + i * HOUR) * scale);
  const type = new Timestamp(unit);
  return {
    field: new Field(name, type, false, new Map([['tstype', 'time']])),
    data: makeData({ type, length: 3, nullCount: 0, data: raw }),
  };
}

function valueColumn(metadata: Record<string, string> = {}, name = 'value'): Column {
  const type = new Float64();
  return {
    field: new Field(name, type, true, new Map(Object.entries({ tstype: 'number', ...metadata }))),
    data: makeData({ type, length: 3, nullCount: 0, data: Float64Array.from([1.5, 2.5, 3.5]) }),
  };
}

function column(name: string, type: DataType, data: Data, nullable = false): Column {
  return { field: new Field(name, type, nullable), data };
}

const META = JSON.stringify({ type: 'timeseries-multi', typeVersion: [0, 1] });

function frame(
  columns: Column[],
  schemaMeta: Record<string, string> = { refId: 'A', meta: META },
  format: 'file' | 'stream' = 'file'
): Uint8Array {
  const fields = columns.map((c) => c.field);
  const schema = new Schema(fields, new Map(Object.entries(schemaMeta)));
  const length = columns[0]?.data.length ?? 0;
  const struct = makeData({ type: new Struct(fields), length, nullCount: 0, children: columns.map((c) => c.data) });
  return tableToIPC(new Table(schema, new RecordBatch(schema, struct)), format);
}

function expectRejected(bytes: Uint8Array, message: RegExp, refId = 'A') {
  let thrown: unknown;
  try {
    checkGrafanaFrame(bytes, { refId });
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(GrafanaFrameError);
  expect((thrown as Error).message).toMatch(message);
}

describe('checkGrafanaFrame', () => {
  test('accepts a well-formed timeseries-multi frame and decodes it', () => {
    const labels = JSON.stringify({ provider: 'aws', region: 'eu-west-1' });
    const config = JSON.stringify({ unit: 'percent' });
    const checked = checkGrafanaFrame(
      frame([timeColumn(), valueColumn({ labels, config })], { name: 'cpu', refId: 'A', meta: META }),
      { refId: 'A' }
    );
    expect(checked.name).toBe('cpu');
    expect(checked.refId).toBe('A');
    expect(checked.meta).toEqual({ type: 'timeseries-multi', typeVersion: [0, 1] });
    expect(checked.rowCount).toBe(3);
    expect(checked.fields.map((f) => [f.name, f.type, f.nullable])).toEqual([
      ['time', 'Timestamp<NANOSECOND>', false],
      ['value', 'Float64', true],
    ]);
    expect(checked.fields[0].values).toEqual([0, 1, 2].map((i) => BigInt(T0 + i * HOUR) * 1000000n));
    expect(checked.fields[1].values).toEqual([1.5, 2.5, 3.5]);
    expect(checked.fields[1].labels).toEqual({ provider: 'aws', region: 'eu-west-1' });
    expect(checked.fields[1].config).toEqual({ unit: 'percent' });
  });

  test('accepts Utf8 string columns built explicitly', () => {
    const strings = vectorFromArray(['a', 'b', 'c'], new Utf8());
    const checked = checkGrafanaFrame(frame([column('region', new Utf8(), strings.data[0]), valueColumn()]));
    expect(checked.fields[0].values).toEqual(['a', 'b', 'c']);
  });

  test('rejects the IPC stream format', () => {
    expectRejected(frame([timeColumn(), valueColumn()], undefined, 'stream'), /not the Arrow IPC file format.*stream/);
  });

  test('rejects a file without its trailing magic (truncated)', () => {
    const bytes = frame([timeColumn(), valueColumn()]);
    expectRejected(bytes.subarray(0, bytes.byteLength - 1), /expected magic "ARROW1" at start and end/);
  });

  test('rejects a Dictionary field (what vectorFromArray makes of plain strings)', () => {
    const dict = vectorFromArray(['eu-west-1', 'us-east-1', 'eu-west-1']);
    expect(DataType.isDictionary(dict.type)).toBe(true);
    expectRejected(
      frame([timeColumn(), column('region', dict.type, dict.data[0])]),
      /field "region" \(#1\): Arrow type Dictionary.*unsupported conversion/
    );
  });

  test('rejects LargeUtf8 and Date columns', () => {
    const large = vectorFromArray(['a', 'b', 'c'], new LargeUtf8());
    expectRejected(frame([column('s', new LargeUtf8(), large.data[0])]), /field "s" \(#0\): Arrow type LargeUtf8/);
    const days = vectorFromArray([19723, 19724, 19725], new DateDay());
    expectRejected(frame([column('d', new DateDay(), days.data[0])]), /field "d" \(#0\): Arrow type Date/);
  });

  test('rejects a millisecond timestamp', () => {
    expectRejected(
      frame([timeColumn(TimeUnit.MILLISECOND), valueColumn()]),
      /field "time" \(#0\): Timestamp unit MILLISECOND.*nanoseconds/
    );
  });

  test('rejects labels that are not JSON', () => {
    expectRejected(
      frame([timeColumn(), valueColumn({ labels: '{region:eu-west-1}' })]),
      /field "value" \(#1\) metadata "labels" is not valid JSON/
    );
  });

  test('rejects labels with non-string values', () => {
    expectRejected(
      frame([timeColumn(), valueColumn({ labels: JSON.stringify({ region: 'eu-west-1', zone: 3 }) })]),
      /label "zone" is 3.*map\[string\]string/
    );
    expectRejected(frame([timeColumn(), valueColumn({ labels: '["a"]' })]), /"labels" must be a JSON object/);
  });

  test('rejects config that is not JSON', () => {
    expectRejected(
      frame([timeColumn(), valueColumn({ config: '{unit: percent}' })]),
      /metadata "config" is not valid JSON/
    );
  });

  test('rejects a refId that differs from the query', () => {
    expectRejected(frame([timeColumn(), valueColumn()], { refId: 'B', meta: META }), /"refId" is "B", expected .*"A"/);
    expectRejected(frame([timeColumn(), valueColumn()], { meta: META }), /"refId" is undefined, expected .*"A"/);
  });

  test('rejects missing or malformed meta', () => {
    expectRejected(frame([timeColumn(), valueColumn()], { refId: 'A' }), /"meta" is missing/);
    expectRejected(frame([timeColumn(), valueColumn()], { refId: 'A', meta: '{type:1' }), /"meta" is not valid JSON/);
    expectRejected(
      frame([timeColumn(), valueColumn()], { refId: 'A', meta: JSON.stringify({ typeVersion: [0, 1] }) }),
      /meta.type must be a non-empty string/
    );
    expectRejected(
      frame([timeColumn(), valueColumn()], {
        refId: 'A',
        meta: JSON.stringify({ type: 'timeseries-multi', typeVersion: '0.1' }),
      }),
      /meta.typeVersion must be an array of two/
    );
    expectRejected(
      frame([timeColumn(), valueColumn()], {
        refId: 'A',
        meta: JSON.stringify({ type: 'timeseries-multi', typeVersion: [0] }),
      }),
      /meta.typeVersion must be an array of two/
    );
  });

  test('rejects nulls in a non-nullable field', () => {
    const type = new Float64();
    const nullBitmap = Uint8Array.from([0b101]); // slot 1 is null
    const data = makeData({ type, length: 3, nullCount: 1, nullBitmap, data: Float64Array.from([1, 0, 3]) });
    expectRejected(frame([timeColumn(), column('value', type, data, false)]), /declared non-nullable but has 1 null/);
  });

  test('does not reject nulls in a nullable field and reports them as null', () => {
    const type = new Float64();
    const data = makeData({
      type,
      length: 3,
      nullCount: 1,
      nullBitmap: Uint8Array.from([0b101]),
      data: Float64Array.from([1, 0, 3]),
    });
    const checked = checkGrafanaFrame(frame([timeColumn(), column('value', type, data, true)]));
    expect(checked.fields[1].values).toEqual([1, null, 3]);
  });
});
