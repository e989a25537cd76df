/**
 * Shared setup of the conformance tests: build the go-plugin host (scripts/build-conformance-host.sh),
 * run it against the packaged backend with the fixed scenario or a scenario file, and read back
 * results.json and every frame through checkGrafanaFrame. Each test file builds its own host into
 * its own work directory (the Go build cache makes the second build cheap), so files can run in
 * parallel.
 */
import { execFile } from 'child_process';
import fs from 'fs';
import path from 'path';
import { promisify } from 'util';

import { suiteSetUp } from '../helpers/suiteSetUp';
import { Type } from 'apache-arrow';

import { checkGrafanaFrame, type CheckedField, type CheckedFrame } from './arrowRules';

const run = promisify(execFile);

export const ROOT = path.resolve(__dirname, '../..');
export const EXECUTABLE =
  process.env.GREENOPS_CONFORMANCE_EXECUTABLE ?? path.join(ROOT, 'dist/datasource/gpx_greenops_carbon_linux_amd64');

/** A fresh directory under <repo>/.tmp/ whose name starts with `prefix`. */
export function makeWorkDir(prefix: string): string {
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  return fs.mkdtempSync(path.join(ROOT, '.tmp', prefix));
}

/** Throws a readable error when the packaged backend has not been built. */
export function requireExecutable(): void {
  if (!fs.existsSync(EXECUTABLE)) {
    throw new Error(`packaged backend not found at ${EXECUTABLE}: run \`npm run build\` first`);
  }
}

/** Builds the host into `buildDir`; returns the path of the binary. */
export async function buildHost(buildDir: string): Promise<string> {
  try {
    await run('bash', [path.join(ROOT, 'scripts/build-conformance-host.sh'), buildDir], {
      cwd: ROOT,
      timeout: 300_000,
    });
  } catch (e) {
    const err = e as Error & { stderr?: string };
    throw new Error(`building the conformance host failed:\n${err.stderr ?? err.message}`);
  }
  return path.join(buildDir, 'conformance-host');
}

/** A fresh work directory with the host built in its `host/` folder. */
export async function startHost(prefix: string): Promise<{ workDir: string; host: string }> {
  requireExecutable();
  const workDir = makeWorkDir(prefix);
  return { workDir, host: await buildHost(path.join(workDir, 'host')) };
}

/** Drops the throwaway GOPATH and host binary; results, frames and logs stay for diagnosis. */
export function dropHost(workDir: string): void {
  fs.rmSync(path.join(workDir, 'host'), { recursive: true, force: true });
}

/** The last lines of the host's log (go-plugin client log, plugin stderr included). */
export function hostLogTail(outDir: string, lines = 40): string {
  try {
    return fs.readFileSync(path.join(outDir, 'host.log'), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no host.log)';
  }
}

