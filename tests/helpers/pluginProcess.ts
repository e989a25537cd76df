/**
 * Starting a backend plugin process the way go-plugin does and reading its handshake. Generic: the
 * command can be the packaged launcher, `node bundle.cjs`, a chroot or qemu wrapper, anything that
 * ends up printing the go-plugin handshake line as its first stdout line.
 */
import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import path from 'path';

/** The only handshake line Grafana accepts (core 1, app protocol 2, TCP on loopback, gRPC). */
export const GRAFANA_HANDSHAKE = /^1\|2\|tcp\|127\.0\.0\.1:(\d+)\|grpc$/;

/** What Grafana's go-plugin client puts in a plugin's environment (besides Grafana's own). */
export const GRAFANA_PLUGIN_ENV: Readonly<Record<string, string>> = {
  grafana_plugin_type: 'datasource',
  PLUGIN_MIN_PORT: '10000',
  PLUGIN_MAX_PORT: '25000',
  PLUGIN_PROTOCOL_VERSIONS: '2',
};

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface PluginProcess {
  child: ChildProcess;
  /** The first stdout line, without its line ending. */
  handshake: string;
  /** The port of the address in the handshake line (NaN if the line has none). */
  port: number;
  /** Milliseconds from spawn to the complete handshake line. */
  handshakeMs: number;
  /** Complete stderr lines so far (kept up to date while the process runs). */
  stderrLines: string[];
  /** Everything written to stdout after the handshake line (kept up to date). */
  stdoutAfterHandshake: string[];
  /** Resolves once the process has exited and its output has been read. */
  exited: Promise<ExitStatus>;
  /** Sends `signal` (default SIGTERM) and waits for the exit; SIGKILLs and rejects after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ExitStatus>;
}

export interface StartOptions {
  /** How long to wait for the handshake line (default 15 s). */
  timeoutMs?: number;
  cwd?: string;
}

/**
 * Spawns `cmd args` with exactly `env` (nothing inherited: pass `{...process.env, ...}` to inherit)
 * and resolves when the first stdout line is complete. Rejects, with stderr in the message, when
 * the process exits or `timeoutMs` passes first (the process is then killed).
 */
export function startPlugin(
  cmd: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = { ...GRAFANA_PLUGIN_ENV },
  options: StartOptions = {}
): Promise<PluginProcess> {
  const { timeoutMs = 15_000, cwd } = options;
  const started = process.hrtime.bigint();
  const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderrLines: string[] = [];
  const stdoutAfterHandshake: string[] = [];
  // 'close', not 'exit': by then stdout and stderr have been read to the end.
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  splitLines(child.stderr!, (line) => stderrLines.push(line));

  return new Promise<PluginProcess>((resolve, reject) => {
    let stdout = '';
    let settled = false;
    const describe = (what: string) =>
      `${what}: ${[cmd, ...args].join(' ')}\nstdout: ${JSON.stringify(stdout)}\nstderr:\n${stderrLines.join('\n')}`;
    const fail = (err: Error) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        reject(err);
      }
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(describe(`no handshake line within ${timeoutMs} ms`)));
    }, timeoutMs);
    child.once('error', (err) => fail(new Error(describe(`spawn failed (${err.message})`))));
    void exited.then((status) =>
      // Give stderr's last chunk a moment to arrive, for a useful message.
      setTimeout(() => fail(new Error(describe(`exited (${JSON.stringify(status)}) before the handshake`))), 50)
    );

    child.stdout!.on('data', (chunk: Buffer) => {
      if (settled) {
        stdoutAfterHandshake.push(chunk.toString('utf8'));
        return;
      }
      stdout += chunk.toString('utf8');
      const nl = stdout.indexOf('\n');
      if (nl < 0) {
        return;
      }
      const handshakeMs = Number(process.hrtime.bigint() - started) / 1e6;
      settled = true;
      clearTimeout(timer);
      const handshake = stdout.slice(0, nl).replace(/\r$/, '');
      const rest = stdout.slice(nl + 1);
      if (rest) {
        stdoutAfterHandshake.push(rest);
      }
      resolve({
        child,
        handshake,
        port: handshakePort(handshake),
        handshakeMs,
        stderrLines,
        stdoutAfterHandshake,
        exited,
        stop: (signal = 'SIGTERM', stopTimeoutMs = 10_000) => stopProcess(child, exited, signal, stopTimeoutMs),
      });
    });
  });
}

/** The port of a go-plugin handshake line's address (`CORE|APP|tcp|host:port|...`), or NaN. */
export function handshakePort(line: string): number {
  const address = line.split('|')[3] ?? '';
  const m = /:(\d+)$/.exec(address);
  return m ? Number(m[1]) : NaN;
}

async function stopProcess(
  child: ChildProcess,
  exited: Promise<ExitStatus>,
  signal: NodeJS.Signals,
  timeoutMs: number
): Promise<ExitStatus> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill(signal);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`process ${child.pid} did not exit within ${timeoutMs} ms of ${signal}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface RunResult extends ExitStatus {
  stdout: string;
  stderr: string;
}

/** Runs a command to completion with exactly `env`; kills it and rejects after `timeoutMs`. */
export function runToExit(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 15_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} did not exit within ${timeoutMs} ms; stderr:\n${stderr}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    // 'close' (not 'exit') so that all output has been read.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * The lines go-plugin would not parse as structured logs: anything that is not a JSON object with
 * string `@level` and `@message` (hclog's JSON format, see the protocol reference §5).
 */
export function nonJsonLogLines(lines: string[]): string[] {
  return lines.filter((line) => {
    try {
      const entry = JSON.parse(line);
      return !(
        entry !== null &&
        typeof entry === 'object' &&
        typeof entry['@level'] === 'string' &&
        typeof entry['@message'] === 'string'
      );
    } catch {
      return true;
    }
  });
}

/** Resolves once `predicate()` is true (polling), or rejects after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The absolute path of `cmd` on PATH (plus the sbin directories), or undefined. */
export function findExecutable(cmd: string, extraDirs: string[] = ['/usr/sbin', '/sbin']): string | undefined {
  if (cmd.includes('/')) {
    return fs.existsSync(cmd) ? path.resolve(cmd) : undefined;
  }
  const dirs = [...(process.env.PATH ?? '/usr/bin:/bin').split(':'), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, cmd);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) {
        return candidate;
      }
    } catch {
      // not here
    }
  }
  return undefined;
}

function splitLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = '';
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, nl).replace(/\r$/, ''));
      buffered = buffered.slice(nl + 1);
    }
  });
  stream.on('end', () => {
    if (buffered) {
      onLine(buffered);
      buffered = '';
    }
  });
}
