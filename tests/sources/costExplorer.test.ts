/**
 * The Cost Explorer source against the REAL AWS SDK client, pointed at a local replay server that
 * answers with recorded API responses (tests/fixtures/costexplorer): request shape, pagination,
 * the cache, buckets, filters and throttling. Failures, credentials and health checks are in
 * costExplorerFailures.test.ts.
 */
import type { BillingRequest } from '../../src/backend/sources/billingSource';
import { CostExplorerSource } from '../../src/backend/sources/aws/costExplorerSource';
import { instanceFor } from '../helpers/instances';
import {
  ACCESS_KEY_ID,
  ceError,
  fetchError,
  fetchOk,
  fixture,
  GET_COST,
  harness,
  MARCH_1_TO_3,
  NOW,
  settings,
  threePages,
  useReplayServer,
} from './costExplorerHarness';

const replay = useReplayServer();

describe('GetCostAndUsage through the real SDK client', () => {
  it('follows NextPageToken over three pages and sums rows per day and usage type', async () => {
    threePages();
    const { source } = harness();
    const result = await fetchOk(source);

    const calls = replay.server.requestsFor(GET_COST);
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => c.json.NextPageToken)).toEqual([undefined, 'page-2-token', 'page-3-token']);
    const first = calls[0];
    expect(first.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(first.headers.authorization).toContain(`Credential=${ACCESS_KEY_ID}/20`);
    expect(first.headers.authorization).toContain('/us-east-1/ce/aws4_request');
    expect(first.json).toEqual({
      TimePeriod: { Start: '2025-03-01', End: '2025-03-03' },
      Granularity: 'DAILY',
      Metrics: ['UsageQuantity', 'AmortizedCost'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'SERVICE' },
        { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
      ],
      Filter: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage'] } },
    });
    // Page 2 repeats page 1 apart from the token.
    expect({ ...calls[1].json, NextPageToken: undefined }).toEqual({ ...first.json, NextPageToken: undefined });

    expect(result.requests).toBe(3);
    expect(result.cachedRequests).toBe(0);
    expect(result.rows).toHaveLength(11);
    const find = (day: string, usageType: string) =>
      result.rows.find((r) => r.start === Date.parse(`${day}T00:00:00Z`) && r.usageType === usageType);
    expect(find('2025-03-01', 'BoxUsage:m5.large')).toEqual({
      start: Date.parse('2025-03-01T00:00:00Z'),
      end: Date.parse('2025-03-02T00:00:00Z'),
      provider: 'aws',
      account: '',
      region: 'us-east-1',
      service: 'Amazon Elastic Compute Cloud - Compute',
      usageType: 'BoxUsage:m5.large',
      unit: 'Hrs',
      amount: 24,
      cost: 2.304,
      currency: 'USD',
      instanceType: 'm5.large',
    });
    expect(find('2025-03-01', 'EUW1-BoxUsage:c5.2xlarge')).toMatchObject({
      region: 'eu-west-1',
      instanceType: 'c5.2xlarge',
      amount: 48,
    });
    expect(find('2025-03-01', 'APN1-SpotUsage:m5.xlarge')).toMatchObject({ region: 'ap-northeast-1', amount: 12.5 });
    expect(find('2025-03-01', 'EUW1-EBS:VolumeUsage.gp3')).toMatchObject({ unit: 'GB-Mo', region: 'eu-west-1' });
    expect(find('2025-03-01', 'EUW1-EBS:VolumeUsage.gp3')?.instanceType).toBeUndefined();
    expect(find('2025-03-01', 'USE2-Lambda-GB-Second')).toMatchObject({
      region: 'us-east-2',
      unit: 'Lambda-GB-Second',
    });
    expect(find('2025-03-01', 'US-DataTransfer-Out-Bytes')).toMatchObject({ region: '', unit: 'GB' });
    expect(find('2025-03-02', 'USE1-EUW1-AWS-Out-Bytes')).toMatchObject({ region: 'us-east-1' });
    expect(find('2025-03-02', 'EUC1-InstanceUsage:db.r5.large')).toMatchObject({
      instanceType: 'db.r5.large',
      region: 'eu-central-1',
    });

    expect(result.notices).toContain('Cost Explorer: 3 requests (3 billed, USD 0.03), 0 served from cache.');
    expect(result.notices.join('\n')).toMatch(/1 period\(s\) as estimated \(from 2025-03-02\)/);
    expect(result.notices.join('\n')).toMatch(/usage of all accounts is summed/);
  });

  it('serves an identical request from the cache, and asks again once the TTL has passed', async () => {
    threePages();
    const { source, clock } = harness({ cacheTtlSeconds: 60 });
    const first = await fetchOk(source);
    const second = await fetchOk(source);
    expect(replay.server.requestsFor(GET_COST)).toHaveLength(3);
    expect(second.rows).toEqual(first.rows);
    expect(second.requests).toBe(3);
    expect(second.cachedRequests).toBe(3);
    expect(second.notices).toContain('Cost Explorer: 3 requests (0 billed, USD 0.00), 3 served from cache.');

    clock.now += 61_000;
    const third = await fetchOk(source);
    expect(replay.server.requestsFor(GET_COST)).toHaveLength(6);
    expect(third.cachedRequests).toBe(0);
  });

  it('drops cached pages and reads again once when a cached page carries a token CE no longer accepts', async () => {
    let staleTokenAnswered = false;
    replay.server.route(GET_COST, (req) => {
      if (req.json.NextPageToken === 'page-2-token' && !staleTokenAnswered) {
        staleTokenAnswered = true;
        return ceError('error.request-changed.json');
      }
      return req.json.NextPageToken === 'page-3-token'
        ? fixture('get-cost-and-usage.page3.json')
        : req.json.NextPageToken === 'page-2-token'
          ? fixture('get-cost-and-usage.page2.json')
          : fixture('get-cost-and-usage.page1.json');
    });
    const { source } = harness();
    // Call 1: page 1 is read (and cached), its token is refused; nothing came from the cache, so the error stands.
    const err = await fetchError(source);
    expect(err.status).toBe(409);
    // Call 2: page 1 comes from the cache and its token is refused once more; the query's cached
    // pages are dropped and it is read again from page 1, which now paginates normally.
    staleTokenAnswered = false;
    const result = await fetchOk(source);
    expect(result.rows).toHaveLength(11);
    const tokens = replay.server.requestsFor(GET_COST).map((r) => r.json.NextPageToken ?? 'first');
    expect(tokens).toEqual(['first', 'page-2-token', 'page-2-token', 'first', 'page-2-token', 'page-3-token']);
  });

  it("shares the cache between sources opened per query (the datasource instance's cache)", async () => {
    threePages();
    const shared = instanceFor(settings());
    const open = () => new CostExplorerSource(shared, { now: () => NOW });
    await fetchOk(open());
    const again = await fetchOk(open());
    expect(replay.server.requestsFor(GET_COST)).toHaveLength(3);
    expect(again.cachedRequests).toBe(3);
  });

  it('returns no rows for an empty result', async () => {
    replay.server.route(GET_COST, fixture('get-cost-and-usage.empty.json'));
    const result = await fetchOk(harness().source);
    expect(result.rows).toEqual([]);
    expect(result.requests).toBe(1);
  });

  it('keeps mixed-unit groups with unit N/A and says so', async () => {
    replay.server.route(GET_COST, fixture('get-cost-and-usage.mixed-units.json'));
    const result = await fetchOk(harness().source);
    expect(result.rows.find((r) => r.usageType === 'USE1-Requests-Tier1')).toMatchObject({ unit: 'N/A', cost: 0.007 });
    expect(result.notices.join('\n')).toMatch(/1 group\(s\) with mixed units \(unit "N\/A"\)/);
  });

  it('buckets monthly results (partial first month) on calendar months', async () => {
    replay.server.route(GET_COST, fixture('get-cost-and-usage.monthly.json'));
    const result = await fetchOk(harness().source, {
      from: Date.parse('2025-01-15T00:00:00Z'),
      to: Date.parse('2025-03-01T00:00:00Z'),
      granularity: 'monthly',
      filters: {},
    });
    expect(replay.server.requests[0].json).toMatchObject({
      Granularity: 'MONTHLY',
      TimePeriod: { Start: '2025-01-15', End: '2025-03-01' },
    });
    expect(result.rows.map((r) => [new Date(r.start).toISOString(), new Date(r.end).toISOString(), r.amount])).toEqual([
      ['2025-01-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z', 408],
      ['2025-02-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z', 672],
    ]);
  });

  it('refuses hourly granularity unless enabled, and sends ISO hours when it is', async () => {
    const hourly: BillingRequest = { from: NOW - 2 * 3_600_000 - 60_000, to: NOW, granularity: 'hourly', filters: {} };
    const off = harness();
    expect(off.source.hourlyAvailable).toBe(false);
    const err = await fetchError(off.source, hourly);
    expect(err.status).toBe(400);
    expect(err.source).toBe('plugin');
    expect(err.message).toMatch(/Hourly Cost Explorer data is off/);
    expect(replay.server.requests).toHaveLength(0);

    replay.server.route(GET_COST, fixture('get-cost-and-usage.hourly.json'));
    const on = harness({ hourlyEnabled: true });
    expect(on.source.hourlyAvailable).toBe(true);
    const result = await fetchOk(on.source, hourly);
    expect(replay.server.requests[0].json).toMatchObject({
      Granularity: 'HOURLY',
      TimePeriod: { Start: '2025-03-10T09:00:00Z', End: '2025-03-10T12:00:00Z' },
    });
    expect(result.rows.map((r) => r.end - r.start)).toEqual([3_600_000, 3_600_000]);
  });

  it('translates filters to a CE Filter and queries each filtered account separately', async () => {
    replay.server.route(GET_COST, fixture('get-cost-and-usage.mixed-units.json'));
    const result = await fetchOk(harness().source, {
      ...MARCH_1_TO_3,
      filters: {
        regions: ['us-east-1'],
        services: ['Amazon Elastic Compute Cloud - Compute'],
        accounts: ['111111111111', '222222222222'],
      },
    });
    const calls = replay.server.requestsFor(GET_COST);
    expect(calls).toHaveLength(2);
    expect(calls[0].json.Filter).toEqual({
      And: [
        { Dimensions: { Key: 'RECORD_TYPE', Values: ['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage'] } },
        { Dimensions: { Key: 'REGION', Values: ['us-east-1'] } },
        { Dimensions: { Key: 'SERVICE', Values: ['Amazon Elastic Compute Cloud - Compute'] } },
        { Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['111111111111'] } },
      ],
    });
    expect(calls[1].json.Filter.And[3]).toEqual({ Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['222222222222'] } });
    expect([...new Set(result.rows.map((r) => r.account))].sort()).toEqual(['111111111111', '222222222222']);
    expect(result.requests).toBe(2);
  });
});