export interface RunOptions {
  host: string;
  outDir: string;
  /** Scenario file (host/scenario.go); the fixed contract scenario when absent. */
  scenarioFile?: string;
  /**
   * What go-plugin starts: an executable and its arguments (e.g. `chroot <root> /plugin/<exe>`, or
   * qemu running the shipped loader); [EXECUTABLE] when absent.
   */
  command?: string[];
  timeoutMs?: number;
  /** Added to the test's environment (which the host, and go-plugin, hand on to the plugin). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs the host against EXECUTABLE (or `command`) and returns the parsed results.json. Exit code 1
 * still writes results.json (with `fatal`), which is reported here together with the end of host.log.
 */
export async function runHost<R extends { fatal?: string }>(options: RunOptions): Promise<R> {
  const { host, outDir, scenarioFile, command = [EXECUTABLE], timeoutMs = 150_000, env = {} } = options;
  const args = [...(scenarioFile ? ['-scenario', scenarioFile] : []), '-out', outDir, ...command];
  try {
    // The test's environment, explicitly: child_process otherwise passes the worker's real one,
    // without what jest/node-setup.js set (the FOCUS allow-list go-plugin hands on to the plugin).
    await run(host, args, { cwd: ROOT, timeout: timeoutMs, maxBuffer: 64 << 20, env: { ...process.env, ...env } });
  } catch (e) {
    if (!fs.existsSync(path.join(outDir, 'results.json'))) {
      const err = e as Error & { stderr?: string };
      throw new Error(`the conformance host failed without results:\n${err.stderr ?? err.message}`);
    }
  }
  const results = JSON.parse(fs.readFileSync(path.join(outDir, 'results.json'), 'utf8')) as R;
  if (results.fatal) {
    throw new Error(`the conformance host could not run the scenario: ${results.fatal}\n${hostLogTail(outDir)}`);
  }
  return results;
}

/**
 * Every frame of every refId decoded by checkGrafanaFrame; frames that break a rule are listed in
 * `errors` (`<file>: <rule>`) instead.
 */
export function readFrames(
  outDir: string,
  queries: Record<string, { frames: string[] }>
): { frames: Record<string, CheckedFrame[]>; errors: string[] } {
  const frames: Record<string, CheckedFrame[]> = {};
  const errors: string[] = [];
  for (const [refId, q] of Object.entries(queries)) {
    frames[refId] = [];
    for (const rel of q.frames) {
      try {
        frames[refId].push(checkGrafanaFrame(new Uint8Array(fs.readFileSync(path.join(outDir, rel))), { refId }));
      } catch (e) {
        errors.push(`${rel}: ${(e as Error).message}`);
      }
    }
  }
  return { frames, errors };
}

// --- what the host writes to results.json (host/main.go) ---------------------------------------

export interface HealthResult {
  status: number;
  statusName: string;
  message: string;
  rpcError?: string;
}
export interface QueryResult {
  error: string;
  status: number;
  errorSource: string;
  frameCount: number;
  frames: string[];
  missing?: boolean;
  rpcError?: string;
}
/** The part of results.json every scenario has. */
export interface HostResults {
  fatal?: string;
  queries: Record<string, QueryResult>;
}

export interface HostRun<R> {
  workDir: string;
  /** results.json, frames and logs. */
  outDir: string;
  results: R;
  frames: Record<string, CheckedFrame[]>;
  /** Frames Grafana's decoder would reject (`<file>: <rule>`). */
  frameErrors: string[];
}

/**
 * One run of the host per test file: beforeAll builds the host into a fresh work directory,
 * `prepare` (if any) writes what the scenario needs there and returns the scenario file (the
 * fixed contract scenario when it returns undefined), and the host runs it. Returns `ready()`,
 * which gives the run or throws the set-up error in each test. afterAll drops the host binary.
 */
export function useHostRun<R extends HostResults, P = undefined>(
  prefix: string,
  prepare?: (workDir: string) => Promise<{ scenarioFile?: string; prepared: P }>
): () => HostRun<R> & { prepared: P } {
  return suiteSetUp(async (atEnd) => {
    const { workDir, host } = await startHost(prefix);
    atEnd(() => dropHost(workDir));
    const { scenarioFile, prepared } = prepare ? await prepare(workDir) : { prepared: undefined as P };
    const outDir = path.join(workDir, 'out');
    const results = await runHost<R>({ host, outDir, scenarioFile });
    const { frames, errors } = readFrames(outDir, results.queries);
    return { workDir, outDir, results, frames, frameErrors: errors, prepared };
  }, 480_000);
}

/** Exactly `refIds` were answered, each in its own response, with no RPC error. */
export function expectAnsweredExactly(queries: Record<string, QueryResult>, refIds: string[]): void {
  expect(Object.keys(queries).sort()).toEqual([...refIds].sort());
  for (const [refId, r] of Object.entries(queries)) {
    expect({ refId, rpcError: r.rpcError ?? '', missing: r.missing ?? false }).toEqual({
      refId,
      rpcError: '',
      missing: false,
    });
  }
}

/** A timeseries-multi frame's two fields: one Timestamp (never null) and one Float64 value. */
export function timeAndValue(f: CheckedFrame): { time: CheckedField; value: CheckedField } {
  expect(f.meta.type).toBe('timeseries-multi');
  expect(f.fields).toHaveLength(2);
  const times = f.fields.filter((x) => x.typeId === Type.Timestamp);
  const numbers = f.fields.filter((x) => x.type === 'Float64');
  expect(times).toHaveLength(1);
  expect(numbers).toHaveLength(1);
  expect(times[0].nullable).toBe(false);
  return { time: times[0], value: numbers[0] };
}

/** The field `name` of a frame, or an error that lists the fields it has. */
export function field(frame: CheckedFrame, name: string): CheckedField {
  const f = frame.fields.find((x) => x.name === name);
  if (!f) {
    throw new Error(
      `frame of refId ${frame.refId} has no field "${name}" (fields: ${frame.fields.map((x) => x.name).join(', ')})`
    );
  }
  return f;
}
