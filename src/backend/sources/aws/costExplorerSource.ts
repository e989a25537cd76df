/**
 * AWS Cost Explorer as a billing source: GetCostAndUsage with manual NextPageToken pagination,
 * throttling retries, and a response cache, because every request (every page) costs USD 0.01.
 * What is asked and why is in costExplorerRequest.ts.
 */
import { createHash } from 'node:crypto';

import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
} from '@aws-sdk/client-cost-explorer';
import type { AwsSettings } from '../../../datasource/types';
import { badQuery } from '../../queries/queryError';
import type { DataSourceSettings } from '../../queries/settings';
import type { BillingRequest, BillingResult, BillingSourceClient, SourceHealth } from '../billingSource';
import { UsageAggregator } from '../usageAggregator';
import { costExplorerError, isAbort, type ErrorContext } from './costExplorerErrors';
import { planQueries, type PlannedQuery } from './costExplorerRequest';
import { addCostAndUsagePage, emptyConversionStats, type CostAndUsagePage } from './costExplorerRows';
import { accessKeys, credentialProvider, DEFAULT_AWS_REGION } from './credentials';
import { ResponseCache } from './responseCache';
import { withThrottleRetry, type RetryOptions } from './throttleRetry';

/** USD per GetCostAndUsage request (each page is one), from the AWS Cost Management pricing page. */
export const USD_PER_REQUEST = 0.01;
const DEFAULT_TTL_SECONDS = 3600;
// A runaway guard: a real query needs a handful of pages.
const MAX_PAGES_PER_QUERY = 200;

/** CE's answers to a NextPageToken it no longer accepts. */
const STALE_PAGINATION = new Set(['RequestChangedException', 'InvalidNextTokenException']);

interface FetchCounts {
  requests: number;
  cached: number;
  /** Attempts retried after throttling or a transient server error. */
  retries: number;
}

/** Shared by every source instance, so a source built per query still reuses responses. */
const sharedCache = new ResponseCache<CostAndUsagePage>({ maxEntries: 500 });
/** Clients (and so their memoised credentials, e.g. an assumed-role session) outlive one query. */
const sharedClients = new Map<string, CostExplorerClient>();
const MAX_SHARED_CLIENTS = 20;

export interface CostExplorerSourceOptions {
  /** Clock for "today" (epoch ms); tests pin it. */
  now?: () => number;
  cache?: ResponseCache<CostAndUsagePage>;
  retry?: Partial<Pick<RetryOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'sleep'>>;
  /** Per HTTP request (default 30 s). */
  requestTimeoutMs?: number;
  stsEndpoint?: string;
}

export class CostExplorerSource implements BillingSourceClient {
  readonly hourlyAvailable: boolean;
  readonly #settings: DataSourceSettings;
  readonly #aws: AwsSettings | undefined;
  readonly #options: CostExplorerSourceOptions;
  readonly #cache: ResponseCache<CostAndUsagePage>;
  readonly #keysDigest: string;
  #client: CostExplorerClient | undefined;

  constructor(settings: DataSourceSettings, options: CostExplorerSourceOptions = {}) {
    this.#settings = settings;
    this.#aws = settings.jsonData.aws;
    this.#options = options;
    this.#cache = options.cache ?? sharedCache;
    this.hourlyAvailable = this.#aws?.hourlyEnabled === true;
    const secrets = settings.secrets;
    this.#keysDigest = createHash('sha256')
      .update(`${secrets.get('awsAccessKeyId') ?? ''}\u0000${secrets.get('awsSecretAccessKey') ?? ''}`)
      .digest('hex');
  }

