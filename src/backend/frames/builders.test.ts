import { numberColumn, stringColumn, tableFrame } from './table';
import { seriesFrame, seriesFrames } from './series';
import { currencyUnit, suffixUnit, UNIT } from './units';

describe('table and series builders', () => {
  it('puts unit, then display name, then the rest in a number column config, leaving out what is not given', () => {
    const column = numberColumn('pue', [1.1], UNIT.ratio, 'PUE', { decimals: 3 });
    expect(JSON.stringify(column.config)).toBe('{"unit":"percentunit","displayNameFromDS":"PUE","decimals":3}');
    expect(numberColumn('count', [1], undefined, 'Count').config).toStrictEqual({ displayNameFromDS: 'Count' });
    expect(numberColumn('cost', [1], '', 'Cost').config).toStrictEqual({ displayNameFromDS: 'Cost' });
    expect(numberColumn('x', [null], UNIT.joule).config).toStrictEqual({ unit: 'joule' });
  });

  it('builds a numeric-long frame from its columns in order', () => {
    const frame = tableFrame('t', [stringColumn('k', ['a']), numberColumn('v', [1], UNIT.watt, 'V')]);
    expect(frame.name).toBe('t');
    expect(frame.meta?.type).toBe('numeric-long');
    expect(frame.fields.map((f) => f.name)).toEqual(['k', 'v']);
  });

  it('names each series after its label values, empties NaN steps, and keeps one fieldless frame when there is none', () => {
    const frames = seriesFrames(
      'power',
      [1, 2],
      [{ labels: { namespace: 'ml', pod: '' }, values: new Float64Array([1, NaN]) }],
      { unit: UNIT.watt },
      { notices: [] }
    );
    expect(frames[0].name).toBe('ml');
    expect(frames[0].fields[1]).toEqual({
      name: 'power',
      kind: 'number',
      values: [1, null],
      labels: { namespace: 'ml', pod: '' },
      config: { unit: 'watt', displayNameFromDS: 'ml' },
    });
    expect(seriesFrames('power', [], [], {}, { notices: [] })).toEqual([
      { name: 'power', meta: { type: 'timeseries-multi', typeVersion: [0, 1], notices: [] }, fields: [] },
    ]);
    const bare = seriesFrame({ name: 's', times: [1], valueName: 'v', values: [2] });
    expect(Object.keys(bare.fields[1])).toEqual(['name', 'kind', 'values']);
  });

  it('gives Grafana currency ids to the currencies it listed, a suffix to others', () => {
    expect(currencyUnit('EUR')).toBe('currencyEUR');
    expect(currencyUnit('XYZ')).toBe('suffix: XYZ');
    expect(suffixUnit('cores')).toBe(UNIT.cores);
  });
});
