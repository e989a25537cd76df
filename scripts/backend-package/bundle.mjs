/**
 * src/backend/main.ts --esbuild--> .cache/backend/bundle.cjs: one file, as a SEA needs (the DuckDB
 * native binding excepted, which is shipped beside it and loaded from disk).
 */
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { BACKEND_CACHE, rel } from './paths.mjs';
import { fail, log, mib } from './util.mjs';

/**
 * `@duckdb/node-bindings` picks its native duckdb.node from node_modules with require(), which a
 * SEA cannot do: the bundle gets duckdbBinding.cjs instead, which loads the binding shipped in
 * runtime/linux_<arch>/duckdb/ (archPackage.mjs).
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));
const DUCKDB_BINDING_SHIM = path.join(HERE, 'duckdbBinding.cjs');
const duckdbBindingFromRuntime = {
  name: 'duckdb-binding-from-runtime',
  setup(build) {
    build.onResolve({ filter: /^@duckdb\/node-bindings$/ }, () => ({ path: DUCKDB_BINDING_SHIM }));
  },
};

export async function bundle(entry) {
  if (!fs.existsSync(entry)) {
    fail(`entry point ${rel(entry)} does not exist`);
  }
  const esbuild = await import('esbuild');
  const outfile = path.join(BACKEND_CACHE, 'bundle.cjs');
  const started = Date.now();
  try {
    const result = await esbuild.build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node24',
      minify: true,
      // Node built-ins stay external (platform: node); everything else is inside the bundle,
      // because a SEA's require() only reaches built-in modules.
      loader: { '.proto': 'text', '.json': 'json' },
      legalComments: 'none',
      logLevel: 'silent',
      metafile: true,
      plugins: [duckdbBindingFromRuntime],
    });
    for (const w of result.warnings) {
      console.warn((await esbuild.formatMessages([w], { kind: 'warning', color: false })).join(''));
    }
    const external = Object.values(result.metafile.outputs)
      .flatMap((o) => o.imports)
      .filter((i) => i.external && !isBuiltin(i.path));
    if (external.length > 0) {
      fail(`bundle leaves non-built-in imports external: ${external.map((i) => i.path).join(', ')}`);
    }
  } catch (err) {
    const messages = err.errors
      ? (await esbuild.formatMessages(err.errors, { kind: 'error', color: false })).join('')
      : String(err);
    fail(`esbuild failed:\n${messages}`);
  }
  const size = fs.statSync(outfile).size;
  log(`bundled ${rel(entry)} -> ${rel(outfile)} (${mib(size)}, ${Date.now() - started} ms)`);
  return outfile;
}
