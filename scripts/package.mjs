#!/usr/bin/env node
/**
 * Packages the built plugin (dist/, from `npm run build`) for distribution (run by `npm run package`):
 * one zip per architecture, each holding one folder named after the plugin id, as Grafana expects
 * to find it in its plugins folder, with only that architecture's backend:
 *
 *   artifacts/greenops-carbon-app-<version>.linux_<arch>.zip         greenops-carbon-app/...
 *   artifacts/greenops-carbon-app-<version>.linux_<arch>.zip.sha256  "<sha256>  <zip name>" (sha256sum -c)
 *
 * The datasource's launcher (datasource/<executable>_linux_<arch>) and runtime/linux_<arch>/ stay;
 * the other architectures' launchers and runtimes are left out (each is ~180 MiB). A MANIFEST.txt
 * already in dist/ is left out too: it signs the files of both architectures, not of one zip.
 *
 * Signing: when GRAFANA_ACCESS_POLICY_TOKEN is set, each architecture's folder is signed with
 * @grafana/sign-plugin before it is zipped (its MANIFEST.txt lists that folder's files only).
 * The Grafana catalog does not take Node backends, so the signature is a private one: give the
 * Grafana root URLs it is valid for with --root-urls (or a --signature-type Grafana granted you).
 * Without the token the zips are unsigned, and the script says so.
 *
 * Usage: node scripts/package.mjs [--arch amd64|arm64] [--out dir] [--root-urls url[,url]]
 *                                  [--signature-type private|community|commercial]
 * Needs the Debian `zip` command (it keeps the Unix modes, so the executables stay executable).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { ARCHES } from './backend-package/arches.mjs';
import { run } from './backend-package/util.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const USAGE =
  'usage: node scripts/package.mjs [--arch amd64|arm64] [--out dir] [--root-urls url[,url]] ' +
  '[--signature-type private|community|commercial]';

function fail(message) {
  console.error(`package: ERROR: ${message}`);
  process.exit(1);
}

const log = (message) => console.log(`package: ${message}`);

/** The command line, read with Node's own parser (strict: an unknown flag fails with its name). */
function options(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        arch: { type: 'string' },
        out: { type: 'string' },
        'root-urls': { type: 'string', default: '' },
        'signature-type': { type: 'string', default: '' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail(`${error.message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.arch !== undefined && !ARCHES[values.arch]) {
    fail(`unknown --arch ${values.arch} (expected ${Object.keys(ARCHES).join(' or ')})`);
  }
  return {
    arches: values.arch ? [values.arch] : Object.keys(ARCHES),
    out: values.out ? path.resolve(values.out) : path.join(ROOT, 'artifacts'),
    rootUrls: values['root-urls'],
    signatureType: values['signature-type'],
  };
}

/** True for a dist/ path (posix, relative) that belongs to another architecture than `arch`. */
function belongsToOtherArch(relPath, arch) {
  return Object.keys(ARCHES).some(
    (other) =>
      other !== arch &&
      (relPath.split('/').includes(`linux_${other}`) || path.posix.basename(relPath).endsWith(`_linux_${other}`))
  );
}

/**
 * Mirrors dist/ into `dest` without the other architectures' files, by hard links where the file
 * system allows (nothing is written to them: signing adds MANIFEST.txt beside them), else copies.
 */
function stage(dir, dest, arch, relDir = '') {
  fs.mkdirSync(dest, { recursive: true });
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const relPath = relDir ? `${relDir}/${entry.name}` : entry.name;
    const from = path.join(dir, entry.name);
    const to = path.join(dest, entry.name);
    if (belongsToOtherArch(relPath, arch) || relPath === 'MANIFEST.txt') {
      continue;
    }
    if (entry.isDirectory()) {
      stage(from, to, arch, relPath);
    } else if (entry.isFile()) {
      try {
        fs.linkSync(from, to);
      } catch {
        fs.copyFileSync(from, to);
        fs.chmodSync(to, fs.statSync(from).mode & 0o7777);
      }
    } else {
      throw new Error(`dist/${relPath} is neither a file nor a folder: the package holds regular files only`);
    }
  }
}

/** Signs `folder` in place (writes its MANIFEST.txt) with @grafana/sign-plugin, which reads the token. */
function sign(folder, opts) {
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve('@grafana/sign-plugin/package.json'));
  const bin = path.join(pkgDir, JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).bin);
  const args = [bin, '--distDir', folder];
  if (opts.rootUrls) {
    args.push('--rootUrls', opts.rootUrls);
  }
  if (opts.signatureType) {
    args.push('--signatureType', opts.signatureType);
  }
  log(`signing ${path.relative(ROOT, folder)} with @grafana/sign-plugin`);
  run(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (!fs.existsSync(path.join(folder, 'MANIFEST.txt'))) {
    throw new Error(`@grafana/sign-plugin wrote no MANIFEST.txt in ${folder}`);
  }
}

async function sha256File(file) {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk);
  }
  return hash.digest('hex');
}

async function packageArch(arch, manifest, opts) {
  const launcher = `datasource/${manifest.executable}_linux_${arch}`;
  for (const needed of [launcher, `datasource/runtime/linux_${arch}`]) {
    if (!fs.existsSync(path.join(DIST, needed))) {
      throw new Error(`dist/${needed} is missing: run npm run build (or build:backend --arch ${arch}) first`);
    }
  }
  const staging = path.join(opts.out, `.staging-${arch}`);
  fs.rmSync(staging, { recursive: true, force: true });
  const folder = path.join(staging, manifest.id);
  try {
    stage(DIST, folder, arch);
    if (opts.sign) {
      sign(folder, opts);
    }
    const zipName = `${manifest.id}-${manifest.version}.linux_${arch}.zip`;
    const zipFile = path.join(opts.out, zipName);
    // zip adds to an existing archive: start from none. -X leaves out uid/gid, -y would keep links
    // (there are none: stage() refuses them); the Unix modes are kept in any case.
    fs.rmSync(zipFile, { force: true });
    fs.rmSync(`${zipFile}.sha256`, { force: true });
    run('zip', ['-r', '-q', '-X', zipFile, manifest.id], { cwd: staging });
    fs.writeFileSync(`${zipFile}.sha256`, `${await sha256File(zipFile)}  ${zipName}\n`);
    return { arch, zipFile, bytes: fs.statSync(zipFile).size };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

async function main() {
  const opts = options(process.argv.slice(2));
  const pluginJson = path.join(DIST, 'plugin.json');
  const dsJson = path.join(DIST, 'datasource', 'plugin.json');
  if (!fs.existsSync(pluginJson) || !fs.existsSync(dsJson)) {
    fail('dist/plugin.json or dist/datasource/plugin.json is missing: run npm run build first');
  }
  const app = JSON.parse(fs.readFileSync(pluginJson, 'utf8'));
  const ds = JSON.parse(fs.readFileSync(dsJson, 'utf8'));
  if (!/^\d+\.\d+\.\d+/.test(app.info?.version ?? '')) {
    fail(`dist/plugin.json has version ${JSON.stringify(app.info?.version)}: run npm run build, which fills it in`);
  }
  run('zip', ['-v']); // fails early, naming zip, when the Debian package is missing
  fs.mkdirSync(opts.out, { recursive: true });
  const manifest = { id: app.id, version: app.info.version, executable: ds.executable };
  opts.sign = Boolean(process.env.GRAFANA_ACCESS_POLICY_TOKEN);
  if (!opts.sign) {
    log(
      'GRAFANA_ACCESS_POLICY_TOKEN is not set: NOT signing. The zips are unsigned; Grafana loads them only when ' +
        'grafana.ini [plugins] allow_loading_unsigned_plugins (or GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS) ' +
        `names ${app.id},${ds.id}.`
    );
  }
  const results = [];
  for (const arch of opts.arches) {
    results.push(await packageArch(arch, manifest, opts));
  }
  for (const r of results) {
    const mib = (r.bytes / 1048576).toFixed(1);
    log(
      `${path.relative(process.cwd(), r.zipFile)} (${mib} MiB, ${opts.sign ? 'signed' : 'unsigned'}) and its .sha256`
    );
  }
}

main().catch((err) => fail(err.stack || String(err)));
