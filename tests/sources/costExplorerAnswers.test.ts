/**
 * What Cost Explorer failures say when the cause is not a permission (issue 14, items 8 and 9),
 * through the real SDK client and the replay server: a signature AWS refuses (wrong secret key or
 * skewed clock, whatever the HTTP status), a body that is not AWS JSON (a web server or proxy
 * answering), and JSON that is not a GetCostAndUsage answer (which read as "no usage" before).
 */
import { QueryError } from '../../src/backend/core/errors';
import { costExplorerDimensionValues } from '../../src/backend/sources/aws/costExplorerDimensions';
import { fetchRightsizingFindings } from '../../src/backend/sources/aws/rightsizing';
import { awsJsonError, awsQueryError, type ReplayResponse } from '../helpers/awsReplayServer';
import { instanceFor } from '../helpers/instances';
import { fetchError, fetchOk, fixture, GET_COST, harness, NOW, settings, useReplayServer } from './costExplorerHarness';

const replay = useReplayServer();
/** One attempt: 5xx answers would otherwise be retried. */
const once = () => harness({}, { retry: { maxAttempts: 1, sleep: async () => undefined } });

const SIGNATURE =
  "the secret access key does not match the access key ID (check both in the datasource settings, or the credentials the Grafana server runs with), or the Grafana server's clock is off by more than 5 minutes (AWS refuses signatures dated outside that window: synchronise the clock, with NTP).";

describe('a signature AWS refuses', () => {
  it.each([
    [
      'InvalidSignatureException',
      400,
      'The request signature we calculated does not match the signature you provided.',
    ],
    ['InvalidSignatureException', 403, 'Signature expired: 20250310T115000Z is now earlier than 20250310T115500Z'],
    ['SignatureDoesNotMatch', 403, 'The request signature we calculated does not match the signature you provided.'],
  ])('%s with HTTP %i: the secret key or the clock, never an IAM permission', async (type, status, said) => {
    replay.server.route(GET_COST, awsJsonError(type, said, status));
    const err = await fetchError(once().source);
    expect(err).toMatchObject({ status: 401, source: 'downstream' });
    expect(err.message).toBe(`AWS rejected the request signature (${type}): ${SIGNATURE}`);
    expect(err.message).not.toMatch(/IAM permission|ce:GetCostAndUsage/);
  });

  it('from STS when assuming the role: the same two causes', async () => {
    replay.server.route(
      'AssumeRole',
      awsQueryError('SignatureDoesNotMatch', 'The request signature we calculated does not match')
    );
    const { source } = harness(
      { authType: 'assumeRole', assumeRoleArn: 'arn:aws:iam::123456789012:role/GreenOpsCostReader' },
      { stsEndpoint: replay.server.url }
    );
    const err = await fetchError(source);
    expect(err.status).toBe(401);
    expect(err.message).toBe(
      "AWS STS rejected the request signature when assuming the role (SignatureDoesNotMatch): the secret access key does not match the access key ID, or the Grafana server's clock is off by more than 5 minutes (synchronise it, with NTP)."
    );
  });
});

