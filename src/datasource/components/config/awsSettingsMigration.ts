/**
 * The AWS settings as the editor shows and saves them: the connection in the keys @grafana/aws-sdk's
 * ConnectionConfig uses (jsonData.authType, assumeRoleArn, externalId, defaultRegion, endpoint;
 * secure accessKey/secretKey), Cost Explorer's own options in jsonData.aws. The first shape (all in
 * jsonData.aws, keys as awsAccessKeyId/awsSecretAccessKey) is moved on open, so Save writes the
 * current one. Saved secrets cannot be moved (Grafana never sends them back): first-shape keys are
 * shown as configured under the new names, the backend reads them until they are reset.
 */
import { AwsAuthType, type AwsAuthDataSourceSettings } from '@grafana/aws-sdk';

import { awsConnectionOf, hasLegacyAwsKeys } from '../../awsConnection';
import { AWS_AUTH_PROVIDERS, type AwsSettings, type CarbonDataSourceOptions } from '../../types';
import { withoutSecret, type Options } from './settingsOptions';

export const DEFAULT_CACHE_TTL_SECONDS = 3600;
export const NEW_AWS: AwsSettings = { cacheTtlSeconds: DEFAULT_CACHE_TTL_SECONDS };

/** Top-level keys of the AWS connection, removed with the section. */
export const CONNECTION_KEYS = [
  'authType',
  'assumeRoleArn',
  'externalId',
  'defaultRegion',
  'endpoint',
  'profile',
] as const;
const LEGACY_KEYS = ['authType', 'region', 'assumeRoleArn', 'externalId', 'endpoint'] as const;

const legacyKeysSaved = (options: Options) =>
  Boolean(options.secureJsonFields?.awsAccessKeyId || options.secureJsonFields?.awsSecretAccessKey);

/** `options` with a first-shape jsonData.aws moved to the current keys; unchanged when there is none. */
export function migrateAwsSettings(options: Options): Options {
  const jsonData = options.jsonData ?? {};
  if (!jsonData.aws || !hasLegacyAwsKeys(jsonData)) {
    return options;
  }
  const connection = awsConnectionOf(jsonData, legacyKeysSaved(options));
  const aws: Record<string, unknown> = { ...jsonData.aws };
  LEGACY_KEYS.forEach((key) => delete aws[key]);
  const next: CarbonDataSourceOptions = {
    ...jsonData,
    aws,
    authType: connection.authType,
    assumeRoleArn: connection.assumeRoleArn,
    externalId: connection.externalId,
    defaultRegion: connection.region,
    endpoint: connection.endpoint,
  };
  CONNECTION_KEYS.forEach((key) => next[key] === undefined && delete next[key]);
  return { ...options, jsonData: next };
}

/** What ConnectionConfig sees: first-shape keys count as configured access keys. */
export function withLegacyKeysShown(options: Options): Options {
  const fields = options.secureJsonFields ?? {};
  return {
    ...options,
    secureJsonFields: {
      ...fields,
      accessKey: Boolean(fields.accessKey || fields.awsAccessKeyId),
      secretKey: Boolean(fields.secretKey || fields.awsSecretAccessKey),
    },
  };
}

/** A reset of accessKey or secretKey in ConnectionConfig also resets the first-shape key it stood for. */
export function withLegacyKeysReset(next: Options, previous: Options): Options {
  let result = next;
  const pairs = [
    ['accessKey', 'awsAccessKeyId'],
    ['secretKey', 'awsSecretAccessKey'],
  ] as const;
  for (const [key, legacy] of pairs) {
    if (next.secureJsonFields?.[key] === false && previous.secureJsonFields?.[legacy]) {
      result = withoutSecret(result, legacy);
    }
  }
  return result;
}

/** Without the section: jsonData.aws and the connection keys go; saved keys are reset. */
export function withoutAws(options: Options): Options {
  const jsonData: CarbonDataSourceOptions = { ...options.jsonData };
  delete jsonData.aws;
  CONNECTION_KEYS.forEach((key) => delete jsonData[key]);
  const keys = ['accessKey', 'secretKey', 'awsAccessKeyId', 'awsSecretAccessKey'] as const;
  return keys
    .filter((key) => options.secureJsonFields?.[key] || options.secureJsonData?.[key])
    .reduce<Options>((next, key) => withoutSecret(next, key), { ...options, jsonData });
}

/** Our options in ConnectionConfig's types: the same keys, its authType an enum of the same strings. */
export function toConnectionOptions(options: Options): AwsAuthDataSourceSettings {
  const shown = withLegacyKeysShown(options);
  const authType = Object.values(AwsAuthType).find((t) => t === shown.jsonData.authType);
  return { ...shown, jsonData: { ...shown.jsonData, authType } };
}

/** ConnectionConfig's change, back in our types (the rest of jsonData passes through it untouched). */
export function fromConnectionOptions(next: AwsAuthDataSourceSettings, previous: Options): Options {
  const authType = AWS_AUTH_PROVIDERS.find((t) => t === String(next.jsonData.authType ?? ''));
  const jsonData: CarbonDataSourceOptions = { ...previous.jsonData, ...next.jsonData, authType };
  if (!authType) {
    delete jsonData.authType;
  }
  const merged: Options = {
    ...previous,
    ...next,
    jsonData,
    secureJsonData: { ...next.secureJsonData },
    secureJsonFields: { ...next.secureJsonFields },
  };
  return withLegacyKeysReset(merged, previous);
}
