/**
 * Cost Explorer rightsizing (GetRightsizingRecommendation for AmazonEC2) as typed findings: idle
 * instances to terminate and oversized ones to modify. Every page is a billed request (USD 0.01),
 * so pages are read through the same paged, cached call as GetCostAndUsage (costExplorerPages.ts);
 * the notices say how many requests were made, billed and served from cache.
 */
import {
  GetRightsizingRecommendationCommand,
  type GetRightsizingRecommendationCommandInput,
} from '@aws-sdk/client-cost-explorer';
import type { FrameNotice } from '../../frames/frame';
import { badQuery, QueryError } from '../../core/errors';
import type { DatasourceInstance } from '../../core/instance';
import { CostExplorerConnection, type CostExplorerConnectionOptions } from './costExplorerConnection';
import {
  noRequests,
  pagedOperation,
  readAllPages,
  requestCostNotice,
  retryNotice,
  type RequestCounts,
} from './costExplorerPages';
import { requireList } from './costExplorerErrors';
import { rightsizingError } from './rightsizingErrors';
import {
  emptyNormaliseStats,
  normaliseFinding,
  type NormaliseStats,
  type RightsizingFinding,
  type RightsizingPage,
} from './rightsizingFinding';

export type { RightsizingFinding, RightsizingKind } from './rightsizingFinding';

/**
 * Findings per page. AWS documents no maximum; the AWS Cloud Intelligence Dashboards collector
 * found 5000 rejected and 1000 accepted (aws-solutions-library-samples/cloud-intelligence-
 * dashboards-data-collection#380). Fewer pages means fewer billed requests.
 */
export const RIGHTSIZING_PAGE_SIZE = 1000;

/** The request: same-family targets (a like-for-like swap), savings net of RIs and Savings Plans. */
export const RIGHTSIZING_REQUEST: Readonly<GetRightsizingRecommendationCommandInput> = Object.freeze({
  Service: 'AmazonEC2',
  Configuration: { RecommendationTarget: 'SAME_INSTANCE_FAMILY' as const, BenefitsConsidered: true },
  PageSize: RIGHTSIZING_PAGE_SIZE,
});

const REQUEST_DESCRIPTION = `GetRightsizingRecommendation Service=AmazonEC2 RecommendationTarget=SAME_INSTANCE_FAMILY BenefitsConsidered=true PageSize=${RIGHTSIZING_PAGE_SIZE}`;

const RIGHTSIZING = pagedOperation<GetRightsizingRecommendationCommandInput, RightsizingPage>({
  name: 'GetRightsizingRecommendation',
  maxPages: 100,
  cachedPages: 200,
  async send(client, input, signal) {
    const out = await client.send(new GetRightsizingRecommendationCommand(input), { abortSignal: signal });
    // Absent when there is nothing to recommend; anything else must be a list.
    requireList('GetRightsizingRecommendation', out, 'RightsizingRecommendations', false);
    return {
      RightsizingRecommendations: out.RightsizingRecommendations,
      NextPageToken: out.NextPageToken,
      Metadata: out.Metadata,
      Summary: out.Summary,
      Configuration: out.Configuration,
    };
  },
  tooManyPages: (pages) => badQuery(`Cost Explorer kept paginating rightsizing recommendations (over ${pages} pages).`),
});

export interface RightsizingFetchOptions extends CostExplorerConnectionOptions {
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

/**
 * Every rightsizing finding of the account (a payer account sees its member accounts'). Throws a
 * QueryError naming the fix (rightsizing not enabled, missing ce:GetRightsizingRecommendation,
 * credentials, network) or the caller's abort.
 */
export async function fetchRightsizingFindings(
  instance: DatasourceInstance,
  options: RightsizingFetchOptions = {}
): Promise<RightsizingResult> {
  const connection = new CostExplorerConnection(instance, options);
  const counts = noRequests();
  let pages: RightsizingPage[];
  try {
    pages = await readAllPages(connection, RIGHTSIZING, RIGHTSIZING_REQUEST, counts, options.signal);
  } catch (error) {
    throw rightsizingError(error, connection.errorContext());
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
  instance: DatasourceInstance,
  options: RightsizingFetchOptions = {}
): Promise<RightsizingResult> {
  try {
    return await fetchRightsizingFindings(instance, options);
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

function notices(counts: RequestCounts, stats: NormaliseStats): FrameNotice[] {
  const out: FrameNotice[] = [{ severity: 'info', text: requestCostNotice('Cost Explorer rightsizing', counts) }];
  const retried = retryNotice('Cost Explorer rightsizing', counts);
  if (retried) {
    out.push({ severity: 'info', text: retried });
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
