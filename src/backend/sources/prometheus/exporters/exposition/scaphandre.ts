/**
 * Scaphandre 1.0.2 as it prints (src/exporters/mod.rs, src/sensors/mod.rs, src/sensors/utils.rs).
 *
 * - Host power is an integer (µW) with `value_source`; the host energy counter is the raw RAPL
 *   counter (µJ), which wraps.
 * - Per process: the CPU share is an f32 (% of all cores: sysinfo's per-core % over the cores)
 *   and power = host µW × that share / 100. The power metric's HELP is the disk one (a bug in
 *   1.0.2 and HEAD).
 * - `exe` is the full path, `cmdline` argv joined without separators; `--containers` adds the
 *   container and Kubernetes labels to processes in pods.
 * - Label order is random per series (a Rust HashMap): hashMapOrder, seeded per series.
 */
import { labels, metrics } from '../scaphandre';
import { family, type LabelPairs, type ScrapeDefaults } from './family';

export const SCAPHANDRE_SCRAPE: ScrapeDefaults = { job: 'scaphandre', port: 8080 };
/** What the version gauge holds for v1.0.2. */
export const SCAPHANDRE_VERSION = 1.02;

export const SCAPH = {
  version: family(metrics.selfVersion, 'Version number of scaphandre represented as a float.'),
  hostEnergy: family(
    'scaph_host_energy_microjoules',
    'Energy measurement for the whole host, as extracted from the sensor, in microjoules.',
    'counter'
  ),
  hostPower: family(metrics.hostPower, 'Power measurement on the whole host, in microwatts'),
  socketEnergy: family(
    'scaph_socket_energy_microjoules',
    'Socket related energy measurement in microjoules.',
    'counter'
  ),
  socketPower: family('scaph_socket_power_microwatts', 'Power measurement relative to a CPU socket, in microwatts'),
  domainEnergy: family(
    'scaph_domain_energy_microjoules',
    'Domain related energy measurement in microjoules.',
    'counter'
  ),
  domainPower: family('scaph_domain_power_microwatts', 'Power measurement relative to a RAPL Domain, in microwatts'),
  cpu: family(
    metrics.processCpu,
    'CPU time consumed by the process, as a percentage of the capacity of all the CPU Cores'
  ),
  memory: family('scaph_process_memory_bytes', 'Physical RAM usage by the process, in bytes'),
  memoryVirtual: family('scaph_process_memory_virtual_bytes', 'Virtual RAM usage by the process, in bytes'),
  /** The real HELP text of the power metric is the disk one (a bug in v1.0.2 and HEAD). */
  power: family(metrics.processPower, 'Total data read on disk by the process, in bytes'),
};

/** Scaphandre's `cmdline` label: argv concatenated without separators, `"` → `_`, `\` dropped. */
export function scaphCmdline(argv: readonly string[]): string {
  return argv.join('').replace(/"/g, '_').replace(/\\/g, '');
}

/** The f32 percentage Scaphandre computes: sysinfo's per-core % (f32) over the number of cores. */
export function cpuPercent(cores: number, hostCores: number): number {
  return Math.fround(Math.fround(cores * 100) / hostCores);
}

/** A process's power (µW): the host's integer µW × its f32 share, as an f64. */
export function processMicrowatts(hostMicrowatts: number, percent: number): number {
  return (hostMicrowatts * percent) / 100;
}

/** Items in a fixed pseudo-random order for a seed: Scaphandre's HashMap order, per series. */
export function hashMapOrder<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface ScaphProcess {
  pid: number;
  exe: string;
  argv: readonly string[];
  /** With --containers, for a process in a pod. */
  container?: { id: string; pod: string; namespace: string; node: string };
}

export const SCAPH_LABELS = {
  /** Before shuffling: the container labels (in a pod, with --containers), then pid, exe, cmdline. */
  process: (p: ScaphProcess): LabelPairs => [
    ...(p.container
      ? ([
          ['container_scheduler', 'kubernetes'],
          ['container_runtime', 'containerd'],
          ['container_id', p.container.id],
          [labels.pod, p.container.pod],
          [labels.namespace, p.container.namespace],
          [labels.node, p.container.node],
        ] as const)
      : []),
    [labels.pid, String(p.pid)],
    [labels.exe, p.exe],
    [labels.cmdline, scaphCmdline(p.argv)],
  ],
  /** The DRAM domain of a socket, before shuffling. */
  dramDomain: (socket: number): LabelPairs => [
    ['domain_name', 'dram'],
    ['domain_id', '0'],
    ['socket_id', String(socket)],
  ],
  socket: (socket: number): LabelPairs => [['socket_id', String(socket)]],
  host: (valueSource: string): LabelPairs => [['value_source', valueSource]],
};
