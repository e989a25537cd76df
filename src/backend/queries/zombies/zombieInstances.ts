/**
 * zombieInstances: idle cloud instances, Kubernetes nodes, abandoned workloads, unattached
 * volumes and terminated workloads, with what they waste per month, from every configured source
 * (Prometheus; AWS Cost Explorer's Terminate findings). A failing source becomes a notice while
 * the others answer; only when all fail does the query fail (downstream if an upstream did).
 */
import type { ParsedQueryOf } from '../../../shared/queryTypes';
import { zombieInstances } from '../../../shared/queryTypes/zombieInstances';
import { defineHandler } from '../defineHandler';
import { ZOMBIE_KINDS, ZOMBIE_SOURCES, type ZombieKind, type ZombieSource } from '../../../datasource/types';
import type { FrameNotice } from '../../frames/frame';
import { isPrometheusConfigured } from '../../sources';
import { badQuery, QueryError } from '../../core/errors';
import type { QueryRequest } from '../queryHandler';
import type { DataSourceSettings } from '../../core/settings';
import { prometheusZombies } from './prometheusZombies';
import { zombieSummary, zombieTable } from './zombieFrames';
import type { ZombieFindings } from './zombieRow';
import type { PromZombieRow, ZombieOptions } from './zombieWindow';

type Parsed = ParsedQueryOf<'zombieInstances'>;

const SOURCE_NAMES: Record<ZombieSource, string> = { prometheus: 'Prometheus', awsCostExplorer: 'AWS Cost Explorer' };
const CONFIGURED: Record<ZombieSource, (s: DataSourceSettings) => boolean> = {
  prometheus: isPrometheusConfigured,
  awsCostExplorer: (s) => !!s.jsonData.aws,
};

/** The sources to read: the query's (each must be configured), else every configured one. */
function chooseSources(query: Parsed, settings: DataSourceSettings, kinds: readonly ZombieKind[]): ZombieSource[] {
  if (query.sources) {
    const missing = query.sources.filter((s) => !CONFIGURED[s](settings));
    if (missing.length) {
      throw badQuery(
        `sources: ${missing.map((s) => SOURCE_NAMES[s]).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not configured in this datasource; ` +
          'configure it in the datasource settings, or leave sources empty to read every configured source.'
      );
    }
  }
  const chosen = query.sources ?? ZOMBIE_SOURCES.filter((s) => CONFIGURED[s](settings));
  if (chosen.length === 0) {
    throw badQuery(
      'zombieInstances needs Prometheus or AWS Cost Explorer configured in the datasource settings; neither is.'
    );
  }
  // Cost Explorer only knows idle instances.
  return chosen.filter((s) => s !== 'awsCostExplorer' || kinds.includes('cloudInstance'));
}

function runSource(source: ZombieSource, request: QueryRequest<unknown>, query: Parsed, opts: ZombieOptions) {
  if (source === 'prometheus') {
    return prometheusZombies(request, opts);
  }
  // Loaded on first use: the AWS SDK is not paid for by datasources without AWS. Failures throw,
  // so run() reports them like Prometheus's and fails the query when every source failed.
  return import('./cloudZombies').then((m) =>
    m.costExplorerZombies(request.instance, { methodology: query.methodology, failures: 'throw' })
  ) as Promise<ZombieFindings>;
}

/** One error for a query whose every source failed; downstream when an upstream was the cause. */
function allFailed(errors: Array<{ source: ZombieSource; error: unknown }>): Error {
  if (errors.length === 1) {
    return errors[0].error as Error;
  }
  const text = errors.map((e) => `${SOURCE_NAMES[e.source]}: ${(e.error as Error).message}`).join(' | ');
  const queryErrors = errors.map((e) => e.error).filter((e): e is QueryError => e instanceof QueryError);
  const lead = queryErrors.find((e) => e.source === 'downstream') ?? queryErrors[0];
  return lead ? new QueryError(`Every source failed. ${text}`, lead.status, lead.source) : new Error(text);
}

export const zombieInstancesHandler = defineHandler(zombieInstances, async (request) => {
  const query = request.query;
  const kinds = query.kinds ?? [...ZOMBIE_KINDS];
  const sources = chooseSources(query, request.settings, kinds);
  const opts: ZombieOptions = {
    windowDays: query.windowDays,
    cpuPeakPercent: query.cpuPeakPercent,
    networkMBPerDay: query.networkMBPerDay,
    methodology: query.methodology,
    namespaces: query.namespaces,
    kinds: new Set(kinds),
  };
  const settled = await Promise.allSettled(sources.map((s) => runSource(s, request, query, opts)));
  const notices: FrameNotice[] = [];
  const executed: string[] = [];
  const failed: Array<{ source: ZombieSource; error: unknown }> = [];
  const bySource = new Map<ZombieSource, PromZombieRow[]>();
  settled.forEach((r, i) => {
    const source = sources[i];
    if (r.status === 'fulfilled') {
      bySource.set(source, r.value.rows);
      notices.push(...r.value.notices);
      executed.push(...r.value.executed);
    } else {
      failed.push({ source, error: r.reason });
      notices.push({ severity: 'warning', text: `${SOURCE_NAMES[source]} failed: ${(r.reason as Error)?.message}` });
    }
  });
  if (sources.length > 0 && failed.length === sources.length) {
    throw allFailed(failed);
  }
  if (sources.length === 0) {
    notices.push({ severity: 'info', text: `No configured source finds ${kinds.join(', ')}.` });
  }
  const rows = merge(bySource, notices).filter((r) => kinds.includes(r.kind));
  return [
    query.format === 'summary' ? zombieSummary(rows, kinds, notices, executed) : zombieTable(rows, notices, executed),
  ];
});

/** Prometheus and Cost Explorer rows, without Cost Explorer's copy of an instance Prometheus already shows. */
function merge(bySource: Map<ZombieSource, PromZombieRow[]>, notices: FrameNotice[]): PromZombieRow[] {
  const cloud = bySource.get('awsCostExplorer') ?? [];
  const cloudById = new Map(cloud.map((r) => [r.resourceId, r]));
  const seen = new Set<string>();
  // Prometheus measured the machine; Cost Explorer knows what it is billed. Keep the measured row
  // and take the bill's monthly cost when Prometheus had no price for it (no OpenCost).
  const prom = (bySource.get('prometheus') ?? []).map((row) => {
    const billed = row.instanceId ? cloudById.get(row.instanceId) : undefined;
    if (!billed) {
      return row;
    }
    seen.add(billed.resourceId);
    if (row.monthlyCost !== null || billed.monthlyCost === null) {
      return row;
    }
    return {
      ...row,
      monthlyCost: billed.monthlyCost,
      currency: billed.currency,
      method: `${row.method} Monthly cost from Cost Explorer's rightsizing finding.`,
    };
  });
  const kept = cloud.filter((r) => !seen.has(r.resourceId));
  if (kept.length < cloud.length) {
    notices.push({
      severity: 'info',
      text: `${cloud.length - kept.length} instance(s) found idle by both Cost Explorer and Prometheus are shown once, from Prometheus (with Cost Explorer's monthly cost where Prometheus had none).`,
    });
  }
  return [...prom, ...kept];
}
