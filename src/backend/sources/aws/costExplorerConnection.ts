/**
 * One datasource instance's connection to Cost Explorer: the SDK client (kept by the instance, so
 * an assumed-role session outlives a query and is destroyed with the instance), our
 * throttling-retry options, the cache TTL and the error context (what to redact). Every Cost
 * Explorer operation (GetCostAndUsage, GetRightsizingRecommendation, GetDimensionValues) goes
 * through it and costExplorerPages.ts.
 */
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import type { AwsConnection } from '../../../datasource/awsConnection';
import type { AwsSettings } from '../../../datasource/types';
import { badQuery } from '../../core/errors';
import { type DatasourceInstance, perInstance } from '../../core/instance';
import type { DataSourceSettings } from '../../core/settings';
import type { ErrorContext } from './costExplorerErrors';
import { accessKeyValues, awsConnectionFromSettings, credentialProvider, DEFAULT_AWS_REGION } from './credentials';
import type { RetryOptions } from './throttleRetry';

export interface CostExplorerConnectionOptions {
  retry?: Partial<Pick<RetryOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'sleep'>>;
  /** Per HTTP request (default 30 s, as for GetCostAndUsage). */
  requestTimeoutMs?: number;
  stsEndpoint?: string;
}

/** How long responses are reused unless the datasource says otherwise (every request costs USD 0.01). */
export const DEFAULT_TTL_SECONDS = 3600;

/**
 * The instance's SDK clients by the options that shape them (request timeout, STS endpoint): one
 * in production, where those are the defaults; tests that change them get their own.
 */
const sdkClients = perInstance(
  'Cost Explorer clients',
  () => new Map<string, CostExplorerClient>(),
  (clients) => clients.forEach((client) => client.destroy())
);

export class CostExplorerConnection {
  readonly aws: AwsSettings;
  /** Auth, role, region and endpoint, from either settings shape. */
  readonly connection: AwsConnection;
  readonly settings: DataSourceSettings;

  /** Throws badQuery when the datasource has no AWS settings. */
  constructor(
    readonly instance: DatasourceInstance,
    readonly options: CostExplorerConnectionOptions = {}
  ) {
    this.settings = instance.settings;
    const aws = this.settings.jsonData.aws;
    if (!aws) {
      throw badQuery(
        'AWS Cost Explorer is not configured: choose an AWS authentication type in the datasource settings.'
      );
    }
    this.aws = aws;
    this.connection = awsConnectionFromSettings(this.settings);
  }

  /** How long a response may be served from the cache. */
  get cacheTtlMs(): number {
    return (this.aws.cacheTtlSeconds ?? DEFAULT_TTL_SECONDS) * 1000;
  }

  get requestTimeoutMs(): number {
    return this.options.requestTimeoutMs ?? 30_000;
  }

  /** The instance's client for these options, created on first use. */
  client(): CostExplorerClient {
    const clients = this.instance.get(sdkClients);
    const key = JSON.stringify([this.options.stsEndpoint ?? '', this.requestTimeoutMs]);
    let client = clients.get(key);
    if (!client) {
      client = this.#newClient();
      clients.set(key, client);
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
    return {
      endpoint: this.connection.endpoint ?? '',
      roleArn: this.connection.assumeRoleArn,
      // Every key value saved, under either name, even when only one is set.
      redact: accessKeyValues(this.settings.secrets),
      attempts: this.retryOptions(undefined, () => undefined).maxAttempts,
      requestTimeoutMs: this.requestTimeoutMs,
    };
  }

  #newClient(): CostExplorerClient {
    const connection = this.connection;
    return new CostExplorerClient({
      // CE is one global endpoint signed for us-east-1 (cn-northwest-1 in China).
      region: (connection.region ?? '').startsWith('cn-') ? 'cn-northwest-1' : DEFAULT_AWS_REGION,
      ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
      credentials: credentialProvider(
        connection,
        this.settings.secrets,
        { stsEndpoint: this.options.stsEndpoint },
        this.settings.awsPolicy
      ),
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
