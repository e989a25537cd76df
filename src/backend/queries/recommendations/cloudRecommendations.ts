/**
 * cloudRecommendations: savings ranked by CO2e saved per month. Region switch (the same compute in
 * the lowest-carbon region of its geography, from billing usage) and rightsizing (AWS Cost
 * Explorer's recommendations with their energy and CO2e). `table`: one row per recommendation;
 * `summary`: one row per kind.
 */
import type { ParsedQueryOf } from '../../../shared/queryTypes';
import { cloudRecommendations } from '../../../shared/queryTypes/cloudRecommendations';
import { defineHandler } from '../defineHandler';
import {
  BILLING_SOURCES,
  RECOMMENDATION_KINDS,
  type BillingSource,
  type RecommendationKind,
} from '../../../datasource/types';
import { badQuery } from '../../core/errors';
import type { QueryRequest } from '../queryHandler';
import type { DataSourceSettings } from '../../core/settings';
import { combineOutcomes, settle } from './kindOutcomes';
import { rankRows, summaryFrame, tableFrame } from './recommendationFrames';
import { regionSwitchRecommendationRows, type KindResult } from './regionSwitchRows';

type ParsedQuery = ParsedQueryOf<'cloudRecommendations'>;

const CONFIGURED: Record<BillingSource, (settings: DataSourceSettings) => boolean> = {
  awsCostExplorer: (s) => s.jsonData.aws !== undefined && s.jsonData.aws !== null,
  focus: (s) => (s.jsonData.focus?.paths ?? []).some((p) => p.trim() !== ''),
};

const SOURCE_SETUP: Record<BillingSource, string> = {
  awsCostExplorer: 'set up AWS Cost Explorer in the data source settings',
  focus: 'add FOCUS export paths in the data source settings',
};

interface Plan {
  kinds: RecommendationKind[];
  /** Billing usage for region switch. */
  source?: BillingSource;
}

/** Which kinds run and from which source; a kind asked for without its source is the query's error. */
export function planKinds(query: Pick<ParsedQuery, 'kinds' | 'source'>, settings: DataSourceSettings): Plan {
  if (query.source && !CONFIGURED[query.source](settings)) {
    throw badQuery(`source ${query.source} is not configured in this data source: ${SOURCE_SETUP[query.source]}`);
  }
  const source = query.source ?? BILLING_SOURCES.find((s) => CONFIGURED[s](settings));
  const available: Record<RecommendationKind, boolean> = {
    regionSwitch: source !== undefined,
    rightsizing: CONFIGURED.awsCostExplorer(settings),
  };
  if (query.kinds.length === 0) {
    const kinds = RECOMMENDATION_KINDS.filter((k) => available[k]);
    if (kinds.length === 0) {
      throw badQuery(
        'cloudRecommendations needs a billing source: set up AWS Cost Explorer or FOCUS exports in the data source settings'
      );
    }
    return { kinds, source };
  }
  const kinds = [...new Set(query.kinds)];
  if (kinds.includes('regionSwitch') && !available.regionSwitch) {
    throw badQuery(
      'regionSwitch needs billing usage: set up AWS Cost Explorer or FOCUS exports in the data source settings'
    );
  }
  if (kinds.includes('rightsizing') && !available.rightsizing) {
    throw badQuery('rightsizing comes from AWS Cost Explorer, which is not set up in this data source');
  }
  return { kinds, source };
}

type Runner = (query: ParsedQuery, request: QueryRequest<unknown>, plan: Plan) => Promise<KindResult>;

const RUNNERS: Record<RecommendationKind, Runner> = {
  regionSwitch: (query, request, plan) =>
    regionSwitchRecommendationRows({
      source: plan.source!,
      methodology: query.methodology,
      filters: query.filters,
      timeRange: request.timeRange,
      instance: request.instance,
    }),
  // Loaded on first use: it brings the Cost Explorer SDK, which queries without rightsizing should not pay for.
  rightsizing: async (query, request) =>
    (await import('./rightsizingRows')).rightsizingRecommendationRows(request.instance, {
      methodology: query.methodology,
    }),
};

export const cloudRecommendationsHandler = defineHandler(cloudRecommendations, async (request) => {
  const query = request.query;
  if (!(request.timeRange.to > request.timeRange.from)) {
    throw badQuery('cloudRecommendations needs a time range whose end is after its start');
  }
  const plan = planKinds(query, request.settings);
  const outcomes = await Promise.all(plan.kinds.map((kind) => settle(kind, () => RUNNERS[kind](query, request, plan))));
  const { kinds, result } = combineOutcomes(outcomes);
  const rows = rankRows(result.rows);
  return [
    query.format === 'summary'
      ? summaryFrame(kinds, rows, result.notices, result.executed)
      : tableFrame(rows, result.notices, result.executed),
  ];
});
