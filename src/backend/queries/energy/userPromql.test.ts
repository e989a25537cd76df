import { QueryError } from '../../core/errors';
import { windowFor } from '../../measured/integrationWindow';
import {
  assertCounter,
  counterIncreasePerStep,
  parenthesised,
  rateFunctionsIn,
  splitTopLevelSum,
  totalCounterIncreasePerStep,
} from './userPromql';

const T = 1_736_121_600_000;
const w = windowFor(T, T + 3_600_000, 30_000);

describe("the user's PromQL", () => {
  it('finds a top-level sum, its grouping before or after, and nothing else', () => {
    expect(splitTopLevelSum('sum(x)')).toEqual({ grouping: '', inner: 'x' });
    expect(splitTopLevelSum(' SUM by (a, b) (x{l="v"}) ')).toEqual({ grouping: 'by (a, b)', inner: 'x{l="v"}' });
    expect(splitTopLevelSum('sum(x) without (instance)')).toEqual({ grouping: 'without (instance)', inner: 'x' });
    expect(splitTopLevelSum('sum(rate(x[5m])) # note')).toEqual({ grouping: '', inner: 'rate(x[5m])' });
    expect(splitTopLevelSum('sum(a) + sum(b)')).toBeUndefined();
    expect(splitTopLevelSum('sum(a) by (x) by (y)')).toBeUndefined();
    expect(splitTopLevelSum('sum_over_time(x[5m])')).toBeUndefined();
    expect(splitTopLevelSum('max(x)')).toBeUndefined();
    expect(splitTopLevelSum('sum(')).toBeUndefined();
    expect(splitTopLevelSum('x')).toBeUndefined();
  });

  it('reads parentheses and function names inside strings as text', () => {
    expect(splitTopLevelSum('sum(x{l=")"})')).toEqual({ grouping: '', inner: 'x{l=")"}' });
    expect(splitTopLevelSum("sum(x{l='\\')'})")).toEqual({ grouping: '', inner: "x{l='\\')'}" });
    expect(rateFunctionsIn('x{l="rate(y[5m])"}')).toEqual([]);
    expect(rateFunctionsIn('sum(rate(x[5m])) / sum(increase(y[1h])) # irate(z)')).toEqual(['rate', 'increase']);
    expect(rateFunctionsIn('rate_limit_total + irate (x[1m])')).toEqual(['irate']);
  });

  it('refuses rates where a counter is expected', () => {
    expect(() => assertCounter('sum(rate(x[5m]))', 'unitQuery', 'Hint.')).toThrow(QueryError);
    expect(() => assertCounter('sum(rate(x[5m]))', 'unitQuery', 'Hint.')).toThrow(
      'unitQuery must return a counter (a value that only grows, such as http_requests_total), because the plugin takes its ' +
        'increase per step itself; it calls rate(). Hint.'
    );
    expect(() => assertCounter('sum(http_requests_total)', 'unitQuery', '')).not.toThrow();
  });

  it('wraps counters in a per-step increase over two step-aligned points, per series before any sum', () => {
    expect(counterIncreasePerStep('node_energy_joules_total', w)).toBe(
      'irate((node_energy_joules_total)[45s:30s]) * 30'
    );
    expect(counterIncreasePerStep('sum by (instance) (node_energy_joules_total{a="b"})', w)).toBe(
      'sum by (instance) (irate((node_energy_joules_total{a="b"})[45s:30s])) * 30'
    );
    expect(totalCounterIncreasePerStep('sum by (pod) (http_requests_total{job="api"})', w)).toBe(
      'sum(irate((http_requests_total{job="api"})[45s:30s])) * 30'
    );
    expect(totalCounterIncreasePerStep('http_requests_total', w)).toBe(
      'sum(irate((http_requests_total)[45s:30s])) * 30'
    );
  });

  it('ends a comment before the closing parenthesis', () => {
    expect(parenthesised('x # all of them')).toBe('(x # all of them\n)');
    expect(parenthesised('x{l="#"}')).toBe('(x{l="#"})');
    expect(counterIncreasePerStep('x # c', w)).toBe('irate((x # c\n)[45s:30s]) * 30');
  });
});
