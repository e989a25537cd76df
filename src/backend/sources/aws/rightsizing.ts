/**
 * Cost Explorer rightsizing (GetRightsizingRecommendation for AmazonEC2) as typed findings: idle
 * instances to terminate and oversized ones to modify. Every page is a billed request (USD 0.01),
 * so pages go through the same kind of TTL response cache as GetCostAndUsage, with the same
 * throttling retries; the notices say how many requests were made, billed and served from cache.
 */
import {
  GetRightsizingRecommendationCommand,
  type GetRightsizingRecommendationCommandInput,
} from '@aws-sdk/client-cost-explorer';
import type { FrameNotice } from '../../frames/frame';
import { badQuery, QueryError } from '../../core/errors';
import type { DataSourceSettings } from '../../core/settings';
import { USD_PER_REQUEST } from './costExplorerSource';
import { ResponseCache } from './responseCache';
import { CostExplorerConnection, type CostExplorerConnectionOptions } from './costExplorerConnection';
import { rightsizingError } from './rightsizingErrors';
import {
  emptyNormaliseStats,
  normaliseFinding,
  type NormaliseStats,
  type RightsizingFinding,
  type RightsizingPage,
} from './rightsizingFinding';
import { withThrottleRetry } from './throttleRetry';

export type { RightsizingFinding, RightsizingKind } from './rightsizingFinding';

/**
 * Findings per page. AWS documents no maximum; the AWS Cloud Intelligence Dashboards collector
 * found 5000 rejected and 1000 accepted (aws-solutions-library-samples/cloud-intelligence-
 * dashboards-data-collection#380). Fewer pages means fewer billed requests.
 */
export const RIGHTSIZING_PAGE_SIZE = 1000;
const MAX_PAGES = 100;
const STALE_PAGINATION = new Set(['InvalidNextTokenException', 'RequestChangedException']);

/** The request: same-family targets (a like-for-like swap), savings net of RIs and Savings Plans. */
export const RIGHTSIZING_REQUEST: Readonly<GetRightsizingRecommendationCommandInput> = Object.freeze({
  Service: 'AmazonEC2',
  Configuration: { RecommendationTarget: 'SAME_INSTANCE_FAMILY' as const, BenefitsConsidered: true },
  PageSize: RIGHTSIZING_PAGE_SIZE,
});

const REQUEST_DESCRIPTION = `GetRightsizingRecommendation Service=AmazonEC2 RecommendationTarget=SAME_INSTANCE_FAMILY BenefitsConsidered=true PageSize=${RIGHTSIZING_PAGE_SIZE}`;

const sharedCache = new ResponseCache<RightsizingPage>({ maxEntries: 200 });

export interface RightsizingFetchOptions extends CostExplorerConnectionOptions {
  cache?: ResponseCache<RightsizingPage>;
  signal?: AbortSignal;
}

export interface RightsizingResult {
  findings: RightsizingFinding[];
  notices: FrameNotice[];
  /** What was asked, for executedQueryString. */
  executed: string[];
  requests: number;
  cachedRequests: number;
}

interface Counts {
  requests: number;
  cached: number;
  retries: number;
}

/**
 * Every rightsizing finding of the account (a payer account sees its member accounts'). Throws a
 * QueryError naming the fix (rightsizing not enabled, missing ce:GetRightsizingRecommendation,
 * credentials, network) or the caller's abort.
 */
export async function fetchRightsizingFindings(
  settings: DataSourceSettings,
  options: RightsizingFetchOptions = {}
): Promise<RightsizingResult> {
  const rc = new CostExplorerConnection(settings, options);
  const counts: Counts = { requests: 0, cached: 0, retries: 0 };
  let pages: RightsizingPage[];
  try {
    pages = await readAllPages(rc, options, counts);
  } catch (error) {
    throw rightsizingError(error, rc.errorContext());
  }
  const stats = emptyNormaliseStats();
  const findings: RightsizingFinding[] = [];
  for (const page of pages) {
    for (const rec of page.RightsizingRecommendations ?? []) {
      const finding = normaliseFinding(rec, page, stats);
      if (finding) {
        findings.push(finding);
      }
    }
  }
  return {
    findings,
    notices: notices(counts, stats),
    executed: [`${REQUEST_DESCRIPTION} (${pages.length} page${pages.length === 1 ? '' : 's'})`],
    requests: counts.requests,
    cachedRequests: counts.cached,
  };
}

