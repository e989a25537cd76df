import { useMemo } from 'react';
import { DataFrame, DataSourceInstanceSettings, QueryResultMetaNotice } from '@grafana/data';

import { summariseSettings } from '../../../datasource/settingsSummary';
import type {
  CarbonDataSourceOptions,
  CloudRecommendationsQuery,
  ZombieInstancesQuery,
} from '../../../datasource/types';
import { QueryResult, runQueries$ } from '../shared/backendRequest';
import type { CarbonSettings } from '../shared/dataSources';
import { useRequest } from '../shared/useRequest';
import { readNotices, readRecommendations, readZombies, RecommendationFinding, ZombieFinding } from './findings';

export const ZOMBIES = 'zombies';
export const RECOMMENDATIONS = 'recommendations';

export interface Section<T> {
  rows: T[];
  notices: QueryResultMetaNotice[];
  /** The query ran and failed: the backend's message, which names what to fix. */
  error?: string;
  /** The query did not run because the data source lacks every source it reads: what to set up. */
  notConfigured?: string;
}

export interface Findings {
  loading: boolean;
  /** The request as a whole failed (plugin down, no permission): nothing to show. */
  error?: string;
  zombies: Section<ZombieFinding>;
  recommendations: Section<RecommendationFinding>;
}

const empty = { rows: [], notices: [] };
const LOADING: Findings = { loading: true, zombies: empty, recommendations: empty };

type Settings = Pick<DataSourceInstanceSettings<CarbonDataSourceOptions>, 'uid' | 'type' | 'jsonData'>;

/** Both queries with their backend defaults (every configured source, Compute Optimizer's idle thresholds). */
export function buildQueries(ds: Settings) {
  const settings = summariseSettings(ds.jsonData);
  const datasource = { type: ds.type, uid: ds.uid };
  const zombies: ZombieInstancesQuery = { refId: ZOMBIES, datasource, queryType: 'zombieInstances', format: 'table' };
  const recommendations: CloudRecommendationsQuery = {
    refId: RECOMMENDATIONS,
    datasource,
    queryType: 'cloudRecommendations',
    format: 'table',
  };
  const hasBilling = settings.billingSources.awsCostExplorer || settings.billingSources.focus;
  return {
    zombies: settings.prometheus || settings.billingSources.awsCostExplorer ? zombies : undefined,
    recommendations: hasBilling ? recommendations : undefined,
  };
}

const NEEDS = {
  zombies: 'Idle resources need "AWS Cost Explorer" or "Prometheus" set up in the data source settings.',
  recommendations: 'Recommendations need "AWS Cost Explorer" or "FOCUS exports" set up in the data source settings.',
};

const DAY = 24 * 3600 * 1000;

/** One query's part of the answer; a query not sent has no result and shows nothing. */
function section<T>(
  read: (frames: DataFrame[], refId: string) => T[],
  result: QueryResult | undefined,
  refId: string
): Section<T> {
  const frames = result?.frames ?? [];
  return { rows: read(frames, refId), notices: readNotices(frames, refId), error: result?.error };
}

/**
 * Runs both queries through the data source, as panels do, over the last `days` days. A new data source, window
 * or `reload` cancels the request in flight.
 */
export function useFindings(ds: CarbonSettings | undefined, days: number, reload: number): Findings {
  const plan = useMemo(() => (ds ? buildQueries(ds) : undefined), [ds]);
  const request = useMemo(() => {
    const queries = [plan?.zombies, plan?.recommendations].filter((q) => q !== undefined);
    if (!ds || queries.length === 0) {
      return undefined;
    }
    // The window ends when the request starts, so Refresh moves it forward.
    return () => {
      const to = Date.now();
      return runQueries$(ds, queries, { from: to - days * DAY, to });
    };
  }, [ds, plan, days]);
  const state = useRequest(request, reload);

  if (!plan) {
    return LOADING;
  }
  const found: Findings = state.loading
    ? LOADING
    : state.error
      ? { ...LOADING, loading: false, error: state.error }
      : {
          loading: false,
          zombies: section(readZombies, state.value?.[ZOMBIES], ZOMBIES),
          recommendations: section(readRecommendations, state.value?.[RECOMMENDATIONS], RECOMMENDATIONS),
        };
  return {
    ...found,
    zombies: { ...found.zombies, notConfigured: plan.zombies ? undefined : NEEDS.zombies },
    recommendations: {
      ...found.recommendations,
      notConfigured: plan.recommendations ? undefined : NEEDS.recommendations,
    },
  };
}
