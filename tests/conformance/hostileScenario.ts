/**
 * The hostile scenario (hostile.test.ts): what issue 14 found breaking the plugin, replayed against
 * the packaged backend through go-plugin's own client. Each call is followed by a plain query, so
 * the results prove the process survived and still answers. Local files and servers that misbehave
 * on purpose are made here, in the test process, and answer while the host runs.
 *
 * Needs `npm run build` first.
 */
import fs from 'fs';
import path from 'path';

import { QUERY_TYPES } from '../../src/datasource/types';
import { type HostResults, useHostRun } from './hostHarness';

export const DAY_MS = 86_400_000;
export const YEAR_MS = 365 * DAY_MS;
export const JAN_2024 = Date.UTC(2024, 0, 1);
/** int64's maximum, exactly as Grafana could send it (JSON keeps it exact for Go's int64). */
export const INT64_MAX = '9223372036854775807';

export interface HostileResults extends HostResults {
  resources: Record<string, { code: number; body: string; rpcError?: string }>;
  calls: Array<{ kind: string; name: string; rpcError?: string }>;
  kill: { exited: boolean; exitedWithin2s: boolean; forcedKill: boolean };
}

export interface HostileSetUp {
  queryTypes: readonly string[];
}

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
const dataSource = (uid: string, jsonData: unknown, secure?: Record<string, string>) => ({
  uid,
  name: `GreenOps Carbon (${uid})`,
  id: uid.length,
  jsonData: JSON.stringify(jsonData),
  ...(secure ? { decryptedSecureJsonData: secure } : {}),
  lastUpdatedMS: 1,
});

interface QueryOptions {
  from?: number;
  to?: number;
  intervalMS?: number;
  maxDataPoints?: number;
  queryType?: string;
}

function query(refId: string, model: Record<string, unknown> | string, o: QueryOptions = {}) {
  const json = typeof model === 'string' ? model : JSON.stringify({ refId, ...model });
  return {
    refId,
    queryType: o.queryType ?? (typeof model === 'string' ? '' : String(model.queryType ?? '')),
    json,
    from: rfc3339(o.from ?? JAN_2024),
    to: rfc3339(o.to ?? JAN_2024 + DAY_MS),
    intervalMS: o.intervalMS ?? 3_600_000,
    maxDataPoints: o.maxDataPoints ?? 100,
  };
}

export const GRID = { queryType: 'gridIntensity', provider: 'aws', regions: ['eu-west-1'] };
const plain = dataSource('plain', {});
/** A plain query after each hostile call: answered means the process is alive and serving. */
const after = (name: string) => ({
  kind: 'queryData',
  name: `${name}-after`,
  dataSource: plain,
  queries: [query(`${name}_AFTER`, GRID)],
});

function inputCalls(queryTypes: readonly string[]) {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const series = { ...GRID, format: 'timeseries' };
  return [
    {
      kind: 'queryData',
      name: 'inputs',
      dataSource: plain,
      queries: [
        ...queryTypes.map((t) =>
          query(`DEEP_${t}`, `{"refId":"DEEP_${t}","queryType":"${t}","valueField":${nested(20_000)}}`, {
            queryType: t,
          })
        ),
        { ...query('TO_INT64', GRID), toMS: INT64_MAX },
        { ...query('FROM_LOW', GRID), fromMS: -8.64e15 - 1 },
        query('POINTS_3Y', series, { to: JAN_2024 + 3 * YEAR_MS, intervalMS: 1, maxDataPoints: 50_000_000 }),
        { ...query('POINTS_10Y', series, { to: JAN_2024 + 10 * YEAR_MS, intervalMS: 1 }), maxDataPoints: INT64_MAX },
        query('BIG_MODEL', { queryType: 'namespaceEnergy', workloads: ['w'.repeat(1_000_000)] }),
        query('LONG_REGION', { ...GRID, regions: ['r'.repeat(60_000)] }),
        query('LONG_TYPE', {}, { queryType: 'q'.repeat(1_000_000) }),
        query('DUP', GRID),
        query('DUP', { ...GRID, regions: ['us-east-1'] }),
        query('OK', GRID),
      ],
    },
    after('inputs'),
    { kind: 'callResource', name: 'long-path', path: 'p'.repeat(1_000_000), method: 'GET', url: 'p'.repeat(1_000_000) },
    after('long-path'),
  ];
}

async function prepare(workDir: string): Promise<{ scenarioFile: string; prepared: HostileSetUp }> {
  const prepared: HostileSetUp = { queryTypes: QUERY_TYPES };
  const scenario = { calls: [...inputCalls(QUERY_TYPES)] };
  const scenarioFile = path.join(workDir, 'scenario.json');
  // Raw int64s go in as JSON numbers, which JavaScript would round: written as text.
  fs.writeFileSync(scenarioFile, JSON.stringify(scenario).replace(new RegExp(`"${INT64_MAX}"`, 'g'), INT64_MAX));
  return { scenarioFile, prepared };
}

export const useHostileRun = (prefix: string) => useHostRun<HostileResults, HostileSetUp>(prefix, prepare);
