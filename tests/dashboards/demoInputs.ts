/**
 * The demo inputs the run-through tests query: the demo stack (a real Prometheus loaded with the
 * demo exporter's series, tests/demo/demoStack.ts) and the FOCUS sample's billing month, plus the
 * time range Grafana would send for each query type and the interval it would pick.
 */
import fs from 'node:fs';
import path from 'node:path';

import { parse } from 'csv-parse/sync';

import type { CarbonDataSourceOptions } from '../../src/datasource/types';
import { ROOT } from './dashboardModel';

/** What tests/demo/demoStack.ts's startDemoStack() returns. */
export interface DemoStack {
  prometheusUrl: string;
  /** Epoch ms of the Prometheus data. */
  from: number;
  to: number;
  /** The provisioned jsonData with this machine's Prometheus URL and FOCUS path. */
  jsonData: CarbonDataSourceOptions;
  stop(): Promise<void> | void;
}

export const FOCUS_SAMPLE = path.join(ROOT, 'demo/focus/focus_sample_1000.csv');

/**
 * Started here rather than imported, so a missing helper fails the run with a message, not the
 * type-check. GREENOPS_DEMO_STACK names another module with the same startDemoStack().
 */
export async function startDemo(options?: { days?: number; stepSeconds?: number }): Promise<DemoStack> {
  const helper = process.env.GREENOPS_DEMO_STACK ?? path.join(ROOT, 'tests/demo/demoStack.ts');
  if (!fs.existsSync(helper)) {
    throw new Error(`${helper} (startDemoStack) is missing: the run-through tests need the demo stack.`);
  }
  const mod = (await import(helper.replace(/\.ts$/, ''))) as {
    startDemoStack(options?: { days?: number; stepSeconds?: number }): Promise<DemoStack>;
  };
  return mod.startDemoStack(options);
}

export interface Range {
  from: number;
  to: number;
}

/** The calendar month of the FOCUS sample's charge periods (`2024-09-18 22:00:00`, UTC). */
export function focusMonth(file = FOCUS_SAMPLE): Range {
  const rows = parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const starts = rows
    .map((r) => Date.parse(`${r.ChargePeriodStart.trim().replace(' ', 'T')}Z`))
    .filter(Number.isFinite);
  const first = new Date(Math.min(...starts));
  return {
    from: Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1),
    to: Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1),
  };
}

/** Query types that read billing data; the others read Prometheus (or nothing, gridIntensity). */
const BILLING_QUERY_TYPES = new Set(['cloudEmissions', 'cloudTrend', 'cloudRecommendations']);
/** Variable kinds listed from billing data, and those listed from Prometheus. */
const BILLING_KINDS = new Set(['providers', 'accounts', 'services']);
const PROMETHEUS_KINDS = new Set(['namespaces', 'workloads', 'nodes', 'processes']);

export function rangeForQuery(queryType: string, demo: Range, billing: Range): Range {
  return BILLING_QUERY_TYPES.has(queryType) ? billing : demo;
}

export function rangeForKind(kind: string, demo: Range, billing: Range): Range | undefined {
  return BILLING_KINDS.has(kind) ? billing : PROMETHEUS_KINDS.has(kind) ? demo : undefined;
}

/** Grafana's interval for a panel about 1,000 points wide, never under the 30 s scrape step. */
export function intervalFor(range: Range, maxDataPoints = 1000): number {
  return Math.max(30_000, Math.ceil((range.to - range.from) / maxDataPoints / 1000) * 1000);
}
