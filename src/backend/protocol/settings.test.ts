import { inspect } from 'node:util';
import type { DataSourceInstanceSettingsMessage, PluginContextMessage } from './messages';
import { InstanceManager } from '../core/instance';
import { parseInstanceSettings, resolveInstance, SettingsError } from './settings';
import { accessKeys, awsConnectionFromSettings } from '../sources/aws/credentials';
import { customHeaders } from '../sources/prometheus/prometheusSource';

function instance(overrides: Partial<DataSourceInstanceSettingsMessage> = {}): DataSourceInstanceSettingsMessage {
  return {
    id: 7,
    name: 'Carbon',
    url: '',
    uid: 'carbon-uid',
    jsonData: Buffer.from('{"defaultProvider":"gcp"}'),
    decryptedSecureJsonData: { awsSecretAccessKey: 'TOP-SECRET-VALUE' },
    lastUpdatedMS: 100,
    ...overrides,
  };
}

function context(settings: DataSourceInstanceSettingsMessage | null): PluginContextMessage {
  return {
    orgId: 1,
    pluginId: 'greenops-carbon-datasource',
    dataSourceInstanceSettings: settings,
    grafanaConfig: {},
    pluginVersion: '',
  };
}

describe('parseInstanceSettings', () => {
  it('parses jsonData and keeps secrets out of JSON and inspect output', () => {
    const settings = parseInstanceSettings(instance());
    expect(settings.jsonData.defaultProvider).toBe('gcp');
    expect(settings.secrets.get('awsSecretAccessKey')).toBe('TOP-SECRET-VALUE');
    expect(JSON.stringify(settings)).not.toContain('TOP-SECRET-VALUE');
    expect(inspect(settings, { depth: 5 })).not.toContain('TOP-SECRET-VALUE');
  });

  it('treats empty jsonData as {}', () => {
    expect(parseInstanceSettings(instance({ jsonData: Buffer.alloc(0) })).jsonData).toEqual({});
  });

  it('says what to do when jsonData is not JSON', () => {
    expect(() => parseInstanceSettings(instance({ jsonData: Buffer.from('{not json') }))).toThrow(
      /jsonData is not valid JSON .*save them again/
    );
  });

  it('names the bad setting', () => {
    expect(() => parseInstanceSettings(instance({ jsonData: Buffer.from('{"defaultProvider":"ibm"}') }))).toThrow(
      /defaultProvider/
    );
  });
});

describe('resolveInstance', () => {
  /** The settings of the instance resolved for `ctx`. */
  const settingsOf = (instances: InstanceManager, ctx: PluginContextMessage) =>
    resolveInstance(instances, ctx).settings;

  it('parses once per uid and lastUpdatedMS and re-parses when the datasource is saved again', () => {
    const cache = new InstanceManager();
    const first = settingsOf(cache, context(instance()));
    expect(settingsOf(cache, context(instance()))).toBe(first);
    const updated = settingsOf(
      cache,
      context(instance({ lastUpdatedMS: 200, jsonData: Buffer.from('{"defaultProvider":"aws"}') }))
    );
    expect(updated).not.toBe(first);
    expect(updated.jsonData.defaultProvider).toBe('aws');
    expect(cache.size).toBe(1);
  });

  it('keeps datasources apart', () => {
    const cache = new InstanceManager();
    resolveInstance(cache, context(instance()));
    resolveInstance(cache, context(instance({ uid: 'other' })));
    expect(cache.size).toBe(2);
  });

  it('remembers a broken version as broken, and recovers when it is fixed', () => {
    const cache = new InstanceManager();
    const broken = context(instance({ jsonData: Buffer.from('[') }));
    expect(() => resolveInstance(cache, broken)).toThrow(SettingsError);
    expect(() => resolveInstance(cache, broken)).toThrow(SettingsError);
    expect(settingsOf(cache, context(instance({ lastUpdatedMS: 300 }))).jsonData.defaultProvider).toBe('gcp');
  });

  it('answers empty settings when the request carries no datasource (app-level calls)', () => {
    expect(settingsOf(new InstanceManager(), context(null)).jsonData).toEqual({});
  });

  it('keeps the same uid in two organisations apart', () => {
    const cache = new InstanceManager();
    const inOrg2 = resolveInstance(cache, { ...context(instance()), orgId: 2 });
    expect(resolveInstance(cache, context(instance()))).not.toBe(inOrg2);
    expect(cache.size).toBe(2);
  });
});

