/**
 * DuckDB's native binding (duckdb.node and the libduckdb.so it loads from $ORIGIN), from the npm
 * packages @duckdb/node-bindings-linux-<x64|arm64> at exactly the version of the installed
 * @duckdb/node-bindings: its JS API (bundled) and the binding must come from the same release.
 * npm install only brings the build machine's arch, so both are fetched with `npm pack`. The files
 * are shipped as published (not stripped), with the DuckDB LICENSE.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { ARCHES } from './arches.mjs';
import { readElf } from './elf.mjs';
import { DUCKDB_CACHE, ROOT } from './paths.mjs';
import { fail, log, replaceDir, run } from './util.mjs';

/** The ELF files runtime/linux_<arch>/duckdb/ holds: the binding and the library it needs. */
export const DUCKDB_NATIVE_FILES = ['duckdb.node', 'libduckdb.so'];
/** Everything runtime/linux_<arch>/duckdb/ holds. */
export const DUCKDB_FILES = [...DUCKDB_NATIVE_FILES, 'LICENSE'];

/** The installed @duckdb/node-bindings version (the one the bundled @duckdb/node-api calls). */
export function duckdbVersion() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  try {
    return require('@duckdb/node-bindings/package.json').version;
  } catch (err) {
    fail(`@duckdb/node-bindings is not installed (run npm ci first): ${err.message}`);
  }
}

/** Returns the folder holding DUCKDB_FILES for `arch`, fetching the npm tarball once. */
export function duckdbBinding(arch) {
  const { nodeArch, elfMachine } = ARCHES[arch];
  const version = duckdbVersion();
  const npmPackage = `@duckdb/node-bindings-linux-${nodeArch}`;
  // npm pack names a scoped package's tarball <scope>-<name>-<version>.tgz.
  const base = `duckdb-node-bindings-linux-${nodeArch}-${version}`;
  const dir = path.join(DUCKDB_CACHE, base);
  if (!DUCKDB_FILES.every((f) => fs.existsSync(path.join(dir, f)))) {
    const tgz = path.join(DUCKDB_CACHE, `${base}.tgz`);
    if (!fs.existsSync(tgz)) {
      log(`fetching ${npmPackage}@${version} from npm ...`);
      fs.mkdirSync(DUCKDB_CACHE, { recursive: true });
      run('npm', ['pack', `${npmPackage}@${version}`, '--pack-destination', DUCKDB_CACHE, '--silent'], {
        cwd: DUCKDB_CACHE,
      });
      if (!fs.existsSync(tgz)) {
        fail(`npm pack did not produce ${tgz}`);
      }
    }
    replaceDir(dir, (tmp) => {
      const members = [...DUCKDB_FILES, 'package.json'].map((f) => `package/${f}`);
      run('tar', ['-xzf', tgz, '-C', tmp, '--strip-components=1', ...members]);
      const packed = JSON.parse(fs.readFileSync(path.join(tmp, 'package.json'), 'utf8'));
      if (packed.name !== npmPackage || packed.version !== version) {
        fail(`${tgz} holds ${packed.name}@${packed.version}, expected ${npmPackage}@${version}; delete it and rerun`);
      }
      fs.rmSync(path.join(tmp, 'package.json'));
    });
  }
  for (const f of DUCKDB_NATIVE_FILES) {
    const { machine } = readElf(path.join(dir, f));
    if (machine !== elfMachine) {
      fail(
        `${path.join(dir, f)} is ELF machine ${machine}, expected ${elfMachine} for ${arch}; delete ${dir} and rerun`
      );
    }
  }
  return dir;
}
