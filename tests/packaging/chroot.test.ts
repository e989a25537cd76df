/**
 * The packaged backend (dist/datasource/, written by scripts/build-backend.mjs) must start with
 * nothing from the host: it is copied into a root that holds only a static busybox, which is less
 * than Grafana's Alpine image offers (no glibc, no libstdc++, no /proc, no /etc).
 *
 * Needs `npm run build` (or at least `npm run build:backend`) first, root for chroot, and
 * qemu-user-static for the arm64 case.
 * Run: npx jest --selectProjects integration tests/packaging
 */
import fs from 'fs';
import net from 'net';
import path from 'path';

import { copyInto, createBusyboxRoot, probeChroot, type BusyboxRoot } from '../helpers/chroot';
import {
  findExecutable,
  GRAFANA_HANDSHAKE,
  nonJsonLogLines,
  runToExit,
  startPlugin,
  type ExitStatus,
  type PluginProcess,
} from '../helpers/pluginProcess';

const ROOT = path.resolve(__dirname, '../..');
const DIST_DS = path.join(ROOT, 'dist/datasource');
const EXECUTABLE: string = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'src/datasource/plugin.json'), 'utf8')
).executable;
const LOADERS = { amd64: 'ld-linux-x86-64.so.2', arm64: 'ld-linux-aarch64.so.1' } as const;
/** How long stdout must stay silent after the handshake line. */
const QUIET_WINDOW_MS = 750;
const COOKIE_ENV = { grafana_plugin_type: 'datasource' };

const chroot = probeChroot();
if (!chroot.ok && chroot.notPermitted) {
  console.warn(
    `SKIPPING the chroot cases of tests/packaging: chroot is not permitted here (${chroot.reason}). Run as root.`
  );
}
// Only EPERM skips; any other probe failure makes the cases fail with the probe's reason.
const itChroot = !chroot.ok && chroot.notPermitted ? it.skip : it;

const qemu = findExecutable('qemu-aarch64-static');
if (!qemu) {
  console.warn(
    'SKIPPING the arm64 case of tests/packaging: qemu-aarch64-static is missing (apt-get install qemu-user-static).'
  );
}
const itQemu = qemu ? it : it.skip;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function chrootCommand(): string {
  if (!chroot.ok) {
    throw new Error(chroot.reason);
  }
  return chroot.chroot;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * The checks every start shares: handshake first, then silence on stdout while it serves, a live
 * listener on the advertised port that survives SIGINT, structured logs only, exit 0 on SIGTERM.
 */
async function expectWellBehaved(plugin: PluginProcess, stopTimeoutMs: number): Promise<void> {
  let status: ExitStatus | undefined;
  try {
    expect(plugin.handshake).toMatch(GRAFANA_HANDSHAKE);
    expect(await canConnect(plugin.port)).toBe(true);
    // Ctrl-C in Grafana's terminal reaches the plugin too; like Go plugins, it must keep serving.
    plugin.child.kill('SIGINT');
    await sleep(QUIET_WINDOW_MS);
    expect(await canConnect(plugin.port)).toBe(true);
    expect(plugin.stdoutAfterHandshake.join('')).toBe('');
  } finally {
    status = await plugin.stop('SIGTERM', stopTimeoutMs);
  }
  expect(nonJsonLogLines(plugin.stderrLines)).toEqual([]);
  expect(status).toEqual({ code: 0, signal: null });
}

describe('packaged backend', () => {
  let busybox: BusyboxRoot | undefined;
  let pluginDir = '';

  beforeAll(() => {
    for (const arch of Object.keys(LOADERS)) {
      const launcher = path.join(DIST_DS, `${EXECUTABLE}_linux_${arch}`);
      if (!fs.existsSync(launcher)) {
        throw new Error(`${path.relative(ROOT, launcher)} is missing: run npm run build first`);
      }
    }
    busybox = createBusyboxRoot('greenops-chroot-');
    copyInto(busybox.root, DIST_DS, '/plugin');
    pluginDir = path.join(busybox.root, 'plugin');
  });

  afterAll(() => busybox?.cleanup());

  it.each(Object.entries(LOADERS))(
    '%s launcher is an executable /bin/sh script naming a shipped loader',
    (arch, loader) => {
      const launcher = path.join(pluginDir, `${EXECUTABLE}_linux_${arch}`);
      expect(fs.statSync(launcher).mode & 0o777).toBe(0o755);
      const script = fs.readFileSync(launcher, 'utf8');
      expect(script.startsWith('#!/bin/sh\n')).toBe(true);
      expect(script).toContain(`runtime/linux_${arch}`);
      expect(script).toContain(loader);
      const runtime = path.join(pluginDir, 'runtime', `linux_${arch}`);
      expect(fs.statSync(path.join(runtime, 'lib', loader)).mode & 0o111).not.toBe(0);
      expect(fs.statSync(path.join(runtime, `${EXECUTABLE}_node`)).mode & 0o111).not.toBe(0);
    }
  );

  itChroot(
    'amd64: in a busybox-only chroot, prints the handshake first, logs JSON on stderr, exits 0 on SIGTERM',
    async () => {
      const plugin = await startPlugin(
        chrootCommand(),
        [busybox!.root, `/plugin/${EXECUTABLE}_linux_amd64`],
        { ...COOKIE_ENV },
        { timeoutMs: 15_000 }
      );
      await expectWellBehaved(plugin, 10_000);
    },
    40_000
  );

  itChroot(
    'amd64: in a busybox-only chroot, without grafana_plugin_type it exits 1 with a message on stderr',
    async () => {
      const res = await runToExit(chrootCommand(), [busybox!.root, `/plugin/${EXECUTABLE}_linux_amd64`], {}, 15_000);
      expect(res.stdout).toBe('');
      expect(res.stderr.trim()).not.toBe('');
      expect({ code: res.code, signal: res.signal }).toEqual({ code: 1, signal: null });
    },
    30_000
  );

  // There is no binfmt_misc registration here (no /proc/sys/fs/binfmt_misc entries, and none can be
  // added without privileges on the host kernel), so the arm64 launcher's `exec` of an aarch64
  // loader cannot be emulated: it fails with ENOEXEC. Instead qemu-aarch64-static runs the shipped
  // arm64 loader directly with the arguments the launcher would pass. The host has no arm64
  // libraries installed, so everything the SEA loads comes from the shipped lib/.
  itQemu(
    'arm64: under qemu, the shipped loader starts the SEA, which prints the handshake and exits 0 on SIGTERM',
    async () => {
      const runtime = path.join(pluginDir, 'runtime/linux_arm64');
      const plugin = await startPlugin(
        qemu!,
        [
          path.join(runtime, 'lib', LOADERS.arm64),
          '--library-path',
          path.join(runtime, 'lib'),
          path.join(runtime, `${EXECUTABLE}_node`),
        ],
        { ...COOKIE_ENV },
        { timeoutMs: 60_000 }
      );
      await expectWellBehaved(plugin, 30_000);
    },
    120_000
  );
});