describe('billing source settings', () => {
  const withJson = (json: unknown) => parseInstanceSettings(instance({ jsonData: Buffer.from(JSON.stringify(json)) }));

  it('accepts the AWS and FOCUS sections; the auth type defaults to the default chain', () => {
    const settings = withJson({ aws: { region: 'eu-west-1', endpoint: '' }, focus: { paths: ['/data/focus'] } });
    expect(settings.jsonData.aws).toEqual({ region: 'eu-west-1' });
    expect(awsConnectionFromSettings(settings)).toEqual({ authType: 'default', region: 'eu-west-1' });
    expect(settings.jsonData.focus).toEqual({ paths: ['/data/focus'] });
  });

  it('names the setting to fix: role ARN, endpoint, cache TTL', () => {
    expect(() => withJson({ aws: { authType: 'assumeRole' } })).toThrow(
      /aws\.assumeRoleArn: assume role needs assumeRoleArn/
    );
    expect(() => withJson({ aws: { authType: 'assumeRole', assumeRoleArn: 'role/x' } })).toThrow(
      /aws\.assumeRoleArn: must look like arn:aws/
    );
    expect(() => withJson({ aws: { endpoint: 'not a url' } })).toThrow(/aws\.endpoint: must be a URL/);
    expect(() => withJson({ aws: { cacheTtlSeconds: -1 } })).toThrow(/aws\.cacheTtlSeconds/);
    expect(() => withJson({ focus: { paths: [''] } })).toThrow(/focus\.paths\.0: paths cannot be empty/);
  });

  it('bounds the FOCUS reader limits at, below and above their edges', () => {
    const focus = (limits: object) => withJson({ focus: { paths: ['/data'], ...limits } }).jsonData.focus;
    expect(focus({ memoryLimitMB: 64, threads: 1 })).toEqual({ paths: ['/data'], memoryLimitMB: 64, threads: 1 });
    expect(() => focus({ memoryLimitMB: 63 })).toThrow(/focus\.memoryLimitMB: at least 64 \(MB\)/);
    expect(focus({ memoryLimitMB: 1_048_576 })).toMatchObject({ memoryLimitMB: 1_048_576 });
    expect(() => focus({ memoryLimitMB: 1_048_577 })).toThrow(/focus\.memoryLimitMB/);
    expect(() => focus({ memoryLimitMB: 512.5 })).toThrow(/focus\.memoryLimitMB/);
    expect(() => focus({ threads: 0 })).toThrow(/focus\.threads/);
    expect(focus({ threads: 256 })).toMatchObject({ threads: 256 });
    expect(() => focus({ threads: 257 })).toThrow(/focus\.threads/);
  });
});

