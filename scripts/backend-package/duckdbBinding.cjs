'use strict';
/**
 * Stands in for `@duckdb/node-bindings` in the backend bundle (bundle.mjs resolves that package
 * here). Upstream, its duckdb.js require()s `@duckdb/node-bindings-linux-<arch>/duckdb.node` from
 * node_modules, but a single executable's require() only reaches Node's built-ins and there is no
 * node_modules next to the plugin. archPackage.mjs ships the binding instead as
 * runtime/linux_<arch>/duckdb/duckdb.node (with the libduckdb.so it finds through its $ORIGIN run
 * path), so it is loaded from there with process.dlopen, which is what require() does for a .node
 * file.
 *
 * Finding runtime/linux_<arch>/ takes some care: the launcher starts the SEA as
 *   <rt>/lib/ld-linux-*.so --library-path <rt>/lib <rt>/<exe>_node
 * so process.execPath (read from /proc/self/exe) is the loader in <rt>/lib/, while without /proc
 * (a chroot) Node falls back to argv[0], which the loader sets to <rt>/<exe>_node. Run directly
 * (no launcher), execPath is the SEA itself. So the candidates are the folders of argv[0] and of
 * execPath, and execPath's parent; the first that holds duckdb/duckdb.node wins.
 */
const fs = require('node:fs');
const path = require('node:path');

const BINDING = path.join('duckdb', 'duckdb.node');

function runtimeCandidates() {
  const execDir = path.dirname(process.execPath);
  const dirs = [process.argv0, process.argv[0]]
    .filter((arg) => typeof arg === 'string' && arg.includes(path.sep))
    .map((arg) => path.dirname(path.resolve(arg)));
  return [...new Set([...dirs, execDir, path.dirname(execDir)])];
}

function loadBinding() {
  const candidates = runtimeCandidates();
  const dir = candidates.find((d) => fs.existsSync(path.join(d, BINDING)));
  if (dir === undefined) {
    throw new Error(
      `DuckDB's native binding (${BINDING}) was not found next to the backend executable; looked in ` +
        `${candidates.map((d) => path.join(d, BINDING)).join(', ')}. The plugin package is incomplete: ` +
        'reinstall it with its runtime/linux_<arch>/duckdb/ folder.'
    );
  }
  const binding = { exports: {} };
  process.dlopen(binding, path.join(dir, BINDING));
  return binding.exports;
}

module.exports = loadBinding();
