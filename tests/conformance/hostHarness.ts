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

import { checkGrafanaFrame, type CheckedFrame } from './arrowRules';

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
  timeoutMs?: number;
}

/**
 * Runs the host against EXECUTABLE and returns the parsed results.json. Exit code 1 still writes
 * results.json (with `fatal`), which is reported here together with the end of host.log.
 */
export async function runHost<R extends { fatal?: string }>(options: RunOptions): Promise<R> {
  const { host, outDir, scenarioFile, timeoutMs = 150_000 } = options;
  const args = [...(scenarioFile ? ['-scenario', scenarioFile] : []), '-out', outDir, EXECUTABLE];
  try {
    await run(host, args, { cwd: ROOT, timeout: timeoutMs, maxBuffer: 64 << 20 });
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