describe('Prometheus settings', () => {
  const withJson = (json: unknown) => parseInstanceSettings(instance({ jsonData: Buffer.from(JSON.stringify(json)) }));

  it('accepts a minimal section and defaults the auth type', () => {
    expect(withJson({ prometheus: { url: 'http://prometheus:9090' } }).jsonData.prometheus).toEqual({
      url: 'http://prometheus:9090',
      authType: 'none',
    });
  });

  it('accepts every field, and treats cleared fields as unset', () => {
    const prometheus = {
      url: ' https://mimir.example/prometheus ',
      authType: 'basic',
      basicAuthUser: 'grafana',
      headers: { 'X-Scope-OrgID': 'tenant-1' },
      tlsSkipVerify: true,
      timeoutSeconds: 0.5,
      defaultRegion: '',
      seriesLimit: 1,
      responseLimitMiB: 400,
    };
    expect(withJson({ prometheus }).jsonData.prometheus).toEqual({
      ...prometheus,
      url: 'https://mimir.example/prometheus',
      defaultRegion: undefined,
    });
  });

  it('names the setting to fix', () => {
    expect(() => withJson({ prometheus: {} })).toThrow(/prometheus\.url: required: the base URL/);
    expect(() => withJson({ prometheus: { url: '' } })).toThrow(/prometheus\.url: required/);
    expect(() => withJson({ prometheus: { url: 'prometheus:9090' } })).toThrow(/prometheus\.url: must start with http/);
    expect(() => withJson({ prometheus: { url: 'ftp://prometheus' } })).toThrow(
      /prometheus\.url: must start with http:\/\/ or https:\/\//
    );
    expect(() => withJson({ prometheus: { url: 'not a url' } })).toThrow(/prometheus\.url: must be a URL/);
    expect(() => withJson({ prometheus: { url: 'http://p', authType: 'oauth' } })).toThrow(/prometheus\.authType/);
    expect(() => withJson({ prometheus: { url: 'http://p', authType: 'basic' } })).toThrow(
      /prometheus\.basicAuthUser: basic authentication needs basicAuthUser/
    );
    expect(() => withJson({ prometheus: { url: 'http://p', authType: 'basic', basicAuthUser: '' } })).toThrow(
      /basicAuthUser/
    );
    expect(() => withJson({ prometheus: { url: 'http://p', timeoutSeconds: 0 } })).toThrow(
      /prometheus\.timeoutSeconds: must be more than 0/
    );
    expect(() => withJson({ prometheus: { url: 'http://p', seriesLimit: 0 } })).toThrow(
      /prometheus\.seriesLimit: must be 1 or more/
    );
    expect(() => withJson({ prometheus: { url: 'http://p', seriesLimit: 2.5 } })).toThrow(
      /prometheus\.seriesLimit: must be a whole number/
    );
    // 1 to 400 MiB: a JavaScript string cannot hold 512 MiB.
    expect(
      withJson({ prometheus: { url: 'http://p', responseLimitMiB: 1 } }).jsonData.prometheus?.responseLimitMiB
    ).toBe(1);
    expect(() => withJson({ prometheus: { url: 'http://p', responseLimitMiB: 0 } })).toThrow(
      /prometheus\.responseLimitMiB: must be 1 MiB or more/
    );
    expect(() => withJson({ prometheus: { url: 'http://p', responseLimitMiB: 401 } })).toThrow(
      /prometheus\.responseLimitMiB: must be at most 400 MiB/
    );
    expect(() => withJson({ prometheus: { url: 'http://p', responseLimitMiB: 1.5 } })).toThrow(
      /prometheus\.responseLimitMiB: must be a whole number/
    );
    expect(() => withJson({ prometheus: { url: 'http://p', headers: { 'X Bad': 'v' } } })).toThrow(
      /prometheus\.headers\.X Bad: header names/
    );
    expect(() => withJson({ prometheus: { url: 'http://p', headers: { 'X-Org': 1 } } })).toThrow(
      /prometheus\.headers\.X-Org/
    );
    expect(() => withJson({ prometheus: { url: 'http://p', headers: { 'X-Org': 'a\r\nInjected: 1' } } })).toThrow(
      /line breaks/
    );
  });

  it('keeps the Prometheus secrets out of JSON', () => {
    const settings = parseInstanceSettings(
      instance({
        jsonData: Buffer.from('{"prometheus":{"url":"http://p","authType":"bearer"}}'),
        decryptedSecureJsonData: { prometheusToken: 'PROM-TOKEN-VALUE', prometheusPassword: 'PROM-PASSWORD' },
      })
    );
    expect(settings.secrets.get('prometheusToken')).toBe('PROM-TOKEN-VALUE');
    expect(JSON.stringify(settings)).not.toMatch(/PROM-TOKEN-VALUE|PROM-PASSWORD/);
  });
});

