/**
 * Distinct accounts and services from AWS Cost Explorer's GetDimensionValues, for pickers and
 * dashboard variables. Usage rows cannot serve here: the Cost Explorer source groups by service and
 * usage type and leaves the account empty unless a query names accounts (costExplorerRequest.ts).
 *
 * Every request (every page) costs USD 0.01 and a variable refreshes with each dashboard load, so
 * answers are cached per datasource version, credentials and whole-day period for the datasource's
 * cache TTL, and pages are capped. The SDK client, retries and error context are the datasource's
 * shared CostExplorerConnection, as for GetCostAndUsage and rightsizing.
 */
import {
  type CostExplorerClient,
  GetDimensionValuesCommand,
  type GetDimensionValuesCommandInput,
} from '@aws-sdk/client-cost-explorer';
import { badQuery, downstreamError, QueryError } from '../../core/errors';
import type { DataSourceSettings } from '../../core/settings';
import { CostExplorerConnection, type CostExplorerConnectionOptions } from '../../sources/aws/costExplorerConnection';
import { costExplorerError } from '../../sources/aws/costExplorerErrors';
import { filterExpression, timePeriod } from '../../sources/aws/costExplorerRequest';
import { ResponseCache } from '../../sources/aws/responseCache';
import { type RetryOptions, withThrottleRetry } from '../../sources/aws/throttleRetry';
import type { ListedValue, TimeWindow } from './http';

export type CostExplorerDimension = 'LINKED_ACCOUNT' | 'SERVICE';

/** A page holds up to 1,000 values; more than this many pages is not a picker any more. */
export const MAX_DIMENSION_PAGES = 10;

export interface DimensionOptions extends CostExplorerConnectionOptions {
  now?: () => number;
  cache?: ResponseCache<ListedValue[]>;
}

export interface DimensionAnswer {
  values: ListedValue[];
  /** Whether the answer came from the cache (no request billed). */
  cached: boolean;
}

const sharedCache = new ResponseCache<ListedValue[]>({ maxEntries: 200 });

/** Values of `dimension` with usage in `window` (whole days), LINKED_ACCOUNT labelled with the account name. */
export async function costExplorerDimensionValues(
  settings: DataSourceSettings,
  dimension: CostExplorerDimension,
  window: TimeWindow,
  options: DimensionOptions = {}
): Promise<DimensionAnswer> {
  const connection = new CostExplorerConnection(settings, options);
  const now = (options.now ?? Date.now)();
  const period = timePeriod(window.fromMs, window.toMs, 'daily', now);
  if (!period) {
    return { values: [], cached: false };
  }
  const input: GetDimensionValuesCommandInput = {
    TimePeriod: period,
    Dimension: dimension,
    Context: 'COST_AND_USAGE',
    // The record types the queries read, so a service with only fees or credits is not offered.
    Filter: filterExpression({}),
  };
  const key = JSON.stringify(['GetDimensionValues', ...connection.cacheIdentity(), input]);
  const cache = options.cache ?? sharedCache;
  try {
    const { value, cached } = await cache.get(key, connection.cacheTtlMs, () =>
      readAllPages(
        connection.client(),
        input,
        connection.retryOptions(undefined, () => undefined)
      )
    );
    return { values: value, cached };
  } catch (error) {
    const mapped = costExplorerError(error, connection.errorContext());
    // The shared message names the permission queries need; pickers need one more.
    if (mapped instanceof QueryError && mapped.status === 403) {
      throw downstreamError(`${mapped.message} Listing accounts and services also needs ce:GetDimensionValues.`, 403);
    }
    throw mapped;
  }
}

async function readAllPages(
  client: CostExplorerClient,
  input: GetDimensionValuesCommandInput,
  retry: RetryOptions
): Promise<ListedValue[]> {
  const found = new Map<string, ListedValue>();
  let token: string | undefined;
  for (let page = 0; page < MAX_DIMENSION_PAGES; page++) {
    const out = await withThrottleRetry(
      () => client.send(new GetDimensionValuesCommand(token ? { ...input, NextPageToken: token } : input)),
      retry
    );
    for (const item of out.DimensionValues ?? []) {
      const value = item.Value ?? '';
      // LINKED_ACCOUNT carries the account's name in the `description` attribute.
      const label = item.Attributes?.description;
      if (value && !found.has(value)) {
        found.set(value, label && label !== value ? { value, label } : { value });
      }
    }
    token = out.NextPageToken || undefined;
    if (!token) {
      return [...found.values()].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    }
  }
  throw badQuery(
    `Cost Explorer returned more than ${MAX_DIMENSION_PAGES} pages of ${input.Dimension} values: shorten the time range, or type the values instead of picking them.`
  );
}
