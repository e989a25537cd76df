/**
 * cloudEmissions: billing usage from a source, estimated to energy and CO2e by the chosen
 * methodology, summed per group (labels = group keys) and time bucket. Series per group and
 * measure (timeseries-multi), or one row per group with range totals (numeric-long).
 */
import { cloudEmissions } from '../../shared/queryTypes/cloudEmissions';
import { defineHandler } from './defineHandler';
import { BillingGroupBy } from '../../datasource/types';
import { groupTotals, Totals } from '../../engine/aggregate';
import { loadEstimator } from './loadEstimator';
import type { RowEstimate, UsageRow } from '../../engine/usage';
import type { Frame, FrameNotice } from '../frames/frame';
import { type Provenance, seriesMeta } from '../frames/meta';
import { estimateProvenance } from '../../engine/provenance';
import { seriesFrame } from '../frames/series';
import { numberColumn, stringColumn, tableFrame } from '../frames/table';
import { openBillingSource } from '../sources';
import { bucketStarts } from '../sources/timeBuckets';
import { granularityNotice, resolveGranularity } from './billingGrid';
import { capGroups, OTHERS_LABEL } from './billingGroupCap';
import { MAX_BILLING_SERIES_GROUPS, MAX_BILLING_TABLE_ROWS } from '../core/limits';
import { Measure, measureConfig, METRIC_MEASURES } from './billingMeasures';
import {
  billingNotices,
  co2eUnavailableNotice,
  noUsageNotice,
  singleCurrency,
  unestimatedNotice,
} from './billingNotices';
import { checkingAccountingBasis } from './validateAccountingBasis';

const GROUP_VALUE: Record<BillingGroupBy, (row: UsageRow, estimate: RowEstimate) => string> = {
  provider: (row) => row.provider,
  account: (row) => row.account,
  region: (row) => row.region,
  service: (row) => row.service,
  category: (_row, estimate) => estimate.category,
  instanceType: (row) => row.instanceType ?? '',
};

const KEY_SEPARATOR = '\u0000';

const emissionsHandler = defineHandler(cloudEmissions, async (request) => {
  const query = request.query;
  const source = openBillingSource(query.source, request.instance);
  const granularity = resolveGranularity(query.granularity, request.timeRange, source.hourlyAvailable);
  const usage = await source.fetchUsage({
    ...request.timeRange,
    granularity,
    filters: query.filters,
    groupByAccount: query.groupBy.includes('account'),
  });
  const estimateUsage = await loadEstimator();
  const basis = query.accountingBasis;
  const estimates = estimateUsage(usage.rows, query.methodology, { accountingBasis: basis });
  const { currency, notice: currencyNotice } = singleCurrency(usage.rows);
  const notices: FrameNotice[] = [
    ...noUsageNotice(usage),
    ...billingNotices(usage, query.methodology, basis),
    ...currencyNotice,
    ...granularityNotice(query.granularity, granularity),
    ...unestimatedNotice(usage.rows, estimates, currency, query.methodology),
    ...co2eUnavailableNotice(usage.rows, estimates, currency),
  ];
  const provenance: Provenance = { notices, custom: { ...estimateProvenance(query.methodology, basis) } };
  const measures = query.metrics.flatMap((m) => METRIC_MEASURES[m]);
  const ownGroupKey = (row: UsageRow, estimate: RowEstimate) =>
    query.groupBy.map((g) => GROUP_VALUE[g](row, estimate)).join(KEY_SEPARATOR);
  const { key: groupKey, notices: capNotices } = capGroups(
    usage.rows,
    estimates,
    ownGroupKey,
    query.groupBy.map(() => OTHERS_LABEL).join(KEY_SEPARATOR),
    query.format === 'table' ? MAX_BILLING_TABLE_ROWS : MAX_BILLING_SERIES_GROUPS,
    currency
  );
  notices.push(...capNotices);

  if (query.format === 'table') {
    const groups = groupTotals(usage.rows, estimates, groupKey);
    return [groupTable(query.groupBy, groups, measures, currency, provenance)];
  }
  const buckets = bucketStarts(request.timeRange, granularity);
  const byGroupAndBucket = groupTotals(
    usage.rows,
    estimates,
    (row, est) => `${groupKey(row, est)}${KEY_SEPARATOR}${row.start}`
  );
  const groupKeys = [
    ...new Set([...byGroupAndBucket.keys()].map((k) => k.slice(0, k.lastIndexOf(KEY_SEPARATOR)))),
  ].sort();
  if (groupKeys.length === 0) {
    // No series: one frame without fields still carries the notices that say why.
    return [{ name: 'cloudEmissions', meta: seriesMeta(provenance), fields: [] }];
  }
  return groupKeys.flatMap((key) =>
    measures.map((measure) => {
      const values = buckets.map((b) => {
        const totals = byGroupAndBucket.get(`${key}${KEY_SEPARATOR}${b}`);
        return totals ? measure.value(totals) : 0;
      });
      return measureSeries(query.groupBy, key, measure, buckets, values, currency, provenance);
    })
  );
});

export const cloudEmissionsHandler = checkingAccountingBasis(emissionsHandler);

function labelsOf(groupBy: BillingGroupBy[], key: string): Record<string, string> {
  const values = key.split(KEY_SEPARATOR);
  return Object.fromEntries(groupBy.map((g, i) => [g, values[i]]));
}

function measureSeries(
  groupBy: BillingGroupBy[],
  key: string,
  measure: Measure,
  times: number[],
  values: Array<number | null>,
  currency: string,
  provenance: Provenance
): Frame {
  const labels = labelsOf(groupBy, key);
  const groupName = Object.values(labels).filter(Boolean).join(' / ');
  return seriesFrame(
    {
      name: groupName ? `${measure.name} ${groupName}` : measure.name,
      times,
      valueName: measure.name,
      values,
      labels,
      config: measureConfig(measure, currency, groupName ? `${groupName} ${measure.label}` : measure.label),
    },
    provenance
  );
}

function groupTable(
  groupBy: BillingGroupBy[],
  groups: Map<string, Totals>,
  measures: Measure[],
  currency: string,
  provenance: Provenance
): Frame {
  const keys = [...groups.keys()].sort();
  const keyFields = groupBy.map((g, i) =>
    stringColumn(
      g,
      keys.map((k) => k.split(KEY_SEPARATOR)[i])
    )
  );
  const valueFields = measures.map((measure) =>
    numberColumn(
      measure.name,
      keys.map((k) => measure.value(groups.get(k)!)),
      measure.unit(currency),
      measure.label,
      measure.description ? { description: measure.description } : {}
    )
  );
  return tableFrame('cloudEmissions', [...keyFields, ...valueFields], provenance);
}
