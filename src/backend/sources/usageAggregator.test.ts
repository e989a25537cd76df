import { UsageAggregator, usageFilter, type UsageKey } from './usageAggregator';

const key: UsageKey = {
  provider: 'aws',
  account: '1',
  region: 'us-east-1',
  service: 'EC2',
  serviceCategory: 'Compute',
  usageType: 'BoxUsage:m5.large',
  unit: 'Hrs',
  instanceType: 'm5.large',
  currency: 'USD',
};

describe('UsageAggregator', () => {
  it('sums lines of the same bucket and key, and keeps others apart', () => {
    const agg = new UsageAggregator('daily');
    agg.add(Date.parse('2024-09-01T01:00:00Z'), key, 1, 0.1);
    agg.add(Date.parse('2024-09-01T23:00:00Z'), key, 2, 0.2);
    agg.add(Date.parse('2024-09-02T00:00:00Z'), key, 4, 0.4);
    agg.add(Date.parse('2024-09-01T05:00:00Z'), { ...key, region: 'eu-west-1' }, 8, 0.8);
    agg.add(Date.parse('2024-09-01T05:00:00Z'), { ...key, serviceCategory: undefined }, 16, 1.6, 2);
    expect(agg.size).toBe(4);
    const rows = agg.rows();
    expect(
      rows.map((r) => [new Date(r.start).toISOString().slice(0, 10), r.region, r.serviceCategory, r.amount])
    ).toEqual([
      // Within a bucket, by key (provider, account, region, service, category, ...), whatever the order added.
      ['2024-09-01', 'eu-west-1', 'Compute', 8],
      ['2024-09-01', 'us-east-1', undefined, 16],
      ['2024-09-01', 'us-east-1', 'Compute', 3],
      ['2024-09-02', 'us-east-1', 'Compute', 4],
    ]);
    expect(rows[2].cost).toBeCloseTo(0.3, 12);
    expect(rows[2].end - rows[2].start).toBe(86_400_000);
    expect(rows[1].vCpus).toBe(2);
    expect('vCpus' in rows[2]).toBe(false);
  });

  it('gives the same rows in the same order whatever order they were added in', () => {
    const lines: Array<[string, string, number]> = [
      ['2024-09-02T00:00:00Z', 'us-east-1', 1],
      ['2024-09-01T00:00:00Z', 'us-west-2', 2],
      ['2024-09-01T00:00:00Z', 'eu-west-1', 4],
    ];
    const rowsOf = (order: typeof lines) => {
      const agg = new UsageAggregator('daily');
      order.forEach(([time, region, amount]) => agg.add(Date.parse(time), { ...key, region }, amount, 0));
      return agg.rows().map((r) => [r.region, r.amount]);
    };
    expect(rowsOf(lines)).toEqual([
      ['eu-west-1', 4],
      ['us-west-2', 2],
      ['us-east-1', 1],
    ]);
    expect(rowsOf([...lines].reverse())).toEqual(rowsOf(lines));
  });

  it('does not confuse keys whose fields concatenate alike', () => {
    const agg = new UsageAggregator('monthly');
    agg.add(0, { ...key, account: 'ab', region: 'c' }, 1, 0);
    agg.add(0, { ...key, account: 'a', region: 'bc' }, 1, 0);
    expect(agg.size).toBe(2);
  });
});

describe('usageFilter', () => {
  it('lets everything through with no or empty lists, and matches each list exactly', () => {
    expect(usageFilter({})(key)).toBe(true);
    expect(usageFilter({ regions: [], services: [], accounts: [] })(key)).toBe(true);
    expect(usageFilter({ regions: ['us-east-1', 'eu-west-1'] })(key)).toBe(true);
    expect(usageFilter({ regions: ['eu-west-1'] })(key)).toBe(false);
    expect(usageFilter({ services: ['EC2'], accounts: ['2'] })(key)).toBe(false);
  });
});
