/**
 * AWS credentials for the datasource's auth type. Failures while resolving them are wrapped in
 * CredentialError so the error mapping can tell "could not assume the role" from "Cost Explorer
 * said no" (both can be an AccessDenied).
 */
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsAuthType, AwsSettings } from '../../../datasource/types';
import { badQuery } from '../../core/errors';
import type { Secrets } from '../../core/settings';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialProvider = () => Promise<AwsCredentials>;

/** Where credential resolution failed: the default chain, or the STS AssumeRole call. */
export class CredentialError extends Error {
  constructor(
    readonly stage: AwsAuthType,
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

/** The access keys from the secure settings, or undefined when neither is set. */
export function accessKeys(secrets: Secrets): AwsCredentials | undefined {
  const accessKeyId = secrets.get('awsAccessKeyId') ?? '';
  const secretAccessKey = secrets.get('awsSecretAccessKey') ?? '';
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

export function credentialProvider(
  aws: AwsSettings,
  secrets: Secrets,
  options: CredentialOptions = {}
): CredentialProvider {
  switch (aws.authType) {
    case 'keys': {
      const keys = accessKeys(secrets);
      if (!keys) {
        throw badQuery(
          'AWS authentication is "Access keys" but no keys are saved: enter the access key ID and secret access key in the datasource settings.'
        );
      }
      return async () => keys;
    }
    case 'default':
      return tagged('default', fromNodeProviderChain());
    case 'assumeRole': {
      const roleArn = (aws.assumeRoleArn ?? '').trim();
      if (!ROLE_ARN.test(roleArn)) {
        throw badQuery(
          roleArn
            ? `"${roleArn}" is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>): fix "Assume role ARN" in the datasource settings.`
            : 'AWS authentication is "Assume role" but no role ARN is set: enter "Assume role ARN" in the datasource settings.'
        );
      }
      // Keys, when saved, are the identity that assumes the role; else the default chain is.
      const base = accessKeys(secrets);
      const provider = fromTemporaryCredentials({
        params: {
          RoleArn: roleArn,
          RoleSessionName: ROLE_SESSION_NAME,
          ...(aws.externalId ? { ExternalId: aws.externalId } : {}),
        },
        masterCredentials: base ?? fromNodeProviderChain(),
        clientConfig: {
          region: aws.region || DEFAULT_AWS_REGION,
          ...(options.stsEndpoint ? { endpoint: options.stsEndpoint } : {}),
          maxAttempts: 2,
        },
      });
      return tagged('assumeRole', provider);
    }
    default:
      throw badQuery(
        `Unknown AWS authentication type "${String((aws as { authType?: unknown }).authType)}": choose access keys, default credentials or assume role.`
      );
  }
}

function tagged(stage: AwsAuthType, provider: () => Promise<AwsCredentials>): CredentialProvider {
  return async () => {
    try {
      return await provider();
    } catch (error) {
      throw new CredentialError(stage, error);
    }
  };
}
