/**
 * `npm run package` (scripts/package.mjs): the zips a Grafana administrator unzips into the plugins
 * folder. Each is opened with the real `unzip` and compared with dist/: one folder named after the
 * plugin id, exactly dist's files minus the other architecture's launcher and runtime, the same
 * executable bits, both plugin.json files, and a .sha256 file that `sha256sum --check` accepts.
 * Signing is exercised against a local HTTPS stand-in for grafana.com's signing API
 * (@grafana/sign-plugin honours GRAFANA_COM_URL): what it is sent must list the zip's own files.
 *
 * Needs `npm run build` first (both architectures), and the Debian zip, unzip and openssl commands.
 * Run: npx jest tests/packaging/zips.test.ts --selectProjects integration
 */
import { execFile, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import fs from 'fs';
import https from 'https';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';

import { suiteSetUp } from '../helpers/suiteSetUp';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const SCRIPT = path.join(ROOT, 'scripts/package.mjs');
const APP_ID = 'greenops-carbon-app';
const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const EXECUTABLE: string = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'src/datasource/plugin.json'), 'utf8')
).executable;
const ARCHES = ['amd64', 'arm64'] as const;
type Arch = (typeof ARCHES)[number];
const OTHER: Record<Arch, Arch> = { amd64: 'arm64', arm64: 'amd64' };
const LOADERS: Record<Arch, string> = { amd64: 'ld-linux-x86-64.so.2', arm64: 'ld-linux-aarch64.so.1' };
const ROOT_URL = 'https://grafana.example.com/';
const TOKEN = 'test-access-policy-token';
const SIGNED_BODY = '-----BEGIN PGP SIGNED MESSAGE-----\nstand-in manifest\n';

const zipName = (arch: Arch) => `${APP_ID}-${VERSION}.linux_${arch}.zip`;
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Every regular file under `dir`, as posix paths relative to it, sorted. */
function filesUnder(dir: string, rel = ''): string[] {
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => {
      const p = rel ? `${rel}/${e.name}` : e.name;
      return e.isDirectory() ? filesUnder(dir, p) : [p];
    })
    .sort();
}

/** What the zip of `arch` must hold: dist's files without the other architecture's launcher and runtime. */
function expectedFiles(arch: Arch): string[] {
  const other = OTHER[arch];
  return filesUnder(DIST).filter(
    (p) =>
      !p.startsWith(`datasource/runtime/linux_${other}/`) &&
      p !== `datasource/${EXECUTABLE}_linux_${other}` &&
      p !== 'MANIFEST.txt'
  );
}

const isExecutable = (file: string) => (fs.statSync(file).mode & 0o111) !== 0;

