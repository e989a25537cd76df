/**
 * What node_exporter shows of each scrape target over the zombie window (peak and mean CPU busy,
 * cores, eth0-like bytes, its uname and DMI labels) and per day of it, for the idle machine rule
 * (engine/recommendations/idleRules.ts). Fetching only: every figure is aggregated in Prometheus.
 */
import type { MachineEvidence } from '../../../engine/recommendations/idleRules';
import type { Labels, VectorSample } from '../../sources/prometheus/promResponse';
import { hostBusy, hostBytes, hostCores, hostCpuSeconds, hostDmi, hostUname, peakOf } from './zombiePromql';
import { dailyBy, type ZombieWindow } from './zombieWindow';

export interface Host {
  key: string;
  labels: Labels;
  dmi?: Labels;
  nodename: string;
  cores?: number;
  /** Peak busy fraction of all cores over the window. */
  peak?: number;
  /** Mean busy fraction over the window. */
  mean?: number;
  /** Network bytes in + out over the window. */
  bytes?: number;
}

/** A scrape target: job and instance. */
export const hostKey = (l: Labels) => `${l.job ?? ''}\u0000${l.instance ?? ''}`;

function hostsFrom(samples: Record<'peak' | 'mean' | 'cores' | 'bytes' | 'uname' | 'dmi', VectorSample[]>): Host[] {
  const hosts = new Map<string, Host>();
  const host = (l: Labels) => {
    const key = hostKey(l);
    return hosts.get(key) ?? hosts.set(key, { key, labels: {}, nodename: '' }).get(key)!;
  };
  samples.peak.forEach((s) => (host(s.labels).peak = s.value));
  samples.mean.forEach((s) => (host(s.labels).mean = s.value));
  samples.cores.forEach((s) => (host(s.labels).cores = s.value));
  samples.bytes.forEach((s) => (host(s.labels).bytes = s.value));
  samples.uname.forEach((s) => {
    const h = host(s.labels);
    h.labels = s.labels;
    h.nodename = s.labels.nodename ?? '';
  });
  samples.dmi.forEach((s) => (host(s.labels).dmi = s.labels));
  return [...hosts.values()].filter((h) => h.peak !== undefined);
}

/** The targets node_exporter shows CPU for over the window; none without node_exporter. */
export async function fetchHosts(w: ZombieWindow): Promise<Host[]> {
  const { ctx, range } = w;
  const [peak, mean, cores, bytes, uname, dmi] = await Promise.all([
    ctx.instant(peakOf(hostBusy(), range)),
    ctx.instant(`1 - ${hostCpuSeconds(range, 'idle')} / ${hostCpuSeconds(range, 'all')}`),
    ctx.instant(hostCores(range)),
    ctx.instant(hostBytes(range)),
    ctx.instant(hostUname(range)),
    ctx.instant(hostDmi(range)),
  ]);
  return hostsFrom({ peak, mean, cores, bytes, uname, dmi });
}

/** A host's window evidence for the idle rule: network as bytes per day of the window. */
export function hostEvidence(h: Host, days: number): MachineEvidence {
  return { peakCpuFraction: h.peak, networkBytesPerDay: h.bytes === undefined ? undefined : h.bytes / days };
}

/** Each day's evidence (peak busy fraction, bytes that day) by host key and day end (ms). */
export type HostDays = (key: string, dayEndMs: number) => MachineEvidence;

export async function fetchHostDays(w: ZombieWindow): Promise<HostDays> {
  const [peaks, bytes] = await Promise.all([w.daily(peakOf(hostBusy(), '[1d]')), w.daily(hostBytes('[1d]'))]);
  const p = dailyBy(peaks, hostKey);
  const b = dailyBy(bytes, hostKey);
  return (key, t) => ({ peakCpuFraction: p.get(key)?.get(t), networkBytesPerDay: b.get(key)?.get(t) });
}
