/**
 * One datasource's connection to Cost Explorer: the SDK client (shared across queries, so an
 * assumed-role session is reused), our throttling-retry options, the response-cache identity and
 * the error context (what to redact). GetCostAndUsage (CostExplorerSource) and
 * GetRightsizingRecommendation (rightsizing.ts) both go through it.
 */
import { createHash } from 'node:crypto';

import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import type { AwsSettings } from '../../../datasource/types';
import { badQuery } from '../../core/errors';
import type { DataSourceSettings } from '../../core/settings';
import type { ErrorContext } from './costExplorerErrors';
import { accessKeys, credentialProvider, DEFAULT_AWS_REGION } from './credentials';
import type { RetryOptions } from './throttleRetry';

export interface CostExplorerConnectionOptions {
  retry?: Partial<Pick<RetryOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'sleep'>>;
  /** Per HTTP request (default 30 s, as for GetCostAndUsage). */
  requestTimeoutMs?: number;
  stsEndpoint?: string;
}

/** How long responses are reused unless the datasource says otherwise (every request costs USD 0.01). */
export const DEFAULT_TTL_SECONDS = 3600;

/** Clients (and their memoised credentials, e.g. an assumed-role session) outlive one query. */
const sharedClients = new Map<string, CostExplorerClient>();
const MAX_SHARED_CLIENTS = 20;

export class CostExplorerConnection {
  readonly aws: AwsSettings;
  /** Both keys as a digest: identifies who asks (cache, client reuse) without holding a secret. */
  readonly keysDigest: string;

  constructor(
    readonly settings: DataSourceSettings,
    readonly options: CostExplorerConnectionOptions = {}
  ) {
    const aws = settings.jsonData.aws;
    if (!aws) {
      throw badQuery(
        'AWS Cost Explorer is not configured: choose an AWS authentication type in the datasource settings.'
      );
    }
    this.aws = aws;
    const secrets = settings.secrets;
    this.keysDigest = createHash('sha256')
      .update(`${secrets.get('awsAccessKeyId') ?? ''}\u0000${secrets.get('awsSecretAccessKey') ?? ''}`)
      .digest('hex');
  }

  /** How long a response may be served from the cache. */
  get cacheTtlMs(): number {
    return (this.aws.cacheTtlSeconds ?? DEFAULT_TTL_SECONDS) * 1000;
  }

  /** Who asks, for cache keys: settings version, auth and keys digest, never a secret itself. */
  cacheIdentity(): unknown[] {
    const aws = this.aws;
    return [
      this.settings.uid,
      this.settings.lastUpdatedMS,
      aws.authType,
      aws.endpoint ?? '',
      aws.assumeRoleArn ?? '',
      this.keysDigest,
    ];
  }

  get requestTimeoutMs(): number {
    return this.options.requestTimeoutMs ?? 30_000;
  }

  /** The shared client for these settings (least recently used ones are destroyed beyond 20). */
  client(): CostExplorerClient {
    const key = JSON.stringify([
      this.settings.uid,
      this.aws,
      this.keysDigest,
      this.options.stsEndpoint ?? '',
      this.requestTimeoutMs,
    ]);
    const client = sharedClients.get(key) ?? this.#newClient();
    sharedClients.delete(key);
    sharedClients.set(key, client);
    for (const old of sharedClients.keys()) {
      if (sharedClients.size <= MAX_SHARED_CLIENTS) {
        break;
      }
      sharedClients.get(old)?.destroy();
      sharedClients.delete(old);
    }
    return client;
  }

  retryOptions(signal: AbortSignal | undefined, onRetry: () => void): RetryOptions {
    const r = this.options.retry ?? {};
    return {
      maxAttempts: r.maxAttempts ?? 5,
      baseDelayMs: r.baseDelayMs ?? 500,
      maxDelayMs: r.maxDelayMs ?? 8000,
      sleep: r.sleep,
      signal,
      onRetry,
    };
  }

  errorContext(): ErrorContext {
    let keys: string[];
    try {
      const k = accessKeys(this.settings.secrets);
      keys = k ? [k.accessKeyId, k.secretAccessKey] : [];
    } catch {
      // Only one key set: redact what is there.
      keys = [this.settings.secrets.get('awsAccessKeyId') ?? '', this.settings.secrets.get('awsSecretAccessKey') ?? ''];
    }
    return {
      endpoint: this.aws.endpoint ?? '',
      roleArn: this.aws.assumeRoleArn,
      redact: keys,
      attempts: this.retryOptions(undefined, () => undefined).maxAttempts,
      requestTimeoutMs: this.requestTimeoutMs,
    };
  }

  #newClient(): CostExplorerClient {
    const aws = this.aws;
    return new CostExplorerClient({
      // CE is one global endpoint signed for us-east-1 (cn-northwest-1 in China).
      region: (aws.region ?? '').startsWith('cn-') ? 'cn-northwest-1' : DEFAULT_AWS_REGION,
      ...(aws.endpoint ? { endpoint: aws.endpoint } : {}),
      credentials: credentialProvider(aws, this.settings.secrets, { stsEndpoint: this.options.stsEndpoint }),
      // Retries are ours (withThrottleRetry), so the SDK makes exactly one attempt.
      maxAttempts: 1,
      requestHandler: {
        requestTimeout: this.requestTimeoutMs,
        throwOnRequestTimeout: true,
        connectionTimeout: 10_000,
      },
    });
  }
}
