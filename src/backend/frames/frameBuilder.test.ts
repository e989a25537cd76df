import { tableFromIPC, Type, TimeUnit } from 'apache-arrow';
import { encodeFrame } from './frameBuilder';
import type { Frame } from './frame';

const frame: Frame = {
  name: 'aws/eu-west-1',
  meta: { type: 'timeseries-multi', typeVersion: [0, 1] },
  fields: [
    { name: 'time', kind: 'time', values: [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 1)] },
    {
      name: 'intensity',
      kind: 'number',
      values: [278.6, null],
      labels: { provider: 'aws', region: 'eu-west-1' },
      config: { unit: 'suffix: gCO2e/kWh' },
    },
    { name: 'note', kind: 'string', values: ['a', 'a'] },
  ],
};

describe('encodeFrame', () => {
  const bytes = encodeFrame(frame, 'A');
  const table = tableFromIPC(bytes);

  it('writes the Arrow IPC file format (ARROW1 magic at both ends), which the Go SDK requires', () => {
    const magic = Buffer.from('ARROW1');
    expect(Buffer.from(bytes.subarray(0, 6)).equals(magic)).toBe(true);
    expect(Buffer.from(bytes.subarray(bytes.length - 6)).equals(magic)).toBe(true);
  });

  it('sets name, refId and meta schema metadata', () => {
    expect(table.schema.metadata.get('name')).toBe('aws/eu-west-1');
    expect(table.schema.metadata.get('refId')).toBe('A');
    expect(JSON.parse(table.schema.metadata.get('meta')!)).toEqual({ type: 'timeseries-multi', typeVersion: [0, 1] });
  });

  it('writes times as non-nullable Timestamp(NANOSECOND) without a time zone', () => {
    const time = table.schema.fields[0];
    expect(time.typeId).toBe(Type.Timestamp);
    expect((time.type as any).unit).toBe(TimeUnit.NANOSECOND);
    expect((time.type as any).timezone ?? null).toBeNull();
    expect(time.nullable).toBe(false);
    const raw = table.getChild('time')!.data[0].values as BigInt64Array;
    expect(raw[0]).toBe(BigInt(Date.UTC(2024, 0, 1)) * BigInt(1_000_000));
    expect(raw[1] - raw[0]).toBe(BigInt(3_600_000_000_000));
  });

  it('writes numbers as nullable Float64 with labels and config metadata and a validity bitmap', () => {
    const value = table.schema.fields[1];
    expect(value.typeId).toBe(Type.Float);
    expect((value.type as any).precision).toBe(2); // DOUBLE
    expect(value.nullable).toBe(true);
    expect(JSON.parse(value.metadata.get('labels')!)).toEqual({ provider: 'aws', region: 'eu-west-1' });
    expect(JSON.parse(value.metadata.get('config')!)).toEqual({ unit: 'suffix: gCO2e/kWh' });
    expect(table.getChild('intensity')!.toArray()[0]).toBe(278.6);
    expect(table.getChild('intensity')!.get(1)).toBeNull();
  });

  it('writes strings as plain Utf8, never Dictionary, non-nullable when no value is null', () => {
    const note = table.schema.fields[2];
    expect(note.typeId).toBe(Type.Utf8);
    expect(note.nullable).toBe(false);
    expect(table.getChild('note')!.get(0)).toBe('a');
  });

  it('omits empty labels and config', () => {
    const t = tableFromIPC(encodeFrame({ fields: [{ name: 'v', kind: 'number', values: [1] }] }, 'B'));
    expect(t.schema.fields[0].metadata.has('labels')).toBe(false);
    expect(t.schema.fields[0].metadata.has('config')).toBe(false);
    expect(t.schema.metadata.has('meta')).toBe(false);
  });

  it('encodes an empty frame', () => {
    const t = tableFromIPC(encodeFrame({ name: 'empty', fields: [{ name: 'time', kind: 'time', values: [] }] }, 'C'));
    expect(t.numRows).toBe(0);
  });

  it('rejects fields of different lengths and non-finite times', () => {
    expect(() =>
      encodeFrame({ fields: [{ name: 'a', kind: 'number', values: [1] }, { name: 'b', kind: 'number', values: [] }] }, 'X')
    ).toThrow(/field "b" has 0 values, expected 1/);
    expect(() => encodeFrame({ fields: [{ name: 't', kind: 'time', values: [NaN] }] }, 'X')).toThrow(/non-finite/);
  });
});
