/**
 * A real Prometheus (Debian package `prometheus`: `prometheus` and `promtool`, 2.42 in Debian 12)
 * serving OpenMetrics fixtures, for tests and benchmarks that need the real PromQL engine as a
 * peer. Generic: callers pass OpenMetrics text (or files) with timestamps; nothing here knows the
 * exporters.
 *
 * How it is driven:
 * 1. The text is written to `<repo>/.tmp/prometheus-XXXX/input-N.om` (several strings are joined
 *    into one document, one `# EOF`), and `promtool tsdb create-blocks-from openmetrics -q <file>
 *    <dataDir>` turns it into TSDB blocks. Promtool 2.42 has no `--max-block-duration`: it always
 *    writes 2 h blocks aligned to multiples of 2 h since the epoch, and re-reads the whole input
 *    once per block, so large inputs should be split into one file per 2 h window (`files`).
 *    Input rules: timestamps in seconds, increasing per series, `# EOF` last.
 * 2. `prometheus` starts on that directory with a config that has no scrape job at all (so no
 *    self-scrape writes "now" samples next to the fixture's past ones), a long time retention
 *    (time retention is measured from the newest block, not from the wall clock, so old fixture
 *    blocks stay), min = max block duration 2 h (no background compaction of the imported
 *    blocks while tests query them), loopback only, `--web.enable-lifecycle`.
 * 3. `stop()` terminates it and removes the scratch directory (a caller-owned `dataDir` is kept).
 *
 * One difference from scraped data: imported blocks have no staleness markers (OpenMetrics text
 * cannot carry that NaN), so a series that stops is still returned by instant queries for the
 * lookback delta (5 m) after its last sample, where a scraping Prometheus would drop it at the
 * next scrape. Range functions (`increase`, `*_over_time`) are unaffected; `lookbackDelta` can be
 * set to just above the scrape interval to approximate the scraped behaviour for instant queries.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';

import { findExecutable } from './pluginProcess';

export const PROMETHEUS_DEBIAN_PACKAGES = ['prometheus'] as const;
const REPO_ROOT = path.resolve(__dirname, '../..');
/** `<repo>/.tmp`, gitignored scratch space. */
export const SCRATCH_ROOT = path.join(REPO_ROOT, '.tmp');

export interface PrometheusOptions {
  /** `--storage.tsdb.retention.time` (default `100y`). */
  retention?: string;
  /** OpenMetrics files to import as they are (not copied, not deleted), e.g. one per 2 h window. */
  files?: string[];
  /**
   * Serve this TSDB directory instead of a fresh one, and keep it on `stop()`: lets a benchmark
   * import a large scenario once and reuse it. Inputs (if any) are imported into it first.
   */
  dataDir?: string;
  /** How many promtool processes import `files` at once (default: number of CPUs). */
  importConcurrency?: number;
  /** Bound on the wait for `/-/ready` (default 30 s). */
  startTimeoutMs?: number;
  /** `--query.lookback-delta` (Prometheus default 5m). */
  lookbackDelta?: string;
  /** More Prometheus flags, e.g. `--query.max-samples=100000000`. */
  extraArgs?: string[];
}

export interface PrometheusServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  port: number;
  dataDir: string;
  /** Milliseconds spent in promtool (0 when nothing was imported). */
  importMs: number;
  /** Milliseconds from spawning prometheus to `/-/ready`. */
  startMs: number;
  /** The last lines Prometheus wrote to stderr (its log). */
  logTail(lines?: number): string;
  /** Terminates Prometheus (SIGTERM, SIGKILL after 10 s) and removes the scratch directory. */
  stop(): Promise<void>;
}

/** Paths of `prometheus` and `promtool`, or an error naming the Debian package. */
export function prometheusBinaries(): { prometheus: string; promtool: string } {
  const prometheus = findExecutable(process.env.PROMETHEUS_BIN || 'prometheus');
  const promtool = findExecutable(process.env.PROMTOOL_BIN || 'promtool');
  if (!prometheus || !promtool) {
    const missing = [!prometheus && 'prometheus', !promtool && 'promtool'].filter(Boolean).join(' and ');
    throw new Error(
      `${missing} not found on PATH: install the Debian package ${PROMETHEUS_DEBIAN_PACKAGES.join(' ')} ` +
        `(apt-get install -y ${PROMETHEUS_DEBIAN_PACKAGES.join(' ')}), or set PROMETHEUS_BIN/PROMTOOL_BIN`
    );
  }
  return { prometheus, promtool };
}

