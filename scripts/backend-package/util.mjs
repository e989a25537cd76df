/** Small helpers shared by the backend packaging modules: messages, commands, hashes, files. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function fail(message) {
  console.error(`\nbuild-backend: ERROR: ${message}`);
  process.exit(1);
}

export function log(message) {
  console.log(`build-backend: ${message}`);
}

export function warn(message) {
  console.warn(`build-backend: warning: ${message}`);
}

/** Runs a command, inheriting stderr; throws with the command line on failure. */
export function run(cmd, args, options = {}) {
  const res = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (res.error) {
    throw new Error(`${cmd} ${args.join(' ')}: ${res.error.message}`);
  }
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${res.status}:\n${res.stderr}${res.stdout}`);
  }
  return res.stdout;
}

export const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
export const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;

/** Total size of the files (symlinks not followed) under `dir`. */
export function dirBytes(dir) {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : fs.lstatSync(p).size;
  }
  return total;
}

export function copyWithMode(src, dest, mode) {
  fs.copyFileSync(src, dest);
  fs.chmodSync(dest, mode);
}

/** True when the cache stamp file `stamp` exists and holds exactly `key`. */
export function stampMatches(stamp, key) {
  return fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === key;
}

/**
 * Fills a fresh `<dir>.tmp` with `fill(tmp)` and only then puts it in place of `dir`, so a failed
 * run never leaves a half-written `dir` behind. Returns what `fill` returns.
 */
export function replaceDir(dir, fill) {
  const tmp = `${dir}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const result = fill(tmp);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  return result;
}
