/**
 * cloudRecommendations: savings ranked by CO2e saved per month. Region switch (the same compute in
 * the lowest-carbon region of its geography, from billing usage) and rightsizing (AWS Cost
 * Explorer's recommendations with their energy and CO2e). `table`: one row per recommendation;
 * `summary`: one row per kind.
 */
import { z } from 'zod';
import {
  BILLING_SOURCES,
  RECOMMENDATION_FORMATS,
  RECOMMENDATION_KINDS,
  type BillingSource,
  type CloudRecommendationsQuery,
  type RecommendationKind,
} from '../../../datasource/types';
import { billingSourceField, filtersField, methodologyField } from '../billingQuerySchema';
import { parseQuery } from '../parseQuery';
import { badQuery } from '../../core/errors';
import type { QueryHandler, QueryRequest } from '../queryHandler';
import type { DataSourceSettings } from '../../core/settings';
import { combineOutcomes, settle } from './kindOutcomes';
import { rankRows, summaryFrame, tableFrame } from './recommendationFrames';
import { regionSwitchRecommendationRows, type KindResult } from './regionSwitchRows';

const schema = z.object({
  queryType: z.literal('cloudRecommendations'),
  kinds: z
    .array(
      z.enum(RECOMMENDATION_KINDS, {
        errorMap: () => ({ message: `kinds must be among ${RECOMMENDATION_KINDS.join(', ')}` }),
      })
    )
    .default([]),
  source: billingSourceField.optional(),
  methodology: methodologyField,
  filters: filtersField,
  format: z
    .enum(RECOMMENDATION_FORMATS, {
      errorMap: () => ({ message: `format must be one of ${RECOMMENDATION_FORMATS.join(', ')}` }),
    })
    .default('table'),
});

type ParsedQuery = z.infer<typeof schema>;

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
      settings: request.settings,
    }),
  // Loaded on first use: it brings the Cost Explorer SDK, which queries without rightsizing should not pay for.
  rightsizing: async (query, request) =>
    (await import('./rightsizingRows')).rightsizingRecommendationRows(request.settings, {
      methodology: query.methodology,
    }),
};

export const cloudRecommendationsHandler: QueryHandler<CloudRecommendationsQuery> = {
  queryType: 'cloudRecommendations',

  parse(json) {
    return parseQuery(schema, json, 'cloudRecommendations') as CloudRecommendationsQuery;
  },

  async run(request) {
    const query = request.query as ParsedQuery;
    if (!(request.timeRange.to > request.timeRange.from)) {
      throw badQuery('cloudRecommendations needs a time range whose end is after its start');
    }
    const plan = planKinds(query, request.settings);
    const outcomes = await Promise.all(
      plan.kinds.map((kind) => settle(kind, () => RUNNERS[kind](query, request, plan)))
    );
    const { kinds, result } = combineOutcomes(outcomes);
    const rows = rankRows(result.rows);
    return [
      query.format === 'summary'
        ? summaryFrame(kinds, rows, result.notices, result.executed)
        : tableFrame(rows, result.notices, result.executed),
    ];
  },
};