/** `prometheus --version` first line, e.g. `prometheus, version 2.42.0+ds (...)`. */
export function prometheusVersion(): string {
  const { prometheus } = prometheusBinaries();
  const r = spawnSync(prometheus, ['--version'], { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n')[0].trim();
}

/** A fresh scratch directory `<repo>/.tmp/<prefix>XXXX` (`.tmp/` is gitignored). */
export function makeScratchDir(prefix: string): string {
  fs.mkdirSync(SCRATCH_ROOT, { recursive: true });
  return fs.mkdtempSync(path.join(SCRATCH_ROOT, prefix));
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port from listen(0)'))));
    });
  });
}

/** Joins OpenMetrics documents into one: a single `# EOF`, at the end. */
export function joinOpenMetrics(docs: string[]): string {
  const parts = docs.map((d) => d.replace(/(^|\n)# EOF\s*$/, '$1').replace(/\n?$/, '\n')).filter((d) => d.trim());
  return parts.join('') + '# EOF\n';
}

/**
 * Imports OpenMetrics files into `dataDir` with promtool (`concurrency` at once; each file becomes
 * its own blocks). Rejects with promtool's stderr and the file name on the first failure.
 */
export async function importOpenMetrics(
  files: string[],
  dataDir: string,
  concurrency = Math.max(1, os.cpus().length)
): Promise<number> {
  const { promtool } = prometheusBinaries();
  fs.mkdirSync(dataDir, { recursive: true });
  const started = Date.now();
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      await runPromtool(promtool, file, dataDir);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return Date.now() - started;
}

function runPromtool(promtool: string, file: string, dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = ['tsdb', 'create-blocks-from', 'openmetrics', '-q', file, dataDir];
    const child = spawn(promtool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-8000)));
    child.once('error', (err) => reject(new Error(`promtool failed to start (${err.message}): ${promtool}`)));
    child.once('close', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`promtool ${args.join(' ')} exited with ${code ?? signal}:\n${stderr.trim()}`))
    );
  });
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess) {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A test run that dies without calling stop() must not leave Prometheus servers behind.
    process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));
  }
}

/**
 * Imports `openMetrics` (and `opts.files`) into a TSDB and starts Prometheus on it. An empty
 * string/array with `opts.dataDir` serves an existing TSDB as it is.
 */
export async function startPrometheus(
  openMetrics: string | string[],
  opts: PrometheusOptions = {}
): Promise<PrometheusServer> {
  const { prometheus } = prometheusBinaries();
  const scratch = makeScratchDir('prometheus-');
  const dataDir = opts.dataDir ?? path.join(scratch, 'data');
  const removeScratch = () => fs.rmSync(scratch, { recursive: true, force: true });
  let importMs = 0;
  try {
    const docs = (Array.isArray(openMetrics) ? openMetrics : [openMetrics]).filter((d) => d.trim());
    const inputs: string[] = [];
    if (docs.length > 0) {
      const file = path.join(scratch, 'input.om');
      fs.writeFileSync(file, joinOpenMetrics(docs));
      inputs.push(file);
    }
    inputs.push(...(opts.files ?? []));
    if (inputs.length > 0) {
      importMs = await importOpenMetrics(inputs, dataDir, opts.importConcurrency);
    }
    fs.mkdirSync(dataDir, { recursive: true });
    const config = path.join(scratch, 'prometheus.yml');
    // No scrape_configs: nothing is scraped, not even Prometheus itself.
    fs.writeFileSync(config, 'global:\n  scrape_interval: 1m\n  evaluation_interval: 1m\nscrape_configs: []\n');

    let lastError: Error | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      try {
        const server = await launch(prometheus, config, dataDir, port, opts);
        return {
          ...server,
          dataDir,
          importMs,
          stop: async () => {
            await server.stopProcess();
            removeScratch();
          },
        };
      } catch (err) {
        lastError = err as Error;
        // Another process took the port between freePort() and listen(): try another one.
        if (!/address already in use/i.test(lastError.message)) {
          break;
        }
      }
    }
    throw lastError!;
  } catch (err) {
    removeScratch();
    throw err;
  }
}

