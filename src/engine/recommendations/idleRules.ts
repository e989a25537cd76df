/**
 * When a resource counts as idle (a "zombie"), decided on evidence the caller measured over a
 * window (or one day of it). Every comparison is strict: a value at its threshold is not idle.
 *
 * - Machine (node or instance): AWS Compute Optimizer's idle rule, peak CPU under the threshold
 *   share of its cores and network in + out under the threshold bytes per day.
 * - Abandoned workload (Kubecost's term): it requests CPU, every pod peaked under the threshold
 *   share of its own request, and its pods together moved under the threshold bytes per day.
 * - Unattached volume: still billed now, and no pod referenced it during the window.
 * - Terminated workload (Kepler 0.10+ `state="terminated"` leftovers): what a pod used inside the
 *   window is its frozen counter less what it had counted when the window began.
 *
 * Missing evidence is never idleness: a machine without network counters, or a workload with a
 * pod lacking CPU or network figures, is not judged.
 */

export const DAY_MS = 86_400_000;
/** MB in the thresholds are decimal megabytes, as AWS Compute Optimizer's "5 MB per day". */
export const BYTES_PER_MB = 1e6;

/** The thresholds as a query gives them. */
export interface IdleThresholds {
  /** Peak CPU, percent of the machine's cores or of the pod's request. */
  cpuPeakPercent: number;
  /** Network in + out, MB per day. */
  networkMBPerDay: number;
}

/** The thresholds in the units the evidence comes in. */
export interface IdleRule {
  /** Peak CPU as a fraction (5 % → 0.05). */
  cpuFraction: number;
  bytesPerDay: number;
}

export function idleRule(t: IdleThresholds): IdleRule {
  return { cpuFraction: t.cpuPeakPercent / 100, bytesPerDay: t.networkMBPerDay * BYTES_PER_MB };
}

/** `noEvidence`: some figure the rule needs is missing, so the resource is not judged. */
export type IdleVerdict = 'idle' | 'busy' | 'noEvidence';

export interface MachineEvidence {
  /** Peak busy fraction of all its cores. */
  peakCpuFraction?: number;
  /** Network in + out, bytes per day. */
  networkBytesPerDay?: number;
}

export function machineVerdict(e: MachineEvidence, rule: IdleRule): IdleVerdict {
  if (e.peakCpuFraction === undefined || e.networkBytesPerDay === undefined) {
    return 'noEvidence';
  }
  return e.peakCpuFraction < rule.cpuFraction && e.networkBytesPerDay < rule.bytesPerDay ? 'idle' : 'busy';
}

/** A pod holds capacity only when it requests CPU (a BestEffort pod requests none). */
export function reservesCpu(requestCores: number): boolean {
  return requestCores > 0;
}

export interface PodEvidence {
  /** Peak CPU use as a fraction of what the pod requests. */
  peakOfRequest?: number;
  /** Network in + out of its network namespace over the span judged, bytes. */
  bytes?: number;
}

/**
 * A workload's verdict over `days` days from its pods' evidence: every pod under the CPU
 * threshold, and their bytes together under the threshold per day. No pods: no evidence.
 */
export function workloadVerdict(pods: readonly PodEvidence[], days: number, rule: IdleRule): IdleVerdict {
  if (pods.length === 0 || pods.some((p) => p.peakOfRequest === undefined || p.bytes === undefined)) {
    return 'noEvidence';
  }
  const bytesPerDay = pods.reduce((a, p) => a + p.bytes!, 0) / days;
  return pods.every((p) => p.peakOfRequest! < rule.cpuFraction) && bytesPerDay < rule.bytesPerDay ? 'idle' : 'busy';
}

/** A volume that is still billed and that no pod used during the window. */
export function volumeIsUnattached(v: { billedNow: boolean; usedInWindow: boolean }): boolean {
  return v.billedNow && !v.usedInWindow;
}

/**
 * What a terminated pod used inside the window: its frozen counter less what it had already
 * counted when the window began (0 when it started inside it), never below 0.
 */
export function usedInWindow(frozenJoules: number, countedAtStartJoules = 0): number {
  return Math.max(0, frozenJoules - countedAtStartJoules);
}

/**
 * Whole days at the end of the window in which the resource was idle: walks the daily points
 * back from the window's end and stops at the first day that was not idle or has no data.
 * `idleOn` gets each day's end (ms, rounded).
 */
export function trailingIdleDays(
  window: { startMs: number; endMs: number },
  idleOn: (dayEndMs: number) => boolean | undefined
): number {
  let days = 0;
  for (let t = window.endMs; t > window.startMs && idleOn(Math.round(t)) === true; t -= DAY_MS) {
    days++;
  }
  return days;
}
