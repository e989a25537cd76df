#!/usr/bin/env node
/**
 * Packages the TypeScript backend as Grafana plugin executables (run by `npm run build:backend`,
 * after the frontend build has filled dist/).
 *
 *   src/backend/main.ts --esbuild--> .cache/backend/bundle.cjs --node --experimental-sea-config--> blob
 *   blob + node (npm package node-linux-<arch>@NODE_VERSION) --postject--> single executable (SEA)
 *
 * The official Grafana image is Alpine (musl): no libstdc++/libgcc_s, and on arm64 no glibc at all.
 * So each arch also gets the glibc pieces the official Node binary links against, taken from the
 * Debian packages of THAT arch, and a /bin/sh launcher that starts the SEA through that loader.
 * DuckDB's native binding cannot live inside the SEA (a SEA's require() only reaches built-ins):
 * the bundle gets a shim for @duckdb/node-bindings that dlopen()s the binding shipped beside it,
 * taken unmodified from npm @duckdb/node-bindings-linux-<arch> at the installed bindings' version:
 *
 *   dist/datasource/gpx_<name>_linux_<arch>                      launcher (what Grafana execs)
 *   dist/datasource/runtime/linux_<arch>/gpx_<name>_node         the SEA
 *   dist/datasource/runtime/linux_<arch>/lib/{ld-linux-*,libc.so.6,...}
 *   dist/datasource/runtime/linux_<arch>/duckdb/{duckdb.node,libduckdb.so,LICENSE}
 *
 * Usage: node scripts/build-backend.mjs [--arch amd64|arm64] [--entry file.ts] [--code-cache on|off]
 *   --arch        build one arch only (default: amd64 and arm64)
 *   --entry       bundle another entry point (packaging experiments)
 *   --code-cache  override the amd64 useCodeCache choice (see AMD64_CODE_CACHE)
 * Caches: .cache/node (npm tarballs, extracted node), .cache/debs/<arch> (Debian packages),
 * .cache/duckdb (npm tarballs, extracted binding), .cache/backend/<arch> (injected SEA keyed by
 * blob hash). The bundle is always rebuilt.
 * Writes .cache/backend/sizes.json: {arch: {nodeBytes, libBytes, duckdbBytes, totalBytes}}.
 *
 * The steps live in scripts/backend-package/: bundle.mjs (esbuild, with duckdbBinding.cjs for
 * @duckdb/node-bindings), nodeRuntime.mjs (Node from npm, NODE_VERSION), seaExecutable.mjs (blob
 * + postject, AMD64_CODE_CACHE), glibcRuntime.mjs (Debian glibc pieces), duckdbRuntime.mjs (the
 * DuckDB binding from npm), launcher.mjs (the /bin/sh launcher), archPackage.mjs (one arch into
 * dist/datasource/), with arches.mjs, paths.mjs, elf.mjs and util.mjs underneath.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ARCHES } from './backend-package/arches.mjs';
import { packageArch } from './backend-package/archPackage.mjs';
import { bundle } from './backend-package/bundle.mjs';
import { BACKEND_CACHE, DIST_DS, ROOT, rel } from './backend-package/paths.mjs';
import { fail, mib, warn } from './backend-package/util.mjs';

const USAGE = 'usage: node scripts/build-backend.mjs [--arch amd64|arm64] [--entry file.ts] [--code-cache on|off]';

function parseArgs(argv) {
  const opts = { arches: Object.keys(ARCHES), entry: path.join(ROOT, 'src/backend/main.ts'), codeCache: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) {
        fail(`${flag} needs a value`);
      }
      return v;
    };
    switch (flag) {
      case '--arch': {
        const a = value();
        if (!ARCHES[a]) {
          fail(`unknown --arch ${a} (expected ${Object.keys(ARCHES).join(' or ')})`);
        }
        opts.arches = [a];
        break;
      }
      case '--entry':
        opts.entry = path.resolve(value());
        break;
      case '--code-cache': {
        const v = value();
        if (v !== 'on' && v !== 'off') {
          fail('--code-cache takes on or off');
        }
        opts.codeCache = v === 'on';
        break;
      }
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        fail(`unknown argument ${argv[i]}`);
    }
  }
  return opts;
}

/** The plugin.json "executable" name (dist/ first, else the source plugin.json). */
function executableName() {
  for (const p of [path.join(DIST_DS, 'plugin.json'), path.join(ROOT, 'src/datasource/plugin.json')]) {
    if (fs.existsSync(p)) {
      const exe = JSON.parse(fs.readFileSync(p, 'utf8')).executable;
      if (!exe || exe.includes('/')) {
        fail(`${rel(p)}: expected "executable" to be a plain name, got ${JSON.stringify(exe)}`);
      }
      return exe;
    }
  }
  fail('no datasource plugin.json found (dist/datasource/ or src/datasource/)');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (os.platform() !== 'linux') {
    fail('the backend packaging runs on Linux (Debian/Ubuntu) only');
  }
  fs.mkdirSync(BACKEND_CACHE, { recursive: true });
  if (!fs.existsSync(path.join(DIST_DS, 'plugin.json'))) {
    warn(`${rel(DIST_DS)}/plugin.json is missing (run the frontend build first); writing the executables anyway`);
    fs.mkdirSync(DIST_DS, { recursive: true });
  }
  const exe = executableName();
  const bundleFile = await bundle(opts.entry);

  const sizesFile = path.join(BACKEND_CACHE, 'sizes.json');
  let sizes = {};
  try {
    sizes = JSON.parse(fs.readFileSync(sizesFile, 'utf8'));
  } catch {
    sizes = {};
  }
  for (const arch of opts.arches) {
    sizes[arch] = await packageArch(arch, bundleFile, exe, opts.codeCache);
  }
  fs.writeFileSync(sizesFile, JSON.stringify(sizes, null, 2) + '\n');

  console.log('\nbackend package sizes (dist/datasource/):');
  const headings = ['node (SEA)', 'glibc libs', 'duckdb', 'total'].map((h) => h.padStart(12));
  console.log(`  ${'arch'.padEnd(6)}${headings.join('')}`);
  for (const arch of opts.arches) {
    const s = sizes[arch];
    const columns = [s.nodeBytes, s.libBytes, s.duckdbBytes, s.totalBytes].map((b) => mib(b).padStart(12));
    console.log(`  ${arch.padEnd(6)}${columns.join('')}`);
  }
  console.log(`  (written to ${rel(sizesFile)})`);
}

main().catch((err) => fail(err.stack || String(err)));
