import type { BillingRequest } from '../billingSource';
import {
  filterExpression,
  MAX_SPLIT_ACCOUNTS,
  planQueries,
  timePeriod,
  USAGE_RECORD_TYPES,
} from './costExplorerRequest';

const NOW = Date.parse('2025-03-10T12:34:00Z');
const at = (iso: string) => Date.parse(iso);

describe('timePeriod', () => {
  it('uses whole UTC days with an exclusive End for daily and monthly', () => {
    expect(timePeriod(at('2025-03-01T00:00:00Z'), at('2025-03-03T00:00:00Z'), 'daily', NOW)).toEqual({
      Start: '2025-03-01',
      End: '2025-03-03',
    });
    // partial days widen to the days they touch
    expect(timePeriod(at('2025-03-01T06:00:00Z'), at('2025-03-02T18:00:00Z'), 'daily', NOW)).toEqual({
      Start: '2025-03-01',
      End: '2025-03-03',
    });
    expect(timePeriod(at('2025-01-15T00:00:00Z'), at('2025-03-01T00:00:00Z'), 'monthly', NOW)).toEqual({
      Start: '2025-01-15',
      End: '2025-03-01',
    });
  });

  it('uses ISO hours for hourly', () => {
    expect(timePeriod(at('2025-03-10T09:15:00Z'), at('2025-03-10T11:30:00Z'), 'hourly', NOW)).toEqual({
      Start: '2025-03-10T09:00:00Z',
      End: '2025-03-10T12:00:00Z',
    });
  });

  it('stops at the end of today (this hour for hourly), and is empty for a future range', () => {
    expect(timePeriod(at('2025-03-09T00:00:00Z'), at('2025-04-01T00:00:00Z'), 'daily', NOW)?.End).toBe('2025-03-11');
    expect(timePeriod(at('2025-03-10T10:00:00Z'), at('2025-03-11T00:00:00Z'), 'hourly', NOW)?.End).toBe(
      '2025-03-10T13:00:00Z'
    );
    expect(timePeriod(at('2025-04-01T00:00:00Z'), at('2025-05-01T00:00:00Z'), 'daily', NOW)).toBeUndefined();
  });
});

describe('filterExpression', () => {
  const recordTypes = { Dimensions: { Key: 'RECORD_TYPE', Values: USAGE_RECORD_TYPES } };

  it('always keeps usage record types, RI- and Savings-Plan-covered usage included', () => {
    expect(USAGE_RECORD_TYPES).toEqual(['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage']);
    expect(filterExpression({})).toEqual(recordTypes);
    expect(filterExpression({ regions: [], services: [] })).toEqual(recordTypes);
  });

  it('ANDs regions, services and accounts', () => {
    expect(filterExpression({ regions: ['eu-west-1'], services: ['AWS Lambda'] }, ['111111111111'])).toEqual({
      And: [
        recordTypes,
        { Dimensions: { Key: 'REGION', Values: ['eu-west-1'] } },
        { Dimensions: { Key: 'SERVICE', Values: ['AWS Lambda'] } },
        { Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['111111111111'] } },
      ],
    });
  });
});

describe('planQueries', () => {
  const request = (accounts?: string[]): BillingRequest => ({
    from: at('2025-03-01T00:00:00Z'),
    to: at('2025-03-08T00:00:00Z'),
    granularity: 'daily',
    filters: { accounts },
  });

  it('asks once for all accounts when none is named, grouping by SERVICE and USAGE_TYPE', () => {
    const plan = planQueries(request(), NOW);
    expect(plan.queries).toHaveLength(1);
    expect(plan.queries[0].account).toBe('');
    expect(plan.queries[0].input).toEqual({
      TimePeriod: { Start: '2025-03-01', End: '2025-03-08' },
      Granularity: 'DAILY',
      Metrics: ['UsageQuantity', 'AmortizedCost'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'SERVICE' },
        { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
      ],
      Filter: { Dimensions: { Key: 'RECORD_TYPE', Values: USAGE_RECORD_TYPES } },
    });
    expect(plan.notices[0]).toMatch(/usage of all accounts is summed/);
  });

  it('asks once per named account (deduplicated) so rows carry the account', () => {
    const plan = planQueries(request(['1', '2', '1']), NOW);
    expect(plan.queries.map((q) => q.account)).toEqual(['1', '2']);
    expect(plan.notices).toEqual([]);
  });

  it('queries many accounts together rather than paying one request each', () => {
    const many = Array.from({ length: MAX_SPLIT_ACCOUNTS + 1 }, (_, i) => String(100000000000 + i));
    const plan = planQueries(request(many), NOW);
    expect(plan.queries).toHaveLength(1);
    expect(plan.queries[0].account).toBe('');
    expect(JSON.stringify(plan.queries[0].input.Filter)).toContain('LINKED_ACCOUNT');
    expect(plan.notices[0]).toMatch(/21 accounts are queried together/);
  });

  it('plans nothing for a future range', () => {
    const plan = planQueries({ ...request(), from: at('2026-01-01T00:00:00Z'), to: at('2026-02-01T00:00:00Z') }, NOW);
    expect(plan.queries).toEqual([]);
  });
});
