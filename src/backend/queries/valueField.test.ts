import type { Frame } from '../frames/frame';
import { QueryError } from '../core/errors';
import { selectValueField, valueFieldOf } from './valueField';

const table: Frame = {
  name: 'summary',
  meta: { type: 'numeric-long', typeVersion: [0, 1] },
  fields: [
    { kind: 'string', name: 'kind', values: ['workload', 'volume'] },
    { kind: 'number', name: 'count', values: [2, 1] },
    { kind: 'number', name: 'monthlyKgCO2e', values: [12.5, 0.4], config: { unit: 'suffix: kgCO2e' } },
  ],
};
const series: Frame = {
  meta: { type: 'timeseries-multi', typeVersion: [0, 1] },
  fields: [
    { kind: 'time', name: 'time', values: [1, 2] },
    { kind: 'number', name: 'watts', values: [3, 4] },
  ],
};

describe('valueField', () => {
  it('keeps the named number field with the string labels, and drops frames without it', () => {
    const out = selectValueField([table, series], 'monthlyKgCO2e');
    expect(out).toHaveLength(1);
    expect(out[0].fields.map((f) => f.name)).toEqual(['kind', 'monthlyKgCO2e']);
    expect(out[0].fields[1].config?.unit).toBe('suffix: kgCO2e');
    expect(out[0].meta).toEqual(table.meta);
  });

  it('keeps time fields of series', () => {
    expect(selectValueField([table, series], 'watts')[0].fields.map((f) => f.name)).toEqual(['time', 'watts']);
  });

  it('prefers the table when a table and a series both carry the field', () => {
    const curve: Frame = { ...series, fields: [series.fields[0], { kind: 'number', name: 'count', values: [1, 2] }] };
    const out = selectValueField([curve, table], 'count');
    expect(out).toHaveLength(1);
    expect(out[0].name).toBe('summary');
    expect(selectValueField([curve], 'count')[0].fields.map((f) => f.name)).toEqual(['time', 'count']);
  });

  it('fails with the number fields there are when the name is unknown', () => {
    expect(() => selectValueField([table, series], 'kgCO2e')).toThrow(
      'valueField "kgCO2e" is not a number field of this query\'s result. Use one of: count, monthlyKgCO2e, watts.'
    );
    expect(() => selectValueField([table], 'kind')).toThrow(QueryError);
  });

  it('reads the option from the query JSON', () => {
    expect(valueFieldOf({})).toBeUndefined();
    expect(valueFieldOf({ valueField: '' })).toBeUndefined();
    expect(valueFieldOf({ valueField: 'count' })).toBe('count');
    expect(() => valueFieldOf({ valueField: 3 })).toThrow('valueField must be the name of a number field, got 3.');
  });
});