/**
 * fetchRightsizingFindings for a query that reads several sources: a failure of this source (not
 * enabled, access denied, unreachable, not configured) becomes an error notice with no findings,
 * so the other sources still answer. The caller's abort and our own bugs still throw.
 */
export async function rightsizingFindingsOrNotice(
  settings: DataSourceSettings,
  options: RightsizingFetchOptions = {}
): Promise<RightsizingResult> {
  try {
    return await fetchRightsizingFindings(settings, options);
  } catch (error) {
    if (!(error instanceof QueryError)) {
      throw error;
    }
    return {
      findings: [],
      notices: [{ severity: 'error', text: error.message }],
      executed: [REQUEST_DESCRIPTION],
      requests: 0,
      cachedRequests: 0,
    };
  }
}

/**
 * All pages, each from the cache when fresh. A cached first page can carry a token CE no longer
 * honours: then the cached pages are dropped and read again once.
 */
async function readAllPages(
  rc: CostExplorerConnection,
  options: RightsizingFetchOptions,
  counts: Counts
): Promise<RightsizingPage[]> {
  const cache = options.cache ?? sharedCache;
  const keys: string[] = [];
  try {
    return await readPages(rc, options, cache, counts, keys);
  } catch (error) {
    if (!STALE_PAGINATION.has((error as Error)?.name) || counts.cached === 0) {
      throw error;
    }
    keys.forEach((key) => cache.delete(key));
    return readPages(rc, options, cache, counts, []);
  }
}

async function readPages(
  rc: CostExplorerConnection,
  options: RightsizingFetchOptions,
  cache: ResponseCache<RightsizingPage>,
  counts: Counts,
  keys: string[]
): Promise<RightsizingPage[]> {
  const client = rc.client();
  const ttlMs = rc.cacheTtlMs;
  const pages: RightsizingPage[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const input: GetRightsizingRecommendationCommandInput = token
      ? { ...RIGHTSIZING_REQUEST, NextPageToken: token }
      : RIGHTSIZING_REQUEST;
    const key = JSON.stringify(['rightsizing', ...rc.cacheIdentity(), input]);
    keys.push(key);
    const { value, cached } = await cache.get(key, ttlMs, async () => {
      const out = await withThrottleRetry(
        () => client.send(new GetRightsizingRecommendationCommand(input), { abortSignal: options.signal }),
        rc.retryOptions(options.signal, () => counts.retries++)
      );
      // Keep only what is read: $metadata is not worth an hour in memory.
      return {
        RightsizingRecommendations: out.RightsizingRecommendations,
        NextPageToken: out.NextPageToken,
        Metadata: out.Metadata,
        Summary: out.Summary,
        Configuration: out.Configuration,
      };
    });
    counts.requests++;
    counts.cached += cached ? 1 : 0;
    pages.push(value);
    token = value.NextPageToken || undefined;
    if (token && (seen.has(token) || seen.size >= MAX_PAGES)) {
      throw badQuery(`Cost Explorer kept paginating rightsizing recommendations (over ${seen.size} pages).`);
    }
    if (token) {
      seen.add(token);
    }
  } while (token);
  return pages;
}

function notices(counts: Counts, stats: NormaliseStats): FrameNotice[] {
  const billed = counts.requests - counts.cached;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const out: FrameNotice[] = [
    {
      severity: 'info',
      text: `Cost Explorer rightsizing: ${plural(counts.requests, 'request')} (${billed} billed, USD ${(billed * USD_PER_REQUEST).toFixed(2)}), ${counts.cached} served from cache.`,
    },
  ];
  if (counts.retries > 0) {
    out.push({
      severity: 'info',
      text: `Cost Explorer rightsizing: ${counts.retries} attempt(s) were throttled or failed transiently and were retried with backoff.`,
    });
  }
  if (stats.unknownRegions.size > 0) {
    out.push({
      severity: 'warning',
      text: `Cost Explorer rightsizing named region(s) this plugin does not know (${[...stats.unknownRegions].sort().join(', ')}): their findings have no region, and their CO2e uses the average grid factor.`,
    });
  }
  if (stats.skipped > 0) {
    out.push({
      severity: 'warning',
      text: `Cost Explorer rightsizing: ${stats.skipped} finding(s) without an instance id or with an unknown type were skipped.`,
    });
  }
  if (stats.badNumbers > 0) {
    out.push({
      severity: 'warning',
      text: `Cost Explorer rightsizing returned ${stats.badNumbers} value(s) that are not numbers; they are shown as empty.`,
    });
  }
  return out;
}
