/**
 * The AWS connection of a datasource, read from either settings shape: the current one, in the
 * top-level jsonData keys `@grafana/aws-sdk`'s ConnectionConfig writes (as CloudWatch and Athena
 * store them), or the first one, in `jsonData.aws`. The backend and the editor both read through
 * here, so a datasource provisioned with the first shape keeps working and the editor moves it.
 */
import type { AwsAuthProvider, CarbonDataSourceOptions } from './types';

export interface AwsConnection {
  authType: AwsAuthProvider;
  assumeRoleArn?: string;
  externalId?: string;
  region?: string;
  endpoint?: string;
  profile?: string;
}

const nonBlank = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/**
 * `legacyKeysSaved`: the first shape's `assumeRole` used saved access keys to assume the role when
 * there were any, else the default chain; the current shape says which with authType.
 */
export function awsConnectionOf(
  jsonData: CarbonDataSourceOptions | undefined,
  legacyKeysSaved: boolean
): AwsConnection {
  const legacy = jsonData?.aws ?? {};
  const legacyRole = legacy.authType === 'assumeRole';
  const legacyAuth: AwsAuthProvider | undefined =
    legacy.authType === 'assumeRole' ? (legacyKeysSaved ? 'keys' : 'default') : legacy.authType;
  const top = jsonData?.authType === 'arn' ? 'default' : jsonData?.authType;
  const connection: AwsConnection = {
    authType: top ?? legacyAuth ?? 'default',
    assumeRoleArn: nonBlank(jsonData?.assumeRoleArn) ?? (legacyRole ? nonBlank(legacy.assumeRoleArn) : undefined),
    externalId: nonBlank(jsonData?.externalId) ?? (legacyRole ? nonBlank(legacy.externalId) : undefined),
    region: nonBlank(jsonData?.defaultRegion) ?? nonBlank(legacy.region),
    endpoint: nonBlank(jsonData?.endpoint) ?? nonBlank(legacy.endpoint),
    profile: nonBlank(jsonData?.profile),
  };
  return dropUndefined(connection);
}

/** Whether jsonData.aws still holds first-shape keys. */
export function hasLegacyAwsKeys(jsonData: CarbonDataSourceOptions | undefined): boolean {
  const aws = jsonData?.aws;
  return !!aws && ['authType', 'region', 'assumeRoleArn', 'externalId', 'endpoint'].some((k) => k in aws);
}

function dropUndefined(connection: AwsConnection): AwsConnection {
  const keys = Object.keys(connection) as Array<keyof AwsConnection>;
  keys.forEach((key) => connection[key] === undefined && delete connection[key]);
  return connection;
}
