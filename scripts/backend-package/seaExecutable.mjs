/**
 * The single executable (SEA): a preparation blob made from the bundle by the pinned Node of the
 * build machine's arch, injected with postject into a copy of the target arch's Node binary.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { hostArch } from './arches.mjs';
import { NODE_VERSION, nodeBinary } from './nodeRuntime.mjs';
import { BACKEND_CACHE } from './paths.mjs';
import { copyWithMode, fail, run, sha256, stampMatches } from './util.mjs';

const require = createRequire(import.meta.url);

const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/**
 * V8 code cache in a separate amd64 blob (the arm64 blob can never have one: the cache is made by
 * the build machine's V8 and only fits the same platform). Measured on 2 vCPU AMD EPYC with the
 * real src/backend/main.ts bundle (0.8 MiB), 40 interleaved starts through the launcher:
 * handshake median 139 ms with the cache vs 157 ms without, p95 160 vs 186 ms; idle RSS 76 vs
 * 80 MB. About 20 ms, against a 500 ms target and go-plugin's 60 s limit, for a process Grafana
 * starts once: not a clear win next to the costs (amd64 would run a different blob than the one
 * tested for arm64; `import()` does not work in a code-cached SEA; the cache is silently dropped
 * when V8 flags differ). So both arches share the portable blob. `--code-cache on` re-measures.
 */
const AMD64_CODE_CACHE = false;

/** Whether `arch` gets a code-cached blob; `override` is the --code-cache option (undefined if absent). */
export function codeCacheFor(arch, override) {
  // Only amd64 may use a native blob with a V8 code cache: see AMD64_CODE_CACHE.
  return arch === 'amd64' ? (override ?? AMD64_CODE_CACHE) : false;
}

/** Writes the SEA preparation blob for `bundleFile`, using a Node of the build machine's arch. */
export function seaBlob(bundleFile, codeCache) {
  const host = hostArch();
  if (!host) {
    fail(`no Node ${NODE_VERSION} package for the build machine's arch ${process.arch}`);
  }
  const generator = nodeBinary(host);
  const variant = codeCache ? 'amd64-codecache' : 'portable';
  const config = path.join(BACKEND_CACHE, `sea-config.${variant}.json`);
  const output = path.join(BACKEND_CACHE, `sea-prep.${variant}.blob`);
  fs.writeFileSync(
    config,
    JSON.stringify(
      {
        main: bundleFile,
        output,
        disableExperimentalSEAWarning: true,
        // A snapshot or code cache is specific to the V8 build/platform that made it; the
        // portable blob (served to arm64 too) must have neither.
        useSnapshot: false,
        useCodeCache: codeCache,
        // Grafana passes its whole environment to plugins; an inherited NODE_OPTIONS (meant for
        // something else) must not change or break the backend's runtime.
        execArgvExtension: 'none',
      },
      null,
      2
    ) + '\n'
  );
  run(generator, ['--experimental-sea-config', config], { cwd: BACKEND_CACHE, env: cleanNodeEnv() });
  return output;
}

/** An environment for running the pinned Node without the caller's Node options leaking in. */
function cleanNodeEnv() {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}

/** Injects `blobFile` into a copy of the arch's Node binary; cached by blob + Node + postject. */
export async function seaExecutable(arch, blobFile) {
  const blob = fs.readFileSync(blobFile);
  const postjectVersion = require('postject/package.json').version;
  const key = sha256(`${NODE_VERSION}\0${postjectVersion}\0${sha256(blob)}`);
  const dir = path.join(BACKEND_CACHE, arch);
  const out = path.join(dir, 'sea');
  const stamp = path.join(dir, 'sea.key');
  if (fs.existsSync(out) && stampMatches(stamp, key)) {
    return { file: out, cached: true };
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(stamp, { force: true });
  const tmp = `${out}.tmp`;
  copyWithMode(nodeBinary(arch), tmp, 0o755);
  const { inject } = require('postject');
  // postject logs "warning: Can't find string offset for section name ..." via console; harmless.
  const quiet = muteConsole();
  try {
    await inject(tmp, 'NODE_SEA_BLOB', blob, { sentinelFuse: SEA_FUSE });
  } catch (err) {
    quiet.restore();
    fail(`postject failed for ${arch}: ${err.message}`);
  }
  quiet.restore();
  fs.renameSync(tmp, out);
  fs.writeFileSync(stamp, key);
  return { file: out, cached: false };
}

function muteConsole() {
  const saved = { log: console.log, warn: console.warn, error: console.error };
  const lines = [];
  console.log = console.warn = console.error = (...a) => lines.push(a.join(' '));
  return {
    restore() {
      Object.assign(console, saved);
      const unexpected = lines.filter((l) => !/Can't find string offset for section name/.test(l));
      for (const l of unexpected) {
        console.warn(`postject: ${l}`);
      }
    },
  };
}
