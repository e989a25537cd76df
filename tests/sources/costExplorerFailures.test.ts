/**
 * Cost Explorer failures through the real SDK client and the replay server: error mapping,
 * credentials (keys, default chain, assume role through a replayed STS), health checks, and that
 * the access keys never reach a message.
 */
import { awsJsonError, awsQueryError, loadFixture, startAwsReplayServer } from '../helpers/awsReplayServer';
import {
  ACCESS_KEY_ID,
  ceError,
  FIXTURES,
  fetchError,
  fetchOk,
  fixture,
  GET_COST,
  harness,
  SECRET,
  useReplayServer,
} from './costExplorerHarness';

const replay = useReplayServer();

describe('errors', () => {
  it('maps AccessDenied to a downstream 403 naming ce:GetCostAndUsage', async () => {
    replay.server.route(GET_COST, ceError('error.access-denied.json'));
    const err = await fetchError(harness().source);
    expect(err.status).toBe(403);
    expect(err.source).toBe('downstream');
    expect(err.message).toMatch(/needs the IAM permission ce:GetCostAndUsage/);
    expect(replay.server.requestsFor(GET_COST)).toHaveLength(1);
  });

  it.each([
    ['error.data-unavailable.json', 503, /DataUnavailableException.*24 hours/],
    ['error.bill-expiration.json', 400, /BillExpirationException.*13 months/],
    ['error.request-changed.json', 409, /run the query again/],
    ['error.validation.json', 400, /ValidationException.*14 days/],
    [
      'error.unrecognized-client.json',
      401,
      /rejected the credentials \(UnrecognizedClientException\): check the access key ID/,
    ],
  ])('maps %s to HTTP %i', async (name, status, message) => {
    replay.server.route(GET_COST, ceError(name));
    const err = await fetchError(harness().source);
    expect(err.status).toBe(status);
    expect(err.source).toBe('downstream');
    expect(err.message).toMatch(message);
  });

  it('maps a server fault to 502 after retrying it', async () => {
    replay.server.route(GET_COST, { status: 500, body: { __type: 'InternalServerError', Message: 'internal' } });
    const { source, sleeps } = harness(
      {},
      { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined } }
    );
    const err = await fetchError(source);
    expect(sleeps).toEqual([]);
    expect(replay.server.requestsFor(GET_COST)).toHaveLength(2);
    expect(err.status).toBe(502);
    expect(err.message).toMatch(/HTTP 500/);
  });

  it('says it cannot reach an endpoint that refuses connections (502)', async () => {
    const closed = await startAwsReplayServer();
    const url = closed.url;
    await closed.close();
    const err = await fetchError(harness({ endpoint: url }).source);
    expect(err.status).toBe(502);
    expect(err.message).toContain(`Cannot reach Cost Explorer at ${url} (ECONNREFUSED)`);
  });

  it('maps a request that outlives the timeout to 504', async () => {
    replay.server.route(GET_COST, { ...fixture('get-cost-and-usage.empty.json'), delayMs: 1500 });
    const err = await fetchError(harness({}, { requestTimeoutMs: 200 }).source);
    expect(err.status).toBe(504);
    expect(err.message).toMatch(/did not answer within/);
  });

  it('never lets the access keys into a message, even when AWS quotes them', async () => {
    replay.server.route(
      GET_COST,
      awsJsonError(
        'InvalidSignatureException',
        `The request signature we calculated does not match. Credential=${ACCESS_KEY_ID}; secret ${SECRET}`
      )
    );
    const err = await fetchError(harness().source);
    expect(err.status).toBe(401);
    expect(err.message).not.toContain(SECRET);
    expect(err.message).not.toContain(ACCESS_KEY_ID);

    replay.server.route(GET_COST, awsJsonError('SomethingNewException', `echo ${ACCESS_KEY_ID} ${SECRET}`));
    const other = await fetchError(harness().source);
    expect(other.message).toContain('[redacted]');
    expect(other.message).not.toContain(SECRET);
  });

  it('rejects keys auth without keys as bad configuration', async () => {
    const err = await fetchError(harness({}, {}, {}).source);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/no keys are saved/);
    const half = await fetchError(harness({}, {}, { awsAccessKeyId: ACCESS_KEY_ID }).source);
    expect(half.message).toMatch(/secret access key is empty/);
  });
});