describe('throttling', () => {
  it('retries LimitExceededException and HTTP 429 with exponential backoff, then succeeds', async () => {
    replay.server.route(GET_COST, [
      ceError('error.limit-exceeded.json'),
      { status: 429, body: { __type: 'ThrottlingException', Message: 'Rate exceeded' } },
      fixture('get-cost-and-usage.empty.json'),
    ]);
    const { source, sleeps } = harness();
    const result = await fetchOk(source);
    expect(replay.server.requestsFor(GET_COST)).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(sleeps[1]).toBeLessThanOrEqual(200);
    expect(result.requests).toBe(1);
    expect(result.notices.join('\n')).toMatch(/2 attempt\(s\) were throttled or failed transiently/);
  });

  it('gives up after the configured attempts with a 429 that says what to do', async () => {
    replay.server.route(GET_COST, ceError('error.limit-exceeded.json'));
    const { source, sleeps } = harness(
      {},
      { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, sleep: async () => undefined } }
    );
    const err = await fetchError(source);
    expect(replay.server.requestsFor(GET_COST)).toHaveLength(3);
    expect(sleeps).toHaveLength(0);
    expect(err.status).toBe(429);
    expect(err.source).toBe('downstream');
    expect(err.message).toMatch(/LimitExceededException\) even after 3 attempts/);
    expect(err.message).toMatch(/cache TTL/);
  });

  it('really sleeps with small base delays (no injected sleep)', async () => {
    replay.server.route(GET_COST, [ceError('error.limit-exceeded.json'), fixture('get-cost-and-usage.empty.json')]);
    const { source } = harness({}, { retry: { baseDelayMs: 5, maxDelayMs: 10 } });
    const started = Date.now();
    await fetchOk(source);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(replay.server.requestsFor(GET_COST)).toHaveLength(2);
  });
});