async function launch(
  prometheus: string,
  config: string,
  dataDir: string,
  port: number,
  opts: PrometheusOptions
): Promise<{ url: string; port: number; startMs: number; logTail(n?: number): string; stopProcess(): Promise<void> }> {
  const args = [
    `--config.file=${config}`,
    `--storage.tsdb.path=${dataDir}`,
    `--storage.tsdb.retention.time=${opts.retention ?? '100y'}`,
    '--storage.tsdb.min-block-duration=2h',
    '--storage.tsdb.max-block-duration=2h',
    `--web.listen-address=127.0.0.1:${port}`,
    '--web.enable-lifecycle',
    ...(opts.lookbackDelta ? [`--query.lookback-delta=${opts.lookbackDelta}`] : []),
    ...(opts.extraArgs ?? []),
  ];
  const started = Date.now();
  const child = spawn(prometheus, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  track(child);
  const log: string[] = [];
  let partial = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    log.push(...lines);
    if (log.length > 400) {
      log.splice(0, log.length - 400);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal }))
  );
  const logTail = (n = 30) => [...log, partial].filter(Boolean).slice(-n).join('\n');
  const url = `http://127.0.0.1:${port}`;
  const stopProcess = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };

  const timeoutMs = opts.startTimeoutMs ?? 30_000;
  let exitStatus: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((s) => (exitStatus = s));
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  while (Date.now() - started < timeoutMs) {
    if (spawnError) {
      throw new Error(`prometheus failed to start (${spawnError.message}): ${prometheus}`);
    }
    if (exitStatus) {
      await new Promise((r) => setTimeout(r, 50));
      throw new Error(
        `prometheus exited (${exitStatus.code ?? exitStatus.signal}) before it was ready: ${prometheus} ${args.join(' ')}\n` +
          logTail()
      );
    }
    try {
      const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) {
        return { url, port, startMs: Date.now() - started, logTail, stopProcess };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await stopProcess();
  throw new Error(`prometheus was not ready within ${timeoutMs} ms: ${prometheus} ${args.join(' ')}\n${logTail()}`);
}

export interface PromSample {
  metric: Record<string, string>;
  value: number;
}
export interface PromSeries {
  metric: Record<string, string>;
  /** [unix seconds, value] */
  values: Array<[number, number]>;
}

type Time = number | Date;
const toSeconds = (t: Time) => (t instanceof Date ? t.getTime() / 1000 : t);

async function api(url: string, endpoint: string, params: Record<string, string>): Promise<any> {
  const res = await fetch(`${url}/api/v1/${endpoint}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  const body = (await res.json().catch(() => undefined)) as any;
  if (!res.ok || body?.status !== 'success') {
    throw new Error(
      `Prometheus ${endpoint} failed (HTTP ${res.status}${body?.errorType ? `, ${body.errorType}` : ''}): ` +
        `${body?.error ?? 'no JSON body'}\n  query: ${params.query}`
    );
  }
  return body.data;
}

/** Runs an instant query at `time` (unix seconds or Date); a scalar comes back as one sample with no labels. */
export async function queryPrometheus(url: string, expr: string, time: Time): Promise<PromSample[]> {
  const data = await api(url, 'query', { query: expr, time: String(toSeconds(time)) });
  switch (data.resultType) {
    case 'vector':
      return data.result.map((r: any) => ({ metric: r.metric, value: Number(r.value[1]) }));
    case 'scalar':
      return [{ metric: {}, value: Number(data.result[1]) }];
    default:
      throw new Error(`instant query returned a ${data.resultType}, use queryRange: ${expr}`);
  }
}

/** Runs a range query from `start` to `end` every `step` seconds. */
export async function queryRange(
  url: string,
  expr: string,
  start: Time,
  end: Time,
  step: number
): Promise<PromSeries[]> {
  const data = await api(url, 'query_range', {
    query: expr,
    start: String(toSeconds(start)),
    end: String(toSeconds(end)),
    step: String(step),
  });
  return data.result.map((r: any) => ({
    metric: r.metric,
    values: r.values.map(([t, v]: [number, string]) => [t, Number(v)] as [number, number]),
  }));
}

/** Label values of `label` (optionally restricted by series selectors), sorted. */
export async function labelValues(url: string, label: string, match: string[] = []): Promise<string[]> {
  const query = match.map((m) => `match[]=${encodeURIComponent(m)}`).join('&');
  const res = await fetch(`${url}/api/v1/label/${encodeURIComponent(label)}/values${query ? `?${query}` : ''}`);
  const body = (await res.json()) as any;
  if (body.status !== 'success') {
    throw new Error(`label values of ${label} failed: ${body.error}`);
  }
  return body.data;
}

/** Sample values of an instant vector keyed by the values of `labels` joined with `/`. */
export function byLabels(samples: PromSample[], ...labels: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) {
    out[labels.map((l) => s.metric[l] ?? '').join('/')] = s.value;
  }
  return out;
}
