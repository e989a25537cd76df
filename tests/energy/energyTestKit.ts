/**
 * Shared pieces of the measured-energy query tests: running a handler the way the protocol layer
 * does (parse, then run with a time range and settings), reading fields out of frames, and
 * comparing numbers against ground truth with a stated tolerance, and stand-in HTTP servers for a
 * Prometheus that hangs or fails.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, FrameField } from '../../src/backend/frames/frame';
import type { QueryHandler } from '../../src/backend/queries/queryHandler';
import { QueryError } from '../../src/backend/core/errors';
import { Secrets, type DataSourceSettings } from '../../src/backend/core/settings';
import type { PrometheusSettings } from '../../src/datasource/types';
import { instanceFor } from '../helpers/instances';

export function settingsFor(prometheus: PrometheusSettings): DataSourceSettings {
  return { uid: 'energy', name: 'energy', jsonData: { prometheus }, secrets: new Secrets(), lastUpdatedMS: 1 };
}

export interface RunOptions {
  /** Unix seconds. */
  from: number;
  to: number;
  stepS?: number;
  maxDataPoints?: number;
}

/**
 * Query types with an energyBoundary field. Tests written against the fixtures' per-zone truth
 * (package as Kepler reads it) run them with energyBoundary `measured` unless they say otherwise;
 * whole-server (IT) and facility energy are tested with the field given (namespaceEnergyServer.test.ts).
 */
const WITH_BOUNDARY = new Set(['namespaceEnergy', 'costVsCarbon', 'carbonEfficiency', 'energyPerUnit']);

export function runHandler<Q>(
  handler: QueryHandler<Q>,
  json: Record<string, unknown>,
  settings: DataSourceSettings,
  opts: RunOptions
): Promise<Frame[]> {
  const boundary = WITH_BOUNDARY.has(handler.queryType) ? { energyBoundary: 'measured' } : {};
  const query = handler.parse({ refId: 'A', queryType: handler.queryType, ...boundary, ...json });
  return handler.run({
    refId: 'A',
    query,
    timeRange: { from: opts.from * 1000, to: opts.to * 1000 },
    intervalMs: (opts.stepS ?? 30) * 1000,
    maxDataPoints: opts.maxDataPoints ?? 11_000,
    settings,
    instance: instanceFor(settings),
  });
}

export async function failure(promise: Promise<unknown>): Promise<QueryError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(err).toBeInstanceOf(QueryError);
  return err as QueryError;
}

export function frameNamed(frames: Frame[], name: string): Frame {
  const frame = frames.find((f) => f.name === name);
  if (!frame) {
    throw new Error(`no frame "${name}" among ${frames.map((f) => f.name).join(', ')}`);
  }
  return frame;
}

export function field(frame: Frame, name: string): FrameField {
  const f = frame.fields.find((x) => x.name === name);
  if (!f) {
    throw new Error(`frame "${frame.name}" has no field "${name}" (${frame.fields.map((x) => x.name).join(', ')})`);
  }
  return f;
}

/** The rows of a numeric-long frame as objects. */
export function rows(frame: Frame): Array<Record<string, string | number | null>> {
  const n = frame.fields[0]?.values.length ?? 0;
  return Array.from({ length: n }, (_, i) =>
    Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i] as string | number | null]))
  );
}

/** The value field of a timeseries-multi frame. */
export function seriesOf(frame: Frame): {
  times: number[];
  values: Array<number | null>;
  labels: Record<string, string>;
} {
  const time = frame.fields.find((f) => f.kind === 'time')!;
  const value = frame.fields.find((f) => f.kind === 'number')!;
  return { times: time.values as number[], values: value.values as Array<number | null>, labels: value.labels ?? {} };
}

/** Every key on either side within `tol(expected)`; a failure lists the offending keys. */
export function expectClose(
  actual: Record<string, number>,
  expected: Record<string, number>,
  tol: (expected: number) => number
): void {
  const bad: unknown[] = [];
  for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
    const a = actual[key];
    const e = expected[key];
    if (a === undefined || e === undefined || !(Math.abs(a - e) <= tol(e))) {
      bad.push({ key, actual: a, expected: e, diff: a !== undefined && e !== undefined ? a - e : undefined });
    }
  }
  expect(bad).toEqual([]);
}

export const relTol =
  (rel: number, abs = 0) =>
  (e: number) =>
    Math.abs(e) * rel + abs;

/**
 * `serve(listener)` starts a local HTTP server answering with `listener` and resolves to its base
 * URL; every server is closed in afterAll (open connections too: some listeners never answer).
 */
export function useStubServers(): (listener: http.RequestListener) => Promise<string> {
  const servers: http.Server[] = [];
  afterAll(async () => {
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.closeAllConnections();
            s.close(() => resolve());
          })
      )
    );
  });
  return async (listener) => {
    const server = http.createServer(listener);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
}