describe('settings migration: the first shape keeps working beside the current one', () => {
  const parse = (json: unknown, secrets: Record<string, string>, grafanaConfig?: Record<string, string>) =>
    parseInstanceSettings(
      instance({ jsonData: Buffer.from(JSON.stringify(json)), decryptedSecureJsonData: secrets }),
      grafanaConfig,
      {}
    );
  const ROLE = 'arn:aws:iam::123456789012:role/reader';
  const connection = {
    authType: 'keys',
    assumeRoleArn: ROLE,
    externalId: 'ext',
    region: 'eu-west-1',
    endpoint: 'https://ce.example.com',
  };

  it('AWS: jsonData.aws with awsAccessKeyId reads as ConnectionConfig keys with accessKey', () => {
    const first = parse(
      {
        aws: {
          authType: 'assumeRole',
          assumeRoleArn: ROLE,
          externalId: 'ext',
          region: 'eu-west-1',
          endpoint: 'https://ce.example.com',
        },
      },
      { awsAccessKeyId: 'AKIAOLD', awsSecretAccessKey: 'old-secret' }
    );
    const current = parse(
      {
        authType: 'keys',
        assumeRoleArn: ROLE,
        externalId: 'ext',
        defaultRegion: 'eu-west-1',
        endpoint: 'https://ce.example.com',
        aws: {},
      },
      { accessKey: 'AKIANEW', secretKey: 'new-secret' }
    );
    expect(awsConnectionFromSettings(first)).toEqual(connection);
    expect(awsConnectionFromSettings(current)).toEqual(connection);
    expect(accessKeys(first.secrets)).toEqual({ accessKeyId: 'AKIAOLD', secretAccessKey: 'old-secret' });
    expect(accessKeys(current.secrets)).toEqual({ accessKeyId: 'AKIANEW', secretAccessKey: 'new-secret' });
  });

  it('AWS: first-shape assume role without saved keys assumes the role from the default chain', () => {
    const first = parse({ aws: { authType: 'assumeRole', assumeRoleArn: ROLE } }, {});
    expect(awsConnectionFromSettings(first)).toEqual({ authType: 'default', assumeRoleArn: ROLE });
  });

  it('AWS: the current keys win over the first shape, and ConnectionConfig\'s old "arn" reads as default', () => {
    const both = parse(
      { authType: 'arn', defaultRegion: 'us-west-2', aws: { authType: 'keys', region: 'eu-west-1' } },
      {}
    );
    expect(awsConnectionFromSettings(both)).toEqual({ authType: 'default', region: 'us-west-2' });
  });

  it('AWS: names the current key to fix', () => {
    expect(() => parse({ authType: 'sigv4' }, {})).toThrow(/authType: Invalid enum value/);
    expect(() => parse({ assumeRoleArn: 'role/x' }, {})).toThrow(/assumeRoleArn: must look like arn:aws/);
    expect(() => parse({ endpoint: 'nope' }, {})).toThrow(/endpoint: must be a URL/);
  });

  it('Prometheus headers: httpHeaderNameN with secure httpHeaderValueN, the plain first-shape headers below them', () => {
    const settings = parse(
      {
        prometheus: { url: 'http://p:9090', headers: { 'X-Scope-OrgID': 'old-tenant', 'X-Team': 'a' } },
        httpHeaderName1: 'X-Scope-OrgID',
        httpHeaderName2: 'Authorization-Token',
        httpHeaderName3: '',
      },
      { httpHeaderValue1: 'tenant-7', httpHeaderValue2: 's3cret-token', httpHeaderValue3: 'ignored' }
    );
    expect(customHeaders(settings)).toEqual({
      headers: { 'X-Team': 'a' },
      secretHeaders: { 'X-Scope-OrgID': 'tenant-7', 'Authorization-Token': 's3cret-token' },
    });
    expect(JSON.stringify(settings)).not.toContain('s3cret-token');
  });

  it('Prometheus headers: a bad name is named by its key; a value with a line break is refused without quoting it', () => {
    expect(() => parse({ httpHeaderName1: 'X Bad' }, {})).toThrow(/httpHeaderName1: header names are letters/);
    const settings = parse({ httpHeaderName4: 'X-Token' }, { httpHeaderValue4: 'abc\r\nEvil: 1' });
    expect(() => customHeaders(settings)).toThrow(/custom header X-Token contains a line break/);
    expect(() => customHeaders(settings)).not.toThrow(/abc/);
  });

  it('AWS policy: from the plugin context when Grafana passes it there, else from the environment', () => {
    const fromContext = parse(
      {},
      {},
      { AWS_AUTH_AllowedAuthProviders: 'keys, ec2_iam_role', AWS_AUTH_AssumeRoleEnabled: 'false' }
    );
    expect(fromContext.awsPolicy).toEqual({
      allowedAuthProviders: ['keys', 'ec2_iam_role'],
      assumeRoleEnabled: false,
      sessionDurationSeconds: 900,
      origin: 'grafanaConfig',
    });
    const cache = new InstanceManager();
    const ctx = { ...context(instance()), grafanaConfig: { AWS_AUTH_SESSION_DURATION: '1h' } };
    expect(resolveInstance(cache, ctx).settings.awsPolicy?.sessionDurationSeconds).toBe(3600);
  });
});
