/**
 * Distinct accounts and services from AWS Cost Explorer's GetDimensionValues, for pickers and
 * dashboard variables. Usage rows cannot serve here: the Cost Explorer source groups by service and
 * usage type and leaves the account empty unless a query names accounts (costExplorerRequest.ts).
 *
 * Every request (every page) costs USD 0.01 and a variable refreshes with each dashboard load, so
 * pages are read through the paged, cached call shared with GetCostAndUsage and rightsizing
 * (costExplorerPages.ts): cached per datasource instance and whole-day period for the datasource's
 * cache TTL, and capped.
 */
import { GetDimensionValuesCommand, type GetDimensionValuesCommandInput } from '@aws-sdk/client-cost-explorer';
import { badQuery, downstreamError, QueryError } from '../../core/errors';
import type { DatasourceInstance } from '../../core/instance';
import { CostExplorerConnection, type CostExplorerConnectionOptions } from './costExplorerConnection';
import { costExplorerError, requireList } from './costExplorerErrors';
import { noRequests, pagedOperation, readAllPages } from './costExplorerPages';
import { filterExpression, timePeriod } from './costExplorerRequest';

export type CostExplorerDimension = 'LINKED_ACCOUNT' | 'SERVICE';

/** A page holds up to 1,000 values; more than this many pages is not a picker any more. */
export const MAX_DIMENSION_PAGES = 10;

export interface DimensionValue {
  value: string;
  /** LINKED_ACCOUNT: the account's name, when it differs from the id. */
  label?: string;
}

export interface DimensionOptions extends CostExplorerConnectionOptions {
  /** Clock for "today" (epoch ms; default the instance's). */
  now?: () => number;
}

export interface DimensionAnswer {
  values: DimensionValue[];
  /** Whether every page came from the cache (no request billed). */
  cached: boolean;
}

interface DimensionPage {
  DimensionValues?: Array<{ Value?: string; Attributes?: Record<string, string> }>;
  NextPageToken?: string;
}

const DIMENSION_VALUES = pagedOperation<GetDimensionValuesCommandInput, DimensionPage>({
  name: 'GetDimensionValues',
  maxPages: MAX_DIMENSION_PAGES,
  cachedPages: 200,
  async send(client, input, signal) {
    const out = await client.send(new GetDimensionValuesCommand(input), { abortSignal: signal });
    // Required in Cost Explorer's answer (an empty list when nothing matched).
    requireList('GetDimensionValues', out, 'DimensionValues', true);
    return { DimensionValues: out.DimensionValues, NextPageToken: out.NextPageToken };
  },
  tooManyPages: (_pages, input) =>
    badQuery(
      `Cost Explorer returned more than ${MAX_DIMENSION_PAGES} pages of ${input.Dimension} values: shorten the time range, or type the values instead of picking them.`
    ),
});

/** Values of `dimension` with usage from `fromMs` to `toMs` (whole days), LINKED_ACCOUNT labelled with the account name. */
export async function costExplorerDimensionValues(
  instance: DatasourceInstance,
  dimension: CostExplorerDimension,
  window: { fromMs: number; toMs: number },
  options: DimensionOptions = {}
): Promise<DimensionAnswer> {
  const connection = new CostExplorerConnection(instance, options);
  const period = timePeriod(window.fromMs, window.toMs, 'daily', (options.now ?? instance.now)());
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
  const counts = noRequests();
  try {
    const pages = await readAllPages(connection, DIMENSION_VALUES, input, counts);
    return { values: distinctValues(pages), cached: counts.cached === counts.requests };
  } catch (error) {
    const mapped = costExplorerError(error, connection.errorContext());
    // The shared message names the permission queries need; pickers need one more.
    if (mapped instanceof QueryError && mapped.status === 403) {
      throw downstreamError(`${mapped.message} Listing accounts and services also needs ce:GetDimensionValues.`, 403);
    }
    throw mapped;
  }
}

function distinctValues(pages: DimensionPage[]): DimensionValue[] {
  const found = new Map<string, DimensionValue>();
  for (const item of pages.flatMap((page) => page.DimensionValues ?? [])) {
    const value = item.Value ?? '';
    // LINKED_ACCOUNT carries the account's name in the `description` attribute.
    const label = item.Attributes?.description;
    if (value && !found.has(value)) {
      found.set(value, label && label !== value ? { value, label } : { value });
    }
  }
  return [...found.values()].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
