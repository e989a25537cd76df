/**
 * Instance settings from the PluginContext, parsed and checked once per datasource version (see
 * resolveInstance).
 */
import { z } from 'zod';
import {
  AWS_AUTH_PROVIDERS,
  CLOUD_PROVIDERS,
  LEGACY_AWS_AUTH_TYPES,
  MAX_RESPONSE_LIMIT_MIB,
  PROMETHEUS_AUTH_TYPES,
} from '../../datasource/types';
import { readAwsAuthPolicy } from '../core/awsAuthPolicy';
import type { DatasourceInstance, InstanceManager } from '../core/instance';
import { DataSourceSettings, EMPTY_SETTINGS, Secrets } from '../core/settings';
import type { DataSourceInstanceSettingsMessage, PluginContextMessage } from './messages';

/** Settings a user must fix; the message says what and where. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/.+$/;
const roleArnSchema = z.string().trim().regex(ROLE_ARN, 'must look like arn:aws:iam::123456789012:role/name');
const endpointSchema = z.string().trim().url('must be a URL such as https://ce.us-east-1.amazonaws.com');

/** jsonData.aws: Cost Explorer's own options, and the connection keys of the first shape (still read). */
const awsSchema = z
  .object({
    authType: z.enum(LEGACY_AWS_AUTH_TYPES).optional(),
    region: z.string().trim().min(1).optional(),
    assumeRoleArn: roleArnSchema.optional(),
    externalId: z.string().optional(),
    endpoint: endpointSchema.optional(),
    hourlyEnabled: z.boolean().optional(),
    cacheTtlSeconds: z.number().int().min(0).optional(),
  })
  .refine((aws) => aws.authType !== 'assumeRole' || !!aws.assumeRoleArn, {
    message: 'assume role needs assumeRoleArn',
    path: ['assumeRoleArn'],
  });

const focusSchema = z.object({
  paths: z.array(z.string().trim().min(1, 'paths cannot be empty')).default([]),
  // Below 64 MB DuckDB cannot hold a CSV scan's buffers; 1 TB is past any single server.
  memoryLimitMB: z.number().int().min(64, 'at least 64 (MB)').max(1_048_576).optional(),
  threads: z.number().int().min(1).max(256).optional(),
});

// RFC 9110 token characters; values must not break the header line.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const prometheusSchema = z
  .object({
    url: z
      .string({
        required_error: 'required: the base URL of a Prometheus-compatible API, such as http://prometheus:9090',
      })
      .trim()
      .url('must be a URL such as http://prometheus:9090')
      .refine((url) => /^https?:\/\//i.test(url), 'must start with http:// or https://'),
    authType: z.enum(PROMETHEUS_AUTH_TYPES).default('none'),
    basicAuthUser: z.string().trim().min(1).optional(),
    headers: z
      .record(
        z.string().regex(HEADER_NAME, 'header names are letters, digits and - (no spaces or colons)'),
        z.string().regex(/^[^\r\n]*$/, 'header values cannot contain line breaks')
      )
      .optional(),
    tlsSkipVerify: z.boolean().optional(),
    tlsAuthWithCACert: z.boolean().optional(),
    tlsAuth: z.boolean().optional(),
    tlsServerName: z.string().trim().min(1).optional(),
    timeoutSeconds: z.number().positive('must be more than 0 seconds').optional(),
    defaultRegion: z.string().trim().min(1).optional(),
    seriesLimit: z.number().int('must be a whole number').min(1, 'must be 1 or more').optional(),
    responseLimitMiB: z
      .number()
      .int('must be a whole number of MiB')
      .min(1, 'must be 1 MiB or more')
      .max(
        MAX_RESPONSE_LIMIT_MIB,
        `must be at most ${MAX_RESPONSE_LIMIT_MIB} MiB (a JavaScript string cannot hold 512 MiB)`
      )
      .optional(),
  })
  .refine((p) => p.authType !== 'basic' || !!p.basicAuthUser, {
    message: 'basic authentication needs basicAuthUser',
    path: ['basicAuthUser'],
  });

// Empty strings from cleared editor fields mean "not set".
const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);
const blankFieldsToUndefined = (section: unknown) =>
  section && typeof section === 'object' && !Array.isArray(section)
    ? Object.fromEntries(Object.entries(section).map(([k, v]) => [k, blankToUndefined(v)]))
    : section;

