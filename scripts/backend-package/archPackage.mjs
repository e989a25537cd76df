/**
 * Puts one arch into dist/datasource/: runtime/linux_<arch>/ (the SEA and the glibc lib/) and the
 * launcher next to plugin.json.
 */
import fs from 'node:fs';
import path from 'node:path';

import { copyGlibc } from './glibcRuntime.mjs';
import { writeLauncher } from './launcher.mjs';
import { NODE_VERSION, nodeBinary } from './nodeRuntime.mjs';
import { DIST_DS, rel } from './paths.mjs';
import { codeCacheFor, seaBlob, seaExecutable } from './seaExecutable.mjs';
import { copyWithMode, dirBytes, log, replaceDir } from './util.mjs';

/** Builds `arch` from `bundleFile`; returns its sizes, {nodeBytes, libBytes, totalBytes}. */
export async function packageArch(arch, bundleFile, exe, codeCacheOverride) {
  const started = Date.now();
  const codeCache = codeCacheFor(arch, codeCacheOverride);
  const blob = seaBlob(bundleFile, codeCache);
  const sea = await seaExecutable(arch, blob);

  const rtDir = path.join(DIST_DS, `runtime/linux_${arch}`);
  const nodeName = `${exe}_node`;
  const versions = replaceDir(rtDir, (staging) => {
    copyWithMode(sea.file, path.join(staging, nodeName), 0o755);
    return copyGlibc(arch, path.join(staging, 'lib'), nodeBinary(arch));
  });
  const launcher = writeLauncher(arch, exe, nodeName);

  const nodeBytes = fs.statSync(path.join(rtDir, nodeName)).size;
  const libBytes = dirBytes(path.join(rtDir, 'lib'));
  const totalBytes = dirBytes(rtDir) + fs.statSync(launcher).size;
  log(
    `${arch}: ${rel(launcher)} + ${rel(rtDir)}/ ` +
      `(node ${NODE_VERSION}${codeCache ? ', code cache' : ''}${sea.cached ? ', SEA from cache' : ''}; ` +
      `glibc ${versions.libc6}, libstdc++6 ${versions['libstdc++6']}) in ${Date.now() - started} ms`
  );
  return { nodeBytes, libBytes, totalBytes };
}