  async fetchUsage(request: BillingRequest): Promise<BillingResult> {
    const aws = this.#awsSettings();
    if (request.granularity === 'hourly' && !aws.hourlyEnabled) {
      throw badQuery(
        'Hourly Cost Explorer data is off for this datasource: enable hourly granularity in Cost Explorer preferences (it is billed separately and covers the last 14 days), then switch on "Hourly data" in the datasource settings; or choose daily granularity.'
      );
    }
    const client = this.#clientOrThrow();
    const plan = planQueries(request, this.#now());
    const aggregator = new UsageAggregator(request.granularity);
    const stats = emptyConversionStats();
    const counts: FetchCounts = { requests: 0, cached: 0, retries: 0 };
    try {
      for (const query of plan.queries) {
        for (const page of await this.#pages(client, query, request.signal, counts)) {
          addCostAndUsagePage(page, query.account, aggregator, stats);
        }
      }
    } catch (error) {
      throw costExplorerError(error, this.#errorContext());
    }
    const notices = [...plan.notices, costNotice(counts.requests, counts.cached)];
    if (counts.retries > 0) {
      notices.push(
        `Cost Explorer: ${counts.retries} attempt(s) were throttled or failed transiently and were retried with backoff.`
      );
    }
    if (stats.mixedUnitGroups > 0) {
      notices.push(
        `Cost Explorer returned ${stats.mixedUnitGroups} group(s) with mixed units (unit "N/A"): their usage amount cannot be converted to energy.`
      );
    }
    if (stats.estimatedPeriods.size > 0) {
      notices.push(
        `Cost Explorer marks ${stats.estimatedPeriods.size} period(s) as estimated (from ${[...stats.estimatedPeriods].sort()[0]}): recent figures still change.`
      );
    }
    if (stats.badAmounts > 0) {
      notices.push(
        `Cost Explorer returned ${stats.badAmounts} amount(s) that are not numbers; they were counted as 0.`
      );
    }
    return { rows: aggregator.rows(), notices, requests: counts.requests, cachedRequests: counts.cached };
  }

  /** One uncached GetCostAndUsage for yesterday: proves credentials, endpoint and ce:GetCostAndUsage. */
  async checkHealth(): Promise<SourceHealth> {
    try {
      const client = this.#clientOrThrow();
      const today = new Date(this.#now()).toISOString().slice(0, 10);
      const yesterday = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
      const out = await withThrottleRetry(
        () =>
          client.send(
            new GetCostAndUsageCommand({
              TimePeriod: { Start: yesterday, End: today },
              Granularity: 'DAILY',
              Metrics: ['AmortizedCost'],
            })
          ),
        this.#retryOptions(undefined, () => undefined)
      );
      const total = out.ResultsByTime?.[0]?.Total?.AmortizedCost;
      const amount = total?.Amount ? `${Number(total.Amount).toFixed(2)} ${total.Unit ?? 'USD'}` : 'no cost';
      return {
        ok: true,
        message: `Cost Explorer answered with ${this.#authDescription()}: ${amount} amortized on ${yesterday}. This check made 1 request (USD ${USD_PER_REQUEST.toFixed(2)}).`,
      };
    } catch (error) {
      const mapped = costExplorerError(error, this.#errorContext());
      return { ok: false, message: isAbort(mapped) ? 'The health check was cancelled.' : mapped.message };
    }
  }

  /**
   * All pages of one query, each from the cache when a fresh copy is there. A cached first page
   * can carry a NextPageToken CE no longer honours; then this query's pages are dropped from the
   * cache and read again once, so "run it again" is never stuck on a stale token for a whole TTL.
   */
  async #pages(
    client: CostExplorerClient,
    query: PlannedQuery,
    signal: AbortSignal | undefined,
    counts: FetchCounts
  ): Promise<CostAndUsagePage[]> {
    const keys: string[] = [];
    try {
      return await this.#readPages(client, query, signal, counts, keys);
    } catch (error) {
      if (!STALE_PAGINATION.has((error as Error)?.name) || counts.cached === 0) {
        throw error;
      }
      keys.forEach((key) => this.#cache.delete(key));
      return this.#readPages(client, query, signal, counts, []);
    }
  }

  async #readPages(
    client: CostExplorerClient,
    query: PlannedQuery,
    signal: AbortSignal | undefined,
    counts: FetchCounts,
    keys: string[]
  ): Promise<CostAndUsagePage[]> {
    const ttlMs = (this.#aws?.cacheTtlSeconds ?? DEFAULT_TTL_SECONDS) * 1000;
    const pages: CostAndUsagePage[] = [];
    const seenTokens = new Set<string>();
    let token: string | undefined;
    do {
      const input: GetCostAndUsageCommandInput = token ? { ...query.input, NextPageToken: token } : query.input;
      const key = this.#cacheKey(input);
      keys.push(key);
      const { value, cached } = await this.#cache.get(key, ttlMs, async () => {
        const out = await withThrottleRetry(
          () => client.send(new GetCostAndUsageCommand(input), { abortSignal: signal }),
          this.#retryOptions(signal, () => counts.retries++)
        );
        // Keep only what we read: $metadata and the rest are not worth an hour in memory.
        return { ResultsByTime: out.ResultsByTime, NextPageToken: out.NextPageToken };
      });
      counts.requests++;
      counts.cached += cached ? 1 : 0;
      pages.push(value);
      token = value.NextPageToken || undefined;
      if (token && (seenTokens.has(token) || seenTokens.size >= MAX_PAGES_PER_QUERY)) {
        throw badQuery(
          `Cost Explorer kept paginating (over ${seenTokens.size} pages): narrow the time range or filters.`
        );
      }
      if (token) {
        seenTokens.add(token);
      }
    } while (token);
    return pages;
  }

  #awsSettings(): AwsSettings {
    if (!this.#aws) {
      throw badQuery(
        'AWS Cost Explorer is not configured: choose an AWS authentication type in the datasource settings.'
      );
    }
    return this.#aws;
  }

  #clientOrThrow(): CostExplorerClient {
    if (!this.#client) {
      const aws = this.#awsSettings();
      const key = this.#clientKey(aws);
      this.#client = sharedClients.get(key) ?? this.#newClient(aws);
      sharedClients.delete(key);
      sharedClients.set(key, this.#client);
      for (const old of sharedClients.keys()) {
        if (sharedClients.size <= MAX_SHARED_CLIENTS) {
          break;
        }
        sharedClients.get(old)?.destroy();
        sharedClients.delete(old);
      }
    }
    return this.#client;
  }

  #newClient(aws: AwsSettings): CostExplorerClient {
    return new CostExplorerClient({
      // CE is one global endpoint signed for us-east-1 (cn-northwest-1 in China); the
      // configured region is for STS.
      region: (aws.region ?? '').startsWith('cn-') ? 'cn-northwest-1' : DEFAULT_AWS_REGION,
      ...(aws.endpoint ? { endpoint: aws.endpoint } : {}),
      credentials: credentialProvider(aws, this.#settings.secrets, { stsEndpoint: this.#options.stsEndpoint }),
      // Retries are ours (withThrottleRetry), so the SDK makes exactly one attempt.
      maxAttempts: 1,
      // Without throwOnRequestTimeout the SDK only warns when requestTimeout passes.
      requestHandler: {
        requestTimeout: this.#requestTimeoutMs(),
        throwOnRequestTimeout: true,
        connectionTimeout: 10_000,
      },
    });
  }

  // Everything the client is built from (secrets only as a digest), so new settings get a new client.
  #clientKey(aws: AwsSettings): string {
    return JSON.stringify([
      this.#settings.uid,
      aws,
      this.#keysDigest,
      this.#options.stsEndpoint ?? '',
      this.#requestTimeoutMs(),
    ]);
  }

