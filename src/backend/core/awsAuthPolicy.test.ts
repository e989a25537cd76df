import { readAwsAuthPolicy, sessionSeconds } from './awsAuthPolicy';

describe('readAwsAuthPolicy (names and defaults of grafana-aws-sdk pkg/awsds/authSettings.go)', () => {
  it('without anything from Grafana: default, keys, credentials; assume role on; 15 minutes', () => {
    expect(readAwsAuthPolicy({}, {})).toEqual({
      allowedAuthProviders: ['default', 'keys', 'credentials'],
      assumeRoleEnabled: true,
      sessionDurationSeconds: 900,
      origin: 'defaults',
    });
  });

  it('reads the environment of older Grafana', () => {
    const env = {
      AWS_AUTH_AllowedAuthProviders: 'ec2_iam_role',
      AWS_AUTH_AssumeRoleEnabled: 'false',
      AWS_AUTH_SESSION_DURATION: '30m',
    };
    expect(readAwsAuthPolicy(undefined, env)).toEqual({
      allowedAuthProviders: ['ec2_iam_role'],
      assumeRoleEnabled: false,
      sessionDurationSeconds: 1800,
      origin: 'environment',
    });
  });

  it('the plugin context wins over the environment when it carries any of the keys', () => {
    const env = { AWS_AUTH_AllowedAuthProviders: 'ec2_iam_role' };
    const policy = readAwsAuthPolicy({ AWS_AUTH_AssumeRoleEnabled: 'true' }, env);
    expect(policy.allowedAuthProviders).toEqual(['default', 'keys', 'credentials']);
    expect(policy.origin).toBe('grafanaConfig');
    expect(readAwsAuthPolicy({ unrelated: 'x' }, env).allowedAuthProviders).toEqual(['ec2_iam_role']);
  });

  it("an unreadable boolean keeps the default, as Go's strconv.ParseBool failing does in awsds", () => {
    expect(readAwsAuthPolicy({}, { AWS_AUTH_AssumeRoleEnabled: 'nope' }).assumeRoleEnabled).toBe(true);
    expect(readAwsAuthPolicy({}, { AWS_AUTH_AssumeRoleEnabled: '0' }).assumeRoleEnabled).toBe(false);
  });
});

describe('sessionSeconds (Grafana durations)', () => {
  it('reads Go durations and d/w; 1h30m = 3600 + 1800', () => {
    expect(sessionSeconds('1h30m')).toBe(5400);
    expect(sessionSeconds('1d')).toBe(86_400);
    expect(sessionSeconds('2w')).toBe(1_209_600);
  });

  it('STS minimum 900 s: at, below and above', () => {
    expect(sessionSeconds('900s')).toBe(900);
    expect(sessionSeconds('899s')).toBe(900);
    expect(sessionSeconds('901s')).toBe(901);
  });

  it('unreadable or absent: the 15-minute default', () => {
    expect(sessionSeconds(undefined)).toBe(900);
    expect(sessionSeconds('soon')).toBe(900);
    expect(sessionSeconds('15')).toBe(900);
  });
});
