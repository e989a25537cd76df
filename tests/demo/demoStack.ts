/**
 * `startDemoStack()`: a real Prometheus holding the demo exporter's fictional cluster (the history
 * docker-compose's demo-backfill writes, shorter), and the datasource settings provisioning gives
 * Grafana with the URL and FOCUS path of this machine: for dashboard and alert-rule tests.
 *
 * The TSDB is built once per (version, days, step, end) under `.tmp/demo-tsdb/` and copied for
 * each stack (a running Prometheus writes to its directory). The data ends at a fixed instant by
 * default (DEMO_STACK_END_MS), so values are the same on every run; billing panels query the FOCUS
 * sample's period (September 2024) instead, see FOCUS_SAMPLE_RANGE.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

import { writeBackfill } from '../../demo/exporter/src/backfill';
import { hexId } from '../../demo/exporter/src/ids';
import type { CarbonDataSourceOptions } from '../../src/datasource/types';
import { importOpenMetrics, makeScratchDir, SCRATCH_ROOT, startPrometheus } from '../helpers/prometheus';

/** Bump when the way the TSDB is built changes; changes to the exporter's sources rebuild it anyway. */
export const DEMO_STACK_VERSION = 1;
/** Wednesday 2025-06-18 12:00 UTC: the last sample of the default history. */
export const DEMO_STACK_END_MS = Date.UTC(2025, 5, 18, 12, 0, 0);
/** The FOCUS sample's charge periods (demo/focus/focus_sample_1000.csv). */
export const FOCUS_SAMPLE_RANGE = { from: Date.UTC(2024, 8, 1), to: Date.UTC(2024, 9, 1) };

const ROOT = path.resolve(__dirname, '../..');

export interface DemoStackOptions {
  /** Days of history (default 2). */
  days?: number;
  /** Seconds between samples (default 300). */
  stepSeconds?: number;
  /** Epoch ms of the last sample (default DEMO_STACK_END_MS), rounded down to the step. */
  endMs?: number;
}

export interface DemoStack {
  prometheusUrl: string;
  /** Epoch ms of the first and last samples. */
  from: number;
  to: number;
  /** The provisioned jsonData (provisioning/datasources/datasources.yaml) with this machine's Prometheus URL and FOCUS folder. */
  jsonData: CarbonDataSourceOptions;
  stop(): Promise<void>;
}

/** The jsonData Grafana is provisioned with. */
export function provisionedJsonData(): CarbonDataSourceOptions {
  const file = fs.readFileSync(path.join(ROOT, 'provisioning/datasources/datasources.yaml'), 'utf8');
  return parse(file).datasources[0].jsonData;
}

export async function startDemoStack(options: DemoStackOptions = {}): Promise<DemoStack> {
  const days = options.days ?? 2;
  const stepS = options.stepSeconds ?? 300;
  const endS = Math.floor((options.endMs ?? DEMO_STACK_END_MS) / 1000 / stepS) * stepS;
  const cached = await demoTsdb(days, stepS, endS);
  const scratch = makeScratchDir('demo-stack-');
  const dataDir = path.join(scratch, 'data');
  fs.cpSync(cached, dataDir, { recursive: true });
  try {
    const prom = await startPrometheus('', { dataDir });
    const jsonData = provisionedJsonData();
    return {
      prometheusUrl: prom.url,
      from: (endS - days * 86_400) * 1000,
      to: endS * 1000,
      jsonData: {
        ...jsonData,
        // Grafana reads the sample re-dated to the months before now (demo-focus-recent); tests
        // read the sample as published and query its own month (FOCUS_SAMPLE_RANGE), so their
        // values do not depend on the day they run.
        focus: { paths: [path.join(ROOT, 'demo/focus')] },
        prometheus: { ...jsonData.prometheus!, url: prom.url },
      },
      stop: async () => {
        await prom.stop();
        fs.rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (err) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
}

/**
 * A digest of demo/exporter/src and of the exporters' output description it prints from, so a
 * cached TSDB never outlives the model that wrote it. billing/ (the FOCUS re-dater) writes no
 * metrics and is left out.
 */
function exporterSourcesDigest(): string {
  const files = ['demo/exporter/src', 'src/backend/sources/prometheus/exporters'].flatMap((dir) =>
    (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.split(path.sep).includes('billing'))
      .sort()
      .map((f) => path.join(dir, f))
  );
  return hexId(files.map((f) => `${f}\n${fs.readFileSync(path.join(ROOT, f), 'utf8')}`).join('\n'), 16);
}

/**
 * The TSDB of that history, built on first use: files are written window by window and imported
 * by promtool while the next is written. Built in a temporary directory and renamed, so parallel
 * test workers never see half a TSDB.
 */
async function demoTsdb(days: number, stepS: number, endS: number): Promise<string> {
  const key = hexId(JSON.stringify({ v: DEMO_STACK_VERSION, days, stepS, endS, sources: exporterSourcesDigest() }), 12);
  const dir = path.join(SCRATCH_ROOT, 'demo-tsdb', key);
  if (fs.existsSync(path.join(dir, 'complete'))) {
    return path.join(dir, 'data');
  }
  const building = makeScratchDir('demo-tsdb-build-');
  try {
    const dataDir = path.join(building, 'data');
    const imports: Array<Promise<unknown>> = [];
    const concurrency = Math.max(1, os.cpus().length - 1);
    await writeBackfill({
      endS,
      days,
      stepS,
      dir: path.join(building, 'om'),
      onFile: async (file) => {
        imports.push(importOpenMetrics([file], dataDir, 1).then(() => fs.rmSync(file)));
        while (imports.length > concurrency) {
          await imports.shift();
        }
      },
    });
    await Promise.all(imports);
    fs.writeFileSync(path.join(building, 'complete'), new Date().toISOString());
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    try {
      fs.renameSync(building, dir);
    } catch (err) {
      // Another worker finished first: use its copy.
      if (!fs.existsSync(path.join(dir, 'complete'))) {
        throw err;
      }
    }
    return path.join(dir, 'data');
  } finally {
    fs.rmSync(building, { recursive: true, force: true });
  }
}