const HEADER_NAME_KEY = /^httpHeaderName\d+$/;

const jsonDataSchema = z
  .object({
    defaultProvider: z.preprocess(blankToUndefined, z.enum(CLOUD_PROVIDERS).optional()),
    // The AWS connection where @grafana/aws-sdk's ConnectionConfig writes it ('arn': its old 'default').
    authType: z.preprocess(blankToUndefined, z.enum([...AWS_AUTH_PROVIDERS, 'arn']).optional()),
    assumeRoleArn: z.preprocess(blankToUndefined, roleArnSchema.optional()),
    externalId: z.preprocess(blankToUndefined, z.string().optional()),
    defaultRegion: z.preprocess(blankToUndefined, z.string().trim().optional()),
    endpoint: z.preprocess(blankToUndefined, endpointSchema.optional()),
    profile: z.preprocess(blankToUndefined, z.string().trim().optional()),
    aws: z.preprocess(blankFieldsToUndefined, awsSchema.optional()),
    focus: focusSchema.optional(),
    prometheus: z.preprocess(blankFieldsToUndefined, prometheusSchema.optional()),
  })
  .passthrough()
  .superRefine((jsonData, ctx) => {
    // Custom headers as Grafana stores them: names here, values in secureJsonData.httpHeaderValueN.
    for (const [key, name] of Object.entries(jsonData)) {
      if (HEADER_NAME_KEY.test(key) && name !== undefined && name !== '') {
        if (typeof name !== 'string' || !HEADER_NAME.test(name.trim())) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [key],
            message: 'header names are letters, digits and - (no spaces or colons)',
          });
        }
      }
    }
  });

/**
 * `grafanaConfig` is the plugin context's (what Grafana shares of its configuration); with `env`,
 * the plugin process's environment, it gives the AWS auth policy (see awsAuthPolicy.ts).
 */
export function parseInstanceSettings(
  message: DataSourceInstanceSettingsMessage,
  grafanaConfig?: Record<string, string>,
  env: Record<string, string | undefined> = process.env
): DataSourceSettings {
  const raw = message.jsonData && message.jsonData.length > 0 ? message.jsonData.toString('utf8') : '{}';
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new SettingsError(
      `The datasource's jsonData is not valid JSON (${(err as Error).message}). ` +
        'Open the datasource settings in Grafana and save them again, or fix the provisioning file.'
    );
  }
  const parsed = jsonDataSchema.safeParse(json ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'jsonData'}: ${i.message}`).join('; ');
    throw new SettingsError(`The datasource's jsonData has invalid settings: ${issues}.`);
  }
  return {
    uid: message.uid,
    name: message.name,
    jsonData: parsed.data,
    secrets: new Secrets(message.decryptedSecureJsonData ?? {}),
    lastUpdatedMS: message.lastUpdatedMS,
    awsPolicy: readAwsAuthPolicy(grafanaConfig, env),
  };
}

/**
 * The instance serving a call: one per datasource (org and uid) and version (lastUpdatedMS), as
 * the Go SDK's instance manager keys them, so a saved change is picked up at once and an unchanged
 * datasource is never re-parsed. Calls without a datasource (app-level) share an empty one.
 * Throws SettingsError when the datasource's settings are broken.
 */
export function resolveInstance(
  instances: InstanceManager,
  context: PluginContextMessage | null | undefined
): DatasourceInstance {
  if (!context?.dataSourceInstanceSettings) {
    return instances.get('', 0, () => EMPTY_SETTINGS);
  }
  const message = context.dataSourceInstanceSettings;
  const key = `${context.orgId}/${message.uid || `id:${message.id}`}`;
  return instances.get(key, message.lastUpdatedMS, () => parseInstanceSettings(message, context.grafanaConfig));
}