describe('a body that is not AWS JSON', () => {
  const html = (status: number): ReplayResponse => ({
    status,
    body: '<html><body>Welcome to nginx</body></html>',
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
  it.each([
    ['an HTML page with 200', html(200), 200, 'content type text/html'],
    ['an HTML page with 403 (not a permission either)', html(403), 403, 'content type text/html'],
    ['an HTML page with 502', html(502), 502, 'content type text/html'],
    [
      'plain text without a content type',
      { status: 200, body: 'hello', headers: { 'content-type': '' } },
      200,
      'no content type',
    ],
  ])('%s: says what answered, not the SDK internals', async (_name, response, status, type) => {
    replay.server.route(GET_COST, response);
    const err = await fetchError(once().source);
    expect(err).toMatchObject({ status: 502, source: 'downstream' });
    expect(err.message).toBe(
      `Cost Explorer at ${replay.server.url} answered HTTP ${status} with ${type}, which is not a Cost Explorer answer (AWS JSON): check the endpoint in the datasource settings, and any proxy between the Grafana server and AWS.`
    );
    expect(err.message).not.toMatch(/\$response|Deserialization|SyntaxError|Unexpected token/);
  });
});

describe('JSON that is not a GetCostAndUsage answer', () => {
  it.each([
    ['{}', {}, 'no ResultsByTime list'],
    ['a JSON list', [1, 2], 'no ResultsByTime list'],
    ['ResultsByTime a string', { ResultsByTime: 'nope' }, 'ResultsByTime is a string, not a list'],
    ['a result that is not an object', { ResultsByTime: [7] }, 'ResultsByTime[0] is not an object'],
    [
      'a result without a date',
      { ResultsByTime: [{ TimePeriod: { Start: 5 }, Groups: [] }] },
      'ResultsByTime[0] has no TimePeriod.Start date',
    ],
    [
      'Groups not a list',
      { ResultsByTime: [{ TimePeriod: { Start: '2025-03-01' }, Groups: 'x' }] },
      'ResultsByTime[0].Groups is not a list',
    ],
  ])('%s: a downstream error naming what is wrong, not an empty answer', async (_name, body, what) => {
    replay.server.route(GET_COST, { status: 200, body });
    const err = await fetchError(once().source);
    expect(err).toMatchObject({ status: 502, source: 'downstream' });
    expect(err.message).toBe(
      `Cost Explorer at ${replay.server.url} answered GetCostAndUsage with something that is not a Cost Explorer answer (${what}): check the endpoint in the datasource settings, and any proxy between the Grafana server and AWS.`
    );
  });

  it('is not cached: the next query reads Cost Explorer again', async () => {
    const { source } = once();
    replay.server.route(GET_COST, { status: 200, body: {} });
    await fetchError(source);
    replay.server.route(GET_COST, fixture('get-cost-and-usage.empty.json'));
    const result = await fetchOk(source);
    expect(result.requests - result.cachedRequests).toBe(1);
    expect(replay.server.requestsFor(GET_COST)).toHaveLength(2);
  });

  it('fails the health check', async () => {
    replay.server.route(GET_COST, { status: 200, body: {} });
    const health = await once().source.checkHealth();
    replay.seenText.push(health.message);
    expect(health).toEqual({ ok: false, message: expect.stringContaining('(no ResultsByTime list)') });
  });
});

describe('an answer with no usage', () => {
  it('says how many periods came back and that none held usage', async () => {
    // The recorded empty answer: two days (March 1 and 2), Groups [] in each.
    replay.server.route(GET_COST, fixture('get-cost-and-usage.empty.json'));
    const { rows, notices } = await fetchOk(once().source);
    expect(rows).toEqual([]);
    expect(notices).toContain(
      'Cost Explorer: no usage for this range and filters: 2 period(s) answered, none with a usage group (record types Usage, DiscountedUsage, SavingsPlanCoveredUsage).'
    );
  });
});

describe('rightsizing and dimension values', () => {
  const GET_RIGHTSIZING = 'AWSInsightsIndexService.GetRightsizingRecommendation';
  const GET_DIMENSION_VALUES = 'AWSInsightsIndexService.GetDimensionValues';
  const opts = { now: () => NOW, retry: { maxAttempts: 1, sleep: async () => undefined }, requestTimeoutMs: 2000 };
  const rejection = async (promise: Promise<unknown>): Promise<QueryError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e
    );
    expect(error).toBeInstanceOf(QueryError);
    replay.seenText.push((error as Error).message);
    return error as QueryError;
  };
  const foreign = (operation: string, what: string) =>
    `Cost Explorer at ${replay.server.url} answered ${operation} with something that is not a Cost Explorer answer (${what}): check the endpoint in the datasource settings, and any proxy between the Grafana server and AWS.`;
  const rightsizing = () => rejection(fetchRightsizingFindings(instanceFor(settings()), opts));

  it('rightsizing: a refused signature with HTTP 403 is the secret key or the clock, not a permission', async () => {
    replay.server.route(GET_RIGHTSIZING, awsJsonError('SignatureDoesNotMatch', 'does not match', 403));
    const err = await rightsizing();
    expect(err.status).toBe(401);
    expect(err.message).toBe(`AWS rejected the request signature (SignatureDoesNotMatch): ${SIGNATURE}`);
  });

  it('rightsizing: an HTML page with 403 is a foreign answer, not a permission', async () => {
    replay.server.route(GET_RIGHTSIZING, {
      status: 403,
      body: '<html>Forbidden</html>',
      headers: { 'content-type': 'text/html' },
    });
    const err = await rightsizing();
    expect(err.status).toBe(502);
    expect(err.message).toMatch(/answered HTTP 403 with content type text\/html, which is not a Cost Explorer answer/);
    expect(err.message).not.toMatch(/IAM permission/);
  });

  it('rightsizing: recommendations that are not a list', async () => {
    replay.server.route(GET_RIGHTSIZING, { status: 200, body: { RightsizingRecommendations: 'x' } });
    const err = await rightsizing();
    expect(err.message).toBe(
      foreign('GetRightsizingRecommendation', 'RightsizingRecommendations is a string, not a list')
    );
  });

  it('dimension values: an answer without the DimensionValues list', async () => {
    replay.server.route(GET_DIMENSION_VALUES, { status: 200, body: {} });
    const window = { fromMs: Date.parse('2025-03-01T00:00:00Z'), toMs: Date.parse('2025-03-08T00:00:00Z') };
    const err = await rejection(costExplorerDimensionValues(instanceFor(settings()), 'SERVICE', window, opts));
    expect(err).toMatchObject({ status: 502, message: foreign('GetDimensionValues', 'no DimensionValues list') });
  });
});
