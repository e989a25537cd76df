/**
 * Cost Explorer with the current settings shape (ConnectionConfig's keys) and within what the
 * Grafana server allows ([aws] allowed_auth_providers, assume_role_enabled, session_duration, as
 * Grafana passes them to plugins), against the replay server.
 */
import { DEFAULT_AWS_AUTH_POLICY, type AwsAuthPolicy } from '../../src/backend/core/awsAuthPolicy';
import { loadFixture } from '../helpers/awsReplayServer';
import {
  ACCESS_KEY_ID,
  currentShapeSettings,
  FIXTURES,
  fetchError,
  fetchOk,
  fixture,
  GET_COST,
  harness,
  harnessFor,
  useReplayServer,
} from './costExplorerHarness';

const replay = useReplayServer();
const ROLE = 'arn:aws:iam::123456789012:role/GreenOpsCostReader';
const policy = (overrides: Partial<AwsAuthPolicy>): AwsAuthPolicy => ({ ...DEFAULT_AWS_AUTH_POLICY, ...overrides });

describe('Cost Explorer with the current settings shape', () => {
  it('keys: signs with accessKey/secretKey and the top-level endpoint', async () => {
    replay.server.route(GET_COST, fixture('get-cost-and-usage.empty.json'));
    await fetchOk(harnessFor(currentShapeSettings({ authType: 'keys' })).source);
    expect(replay.server.requestsFor(GET_COST)[0].headers.authorization).toContain(`Credential=${ACCESS_KEY_ID}/`);
  });

  it('assume role: the keys assume jsonData.assumeRoleArn for the session duration Grafana passes', async () => {
    replay.server.route('AssumeRole', { body: loadFixture(FIXTURES, 'sts.assume-role.xml') });
    replay.server.route(GET_COST, fixture('get-cost-and-usage.empty.json'));
    const datasource = currentShapeSettings(
      { authType: 'keys', assumeRoleArn: ROLE, externalId: 'ext-7', defaultRegion: 'eu-west-1' },
      undefined,
      policy({ sessionDurationSeconds: 3600 })
    );
    await fetchOk(harnessFor(datasource, { stsEndpoint: replay.server.url }).source);
    const sts = replay.server.requestsFor('AssumeRole');
    expect(sts[0].form?.get('RoleArn')).toBe(ROLE);
    expect(sts[0].form?.get('ExternalId')).toBe('ext-7');
    expect(sts[0].form?.get('DurationSeconds')).toBe('3600');
    expect(sts[0].headers.authorization).toContain('/eu-west-1/sts/aws4_request');
  });

  it('assume role in the first shape asks STS for the default 15 minutes (awsds default)', async () => {
    replay.server.route('AssumeRole', { body: loadFixture(FIXTURES, 'sts.assume-role.xml') });
    replay.server.route(GET_COST, fixture('get-cost-and-usage.empty.json'));
    await fetchOk(harness({ authType: 'assumeRole', assumeRoleArn: ROLE }, { stsEndpoint: replay.server.url }).source);
    expect(replay.server.requestsFor('AssumeRole')[0].form?.get('DurationSeconds')).toBe('900');
  });
});

describe('what the Grafana server allows', () => {
  it('an auth provider outside allowed_auth_providers fails queries and the health check, naming the setting', async () => {
    const datasource = currentShapeSettings(
      { authType: 'keys' },
      undefined,
      policy({ allowedAuthProviders: ['default'] })
    );
    const err = await fetchError(harnessFor(datasource).source);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/"keys" is not allowed on this Grafana server/);
    expect(err.message).toMatch(/\[aws\] allowed_auth_providers \(AWS_AUTH_AllowedAuthProviders\) is "default"/);
    const health = await harnessFor(datasource).source.checkHealth();
    expect(health.ok).toBe(false);
    expect(health.message).toMatch(/allowed_auth_providers/);
    expect(replay.server.requestsFor(GET_COST)).toHaveLength(0);
  });

  it('the first shape is held to the same list', async () => {
    const datasource = currentShapeSettings({}, undefined, policy({ allowedAuthProviders: ['keys'] }));
    // jsonData.aws.authType "default" of the first shape is checked as "default".
    const err = await fetchError(
      harnessFor({ ...datasource, jsonData: { aws: { authType: 'default', endpoint: replay.server.url } } }).source
    );
    expect(err.message).toMatch(/"default" is not allowed/);
  });

  it('assume role when assume_role_enabled is false fails with the setting named, before calling STS', async () => {
    const datasource = currentShapeSettings(
      { authType: 'keys', assumeRoleArn: ROLE },
      undefined,
      policy({ assumeRoleEnabled: false })
    );
    const err = await fetchError(harnessFor(datasource, { stsEndpoint: replay.server.url }).source);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/Assume role is disabled on this Grafana server \(\[aws\] assume_role_enabled = false/);
    expect(replay.server.requestsFor('AssumeRole')).toHaveLength(0);
    const health = await harnessFor(datasource).source.checkHealth();
    expect(health.message).toMatch(/assume_role_enabled/);
  });

  it('Grafana Assume Role is refused with a reason', async () => {
    const datasource = currentShapeSettings(
      { authType: 'grafana_assume_role' },
      undefined,
      policy({ allowedAuthProviders: ['grafana_assume_role'] })
    );
    expect((await fetchError(harnessFor(datasource).source)).message).toMatch(/Grafana Assume Role/);
  });
});
