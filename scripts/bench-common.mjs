/**
 * What the benchmark scripts (scripts/bench*.mjs and their children) share: the command-line flag
 * parser, the esbuild bundler for the TypeScript they measure, and the raw Prometheus client that
 * replays the requests a handler sent.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * Parses `argv` against `spec`, `{ '--flag': { key, kind, default } }`, into `{ [key]: value }`.
 * Kinds: 'int', a positive integer (`--flag N` or `--flag=N`); 'on' / 'off', no value, sets `key`
 * to true / false (the default is the opposite); or a function turning the value string into the
 * option. Anything else throws an Error whose message is `unknown(arg, flag)`.
 */
export function parseFlags(argv, spec, unknown) {
  const opts = {};
  for (const { key, kind, default: value } of Object.values(spec)) {
    if (!(key in opts)) {
      opts[key] = kind === 'on' ? false : kind === 'off' ? true : value;
    }
  }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const s = Object.hasOwn(spec, flag) ? spec[flag] : undefined;
    if (!s) {
      throw new Error(unknown(argv[i], flag));
    }
    if (s.kind === 'on' || s.kind === 'off') {
      opts[s.key] = s.kind === 'on';
      continue;
    }
    const value = inline ?? argv[++i];
    opts[s.key] = s.kind === 'int' ? positiveInt(flag, value) : s.kind(value);
  }
  return opts;
}

function positiveInt(flag, value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${flag} needs a positive integer`);
  }
  return n;
}

/**
 * Bundles `entry` with esbuild into `<outDir>/<name>.cjs` for Node 20 and returns that file.
 * `entry` is a TypeScript file, or a list of export statements; paths are relative to the
 * repository root. `options` adds to or overrides esbuild's (e.g. `external`).
 */
export function bundle(outDir, name, entry, options = {}) {
  // Loaded here, not at the top: bench.mjs imports this module and never bundles.
  const { buildSync } = require('esbuild');
  fs.mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `${name}.cjs`);
  buildSync({
    // A file entry keeps its tsconfig (hence "use strict"), which stdin does not get.
    ...(typeof entry === 'string'
      ? { entryPoints: [path.join(ROOT, entry)] }
      : { stdin: { contents: entry.join('\n'), resolveDir: ROOT, loader: 'ts' } }),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    loader: { '.proto': 'text' },
    // DuckDB's native binding loads from node_modules at run time (handlers reach it through the
    // sources index, whether or not the benchmark reads FOCUS files).
    external: ['@duckdb/node-api', '@duckdb/node-bindings'],
    outfile,
    logLevel: 'error',
    ...options,
  });
  return outfile;
}

/**
 * Sends one recorded Prometheus API request (`path`, form-encoded `body`) to `baseUrl` with plain
 * fetch, as the raw peer of a handler does; returns the answer's `data`, throws unless it succeeded.
 */
export async function postRecorded(baseUrl, r) {
  const res =
    r.method === 'GET'
      ? await fetch(baseUrl + r.path + (r.search ?? ''))
      : await fetch(baseUrl + r.path, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: r.body,
        });
  const body = await res.json();
  if (body.status !== 'success') {
    throw new Error(`raw ${r.path} failed: ${body.error}`);
  }
  return body.data;
}
