import { isNotFound, listQuery, normaliseExporters, normaliseListed, normaliseNamespaces } from './resources';

describe('normaliseExporters', () => {
  it('keeps well-formed entries', () => {
    expect(
      normaliseExporters({
        exporters: [{ id: 'kepler-0.10', name: 'Kepler 0.10+', present: true, detail: 'v0.10.2' }],
        queryTypes: { processPower: { available: false, reason: 'No Scaphandre' }, costVsCarbon: { available: true } },
      })
    ).toEqual({
      exporters: [{ id: 'kepler-0.10', name: 'Kepler 0.10+', present: true, detail: 'v0.10.2' }],
      queryTypes: {
        processPower: { available: false, reason: 'No Scaphandre' },
        costVsCarbon: { available: true, reason: undefined },
      },
    });
  });

  it('drops what it cannot read instead of failing', () => {
    expect(
      normaliseExporters({
        exporters: [{ name: 'no id' }, 'dcgm', null, { id: 'dcgm', present: 'yes' }],
        queryTypes: { a: 'unavailable', b: { reason: 'no flag' }, c: null, d: { available: false, reason: 7 } },
      })
    ).toEqual({
      exporters: [{ id: 'dcgm', name: 'dcgm', present: false, detail: undefined }],
      queryTypes: { d: { available: false, reason: undefined } },
    });
    for (const raw of [undefined, null, 'html error page', [], { exporters: {}, queryTypes: [] }]) {
      expect(normaliseExporters(raw)).toEqual({ exporters: [], queryTypes: {} });
    }
  });
});

describe('normaliseNamespaces', () => {
  it('accepts a list of names, a wrapped list and objects with a name; sorted and unique', () => {
    expect(normaliseNamespaces(['shop', 'jobs', 'shop', '', 3])).toEqual(['jobs', 'shop']);
    expect(normaliseNamespaces({ namespaces: ['b', 'a'] })).toEqual(['a', 'b']);
    expect(normaliseNamespaces([{ name: 'kube-system' }, { id: 'x' }])).toEqual(['kube-system']);
    expect(normaliseNamespaces(undefined)).toEqual([]);
  });
});

describe('isNotFound', () => {
  it('recognises a 404 FetchError only', () => {
    expect(isNotFound({ status: 404, data: { message: 'No resource' } })).toBe(true);
    expect(isNotFound({ status: 500 })).toBe(false);
    expect(isNotFound(new Error('404'))).toBe(false);
  });
});

describe('normaliseListed', () => {
  it('reads every shape the list routes answer with, unique by value, in the backend order', () => {
    expect(
      normaliseListed([
        { value: '123456789012', label: 'Production' },
        'shop',
        { name: 'jobs' },
        { provider: 'aws', region: 'eu-west-1', location: 'Ireland' },
        { value: 'shop', label: 'duplicate' },
        { value: '' },
        { label: 'no value' },
        7,
        null,
      ])
    ).toEqual([
      { value: '123456789012', text: 'Production' },
      { value: 'shop', text: 'shop' },
      { value: 'jobs', text: 'jobs' },
      { value: 'eu-west-1', text: 'eu-west-1' },
    ]);
    expect(normaliseListed({ message: 'html error page' })).toEqual([]);
  });
});

describe('listQuery', () => {
  it('keeps only the parameters that are set, as strings', () => {
    expect(listQuery({ source: 'focus', namespace: ' ', provider: undefined, from: 0, to: 5 })).toEqual({
      source: 'focus',
      from: '0',
      to: '5',
    });
  });
});
