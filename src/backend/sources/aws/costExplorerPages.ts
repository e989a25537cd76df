/**
 * The one way this plugin reads a paged Cost Explorer operation (GetCostAndUsage,
 * GetRightsizingRecommendation, GetDimensionValues). Every page is a billed request (USD 0.01) and
 * dashboards repeat the same queries on every refresh, so each page is served from the datasource
 * instance's response cache while younger than the datasource's cache TTL. Pages follow
 * NextPageToken up to a per-operation limit; throttled and transiently failed attempts are
 * retried with backoff; requests, cache hits and retries are counted for the cost notices.
 */
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { perInstance, type PerInstance } from '../../core/instance';
import type { CostExplorerConnection } from './costExplorerConnection';
import { ResponseCache } from '../../core/responseCache';
import { withThrottleRetry } from './throttleRetry';

/** USD per Cost Explorer API request (each page is one), from the AWS Cost Management pricing page. */
export const USD_PER_REQUEST = 0.01;

/** CE's answers to a NextPageToken it no longer accepts. */
const STALE_PAGINATION = new Set(['RequestChangedException', 'InvalidNextTokenException']);

export interface PagedInput {
  NextPageToken?: string;
}

export interface Page {
  NextPageToken?: string;
}

export interface PagedOperation<I extends PagedInput, P extends Page> {
  /** The API operation, for messages and the cache's name. */
  readonly name: string;
  /** Most pages one read may take; a last page that still has a token fails the read with `tooManyPages`. */
  readonly maxPages: number;
  /** One page, trimmed to what is read: $metadata and the rest are not worth a TTL in memory. */
  send(client: CostExplorerClient, input: I, signal: AbortSignal | undefined): Promise<P>;
  tooManyPages(pagesRead: number, input: I): Error;
  /** The instance's cache of this operation's pages, keyed by the request (the token included). */
  readonly cache: PerInstance<ResponseCache<P>>;
}

export function pagedOperation<I extends PagedInput, P extends Page>(
  operation: Omit<PagedOperation<I, P>, 'cache'> & { cachedPages: number }
): PagedOperation<I, P> {
  const { cachedPages, ...rest } = operation;
  return {
    ...rest,
    cache: perInstance(
      `${operation.name} pages`,
      (instance) => new ResponseCache<P>({ maxEntries: cachedPages, now: instance.now })
    ),
  };
}

export interface RequestCounts {
  /** Pages read, from the cache or not. */
  requests: number;
  /** Pages served from the cache (not billed). */
  cached: number;
  /** Attempts retried after throttling or a transient server error. */
  retries: number;
}

export const noRequests = (): RequestCounts => ({ requests: 0, cached: 0, retries: 0 });

/**
 * Every page of `input`, in order. A cached first page can carry a NextPageToken CE no longer
 * honours: when `counts` says something came from the cache, the pages of this read are dropped
 * from the cache and read again once, so "run it again" is never stuck on a stale token for a
 * whole TTL. Errors are the SDK's (or `tooManyPages`): the caller maps them for its operation.
 */
export async function readAllPages<I extends PagedInput, P extends Page>(
  connection: CostExplorerConnection,
  operation: PagedOperation<I, P>,
  input: I,
  counts: RequestCounts,
  signal?: AbortSignal
): Promise<P[]> {
  const cache = connection.instance.get(operation.cache);
  const keys: string[] = [];
  try {
    return await readPages(connection, operation, input, counts, signal, keys);
  } catch (error) {
    if (!STALE_PAGINATION.has((error as Error)?.name) || counts.cached === 0) {
      throw error;
    }
    keys.forEach((key) => cache.delete(key));
    return readPages(connection, operation, input, counts, signal, []);
  }
}

async function readPages<I extends PagedInput, P extends Page>(
  connection: CostExplorerConnection,
  operation: PagedOperation<I, P>,
  input: I,
  counts: RequestCounts,
  signal: AbortSignal | undefined,
  keys: string[]
): Promise<P[]> {
  const cache = connection.instance.get(operation.cache);
  const client = connection.client();
  const pages: P[] = [];
  const seenTokens = new Set<string>();
  let token: string | undefined;
  do {
    const pageInput: I = token ? { ...input, NextPageToken: token } : input;
    const key = JSON.stringify(pageInput);
    keys.push(key);
    const { value, cached } = await cache.get(key, connection.cacheTtlMs, () =>
      withThrottleRetry(
        () => operation.send(client, pageInput, signal),
        connection.retryOptions(signal, () => counts.retries++)
      )
    );
    counts.requests++;
    counts.cached += cached ? 1 : 0;
    pages.push(value);
    token = value.NextPageToken || undefined;
    if (token && (seenTokens.has(token) || pages.length >= operation.maxPages)) {
      throw operation.tooManyPages(pages.length, input);
    }
    if (token) {
      seenTokens.add(token);
    }
  } while (token);
  return pages;
}

/** "<subject>: 3 requests (1 billed, USD 0.01), 2 served from cache." */
export function requestCostNotice(subject: string, counts: RequestCounts): string {
  const billed = counts.requests - counts.cached;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${subject}: ${plural(counts.requests, 'request')} (${billed} billed, USD ${(billed * USD_PER_REQUEST).toFixed(2)}), ${counts.cached} served from cache.`;
}

/** Said when attempts were retried, else nothing. */
export function retryNotice(subject: string, counts: RequestCounts): string | undefined {
  return counts.retries > 0
    ? `${subject}: ${counts.retries} attempt(s) were throttled or failed transiently and were retried with backoff.`
    : undefined;
}