describe('credentials', () => {
  const envKeys = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'] as const;
  let saved: Record<string, string | undefined>;
  beforeEach(() => {
    saved = Object.fromEntries(envKeys.map((k) => [k, process.env[k]]));
  });
  afterEach(() => {
    for (const k of envKeys) {
      if (saved[k] === undefined) {
        delete process.env[k];
      } else {
        process.env[k] = saved[k];
      }
    }
  });

  it('default: uses the SDK provider chain (environment variables here)', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAFROMENVIRONMENT01';
    process.env.AWS_SECRET_ACCESS_KEY = 'environmentSecret0000000000000000000000';
    replay.server.route(GET_COST, fixture('get-cost-and-usage.empty.json'));
    await fetchOk(harness({ authType: 'default' }, {}, {}).source);
    expect(replay.server.requests[0].headers.authorization).toContain('Credential=AKIAFROMENVIRONMENT01/');
  });

  it('assumeRole: calls the replayed STS with the role, external id and session name, then signs CE with the session', async () => {
    replay.server.route('AssumeRole', { body: loadFixture(FIXTURES, 'sts.assume-role.xml') });
    replay.server.route(GET_COST, fixture('get-cost-and-usage.empty.json'));
    const roleArn = 'arn:aws:iam::123456789012:role/GreenOpsCostReader';
    const { source } = harness(
      { authType: 'assumeRole', assumeRoleArn: roleArn, externalId: 'grafana-ext-42', region: 'eu-west-1' },
      { stsEndpoint: replay.server.url }
    );
    await fetchOk(source);

    const sts = replay.server.requestsFor('AssumeRole');
    expect(sts).toHaveLength(1);
    expect(sts[0].form?.get('RoleArn')).toBe(roleArn);
    expect(sts[0].form?.get('ExternalId')).toBe('grafana-ext-42');
    expect(sts[0].form?.get('RoleSessionName')).toBe('greenops-carbon-grafana');
    // The saved keys are the identity that assumes the role; STS is signed in the configured region.
    expect(sts[0].headers.authorization).toContain(`Credential=${ACCESS_KEY_ID}/`);
    expect(sts[0].headers.authorization).toContain('/eu-west-1/sts/aws4_request');
    const ce = replay.server.requestsFor(GET_COST)[0];
    expect(ce.headers.authorization).toContain('Credential=ASIAREPLAYTEMP0000001/');
    expect(ce.headers['x-amz-security-token']).toBe('FwoGZXIvYXdzEReplayedSessionToken');
  });

  it('assumeRole: an STS AccessDenied becomes a 403 naming sts:AssumeRole', async () => {
    replay.server.route(
      'AssumeRole',
      awsQueryError(
        'AccessDenied',
        'User: arn:aws:iam::123456789012:user/grafana is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/GreenOpsCostReader'
      )
    );
    const { source } = harness(
      { authType: 'assumeRole', assumeRoleArn: 'arn:aws:iam::123456789012:role/GreenOpsCostReader' },
      { stsEndpoint: replay.server.url }
    );
    const err = await fetchError(source);
    expect(err.status).toBe(403);
    expect(err.message).toMatch(
      /Could not assume the role arn:aws:iam::123456789012:role\/GreenOpsCostReader \(AccessDenied\)/
    );
    expect(err.message).toMatch(/sts:AssumeRole/);
    expect(replay.server.requestsFor(GET_COST)).toHaveLength(0);
  });

  it('assumeRole: a malformed role ARN is bad configuration', async () => {
    const err = await fetchError(harness({ authType: 'assumeRole', assumeRoleArn: 'GreenOpsCostReader' }).source);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/is not an IAM role ARN/);
  });
});

describe('checkHealth', () => {
  it('makes one cheap uncached call for yesterday and reports it', async () => {
    replay.server.route(GET_COST, fixture('get-cost-and-usage.health.json'));
    const health = await harness().source.checkHealth();
    replay.seenText.push(health.message);
    expect(health.ok).toBe(true);
    expect(health.message).toBe(
      'Cost Explorer answered with the saved access keys: 41.23 USD amortized on 2025-03-09. This check made 1 request (USD 0.01).'
    );
    expect(replay.server.requests[0].json).toEqual({
      TimePeriod: { Start: '2025-03-09', End: '2025-03-10' },
      Granularity: 'DAILY',
      Metrics: ['AmortizedCost'],
    });
  });

  it('says what is wrong when access is denied', async () => {
    replay.server.route(GET_COST, ceError('error.access-denied.json'));
    const health = await harness().source.checkHealth();
    replay.seenText.push(health.message);
    expect(health.ok).toBe(false);
    expect(health.message).toMatch(/ce:GetCostAndUsage/);
  });

  it('reports bad configuration without calling AWS', async () => {
    const health = await harness({ authType: 'keys' }, {}, {}).source.checkHealth();
    expect(health).toEqual({ ok: false, message: expect.stringMatching(/no keys are saved/) });
    expect(replay.server.requests).toHaveLength(0);
  });
});
