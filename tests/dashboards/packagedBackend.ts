/**
 * Runs queries and resource calls through the PACKAGED backend (dist/datasource/gpx_*) under the
 * go-plugin conformance host (tests/conformance/hostHarness.ts), the way Grafana calls it, and
 * returns every frame decoded by Grafana's decoder rules (checkGrafanaFrame).
 */
import fs from 'node:fs';
import path from 'node:path';

import type { CheckedFrame } from '../conformance/arrowRules';
import {
  dropHost,
  type HostResults,
  type QueryResult,
  readFrames,
  runHost,
  startHost,
} from '../conformance/hostHarness';
import { DATASOURCE_UID } from './dashboardModel';

export type { QueryResult } from '../conformance/hostHarness';

interface ResourceResult {
  code: number;
  body: string;
  rpcError?: string;
}
interface Results extends HostResults {
  resources: Record<string, ResourceResult>;
  calls: Array<{ kind: string; name: string; rpcError?: string }>;
}

export interface BackendQuery {
  refId: string;
  /** The query JSON as the frontend sends it (refId is set from `refId`). */
  model: Record<string, unknown>;
  from: number;
  to: number;
  intervalMs: number;
  maxDataPoints: number;
}

export interface BackendResource {
  name: string;
  /** Path with query string, e.g. `regions?provider=aws`. */
  url: string;
}

export interface BackendAnswers {
  queries: Record<string, QueryResult>;
  frames: Record<string, CheckedFrame[]>;
  /** Frames Grafana's decoder would reject (`<file>: <rule>`). */
  frameErrors: string[];
  resources: Record<string, { code: number; body: unknown; rpcError?: string }>;
}

const rfc3339 = (ms: number) => new Date(ms).toISOString();

/** A go-plugin host built once per test file; each run() starts the packaged backend afresh. */
export class PackagedBackend {
  private runs = 0;

  private constructor(
    private readonly workDir: string,
    private readonly host: string
  ) {}

  static async start(prefix: string): Promise<PackagedBackend> {
    const { workDir, host } = await startHost(prefix);
    return new PackagedBackend(workDir, host);
  }

  /** Each query in its own QueryData call and each resource in a CallResource, on a datasource with `jsonData`. */
  async run(jsonData: unknown, queries: BackendQuery[], resources: BackendResource[] = []): Promise<BackendAnswers> {
    const outDir = path.join(this.workDir, `run-${++this.runs}`);
    const dataSource = {
      uid: DATASOURCE_UID,
      name: 'GreenOps Carbon (demo)',
      id: 1,
      jsonData: JSON.stringify(jsonData),
      lastUpdatedMS: 1,
    };
    const calls = [
      // One QueryData call per query: the host gives each RPC 30 s, and a dashboard's queries together may need more.
      ...queries.map((q) => ({
        kind: 'queryData',
        name: `query ${q.refId}`,
        dataSource,
        queries: [
          {
            refId: q.refId,
            queryType: String(q.model.queryType ?? ''),
            json: JSON.stringify({ ...q.model, refId: q.refId }),
            from: rfc3339(q.from),
            to: rfc3339(q.to),
            intervalMS: q.intervalMs,
            maxDataPoints: q.maxDataPoints,
          },
        ],
      })),
      ...resources.map((r) => ({
        kind: 'callResource',
        name: r.name,
        dataSource,
        path: r.url.split('?')[0],
        method: 'GET',
        url: r.url,
      })),
    ];
    const scenarioFile = path.join(this.workDir, `scenario-${this.runs}.json`);
    fs.writeFileSync(scenarioFile, JSON.stringify({ calls }, null, 2));
    const results = await runHost<Results>({ host: this.host, outDir, scenarioFile, timeoutMs: 540_000 });
    const { frames, errors } = readFrames(outDir, results.queries ?? {});
    const answered: BackendAnswers['resources'] = {};
    for (const [name, r] of Object.entries(results.resources ?? {})) {
      let body: unknown = r.body;
      try {
        body = JSON.parse(r.body);
      } catch {
        // Not JSON: keep the text for the failure message.
      }
      answered[name] = { code: r.code, body, rpcError: r.rpcError };
    }
    return { queries: results.queries ?? {}, frames, frameErrors: errors, resources: answered };
  }

  /** Drops the throwaway GOPATH and host binary; results and logs stay under .tmp/ for diagnosis. */
  dispose(): void {
    dropHost(this.workDir);
  }
}

/** Values a resource route lists: strings, `{ value }` items or `/regions` rows (`{ region }`). */
export function listedValues(body: unknown): string[] {
  if (!Array.isArray(body)) {
    throw new Error(`expected a list, got ${JSON.stringify(body).slice(0, 300)}`);
  }
  return body.map((item) => {
    if (typeof item === 'string') {
      return item;
    }
    const v = (item as { value?: unknown; region?: unknown }).value ?? (item as { region?: unknown }).region;
    if (typeof v !== 'string') {
      throw new Error(`unexpected list item ${JSON.stringify(item)}`);
    }
    return v;
  });
}
