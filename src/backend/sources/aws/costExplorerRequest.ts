/**
 * The GetCostAndUsage requests a billing request turns into. Pure, so every choice below is
 * unit-tested without AWS.
 *
 * Group-by: SERVICE + USAGE_TYPE (CE allows two). The usage type carries the region (billing-code
 * prefix), the instance type (`BoxUsage:m5.large`) and a single unit, so UsageQuantity comes back
 * with a real unit (`Hrs`, `GB-Mo`) instead of the `N/A` CE gives for mixed units. One request
 * series therefore yields complete rows. Grouping by REGION instead would lose either the service
 * or the usage type (and with it the unit), and a per-region filter loop would cost one request
 * series per region.
 *
 * Accounts: LINKED_ACCOUNT would need a third group-by, so it costs requests: one request series
 * per account (each filtered on LINKED_ACCOUNT). We pay that only when the query names accounts
 * (at most MAX_SPLIT_ACCOUNTS); otherwise all accounts come back together with account ''. Listing
 * every account of an organisation first (GetDimensionValues) and querying each would multiply the
 * bill of every refresh by the number of accounts.
 *
 * Cost metric: AmortizedCost, the amortised cost of the usage itself (Reserved Instance and Savings
 * Plan usage at its effective rate, upfront fees spread over it). It matches FOCUS EffectiveCost,
 * so both sources report the same cost. UnblendedCost would show RI-covered usage at 0 and
 * SP-covered usage at its on-demand rate, because we keep only usage record types (next).
 *
 * Record types: Usage, DiscountedUsage (RI-covered) and SavingsPlanCoveredUsage, as CCF keeps from
 * the CUR. Covered usage still draws power; fees, credits, taxes, refunds and SP negation lines are
 * not usage (RI fee lines even repeat the reserved hours as a usage quantity).
 */
import type { Expression, GetCostAndUsageCommandInput, Granularity } from '@aws-sdk/client-cost-explorer';
import type { BillingFilters } from '../../../datasource/types';
import type { BillingRequest, BucketGranularity } from '../billingSource';
import { bucketEnd, bucketStart, ceilToBucket } from '../timeBuckets';

export const USAGE_METRIC = 'UsageQuantity';
export const COST_METRIC = 'AmortizedCost';
export const USAGE_RECORD_TYPES = ['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage'];
export const GROUP_BY = [
  { Type: 'DIMENSION' as const, Key: 'SERVICE' },
  { Type: 'DIMENSION' as const, Key: 'USAGE_TYPE' },
];
/** Beyond this many accounts in a filter, they are queried together (one request series). */
export const MAX_SPLIT_ACCOUNTS = 20;

const CE_GRANULARITY: Record<BucketGranularity, Granularity> = {
  hourly: 'HOURLY',
  daily: 'DAILY',
  monthly: 'MONTHLY',
};

/**
 * CE TimePeriod for [from, to): whole days (`YYYY-MM-DD`, End exclusive) for daily and monthly
 * (CE returns the partial first and last month), whole hours (`YYYY-MM-DDTHH:00:00Z`) for hourly.
 * End is capped at the end of the current day/hour: CE has no later data. Undefined when empty.
 */
export function timePeriod(
  from: number,
  to: number,
  granularity: BucketGranularity,
  now: number
): { Start: string; End: string } | undefined {
  const step = granularity === 'hourly' ? 'hourly' : 'daily';
  const start = bucketStart(from, step);
  const end = Math.min(ceilToBucket(to, step), bucketEnd(bucketStart(now, step), step));
  if (end <= start) {
    return undefined;
  }
  const format = (ms: number) =>
    step === 'hourly' ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : new Date(ms).toISOString().slice(0, 10);
  return { Start: format(start), End: format(end) };
}

/** The query's filters as a CE Filter expression (CE wants `And` only for two or more terms). */
export function filterExpression(filters: BillingFilters, accounts?: string[]): Expression {
  const terms: Expression[] = [{ Dimensions: { Key: 'RECORD_TYPE', Values: USAGE_RECORD_TYPES } }];
  const add = (key: 'REGION' | 'SERVICE' | 'LINKED_ACCOUNT', values?: string[]) => {
    if (values && values.length > 0) {
      terms.push({ Dimensions: { Key: key, Values: values } });
    }
  };
  add('REGION', filters.regions);
  add('SERVICE', filters.services);
  add('LINKED_ACCOUNT', accounts);
  return terms.length === 1 ? terms[0] : { And: terms };
}

export interface PlannedQuery {
  /** Account the rows are attributed to ('' when several accounts are summed together). */
  account: string;
  /** First-page input; pages add NextPageToken. */
  input: GetCostAndUsageCommandInput;
}

export interface QueryPlan {
  queries: PlannedQuery[];
  notices: string[];
}

export function planQueries(request: BillingRequest, now: number): QueryPlan {
  const period = timePeriod(request.from, request.to, request.granularity, now);
  if (!period) {
    return { queries: [], notices: ['Cost Explorer: the time range is in the future, no data to ask for.'] };
  }
  const input = (accounts?: string[]): GetCostAndUsageCommandInput => ({
    TimePeriod: period,
    Granularity: CE_GRANULARITY[request.granularity],
    Metrics: [USAGE_METRIC, COST_METRIC],
    GroupBy: GROUP_BY,
    Filter: filterExpression(request.filters, accounts),
  });
  const accounts = [...new Set(request.filters.accounts ?? [])];
  if (accounts.length === 0) {
    return {
      queries: [{ account: '', input: input() }],
      notices: [
        'Cost Explorer: usage of all accounts is summed (account ""); add an account filter to split it by account (one request per account).',
      ],
    };
  }
  if (accounts.length > MAX_SPLIT_ACCOUNTS) {
    return {
      queries: [{ account: '', input: input(accounts) }],
      notices: [
        `Cost Explorer: ${accounts.length} accounts are queried together (account ""); filter at most ${MAX_SPLIT_ACCOUNTS} to split usage by account (one request per account).`,
      ],
    };
  }
  return { queries: accounts.map((account) => ({ account, input: input([account]) })), notices: [] };
}