  #retryOptions(signal: AbortSignal | undefined, onRetry: () => void): RetryOptions {
    const r = this.#options.retry ?? {};
    return {
      maxAttempts: r.maxAttempts ?? 5,
      baseDelayMs: r.baseDelayMs ?? 500,
      maxDelayMs: r.maxDelayMs ?? 8000,
      sleep: r.sleep,
      signal,
      onRetry,
    };
  }

  // Who asks (settings, keys digest) and the full request; never a secret itself.
  #cacheKey(input: GetCostAndUsageCommandInput): string {
    const aws = this.#aws;
    return JSON.stringify([
      this.#settings.uid,
      this.#settings.lastUpdatedMS,
      aws?.authType,
      aws?.endpoint ?? '',
      aws?.assumeRoleArn ?? '',
      this.#keysDigest,
      input,
    ]);
  }

  #errorContext(): ErrorContext {
    let keys: string[] = [];
    try {
      const k = accessKeys(this.#settings.secrets);
      keys = k ? [k.accessKeyId, k.secretAccessKey] : [];
    } catch {
      // Only one key set: redact what is there.
      keys = [
        this.#settings.secrets.get('awsAccessKeyId') ?? '',
        this.#settings.secrets.get('awsSecretAccessKey') ?? '',
      ];
    }
    return {
      endpoint: this.#aws?.endpoint ?? '',
      roleArn: this.#aws?.assumeRoleArn,
      redact: keys,
      // A throttling error only surfaces once every attempt was made.
      attempts: this.#retryOptions(undefined, () => undefined).maxAttempts,
      requestTimeoutMs: this.#requestTimeoutMs(),
    };
  }

  #authDescription(): string {
    switch (this.#aws?.authType) {
      case 'keys':
        return 'the saved access keys';
      case 'assumeRole':
        return `the role ${this.#aws.assumeRoleArn}`;
      default:
        return "the Grafana server's default AWS credentials";
    }
  }

  #requestTimeoutMs(): number {
    return this.#options.requestTimeoutMs ?? 30_000;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}

/** "Cost Explorer: 3 requests (1 billed, USD 0.01), 2 served from cache". */
export function costNotice(requests: number, cached: number): string {
  const billed = requests - cached;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `Cost Explorer: ${plural(requests, 'request')} (${billed} billed, USD ${(billed * USD_PER_REQUEST).toFixed(2)}), ${cached} served from cache.`;
}

export function createCostExplorerSource(
  settings: DataSourceSettings,
  options?: CostExplorerSourceOptions
): BillingSourceClient {
  return new CostExplorerSource(settings, options);
}