function runPackage(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    // Asynchronous: the signing stand-in answers from this process while the script runs.
    execFile(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

/** The environment without signing tokens or proxies (the stand-in is on 127.0.0.1). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(GRAFANA_ACCESS_POLICY_TOKEN|GRAFANA_API_KEY|GRAFANA_COM_URL|(https?|all|no)_proxy)$/i.test(name)) {
      delete env[name];
    }
  }
  return env;
}

interface SignRequest {
  authorization?: string;
  url?: string;
  manifest: { plugin: string; version: string; rootUrls?: string[]; files: Record<string, string> };
}

async function startSigningStandIn(dir: string) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const res = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { encoding: 'utf8' }); // prettier-ignore
  if (res.status !== 0) {
    throw new Error(`openssl req failed: ${res.error?.message ?? res.stderr}`);
  }
  const requests: SignRequest[] = [];
  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, reply) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        authorization: req.headers.authorization,
        url: req.url,
        manifest: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      reply.writeHead(200, { 'Content-Type': 'text/plain' }).end(SIGNED_BODY);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, requests, cert, url: `https://127.0.0.1:${port}/api` };
}

const ready = suiteSetUp(async (atEnd) => {
  for (const arch of ARCHES) {
    if (!fs.existsSync(path.join(DIST, 'datasource', `${EXECUTABLE}_linux_${arch}`))) {
      throw new Error(`dist/datasource/${EXECUTABLE}_linux_${arch} is missing: run npm run build first`);
    }
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'greenops-zips-'));
  atEnd(() => fs.rmSync(work, { recursive: true, force: true }));

  const unsignedOut = path.join(work, 'unsigned');
  const unsigned = await runPackage(['--out', unsignedOut], cleanEnv());
  if (unsigned.code !== 0) {
    throw new Error(`npm run package exited ${unsigned.code}:\n${unsigned.output}`);
  }
  const unzipped = {} as Record<Arch, string>;
  const listings = {} as Record<Arch, string[]>;
  for (const arch of ARCHES) {
    const zip = path.join(unsignedOut, zipName(arch));
    unzipped[arch] = path.join(work, `unzipped-${arch}`);
    const un = spawnSync('unzip', ['-q', zip, '-d', unzipped[arch]], { encoding: 'utf8' });
    if (un.status !== 0) {
      throw new Error(`unzip ${zip} failed: ${un.error?.message ?? un.stderr}`);
    }
    listings[arch] = spawnSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).stdout.trim().split('\n');
  }

  const standIn = await startSigningStandIn(work);
  atEnd(() => new Promise<void>((resolve) => standIn.server.close(() => resolve())));
  const signedOut = path.join(work, 'signed');
  const signed = await runPackage(['--arch', 'arm64', '--out', signedOut, '--root-urls', ROOT_URL], {
    ...cleanEnv(),
    GRAFANA_ACCESS_POLICY_TOKEN: TOKEN,
    GRAFANA_COM_URL: standIn.url,
    NODE_EXTRA_CA_CERTS: standIn.cert,
  });
  if (signed.code !== 0) {
    throw new Error(`npm run package with a token exited ${signed.code}:\n${signed.output}`);
  }
  const signedZip = path.join(signedOut, zipName('arm64'));
  const signedManifest = spawnSync('unzip', ['-p', signedZip, `${APP_ID}/MANIFEST.txt`], { encoding: 'utf8' });
  return {
    unsignedOut,
    unsignedOutput: unsigned.output,
    unzipped,
    listings,
    signedOutput: signed.output,
    signRequests: standIn.requests,
    signedManifest: signedManifest.status === 0 ? signedManifest.stdout : undefined,
    signedOut,
  };
}, 600_000);

describe.each(ARCHES)('the linux %s zip', (arch) => {
  it('holds one folder, named after the plugin id', () => {
    const { unzipped, listings } = ready();
    expect(fs.readdirSync(unzipped[arch])).toEqual([APP_ID]);
    expect(listings[arch].filter((entry) => !entry.startsWith(`${APP_ID}/`))).toEqual([]);
  });

  it("holds exactly dist's files for its architecture and nothing of the other", () => {
    const { unzipped, listings } = ready();
    const files = filesUnder(path.join(unzipped[arch], APP_ID));
    expect(files).toEqual(expectedFiles(arch));
    expect(files).toContain(`datasource/${EXECUTABLE}_linux_${arch}`);
    expect(files).toContain(`datasource/runtime/linux_${arch}/${EXECUTABLE}_node`);
    expect(listings[arch].filter((entry) => entry.includes(`linux_${OTHER[arch]}`))).toEqual([]);
    expect(files).not.toContain('MANIFEST.txt');
  });

  it('keeps the executable bits of the launcher, the Node executable and the loader', () => {
    const { unzipped } = ready();
    const folder = path.join(unzipped[arch], APP_ID);
    const runtime = `datasource/runtime/linux_${arch}`;
    for (const exe of [
      `datasource/${EXECUTABLE}_linux_${arch}`,
      `${runtime}/${EXECUTABLE}_node`,
      `${runtime}/lib/${LOADERS[arch]}`,
    ]) {
      expect([exe, isExecutable(path.join(folder, exe))]).toEqual([exe, true]);
    }
    // And no file gains or loses one: the modes are dist's.
    const modes = (dir: string) => expectedFiles(arch).map((f) => [f, isExecutable(path.join(dir, f))]);
    expect(modes(folder)).toEqual(modes(DIST));
    expect(isExecutable(path.join(folder, 'plugin.json'))).toBe(false);
  });

  it('carries both plugin.json files, versioned and pointing at the executable', () => {
    const { unzipped } = ready();
    const folder = path.join(unzipped[arch], APP_ID);
    const app = JSON.parse(fs.readFileSync(path.join(folder, 'plugin.json'), 'utf8'));
    const ds = JSON.parse(fs.readFileSync(path.join(folder, 'datasource/plugin.json'), 'utf8'));
    expect([app.id, app.type, app.info.version]).toEqual([APP_ID, 'app', VERSION]);
    expect([ds.id, ds.type, ds.backend, ds.executable, ds.info.version]).toEqual([
      'greenops-carbon-datasource',
      'datasource',
      true,
      EXECUTABLE,
      VERSION,
    ]);
  });

  it('has a .sha256 beside it that sha256sum --check accepts', () => {
    const { unsignedOut } = ready();
    const sumFile = path.join(unsignedOut, `${zipName(arch)}.sha256`);
    expect(fs.readFileSync(sumFile, 'utf8')).toBe(
      `${sha256(path.join(unsignedOut, zipName(arch)))}  ${zipName(arch)}\n`
    );
    const check = spawnSync('sha256sum', ['--check', '--strict', sumFile], { cwd: unsignedOut, encoding: 'utf8' });
    expect([check.status, check.stdout.trim()]).toEqual([0, `${zipName(arch)}: OK`]);
  });
});

describe('signing', () => {
  it('is skipped without GRAFANA_ACCESS_POLICY_TOKEN, saying so once and how Grafana loads an unsigned plugin', () => {
    const { unsignedOutput } = ready();
    expect(unsignedOutput.match(/GRAFANA_ACCESS_POLICY_TOKEN is not set: NOT signing/g)).toHaveLength(1);
    expect(unsignedOutput).toContain('allow_loading_unsigned_plugins');
    expect(unsignedOutput).toContain('greenops-carbon-app,greenops-carbon-datasource');
  });

  it("sends @grafana/sign-plugin's manifest of the zip's own files, with the root URLs, and ships the answer", () => {
    const { signRequests, signedManifest, signedOutput } = ready();
    expect(signedOutput).not.toContain('NOT signing');
    expect(signRequests).toHaveLength(1);
    const [{ authorization, url, manifest }] = signRequests;
    expect([authorization, url]).toEqual([`Bearer ${TOKEN}`, '/api/plugins/ci/sign']);
    expect([manifest.plugin, manifest.version, manifest.rootUrls]).toEqual([APP_ID, VERSION, [ROOT_URL]]);
    expect(Object.keys(manifest.files).sort()).toEqual(expectedFiles('arm64'));
    expect(manifest.files['plugin.json']).toBe(sha256(path.join(DIST, 'plugin.json')));
    expect(signedManifest).toBe(SIGNED_BODY);
  });

  it('leaves a .sha256 of the signed zip, not of an unsigned one', () => {
    const { signedOut, unsignedOut } = ready();
    const signedSum = fs.readFileSync(path.join(signedOut, `${zipName('arm64')}.sha256`), 'utf8');
    expect(signedSum).toBe(`${sha256(path.join(signedOut, zipName('arm64')))}  ${zipName('arm64')}\n`);
    expect(signedSum).not.toBe(fs.readFileSync(path.join(unsignedOut, `${zipName('arm64')}.sha256`), 'utf8'));
  });
});

describe('npm run package arguments', () => {
  it('refuses an unknown architecture, naming the ones it builds', () => {
    const res = spawnSync(process.execPath, [SCRIPT, '--arch', 'sparc'], { cwd: ROOT, encoding: 'utf8' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('unknown --arch sparc (expected amd64 or arm64)');
  });
});
