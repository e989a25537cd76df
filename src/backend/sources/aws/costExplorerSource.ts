/**
 * AWS Cost Explorer as a billing source: GetCostAndUsage with manual NextPageToken pagination,
 * throttling retries, and a response cache, because every request (every page) costs USD 0.01.
 * What is asked and why is in costExplorerRequest.ts.
 */
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
} from '@aws-sdk/client-cost-explorer';
import type { AwsSettings } from '../../../datasource/types';
import { badQuery } from '../../core/errors';
import type { DataSourceSettings } from '../../core/settings';
import type { BillingRequest, BillingResult, BillingSourceClient, SourceHealth } from '../billingSource';
import { UsageAggregator } from '../usageAggregator';
import { costExplorerError, isAbort, type ErrorContext } from './costExplorerErrors';
import { planQueries, type PlannedQuery } from './costExplorerRequest';
import { addCostAndUsagePage, emptyConversionStats, type CostAndUsagePage } from './costExplorerRows';
import { CostExplorerConnection, type CostExplorerConnectionOptions } from './costExplorerConnection';
import { ResponseCache } from './responseCache';
import { withThrottleRetry } from './throttleRetry';

/** USD per GetCostAndUsage request (each page is one), from the AWS Cost Management pricing page. */
export const USD_PER_REQUEST = 0.01;
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

export interface CostExplorerSourceOptions extends CostExplorerConnectionOptions {
  /** Clock for "today" (epoch ms); tests pin it. */
  now?: () => number;
  cache?: ResponseCache<CostAndUsagePage>;
}

export class CostExplorerSource implements BillingSourceClient {
  readonly hourlyAvailable: boolean;
  readonly #settings: DataSourceSettings;
  readonly #aws: AwsSettings | undefined;
  readonly #options: CostExplorerSourceOptions;
  readonly #cache: ResponseCache<CostAndUsagePage>;
  #connection: CostExplorerConnection | undefined;

  constructor(settings: DataSourceSettings, options: CostExplorerSourceOptions = {}) {
    this.#settings = settings;
    this.#aws = settings.jsonData.aws;
    this.#options = options;
    this.#cache = options.cache ?? sharedCache;
    this.hourlyAvailable = this.#aws?.hourlyEnabled === true;
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
        this.#conn().retryOptions(undefined, () => undefined)
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
    const ttlMs = this.#conn().cacheTtlMs;
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
          this.#conn().retryOptions(signal, () => counts.retries++)
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
    return this.#conn().client();
  }

  /** Throws badQuery when Cost Explorer is not configured. */
  #conn(): CostExplorerConnection {
    this.#awsSettings();
    this.#connection ??= new CostExplorerConnection(this.#settings, this.#options);
    return this.#connection;
  }

  // Who asks (settings, keys digest) and the full request; never a secret itself.
  #cacheKey(input: GetCostAndUsageCommandInput): string {
    return JSON.stringify([...this.#conn().cacheIdentity(), input]);
  }

  #errorContext(): ErrorContext {
    return this.#aws ? this.#conn().errorContext() : { endpoint: '', redact: [] };
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
