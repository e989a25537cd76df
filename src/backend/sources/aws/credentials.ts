/**
 * AWS credentials for the datasource's connection (either settings shape, see awsConnection.ts),
 * within what the Grafana server allows (awsAuthPolicy.ts). Failures while resolving them are
 * wrapped in CredentialError so the error mapping can tell "could not assume the role" from "Cost
 * Explorer said no" (both can be an AccessDenied).
 */
import {
  fromIni,
  fromInstanceMetadata,
  fromNodeProviderChain,
  fromTemporaryCredentials,
} from '@aws-sdk/credential-providers';
import { awsConnectionOf, type AwsConnection } from '../../../datasource/awsConnection';
import type { AwsAuthProvider } from '../../../datasource/types';
import { DEFAULT_AWS_AUTH_POLICY, type AwsAuthPolicy } from '../../core/awsAuthPolicy';
import { badQuery } from '../../core/errors';
import type { DataSourceSettings, Secrets } from '../../core/settings';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialProvider = () => Promise<AwsCredentials>;

/** Where resolving failed: the base credentials (by auth provider), or the STS AssumeRole call. */
export type CredentialStage = AwsAuthProvider | 'assumeRole';

export class CredentialError extends Error {
  constructor(
    readonly stage: CredentialStage,
    readonly upstream: unknown
  ) {
    super(`AWS credentials (${stage}) could not be resolved`);
    this.name = 'CredentialError';
  }
}

export const DEFAULT_AWS_REGION = 'us-east-1';
export const ROLE_SESSION_NAME = 'greenops-carbon-grafana';
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;

export interface CredentialOptions {
  /** STS endpoint for AssumeRole (tests, private STS endpoints); the SDK default otherwise. */
  stsEndpoint?: string;
}

/**
 * The access keys from the secure settings (accessKey/secretKey, as ConnectionConfig names them;
 * awsAccessKeyId/awsSecretAccessKey of the first shape where those are not set), or undefined when
 * neither is set.
 */
export function accessKeys(secrets: Secrets): AwsCredentials | undefined {
  const accessKeyId = secrets.get('accessKey') || secrets.get('awsAccessKeyId') || '';
  const secretAccessKey = secrets.get('secretKey') || secrets.get('awsSecretAccessKey') || '';
  if (!accessKeyId && !secretAccessKey) {
    return undefined;
  }
  if (!accessKeyId || !secretAccessKey) {
    throw badQuery(
      `AWS ${accessKeyId ? 'secret access key' : 'access key ID'} is empty: enter both the access key ID and the secret access key in the datasource settings.`
    );
  }
  return { accessKeyId, secretAccessKey };
}

/** The datasource's AWS connection, from either settings shape. */
export function awsConnectionFromSettings(settings: DataSourceSettings): AwsConnection {
  let legacyKeysSaved: boolean;
  try {
    legacyKeysSaved = !!accessKeys(settings.secrets);
  } catch {
    // One key of two: "keys", so the query says which one is missing.
    legacyKeysSaved = true;
  }
  return awsConnectionOf(settings.jsonData, legacyKeysSaved);
}

/** Every value the secure settings may hold for the keys, for redaction (even when only one is set). */
export function accessKeyValues(secrets: Secrets): string[] {
  return ['accessKey', 'secretKey', 'awsAccessKeyId', 'awsSecretAccessKey'].map((k) => secrets.get(k) ?? '');
}

const GRAFANA_AWS_DOCS = 'https://grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#aws';

/**
 * Throws badQuery, naming the Grafana setting, when the server does not allow the connection's
 * auth provider or (for an assume-role ARN) assume role.
 */
export function checkAllowed(connection: AwsConnection, policy: AwsAuthPolicy): void {
  if (!policy.allowedAuthProviders.includes(connection.authType)) {
    throw badQuery(
      `AWS authentication "${connection.authType}" is not allowed on this Grafana server: its [aws] allowed_auth_providers (AWS_AUTH_AllowedAuthProviders) is "${policy.allowedAuthProviders.join(', ')}". Choose one of those in the datasource settings, or ask the Grafana administrator to allow it (${GRAFANA_AWS_DOCS}).`
    );
  }
  if (connection.assumeRoleArn && !policy.assumeRoleEnabled) {
    throw badQuery(
      `Assume role is disabled on this Grafana server ([aws] assume_role_enabled = false, AWS_AUTH_AssumeRoleEnabled), but the datasource assumes ${connection.assumeRoleArn}: clear "Assume Role ARN" in the datasource settings, or ask the Grafana administrator to enable assume role (${GRAFANA_AWS_DOCS}).`
    );
  }
}

export function credentialProvider(
  connection: AwsConnection,
  secrets: Secrets,
  options: CredentialOptions = {},
  policy: AwsAuthPolicy = DEFAULT_AWS_AUTH_POLICY
): CredentialProvider {
  checkAllowed(connection, policy);
  const base = baseCredentials(connection, secrets);
  const roleArn = connection.assumeRoleArn;
  if (!roleArn) {
    return base.provider;
  }
  if (!ROLE_ARN.test(roleArn)) {
    throw badQuery(
      `"${roleArn}" is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>): fix "Assume Role ARN" in the datasource settings.`
    );
  }
  const provider = fromTemporaryCredentials({
    params: {
      RoleArn: roleArn,
      RoleSessionName: ROLE_SESSION_NAME,
      DurationSeconds: policy.sessionDurationSeconds,
      ...(connection.externalId ? { ExternalId: connection.externalId } : {}),
    },
    masterCredentials: base.raw,
    clientConfig: {
      region: connection.region || DEFAULT_AWS_REGION,
      ...(options.stsEndpoint ? { endpoint: options.stsEndpoint } : {}),
      maxAttempts: 2,
    },
  });
  return tagged('assumeRole', provider);
}

interface BaseCredentials {
  /** For AssumeRole, whose own failures are tagged assumeRole. */
  raw: AwsCredentials | (() => Promise<AwsCredentials>);
  provider: CredentialProvider;
}

function baseCredentials(connection: AwsConnection, secrets: Secrets): BaseCredentials {
  switch (connection.authType) {
    case 'keys': {
      const keys = accessKeys(secrets);
      if (!keys) {
        throw badQuery(
          'AWS authentication is "Access & secret key" but no keys are saved: enter the access key ID and secret access key in the datasource settings.'
        );
      }
      return { raw: keys, provider: async () => keys };
    }
    case 'default':
      return chain('default', fromNodeProviderChain());
    case 'credentials':
      return chain('credentials', fromIni(connection.profile ? { profile: connection.profile } : {}));
    case 'ec2_iam_role':
      return chain('ec2_iam_role', fromInstanceMetadata());
    case 'grafana_assume_role':
      throw badQuery(
        'AWS authentication "Grafana Assume Role" uses Grafana Cloud\'s own temporary credentials, which this plugin cannot reach: choose another authentication provider in the datasource settings.'
      );
    default:
      throw badQuery(
        `Unknown AWS authentication type "${String((connection as { authType?: unknown }).authType)}": choose one in the datasource settings.`
      );
  }
}

function chain(stage: CredentialStage, provider: () => Promise<AwsCredentials>): BaseCredentials {
  return { raw: provider, provider: tagged(stage, provider) };
}

function tagged(stage: CredentialStage, provider: () => Promise<AwsCredentials>): CredentialProvider {
  return async () => {
    try {
      return await provider();
    } catch (error) {
      throw new CredentialError(stage, error);
    }
  };
}
