/**
 * The packaged backend (dist/datasource/, written by scripts/build-backend.mjs) must start with
 * nothing from the host: it is copied into a root that holds only a static busybox, which is less
 * than Grafana's Alpine image offers (no glibc, no libstdc++, no /proc, no /etc). The same goes for
 * DuckDB's native binding, the one part of the backend loaded from disk at run time: it must load
 * from the package and answer a FOCUS query, through HashiCorp go-plugin's client as Grafana runs it.
 *
 * Needs `npm run build` (or at least `npm run build:backend`) first, root for chroot,
 * qemu-user-static for the arm64 cases, and Go for the go-plugin host (tests/conformance/host).
 * Run: npx jest --selectProjects integration tests/packaging
 */
import fs from 'fs';
import net from 'net';
import path from 'path';

import {
  dropHost,
  type HealthResult,
  type HostResults,
  readFrames,
  runHost,
  startHost,
  timeAndValue,
} from '../conformance/hostHarness';
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
import { suiteSetUp } from '../helpers/suiteSetUp';
import {
  focusParquetExpectations,
  type FocusParquetExpectations,
  writeFocusParquet,
  writeFocusParquetScenario,
} from './focusParquetScenario';

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

interface DuckdbResults extends HostResults {
  health: Record<string, HealthResult>;
}

interface DuckdbRun {
  results: DuckdbResults;
  frames: ReturnType<typeof readFrames>['frames'];
  frameErrors: string[];
  expected: FocusParquetExpectations;
}

/** Sum of each provider's daily `cost` series (query E: timeseries-multi frames labelled {provider}). */
function costByProvider(run: DuckdbRun): Map<string, number> {
  const costs = new Map<string, number>();
  for (const f of run.frames.E ?? []) {
    const { value } = timeAndValue(f);
    if (value.name === 'cost') {
      const provider = value.labels?.provider ?? '(no provider label)';
      const sum = (value.values as number[]).reduce((a, b) => a + b, 0);
      costs.set(provider, (costs.get(provider) ?? 0) + sum);
    }
  }
  return costs;
}

/** The health check is OK and query E answers the CSV's cost per provider (relative 1e-9). */
function expectFocusAnswered(run: DuckdbRun): void {
  const health = run.results.health.focus;
  expect({ rpcError: health.rpcError ?? '', status: health.statusName, message: health.message }).toEqual({
    rpcError: '',
    status: 'OK',
    message: expect.stringMatching(/FOCUS[^.]*:\s*OK\b/),
  });
  const query = run.results.queries.E;
  expect({ rpcError: query.rpcError ?? '', error: query.error, errorSource: query.errorSource }).toEqual({
    rpcError: '',
    error: '',
    errorSource: '',
  });
  expect(query.frameCount).toBeGreaterThan(0);
  expect(run.frameErrors).toEqual([]);

  const costs = costByProvider(run);
  expect([...costs.keys()].sort()).toEqual(['aws', 'azure', 'oci']);
  expect([...run.expected.costs.keys()].sort()).toEqual(['aws', 'azure', 'oci']);
  for (const [provider, expected] of run.expected.costs) {
    const actual = costs.get(provider)!;
    const tolerance = 1e-9 * Math.max(Math.abs(actual), Math.abs(expected));
    if (!(Math.abs(actual - expected) <= tolerance)) {
      throw new Error(`cost of ${provider}: ${actual} differs from the CSV's ${expected} by more than 1e-9 relative`);
    }
  }
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

  // DuckDB's binding is loaded from runtime/linux_<arch>/duckdb/ by the bundled shim
  // (scripts/backend-package/duckdbBinding.cjs): these cases run a FOCUS Parquet query through the
  // go-plugin host (tests/conformance/host), which starts the packaged backend as Grafana does.
  describe('DuckDB binding, queried through the go-plugin host', () => {
    const PARQUET = '/data/focus/focus_sample_1000.parquet';
    const setUp = suiteSetUp(async (atEnd) => {
      const { workDir, host } = await startHost('packaged-duckdb-');
      atEnd(() => dropHost(workDir));
      const parquetInRoot = path.join(busybox!.root, PARQUET);
      fs.mkdirSync(path.dirname(parquetInRoot), { recursive: true });
      await writeFocusParquet(parquetInRoot);
      // Grafana's image has a /tmp, the busybox root has not: DuckDB's spill folder is made there.
      fs.mkdirSync(path.join(busybox!.root, 'tmp'));
      fs.chmodSync(path.join(busybox!.root, 'tmp'), 0o1777);
      return { workDir, host, expected: focusParquetExpectations() };
    }, 480_000);

    /** Runs the scenario with go-plugin starting `command`, which sees the Parquet file at `parquetPath`. */
    async function runFocusScenario(name: string, command: string[], parquetPath: string): Promise<DuckdbRun> {
      const { workDir, host, expected } = setUp();
      const scenarioFile = path.join(workDir, `scenario-${name}.json`);
      writeFocusParquetScenario(scenarioFile, parquetPath, expected);
      const outDir = path.join(workDir, `out-${name}`);
      // Inside the chroot the export is at /data/focus: the administrator's FOCUS allow-list says so.
      const env = {
        GF_PLUGIN_FOCUS_ALLOWED_PATHS: `${process.env.GF_PLUGIN_FOCUS_ALLOWED_PATHS ?? ''},${path.dirname(PARQUET)}`,
      };
      const results = await runHost<DuckdbResults>({ host, outDir, scenarioFile, command, timeoutMs: 240_000, env });
      const { frames, errors } = readFrames(outDir, results.queries);
      return { results, frames, frameErrors: errors, expected };
    }

    itChroot(
      'amd64: in a busybox-only chroot, CheckHealth is OK and cloudEmissions over a Parquet export sums the CSV costs',
      async () => {
        const run = await runFocusScenario(
          'amd64-chroot',
          [chrootCommand(), busybox!.root, `/plugin/${EXECUTABLE}_linux_amd64`],
          PARQUET
        );
        expectFocusAnswered(run);
      },
      300_000
    );

    // As above: qemu runs the shipped arm64 loader with the launcher's arguments (no binfmt_misc).
    itQemu(
      'arm64: under qemu, CheckHealth is OK and cloudEmissions over a Parquet export sums the CSV costs',
      async () => {
        const runtime = path.join(pluginDir, 'runtime/linux_arm64');
        const run = await runFocusScenario(
          'arm64-qemu',
          [
            qemu!,
            path.join(runtime, 'lib', LOADERS.arm64),
            '--library-path',
            path.join(runtime, 'lib'),
            path.join(runtime, `${EXECUTABLE}_node`),
          ],
          path.join(busybox!.root, PARQUET)
        );
        expectFocusAnswered(run);
      },
      300_000
    );
  });
});
