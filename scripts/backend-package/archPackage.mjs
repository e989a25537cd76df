/**
 * Puts one arch into dist/datasource/: the launcher next to plugin.json, and runtime/linux_<arch>/
 * with the SEA, the glibc lib/ and duckdb/ (DuckDB's native binding, loaded by duckdbBinding.cjs):
 *
 *   runtime/linux_<arch>/<exe>_node
 *   runtime/linux_<arch>/lib/{ld-linux-*,libc.so.6,libstdc++.so.6,...}
 *   runtime/linux_<arch>/duckdb/{duckdb.node,libduckdb.so,LICENSE}
 */
import fs from 'node:fs';
import path from 'node:path';

import { DUCKDB_FILES, DUCKDB_NATIVE_FILES, duckdbBinding, duckdbVersion } from './duckdbRuntime.mjs';
import { copyGlibc } from './glibcRuntime.mjs';
import { writeLauncher } from './launcher.mjs';
import { NODE_VERSION, nodeBinary } from './nodeRuntime.mjs';
import { DIST_DS, rel } from './paths.mjs';
import { codeCacheFor, seaBlob, seaExecutable } from './seaExecutable.mjs';
import { copyWithMode, dirBytes, log, replaceDir } from './util.mjs';

/** Builds `arch` from `bundleFile`; returns its sizes, {nodeBytes, libBytes, duckdbBytes, totalBytes}. */
export async function packageArch(arch, bundleFile, exe, codeCacheOverride) {
  const started = Date.now();
  const codeCache = codeCacheFor(arch, codeCacheOverride);
  const blob = seaBlob(bundleFile, codeCache);
  const sea = await seaExecutable(arch, blob);

  const rtDir = path.join(DIST_DS, `runtime/linux_${arch}`);
  const nodeName = `${exe}_node`;
  const duckdbDir = duckdbBinding(arch);
  const versions = replaceDir(rtDir, (staging) => {
    copyWithMode(sea.file, path.join(staging, nodeName), 0o755);
    // Byte-identical to the npm package: no stripping, so the files can be checked against it.
    fs.mkdirSync(path.join(staging, 'duckdb'));
    for (const f of DUCKDB_FILES) {
      copyWithMode(path.join(duckdbDir, f), path.join(staging, 'duckdb', f), 0o644);
    }
    const users = [nodeBinary(arch), ...DUCKDB_NATIVE_FILES.map((f) => path.join(staging, 'duckdb', f))];
    return copyGlibc(arch, path.join(staging, 'lib'), users);
  });
  const launcher = writeLauncher(arch, exe, nodeName);

  const nodeBytes = fs.statSync(path.join(rtDir, nodeName)).size;
  const libBytes = dirBytes(path.join(rtDir, 'lib'));
  const duckdbBytes = dirBytes(path.join(rtDir, 'duckdb'));
  const totalBytes = dirBytes(rtDir) + fs.statSync(launcher).size;
  log(
    `${arch}: ${rel(launcher)} + ${rel(rtDir)}/ ` +
      `(node ${NODE_VERSION}${codeCache ? ', code cache' : ''}${sea.cached ? ', SEA from cache' : ''}; ` +
      `glibc ${versions.libc6}, libstdc++6 ${versions['libstdc++6']}; duckdb bindings ${duckdbVersion()}) ` +
      `in ${Date.now() - started} ms`
  );
  return { nodeBytes, libBytes, duckdbBytes, totalBytes };
}
