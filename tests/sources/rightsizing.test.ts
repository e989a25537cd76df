/**
 * Cost Explorer rightsizing through the real SDK client and the replay server: both pages read
 * (NextPageToken), findings normalised (numbers from strings, location names to region codes,
 * the default target of a Modify), billed requests and the cache, and the errors an account that
 * did not enable rightsizing, or an identity without the permission, gets. No key in any message.
 */
import { inspect } from 'node:util';

import { QueryError } from '../../src/backend/core/errors';
import {
  fetchRightsizingFindings,
  rightsizingFindingsOrNotice,
  type RightsizingFetchOptions,
} from '../../src/backend/sources/aws/rightsizing';
import { awsJsonError, type AwsReplayServer } from '../helpers/awsReplayServer';
import { instanceFor } from '../helpers/instances';
import { ACCESS_KEY_ID, ceError, fixture, SECRET, settings, useReplayServer } from './costExplorerHarness';

const GET_RIGHTSIZING = 'AWSInsightsIndexService.GetRightsizingRecommendation';
const PAGE_1 = fixture('get-rightsizing-recommendation.page1.json');
const PAGE_2 = fixture('get-rightsizing-recommendation.page2.json');
const PAGE_2_TOKEN: string = (PAGE_1.body as { NextPageToken: string }).NextPageToken;

const replay = useReplayServer();

const twoPages = (server: AwsReplayServer) =>
  server.route(GET_RIGHTSIZING, (req) => (req.json.NextPageToken === PAGE_2_TOKEN ? PAGE_2 : PAGE_1));

