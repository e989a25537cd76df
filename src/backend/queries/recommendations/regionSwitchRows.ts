/**
 * Region switch recommendations of a cloudRecommendations query: the billing source's usage over
 * the query's range, estimated by the chosen methodology, compared region by region with the
 * lowest-carbon region of the same geography (src/engine/recommendations/regionSwitch.ts), and
 * scaled to a month (engine/recommendations/month.ts) from the range's length.
 */
import type { BillingFilters, BillingSource, MethodologyId } from '../../../datasource/types';
import { HOUR_MS, HOURS_PER_MONTH, monthScale } from '../../../engine/recommendations/month';
import { regionSwitchesOfBill, type RegionSwitch } from '../../../engine/recommendations/regionSwitch';
import type { FrameNotice } from '../../frames/frame';
import { openBillingSource } from '../../sources';
import { resolveGranularity } from '../billingGrid';
import { billingNotices, noUsageNotice, singleCurrency } from '../billingNotices';
import { loadEstimator } from '../loadEstimator';
import type { TimeRange } from '../queryHandler';
import type { DatasourceInstance } from '../../core/instance';
import type { RecommendationRow } from './recommendationRow';

const PROVIDER_NAMES: Record<string, string> = { aws: 'AWS', gcp: 'Google Cloud', azure: 'Azure' };

export interface RegionSwitchRequest {
  source: BillingSource;
  methodology: MethodologyId;
  filters: BillingFilters;
  timeRange: TimeRange;
  instance: DatasourceInstance;
}

export interface KindResult {
  rows: RecommendationRow[];
  notices: FrameNotice[];
  executed: string[];
}

export async function regionSwitchRecommendationRows(request: RegionSwitchRequest): Promise<KindResult> {
  const { timeRange, methodology } = request;
  const rangeHours = (timeRange.to - timeRange.from) / HOUR_MS;
  const source = openBillingSource(request.source, request.instance);
  // Totals over the range are all that is needed; the granularity only decides how the source cuts them.
  const granularity = resolveGranularity('auto', timeRange, source.hourlyAvailable);
  // Recommendation rows name the account whose compute would move.
  const usage = await source.fetchUsage({ ...timeRange, granularity, filters: request.filters, groupByAccount: true });
  const estimates = (await loadEstimator())(usage.rows, methodology);
  const scale = monthScale(timeRange.to - timeRange.from);
  const { switches, leftOut } = regionSwitchesOfBill(usage.rows, estimates, { methodology, scale });
  const notices: FrameNotice[] = [
    ...noUsageNotice(usage, 'Region switch: '),
    ...billingNotices(usage, methodology),
    ...singleCurrency(usage.rows).notice,
  ];
  if (leftOut.kWh > 0) {
    notices.push({
      severity: 'info',
      text:
        `Region switch left out ${round(leftOut.kWh * scale)} kWh a month of compute in regions without grid data ` +
        `or geography: ${leftOut.regions.join(', ')}.`,
    });
  }
  return { rows: switches.map((s) => toRow(s, methodology, rangeHours)), notices, executed: [] };
}

/** Enough digits to recompute by hand, without float noise (0.30000000000000004). */
function round(value: number): string {
  return String(Number(value.toPrecision(6)));
}

function toRow(s: RegionSwitch, methodology: MethodologyId, rangeHours: number): RecommendationRow {
  const provider = PROVIDER_NAMES[s.provider] ?? s.provider;
  return {
    kind: 'regionSwitch',
    provider: s.provider,
    account: s.account,
    region: s.region,
    targetRegion: s.target.region,
    geography: s.geography,
    resourceId: s.service,
    instanceType: '',
    targetInstanceType: '',
    currentMonthlyKWh: s.currentKWh,
    currentMonthlyKgCO2e: s.currentKg,
    projectedMonthlyKWh: s.projectedKWh,
    projectedMonthlyKgCO2e: s.projectedKg,
    monthlyKWhSaved: s.kWhSaved,
    monthlyKgCO2eSaved: s.kgSaved,
    monthlyCostSaved: s.costSaved,
    currency: s.currency,
    action:
      `Run the ${s.service} compute of account ${s.account} in ${s.target.region} (${s.target.location}) instead of ` +
      `${s.region} (${s.current.location}): the lowest-carbon ${provider} region in ${s.geography}.`,
    method: [
      `Operational CO2e = kWh × grid factor / 1000, factors for usage in ${s.year}: ` +
        `${factorText(s.current)} and ${factorText(s.target)}`,
      `projected kWh = current kWh × PUE ${s.target.pue.pue} (${s.target.region}, ${s.target.pue.source} ${s.target.pue.year}) ` +
        `/ PUE ${s.current.pue.pue} (${s.region}, ${s.current.pue.source} ${s.current.pue.year})`,
      `energy estimated with the ${methodology} methodology; embodied emissions do not depend on the region and are not included`,
      `monthly = range total × ${HOURS_PER_MONTH} h / ${round(rangeHours)} h`,
      costText(s),
    ].join('; '),
  };
}

function factorText(t: RegionSwitch['current']): string {
  return `${t.region} ${t.factor.gCO2ePerKWh} gCO2e/kWh (${t.factor.source}, ${t.factor.year})`;
}

function costText(s: RegionSwitch): string {
  if (s.unpriced.length > 0) {
    return `price in ${s.target.region} unknown in your billing data (${s.unpriced.join(', ')}), so no cost difference`;
  }
  const prices = s.prices.map((p) => `${p.usage} ${round(p.price)} ${s.currency} per ${p.unit}`).join(', ');
  return `cost in ${s.target.region} = the same usage at its unit price in your billing data (cost / amount): ${prices}.`;
}
