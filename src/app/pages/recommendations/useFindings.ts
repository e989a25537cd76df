import { useEffect, useMemo, useState } from 'react';
import { DataFrame, DataQueryError, DataSourceInstanceSettings, QueryResultMetaNotice } from '@grafana/data';
import { BackendDataSourceResponse, getBackendSrv, toDataQueryResponse } from '@grafana/runtime';

import { summariseSettings } from '../../../datasource/queryTypeInfo';
import type {
  CarbonDataSourceOptions,
  CloudRecommendationsQuery,
  ZombieInstancesQuery,
} from '../../../datasource/types';
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

function errorText(err: unknown): string {
  const e = err as {
    data?: { message?: string; error?: string };
    message?: string;
    status?: number;
    statusText?: string;
  };
  return (
    e?.data?.message || e?.data?.error || e?.message || e?.statusText || (e?.status ? `HTTP ${e.status}` : String(err))
  );
}

function section<T>(rows: T[], frames: DataFrame[], errors: DataQueryError[] | undefined, refId: string): Section<T> {
  return { rows, notices: readNotices(frames, refId), error: errors?.find((e) => e.refId === refId)?.message };
}

interface Answer {
  /** The request this answers; an answer for an earlier data source, window or reload is not shown. */
  key: string;
  findings: Findings;
}

/**
 * Runs both queries through /api/ds/query, as panels do, over the last `days` days. A new data source, window
 * or `reload` cancels the request in flight.
 */
export function useFindings(ds: Settings | undefined, days: number, reload: number): Findings {
  const [answer, setAnswer] = useState<Answer>();
  const plan = useMemo(() => (ds ? buildQueries(ds) : undefined), [ds]);
  const key = `${ds?.uid}|${days}|${reload}`;

  useEffect(() => {
    const queries = [plan?.zombies, plan?.recommendations].filter((q) => q !== undefined);
    if (queries.length === 0) {
      return;
    }
    const to = Date.now();
    const from = to - days * 24 * 3600 * 1000;
    const show = (res: Parameters<typeof toDataQueryResponse>[0]) => {
      const { data, errors } = toDataQueryResponse(res, queries);
      setAnswer({
        key,
        findings: {
          loading: false,
          zombies: section(readZombies(data, ZOMBIES), data, errors, ZOMBIES),
          recommendations: section(readRecommendations(data, RECOMMENDATIONS), data, errors, RECOMMENDATIONS),
        },
      });
    };
    const subscription = getBackendSrv()
      .fetch<BackendDataSourceResponse>({
        url: '/api/ds/query',
        method: 'POST',
        data: { queries, from: String(from), to: String(to) },
        // The page shows errors itself, next to what they concern.
        showErrorAlert: false,
      })
      .subscribe({
        next: show,
        error: (err: { data?: BackendDataSourceResponse }) =>
          // A query that fails makes the whole response an HTTP error, with every query's result inside it.
          err?.data?.results
            ? show(err as { data: BackendDataSourceResponse })
            : setAnswer({ key, findings: { ...LOADING, loading: false, error: errorText(err) } }),
      });
    return () => subscription.unsubscribe();
  }, [plan, days, key]);

  if (!plan) {
    return LOADING;
  }
  const notConfigured = {
    zombies: plan.zombies ? undefined : NEEDS.zombies,
    recommendations: plan.recommendations ? undefined : NEEDS.recommendations,
  };
  const found: Findings =
    !plan.zombies && !plan.recommendations
      ? { loading: false, zombies: empty, recommendations: empty }
      : answer?.key === key
        ? answer.findings
        : LOADING;
  return {
    ...found,
    zombies: { ...found.zombies, notConfigured: notConfigured.zombies },
    recommendations: { ...found.recommendations, notConfigured: notConfigured.recommendations },
  };
}