const options = (extra: RightsizingFetchOptions = {}): RightsizingFetchOptions => ({
  retry: { baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
  requestTimeoutMs: 2000,
  ...extra,
});

async function fetchError(fetch: () => Promise<unknown>): Promise<QueryError> {
  try {
    await fetch();
  } catch (error) {
    const e = error as Error;
    replay.seenText.push(String(e), e.message, JSON.stringify(e), inspect(e), e.stack ?? '');
    expect(error).toBeInstanceOf(QueryError);
    return error as QueryError;
  }
  throw new Error('the fetch resolved but an error was expected');
}

describe('fetchRightsizingFindings', () => {
  it('asks for AmazonEC2, same family, benefits considered, and follows NextPageToken to the second page', async () => {
    twoPages(replay.server);
    const result = await fetchRightsizingFindings(instanceFor(settings()), options());
    replay.seenText.push(...result.notices.map((n) => n.text));

    const [first, second] = replay.server.requestsFor(GET_RIGHTSIZING).map((r) => r.json);
    expect(replay.server.requestsFor(GET_RIGHTSIZING)).toHaveLength(2);
    expect(first).toEqual({
      Service: 'AmazonEC2',
      Configuration: { RecommendationTarget: 'SAME_INSTANCE_FAMILY', BenefitsConsidered: true },
      PageSize: 1000,
    });
    expect(second).toEqual({ ...first, NextPageToken: PAGE_2_TOKEN });
    // Two findings from each page, in order.
    expect(result.findings.map((f) => [f.instanceId, f.kind])).toEqual([
      ['i-0a1b2c3d4e5f60001', 'terminate'],
      ['i-0f9e8d7c6b5a40002', 'modify'],
      ['i-07c3a9e1b5d2f0003', 'terminate'],
      ['i-0d4b6f8a2c1e30004', 'modify'],
    ]);
    expect(result.requests).toBe(2);
    expect(result.notices).toContainEqual({
      severity: 'info',
      text: 'Cost Explorer rightsizing: 2 requests (2 billed, USD 0.02), 0 served from cache.',
    });
    expect(result.executed[0]).toMatch(/^GetRightsizingRecommendation Service=AmazonEC2 .*\(2 pages\)$/);
  });

  it('maps location names, old "EU (…)" ones included, to region codes and reads the strings as numbers', async () => {
    twoPages(replay.server);
    const { findings } = await fetchRightsizingFindings(instanceFor(settings()), options());
    const [t1, m1, t2, m2] = findings;
    expect(t1).toMatchObject({
      accountId: '111111111111',
      name: 'legacy-batch',
      instanceType: 'm5.large',
      platform: 'Linux/UNIX',
      region: 'eu-west-1',
      regionName: 'EU (Ireland)',
      vCpus: 2,
      maxCpuPercent: 0.6,
      // AWS sends "" without the CloudWatch agent: unknown, not 0.
      maxMemoryPercent: null,
      network: { inBytesPerSecond: 312.4, outBytesPerSecond: 98.7 },
      lookbackDays: 14,
      monthlyCost: 78.11,
      currency: 'USD',
      targetInstanceType: '',
      estimatedMonthlySavings: 78.11,
      generatedAt: Date.parse('2025-03-09T00:00:00Z'),
    });
    expect(m1).toMatchObject({
      accountId: '222222222222',
      region: 'eu-central-1',
      regionName: 'EU (Frankfurt)',
      instanceType: 'm5.2xlarge',
      maxCpuPercent: 9.3,
      monthlyCost: 335.8,
      targetInstanceType: 'm5.xlarge',
      targetVCpus: 4,
      targetMonthlyCost: 167.9,
      estimatedMonthlySavings: 167.9,
      targetMaxCpuPercent: 17.9,
    });
    expect(t2).toMatchObject({ name: '', region: 'us-east-1', instanceType: 'r5.large', maxCpuPercent: 0.8 });
    // AWS's default target (c5.xlarge), not the one with the larger saving (c5.large).
    expect(m2).toMatchObject({
      region: 'eu-west-1',
      targetInstanceType: 'c5.xlarge',
      targetMonthlyCost: 140.16,
      estimatedMonthlySavings: 140.16,
      targetMaxCpuPercent: 42,
    });
  });

  it('serves a repeated query from the cache: no billed request', async () => {
    twoPages(replay.server);
    const s = settings();
    await fetchRightsizingFindings(instanceFor(s), options());
    const again = await fetchRightsizingFindings(instanceFor(s), options());
    expect(replay.server.requestsFor(GET_RIGHTSIZING)).toHaveLength(2);
    expect(again.findings).toHaveLength(4);
    expect(again.notices[0].text).toBe(
      'Cost Explorer rightsizing: 2 requests (0 billed, USD 0.00), 2 served from cache.'
    );
  });

  it('retries a throttled page and says so', async () => {
    replay.server.route(GET_RIGHTSIZING, [
      awsJsonError('com.amazonaws.costexplorer#LimitExceededException', 'Rate exceeded'),
      { body: { ...(PAGE_2.body as object) } },
    ]);
    const result = await fetchRightsizingFindings(instanceFor(settings()), options());
    expect(replay.server.requestsFor(GET_RIGHTSIZING)).toHaveLength(2);
    expect(result.findings).toHaveLength(2);
    expect(result.notices.map((n) => n.text)).toContain(
      'Cost Explorer rightsizing: 1 attempt(s) were throttled or failed transiently and were retried with backoff.'
    );
  });

  it('says how to enable rightsizing when the payer account has not (opt-in AccessDeniedException)', async () => {
    replay.server.route(GET_RIGHTSIZING, ceError('get-rightsizing-recommendation.not-enabled.json'));
    const err = await fetchError(() => fetchRightsizingFindings(instanceFor(settings()), options()));
    expect(err.source).toBe('downstream');
    expect(err.status).toBe(403);
    expect(err.message).toMatch(
      /^Cost Explorer rightsizing recommendations are not enabled for this account \(AccessDeniedException\): enable rightsizing recommendations in Cost Explorer preferences of the payer \(management\) account/
    );
    expect(err.message).toContain('AWS said: Rightsizing EC2 recommendation is an opt-in only feature.');
    expect(err.message).not.toMatch(/IAM permission/);
  });

  it('names ce:GetRightsizingRecommendation when IAM denies access', async () => {
    replay.server.route(GET_RIGHTSIZING, ceError('get-rightsizing-recommendation.access-denied.json'));
    const err = await fetchError(() => fetchRightsizingFindings(instanceFor(settings()), options()));
    expect(err.status).toBe(403);
    expect(err.message).toMatch(
      /^Cost Explorer denied access to rightsizing recommendations \(AccessDeniedException\): the AWS identity needs the IAM permission ce:GetRightsizingRecommendation/
    );
    expect(err.message).not.toMatch(/ce:GetCostAndUsage|not enabled/);
  });

  it('redacts the access keys even when AWS quotes them', async () => {
    replay.server.route(
      GET_RIGHTSIZING,
      awsJsonError('AccessDeniedException', `The security token ${ACCESS_KEY_ID} / ${SECRET} is not authorized`)
    );
    const err = await fetchError(() => fetchRightsizingFindings(instanceFor(settings()), options()));
    expect(err.message).toContain('[redacted]');
    expect(err.message).not.toContain(ACCESS_KEY_ID);
    expect(err.message).not.toContain(SECRET);
  });

  it('fails with a settings message when AWS is not configured', async () => {
    const s = settings();
    delete s.jsonData.aws;
    const err = await fetchError(() => fetchRightsizingFindings(instanceFor(s), options()));
    expect(err.source).toBe('plugin');
    expect(err.message).toMatch(/AWS Cost Explorer is not configured/);
  });
});

describe('rightsizingFindingsOrNotice', () => {
  it('turns a failure of this source into an error notice with no findings', async () => {
    replay.server.route(GET_RIGHTSIZING, ceError('get-rightsizing-recommendation.not-enabled.json'));
    const result = await rightsizingFindingsOrNotice(instanceFor(settings()), options());
    replay.seenText.push(...result.notices.map((n) => n.text));
    expect(result.findings).toEqual([]);
    expect(result.notices).toHaveLength(1);
    expect(result.notices[0].severity).toBe('error');
    expect(result.notices[0].text).toMatch(/enable rightsizing recommendations in Cost Explorer preferences/);
  });
});
