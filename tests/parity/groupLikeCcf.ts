/**
 * Sums per-row estimates the way CCF reports them (appendOrAccumulateEstimatesByDay): one entry
 * per day, account, region, service and tag values, holding only the lines CCF outputs, so our
 * per-row results can be compared with CCF's output group by group.
 */
import type { EstimationResult } from '@cloud-carbon-footprint/common';
import { classifyUsage } from '../../src/engine/classify';
import type { RowEstimate, UsageRow } from '../../src/engine/usage';

export interface GroupTotals {
  kWh: number;
  /** Metric tons, as CCF reports. */
  co2e: number;
  cost: number;
  lines: number;
}

const KNOWN_ROUTES = new Set(['compute', 'lambda', 'storage-ssd', 'storage-hdd', 'networking']);

export const groupKey = (day: number, account: string, region: string, service: string, tags: string[]): string =>
  JSON.stringify([new Date(day).toISOString(), account, region, service, ...tags]);

function add(groups: Map<string, GroupTotals>, key: string, kWh: number, co2e: number, cost: number): void {
  const g = groups.get(key) ?? { kWh: 0, co2e: 0, cost: 0, lines: 0 };
  g.kWh += kWh;
  g.co2e += co2e;
  g.cost += cost;
  g.lines++;
  groups.set(key, g);
}

export function groupOurs(
  rows: readonly UsageRow[],
  estimates: readonly RowEstimate[],
  tagNames: readonly string[]
): Map<string, GroupTotals> {
  const routes = rows.map((r) => classifyUsage(r).ccfRoute);
  const anyKnown = routes.some((r) => KNOWN_ROUTES.has(r));
  const groups = new Map<string, GroupTotals>();
  rows.forEach((row, i) => {
    if (KNOWN_ROUTES.has(routes[i]) || (routes[i] === 'unknown' && anyKnown)) {
      const tags = tagNames.map((t) => row.tags?.[t] ?? '');
      const e = estimates[i];
      add(groups, groupKey(row.start, row.account, row.region, row.service, tags), e.kWh, e.co2eKg / 1000, row.cost);
    }
  });
  return groups;
}

export function groupCcf(results: readonly EstimationResult[], tagNames: readonly string[]): Map<string, GroupTotals> {
  const groups = new Map<string, GroupTotals>();
  for (const day of results) {
    for (const s of day.serviceEstimates) {
      const tags = tagNames.map((t) => String(s.tags?.[t] ?? ''));
      add(
        groups,
        groupKey(day.timestamp.getTime(), s.accountId, s.region, s.serviceName, tags),
        s.kilowattHours,
        s.co2e,
        s.cost
      );
    }
  }
  return groups;
}

export const relativeError = (ours: number, theirs: number): number =>
  ours === theirs ? 0 : Math.abs(ours - theirs) / Math.max(Math.abs(ours), Math.abs(theirs));
