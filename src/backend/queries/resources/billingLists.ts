/**
 * `providers`, `accounts` and `services`: what the billing data holds, for pickers and variables.
 * FOCUS exports are read through the FOCUS source (monthly buckets keep the rows few) and the
 * distinct values are kept for a few minutes, since a dashboard asks on every load. Cost Explorer
 * accounts and services come from GetDimensionValues (sources/aws/costExplorerDimensions.ts).
 */
import { CLOUD_PROVIDERS, type BillingSource } from '../../../datasource/types';
import type { UsageRow } from '../../../engine/usage';
import { type DatasourceInstance, perInstance } from '../../core/instance';
import type { DataSourceSettings } from '../../core/settings';
import { openBillingSource } from '../../sources';
import type { DimensionOptions } from '../../sources/aws/costExplorerDimensions';
import { ResponseCache } from '../../core/responseCache';
import { configuredSources } from '../health';
import {
  billingSourceParam,
  DAY_MS,
  ok,
  ParamError,
  sortedUnique,
  wholeDays,
  windowParam,
  type ListedValue,
  type ResourceRequest,
  type ResourceResult,
  type TimeWindow,
} from './http';

/** Billing lists cover the last 30 days unless `from`/`to` say otherwise. */
export const BILLING_WINDOW_MS = 30 * DAY_MS;
const FOCUS_TTL_MS = 5 * 60_000;

type Field = 'provider' | 'account' | 'service';
interface Distinct {
  provider: string[];
  account: string[];
  service: string[];
}

/** The distinct values of a datasource's FOCUS exports, by window. */
const focusDistinctCache = perInstance(
  'FOCUS distinct values',
  (instance) => new ResponseCache<Distinct>({ maxEntries: 50, now: instance.now })
);

/** Test seams: Cost Explorer options (clock, retries, timeout) and a clock for the default window. */
export interface BillingListOptions {
  costExplorer?: DimensionOptions;
  now?: () => number;
}

const SOURCE_NAMES: Record<BillingSource, string> = { awsCostExplorer: 'AWS Cost Explorer', focus: 'FOCUS exports' };

/** `source=` when given and configured, else the first configured billing source. */
function chooseSource(request: ResourceRequest, settings: DataSourceSettings): BillingSource {
  const configured = configuredSources(settings);
  const asked = billingSourceParam(request.query);
  if (asked && !configured.includes(asked)) {
    throw new ParamError(
      `${SOURCE_NAMES[asked]} is not configured: set it up in the datasource settings${configured.length ? `, or use source=${configured.join(' or source=')}` : ''}.`
    );
  }
  const source = asked ?? configured[0];
  if (!source) {
    throw new ParamError(
      'No billing source is configured: add AWS Cost Explorer or FOCUS export paths in the datasource settings.'
    );
  }
  return source;
}

function billingWindow(request: ResourceRequest, options: BillingListOptions): TimeWindow {
  return wholeDays(windowParam(request.query, BILLING_WINDOW_MS, (options.now ?? Date.now)()));
}

/** Providers, accounts and services of the FOCUS usage rows in `window`. */
async function focusDistinct(instance: DatasourceInstance, window: TimeWindow): Promise<Distinct> {
  const { value } = await instance.get(focusDistinctCache).get(JSON.stringify(window), FOCUS_TTL_MS, async () => {
    const { rows } = await openBillingSource('focus', instance).fetchUsage({
      from: window.fromMs,
      to: window.toMs,
      granularity: 'monthly',
      filters: {},
      groupByAccount: true,
    });
    const pick = (field: Field) => sortedUnique(rows.map((r: UsageRow) => r[field]));
    return { provider: pick('provider'), account: pick('account'), service: pick('service') };
  });
  return value;
}

const asListed = (values: string[]): ListedValue[] => values.map((value) => ({ value }));

/**
 * Without `source=`: the providers with grid data (aws, azure, gcp), which every `provider` option
 * (gridIntensity, the `regions` route, promqlEnergy) accepts, so a `$provider` variable never offers
 * one that fails there. With `source=`: the providers in that billing source's data (a FOCUS export
 * may hold `oci`), for dashboards that group or label billing data by provider.
 */
export async function listProviders(
  request: ResourceRequest,
  instance: DatasourceInstance,
  options: BillingListOptions = {}
): Promise<ResourceResult> {
  if (!billingSourceParam(request.query)) {
    return ok(asListed(sortedUnique(CLOUD_PROVIDERS)));
  }
  const source = chooseSource(request, instance.settings);
  // Cost Explorer only ever bills AWS.
  const providers =
    source === 'focus' ? (await focusDistinct(instance, billingWindow(request, options))).provider : ['aws'];
  return ok(asListed(sortedUnique(providers)));
}

export function billingValues(field: 'account' | 'service') {
  return async (
    request: ResourceRequest,
    instance: DatasourceInstance,
    options: BillingListOptions = {}
  ): Promise<ResourceResult> => {
    const source = chooseSource(request, instance.settings);
    const window = billingWindow(request, options);
    if (source === 'focus') {
      return ok(asListed((await focusDistinct(instance, window))[field]));
    }
    const dimension = field === 'account' ? 'LINKED_ACCOUNT' : 'SERVICE';
    // The AWS SDK loads on first use: FOCUS-only datasources never pay for it.
    const { costExplorerDimensionValues } = await import('../../sources/aws/costExplorerDimensions');
    const answer = await costExplorerDimensionValues(instance, dimension, window, options.costExplorer);
    return ok(answer.values);
  };
}
