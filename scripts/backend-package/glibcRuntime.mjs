/**
 * The glibc pieces the official Node binary and the DuckDB binding link against (loader, libc,
 * libstdc++, libgcc_s), taken from the Debian packages of the target arch: the official Grafana
 * image is Alpine (musl).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { ARCHES } from './arches.mjs';
import { readElf } from './elf.mjs';
import { DEB_CACHE } from './paths.mjs';
import { copyWithMode, fail, log, run, stampMatches } from './util.mjs';

const DEBIAN_PACKAGES = ['libc6', 'libstdc++6', 'libgcc-s1'];
/** What the Node binary, the DuckDB binding (and libstdc++) link against; checked against DT_NEEDED below. */
const RUNTIME_LIBS = ['libc.so.6', 'libm.so.6', 'libpthread.so.0', 'libdl.so.2', 'libstdc++.so.6', 'libgcc_s.so.1'];

/** Makes sure `apt-get download <pkg>:<arch>` can work; adds a foreign dpkg arch when root. */
function ensureAptArch(arch) {
  const hasCandidate = () => {
    const out = spawnSync('apt-cache', ['policy', `libc6:${arch}`], { encoding: 'utf8' });
    if (out.error) {
      fail(
        `apt-cache not found (${out.error.message}): the glibc runtime comes from Debian packages, build on Debian/Ubuntu`
      );
    }
    const m = /Candidate:\s*(\S+)/.exec(out.stdout);
    return Boolean(m && m[1] !== '(none)');
  };
  if (hasCandidate()) {
    return;
  }
  const fix = `dpkg --add-architecture ${arch} && apt-get update`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    fail(`apt has no ${arch} packages (apt-cache policy libc6:${arch} shows no candidate). Run as root:\n  ${fix}`);
  }
  log(`apt has no ${arch} packages yet: running ${fix}`);
  run('dpkg', ['--add-architecture', arch]);
  run('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (!hasCandidate()) {
    fail(`still no candidate for libc6:${arch} after ${fix}; check /etc/apt/sources.list(.d)`);
  }
}

/** Downloads (once) and extracts the Debian packages; returns {root, versions}. */
function debianRoot(arch) {
  const dir = path.join(DEB_CACHE, arch);
  fs.mkdirSync(dir, { recursive: true });
  const debFor = (pkg) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.startsWith(`${pkg.replace('+', '%2b')}_`) || f.startsWith(`${pkg}_`))
      .filter((f) => f.endsWith(`_${arch}.deb`))
      .sort()
      .pop();
  const missing = DEBIAN_PACKAGES.filter((p) => !debFor(p));
  if (missing.length > 0) {
    ensureAptArch(arch);
    log(`apt-get download ${missing.map((p) => `${p}:${arch}`).join(' ')}`);
    run('apt-get', ['download', '-qq', ...missing.map((p) => `${p}:${arch}`)], { cwd: dir });
  }
  const debs = DEBIAN_PACKAGES.map((p) => {
    const f = debFor(p);
    if (!f) {
      fail(`apt-get download left no ${p}_*_${arch}.deb in ${dir}`);
    }
    return path.join(dir, f);
  });
  const root = path.join(dir, 'root');
  const stamp = path.join(root, '.debs');
  const key = debs.map((d) => path.basename(d)).join('\n');
  if (!stampMatches(stamp, key)) {
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root, { recursive: true });
    for (const deb of debs) {
      run('dpkg-deb', ['-x', deb, root]);
    }
    fs.writeFileSync(stamp, key);
  }
  const versions = Object.fromEntries(
    debs.map((d) => {
      const [pkg, version] = path.basename(d).split('_');
      return [pkg, decodeURIComponent(version)];
    })
  );
  return { root, versions };
}

/** Resolves a symlink chain inside an extracted tree (absolute targets are relative to `root`). */
function resolveInRoot(root, file) {
  let current = file;
  for (let hops = 0; hops < 40; hops++) {
    const st = fs.lstatSync(current, { throwIfNoEntry: false });
    if (!st) {
      return undefined;
    }
    if (!st.isSymbolicLink()) {
      return current;
    }
    const target = fs.readlinkSync(current);
    current = target.startsWith('/') ? path.join(root, target) : path.resolve(path.dirname(current), target);
  }
  fail(`symlink loop at ${file}`);
}

/**
 * The DT_RUNPATH/DT_RPATH entries of `file` that are relative to the file itself ($ORIGIN), as
 * directories. Absolute entries are left out: they name folders of the build machine, not of the
 * package.
 */
function originDirs(file, runpath) {
  return runpath
    .filter((entry) => /^\$(ORIGIN\b|\{ORIGIN\})/.test(entry))
    .map((entry) => path.resolve(path.dirname(file), entry.replace(/^\$(\{ORIGIN\}|ORIGIN)\/?/, '')));
}

/**
 * Copies the loader and RUNTIME_LIBS (symlinks resolved) into `libDir` and checks that they cover
 * everything the shipped ELF files `users` (the Node binary, the DuckDB binding and its library)
 * need, a library found through an $ORIGIN run path beside its user counting as shipped. Returns
 * the Debian package versions, {package: version}.
 */
export function copyGlibc(arch, libDir, users) {
  const { triplet, loader } = ARCHES[arch];
  const { root, versions } = debianRoot(arch);
  const searchDirs = [`lib/${triplet}`, `usr/lib/${triplet}`, 'lib', 'usr/lib', 'lib64'].map((d) => path.join(root, d));
  fs.mkdirSync(libDir, { recursive: true });
  const names = [loader, ...RUNTIME_LIBS];
  for (const name of names) {
    const found = searchDirs.map((d) => resolveInRoot(root, path.join(d, name))).find(Boolean);
    if (!found) {
      fail(`${name} not found in the ${arch} Debian packages (${Object.keys(versions).join(', ')})`);
    }
    copyWithMode(found, path.join(libDir, name), name === loader ? 0o755 : 0o644);
  }
  // Everything the runtime links against must be shipped: check DT_NEEDED of every shipped ELF file.
  // The loader is started with --library-path lib/, which also serves later dlopen() calls (the
  // DuckDB binding), so lib/ covers every user; libduckdb.so comes from duckdb.node's $ORIGIN.
  const shipped = new Set(names);
  const queue = [...users, ...names.map((n) => path.join(libDir, n))];
  for (const file of queue) {
    const { needed, runpath } = readElf(file);
    for (const lib of needed) {
      const beside = originDirs(file, runpath).some((dir) => fs.existsSync(path.join(dir, lib)));
      if (!shipped.has(lib) && !beside) {
        fail(`${path.basename(file)} (${arch}) needs ${lib}, which is not shipped: add it to RUNTIME_LIBS`);
      }
    }
  }
  return versions;
}
