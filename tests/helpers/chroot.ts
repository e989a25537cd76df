/**
 * Minimal root file systems for running packaged executables in a chroot: only a static busybox
 * (`/bin/busybox`, `/bin/sh -> busybox`) plus what the caller copies in. No libc, no /proc, no /etc:
 * harsher than Grafana's Alpine image, so whatever runs here brings everything it needs.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { findExecutable } from './pluginProcess';

/** Debian's busybox-static installs a statically linked busybox here. */
export const HOST_BUSYBOX = '/bin/busybox';

export interface BusyboxRoot {
  root: string;
  /** Removes the whole root. */
  cleanup(): void;
}

/** Creates `<tmp>/<prefix>XXXX/` with bin/busybox and bin/sh -> busybox. */
export function createBusyboxRoot(prefix = 'busybox-root-'): BusyboxRoot {
  if (!fs.existsSync(HOST_BUSYBOX)) {
    throw new Error(`${HOST_BUSYBOX} is missing: apt-get install busybox-static`);
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(path.join(root, 'bin'));
  fs.copyFileSync(HOST_BUSYBOX, path.join(root, 'bin/busybox'));
  fs.chmodSync(path.join(root, 'bin/busybox'), 0o755);
  fs.symlinkSync('busybox', path.join(root, 'bin/sh'));
  return { root, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** Copies `sourceDir` (recursively, modes kept) to `<root>/<inside>`. */
export function copyInto(root: string, sourceDir: string, inside: string): string {
  const target = path.join(root, inside.replace(/^\/+/, ''));
  fs.cpSync(sourceDir, target, { recursive: true, preserveTimestamps: true });
  return target;
}

export type ChrootSupport = { ok: true; chroot: string } | { ok: false; reason: string; notPermitted: boolean };

/**
 * Whether this process may chroot: runs `chroot <fresh busybox root> /bin/sh -c true` once.
 * `notPermitted` is true only for EPERM (not root, no CAP_SYS_CHROOT, or a user namespace that
 * forbids it); any other failure is a real problem the caller should not skip over.
 */
export function probeChroot(): ChrootSupport {
  const chroot = findExecutable('chroot');
  if (!chroot) {
    return { ok: false, reason: 'no chroot executable on PATH, /usr/sbin or /sbin', notPermitted: false };
  }
  let probe: BusyboxRoot;
  try {
    probe = createBusyboxRoot('chroot-probe-');
  } catch (err) {
    return { ok: false, reason: (err as Error).message, notPermitted: false };
  }
  try {
    const res = spawnSync(chroot, [probe.root, '/bin/sh', '-c', 'exit 0'], { encoding: 'utf8', env: {} });
    if (res.status === 0) {
      return { ok: true, chroot };
    }
    const stderr = `${res.stderr ?? ''}${res.error?.message ?? ''}`.trim();
    return {
      ok: false,
      reason: `chroot failed (exit ${res.status}): ${stderr}`,
      notPermitted: /Operation not permitted|EPERM/i.test(stderr),
    };
  } finally {
    probe.cleanup();
  }
}
