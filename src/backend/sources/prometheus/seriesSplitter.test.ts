import { SeriesSplitter } from './seriesSplitter';

/** Splits `json` fed in chunks of `chunk` bytes: the series handed on, and the rest parsed. */
function split(json: string, chunk: number): { series: unknown[]; rest: unknown } {
  const series: unknown[] = [];
  const splitter = new SeriesSplitter((s) => series.push(s));
  const bytes = Buffer.from(json);
  for (let i = 0; i < bytes.length; i += chunk) {
    splitter.push(bytes.subarray(i, i + chunk));
  }
  return { series, rest: JSON.parse(splitter.rest()) };
}

describe('SeriesSplitter splits', () => {
  const answers = {
    vector: {
      status: 'success',
      warnings: ['w'],
      data: {
        resultType: 'vector',
        result: [
          { metric: { a: '{"x":[1]}, "}' }, value: [1, '1'] },
          { metric: { b: 'é ✓ \\ "' }, value: [1.5, 'NaN'] },
          { metric: {}, value: [2, '3'] },
        ],
      },
    },
    matrix: {
      data: {
        result: [
          {
            metric: {},
            values: [
              [1, '1'],
              [2, '2'],
            ],
          },
          { metric: { z: ']' }, values: [] },
        ],
        resultType: 'matrix',
      },
      status: 'success',
    },
    series: { status: 'success', data: [{ __name__: 'a' }, { __name__: 'b', c: 'd' }] },
    scalar: { status: 'success', data: { resultType: 'scalar', result: [1, '2'] } },
    empty: { status: 'success', data: { resultType: 'vector', result: [] } },
  };

  it.each(Object.entries(answers))(
    'hands on each series of a %s answer and keeps the rest, whatever the chunk size',
    (_kind, answer) => {
      const list = (d: { result?: unknown[] } | unknown[]) => (Array.isArray(d) ? d : (d.result ?? []));
      const isSeries = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
      const expected = list(answer.data as { result?: unknown[] }).filter(isSeries);
      for (const json of [JSON.stringify(answer), JSON.stringify(answer, null, 2)]) {
        for (const chunk of [1, 3, 7, 64, json.length]) {
          const { series, rest } = split(json, chunk);
          expect(series).toEqual(expected);
          const without = JSON.parse(json) as { data: { result?: unknown[] } | unknown[] };
          if (Array.isArray(without.data)) {
            without.data = without.data.filter((x) => !isSeries(x));
          } else if (without.data.result) {
            without.data.result = without.data.result.filter((x) => !isSeries(x));
          }
          expect(rest).toEqual(without);
        }
      }
    }
  );

  it('fails a series that is not JSON with a downstream error', () => {
    expect(() => split('{"data":{"result":[{"metric":{},"value":[1,"1"],}]}}', 5)).toThrow(
      /cannot read: series 1 is not JSON/
    );
  });

  it('passes on what the series handler throws', () => {
    const splitter = new SeriesSplitter(() => {
      throw new Error('stop');
    });
    expect(() => splitter.push(Buffer.from('{"data":[{}]}'))).toThrow('stop');
  });
});

describe('SeriesSplitter counts', () => {
  const count = (json: string, chunk = 7) => {
    const splitter = new SeriesSplitter(() => undefined);
    const bytes = Buffer.from(json);
    for (let i = 0; i < bytes.length; i += chunk) {
      splitter.push(bytes.subarray(i, i + chunk));
    }
    return splitter.count;
  };

  it('counts series of query, query_range and series answers, across chunk boundaries', () => {
    const vector = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: { a: '{"x":[1]}' }, value: [1, '1'] },
          { metric: {}, value: [1, '2'] },
        ],
      },
    });
    expect(count(vector)).toBe(2);
    expect(count(vector, 1)).toBe(2);
    const matrix = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: {},
            values: [
              [1, '1'],
              [2, '2'],
            ],
          },
        ],
      },
    });
    expect(count(matrix)).toBe(1);
    expect(
      count(JSON.stringify({ status: 'success', data: [{ __name__: 'a' }, { __name__: 'b' }, { __name__: 'c' }] }))
    ).toBe(3);
  });

  it('does not depend on key order or confuse lookalike keys', () => {
    const reordered = '{"data":{"result":[{"metric":{}},{"metric":{}}],"resultType":"vector"},"status":"success"}';
    expect(count(reordered)).toBe(2);
    const decoy =
      '{"status":"success","warnings":[{"result":1}],"data":{"resultType":"vector","note":{"result":[{}]},"result":[]}}';
    expect(count(decoy)).toBe(0);
    expect(count('{"status":"success","data":{"resultType":"scalar","result":[1,"1"]}}')).toBe(0);
    expect(count('{"status":"success","data":["a","b"]}')).toBe(0);
  });

  it('handles escaped quotes and backslashes inside strings', () => {
    const tricky =
      '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"\\\\\\"}]{"},"value":[1,"1"]}]}}';
    expect(JSON.parse(tricky).data.result).toHaveLength(1);
    expect(count(tricky, 3)).toBe(1);
  });
});
