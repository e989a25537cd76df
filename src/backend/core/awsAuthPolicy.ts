/**
 * What the Grafana server allows AWS datasources, from its `[aws]` section: the auth providers
 * (`allowed_auth_providers`), whether assume role is enabled (`assume_role_enabled`) and how long an
 * assumed role's session lasts (`session_duration`). Grafana passes them to plugins under the names
 * grafana-aws-sdk's awsds package reads (pkg/awsds/authSettings.go): in the plugin context's
 * grafanaConfig for plugins listed in `[aws] forward_settings_to_plugins`, and, in older Grafana, as
 * environment variables of the plugin process. As awsds does, the context wins when it carries any
 * of them; absent, the defaults are awsds's (and Grafana's): default, keys, credentials; assume role
 * enabled; 15 minutes.
 */
export const ALLOWED_AUTH_PROVIDERS_KEY = 'AWS_AUTH_AllowedAuthProviders';
export const ASSUME_ROLE_ENABLED_KEY = 'AWS_AUTH_AssumeRoleEnabled';
export const SESSION_DURATION_KEY = 'AWS_AUTH_SESSION_DURATION';

/** awsds's (and the AWS SDK's stscreds) default session duration. */
export const DEFAULT_SESSION_SECONDS = 15 * 60;
/** STS refuses shorter sessions. */
const MIN_SESSION_SECONDS = 900;

export interface AwsAuthPolicy {
  allowedAuthProviders: string[];
  assumeRoleEnabled: boolean;
  sessionDurationSeconds: number;
  /** Where the policy came from, for messages. */
  origin: 'grafanaConfig' | 'environment' | 'defaults';
}

export const DEFAULT_AWS_AUTH_POLICY: AwsAuthPolicy = {
  allowedAuthProviders: ['default', 'keys', 'credentials'],
  assumeRoleEnabled: true,
  sessionDurationSeconds: DEFAULT_SESSION_SECONDS,
  origin: 'defaults',
};

type Source = Readonly<Record<string, string | undefined>>;

export function readAwsAuthPolicy(grafanaConfig: Source | undefined, env: Source): AwsAuthPolicy {
  const keys = [ALLOWED_AUTH_PROVIDERS_KEY, ASSUME_ROLE_ENABLED_KEY, SESSION_DURATION_KEY];
  const fromContext = !!grafanaConfig && keys.some((k) => (grafanaConfig[k] ?? '') !== '');
  const source = fromContext ? grafanaConfig! : env;
  const anyInEnv = keys.some((k) => (env[k] ?? '') !== '');
  const providers = (source[ALLOWED_AUTH_PROVIDERS_KEY] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    allowedAuthProviders: providers.length ? providers : DEFAULT_AWS_AUTH_POLICY.allowedAuthProviders,
    assumeRoleEnabled: parseBool(source[ASSUME_ROLE_ENABLED_KEY]) ?? DEFAULT_AWS_AUTH_POLICY.assumeRoleEnabled,
    sessionDurationSeconds: sessionSeconds(source[SESSION_DURATION_KEY]),
    origin: fromContext ? 'grafanaConfig' : anyInEnv ? 'environment' : 'defaults',
  };
}

/** Go's strconv.ParseBool, which awsds uses; undefined when absent or unreadable (awsds keeps its default). */
function parseBool(value: string | undefined): boolean | undefined {
  const v = (value ?? '').trim();
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) {
    return true;
  }
  return ['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v) ? false : undefined;
}

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * Grafana's durations (gtime.ParseDuration): Go's ("1h30m", "900s") plus d and w. Unreadable values
 * keep the default, as awsds does; STS's minimum of 900 s is applied.
 */
export function sessionSeconds(value: string | undefined): number {
  const v = (value ?? '').trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w))+$/.test(v)) {
    return DEFAULT_SESSION_SECONDS;
  }
  let seconds = 0;
  for (const [, n, , unit] of v.matchAll(/(\d+(\.\d+)?)(ms|s|m|h|d|w)/g)) {
    seconds += Number(n) * UNIT_SECONDS[unit];
  }
  return Math.max(MIN_SESSION_SECONDS, Math.round(seconds));
}
