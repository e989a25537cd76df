import { isNotFound, normaliseExporters, normaliseNamespaces } from './resources';

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
