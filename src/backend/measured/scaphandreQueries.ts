/**
 * PromQL over Scaphandre's per-process metrics (exporters-metrics.md §1). Every user or template
 * value goes through the promql.ts builders: `exe` and `cmdline` stay regexes (matcherRegex),
 * namespaces and PIDs are exact values (matcherIn).
 *
 * Scaphandre has no per-process energy counter, so Joules are power integrated over the window's
 * steps: `sum_over_time(<µW>[<window>:<step>]) * <step s> / 1e6`. Each subquery point takes the
 * last sample at or before it, so with a step at or below the scrape interval every sample counts
 * for the time it stood for; with a longer step it is a Riemann sum of one sample per step.
 */
import { scaphandre } from '../sources/prometheus/exporters';
import { matcherIn, matcherRegex, selector } from '../sources/prometheus/promql';
import type { IntegrationWindow } from './integrationWindow';

// Short names of sources/prometheus/exporters/scaphandre.ts for the builders below and their callers.
export const SCAPH_PROCESS_POWER = scaphandre.metrics.processPower;
export const SCAPH_PROCESS_CPU = scaphandre.metrics.processCpu;
export const SCAPH_HOST_POWER = scaphandre.metrics.hostPower;
export const SCAPH_NAMESPACE_LABEL = scaphandre.labels.namespace;
export const SCAPH_POD_LABEL = scaphandre.labels.pod;
export const SCAPH_NODE_LABEL = scaphandre.labels.node;
export const SCAPH_HOST_LABEL = scaphandre.labels.host;

/**
 * Energy leak: a process that keeps the CPU busy at a flat level for the whole range, the mark of
 * a busy loop (a spin-wait, a forgotten `while True: pass`) that keeps cores out of sleep states.
 *
 * - `LEAK_MIN_CPU_PERCENT`: its CPU share never drops below 1% of all the host's cores
 *   (Scaphandre's percentage is of all cores: one spinning core is 6.25% on 16 cores, 1.6% on 64).
 *   Daemons that wait for work (sshd, kubelet, exporters) sit well below 1% at their quietest.
 * - `LEAK_MAX_CPU_VARIATION`: its CPU share varies by at most 5% of its mean (stddev / mean). Work
 *   driven by requests, queues or schedules moves far more (0.2 and up in practice); a spinning
 *   loop reads the same share every scrape, give or take scheduling noise of a percent or two.
 *   The CPU share, not the power, is what stays flat: Scaphandre attributes host power × share, so
 *   a busy loop's watts follow the host's total, which the other processes move.
 * - It was already running when the range began (a sample at the start, `offset <range>`) and is
 *   still running at its end: a cron job that is flat while it runs is not a leak.
 * - Only checked over ranges of at least `LEAK_MIN_RANGE_MS` (30 min): over a few minutes,
 *   "flat for the whole range" says little.
 */
export const LEAK_MIN_CPU_PERCENT = 1;
export const LEAK_MAX_CPU_VARIATION = 0.05;
export const LEAK_MIN_RANGE_MS = 30 * 60_000;

export interface ProcessFilter {
  /** Regex on `exe` (full path in Scaphandre 1.x). */
  exe?: string;
  /** Regex on `cmdline` (argv joined without separators). */
  cmdline?: string;
  /** Exact Kubernetes namespaces (needs --containers). */
  namespaces?: readonly string[];
  /** Exact PIDs. */
  pids?: readonly string[];
  /** Exact scrape targets (`instance`). */
  instances?: readonly string[];
}

export function processMatchers(filter: ProcessFilter): string[] {
  const matchers: string[] = [];
  if (filter.exe) {
    matchers.push(matcherRegex(scaphandre.labels.exe, filter.exe));
  }
  if (filter.cmdline) {
    matchers.push(matcherRegex(scaphandre.labels.cmdline, filter.cmdline));
  }
  if (filter.namespaces && filter.namespaces.length > 0) {
    matchers.push(matcherIn(SCAPH_NAMESPACE_LABEL, filter.namespaces));
  }
  if (filter.pids && filter.pids.length > 0) {
    matchers.push(matcherIn(scaphandre.labels.pid, filter.pids));
  }
  if (filter.instances && filter.instances.length > 0) {
    matchers.push(matcherIn(SCAPH_HOST_LABEL, filter.instances));
  }
  return matchers;
}

/** Process power (µW) of the filtered processes. */
export function processPowerSelector(filter: ProcessFilter): string {
  return selector(SCAPH_PROCESS_POWER, processMatchers(filter));
}

/** Process CPU share (% of all cores) of the filtered processes. */
export function processCpuSelector(filter: ProcessFilter): string {
  return selector(SCAPH_PROCESS_CPU, processMatchers(filter));
}

/** `<µW expression> * <step s> / 1e6` summed over the window's steps: Joules per series. */
export function integratedJoules(microwatts: string, w: IntegrationWindow): string {
  return `sum_over_time(${microwatts}[${w.window}:${w.step}]) * ${w.stepSeconds} / 1e6`;
}

/** Watts per process at each step (range query). */
export function processWatts(filter: ProcessFilter): string {
  return `${processPowerSelector(filter)} / 1e6`;
}

/** Joules per process over the window (instant query at the window's end). */
export function processJoules(filter: ProcessFilter, w: IntegrationWindow): string {
  return integratedJoules(processPowerSelector(filter), w);
}

/**
 * The `n` processes that used the most energy over the window, with their Joules. Ranked by
 * energy rather than mean power: a cron job at 3 cores for 10 minutes uses less than a loop at
 * one core for 3 hours, though its mean power while it runs is higher.
 */
export function topProcessesByJoules(filter: ProcessFilter, n: number, w: IntegrationWindow): string {
  return `topk(${Math.trunc(n)}, sum_over_time(${processPowerSelector(filter)}[${w.window}:${w.step}])) * ${w.stepSeconds} / 1e6`;
}

/** Host power per scrape target, in watts (range query). */
export function hostWatts(instances?: readonly string[]): string {
  return `sum by (${SCAPH_HOST_LABEL}) (${hostSelector(instances)}) / 1e6`;
}

/** The sum of every process's power per scrape target, in watts (range query). */
export function allProcessesWatts(instances?: readonly string[]): string {
  return `sum by (${SCAPH_HOST_LABEL}) (${processPowerSelector({ instances })}) / 1e6`;
}

/** Host Joules per scrape target over the window (instant query). */
export function hostJoules(w: IntegrationWindow, instances?: readonly string[]): string {
  return `sum by (${SCAPH_HOST_LABEL}) (${integratedJoules(hostSelector(instances), w)})`;
}

/** Joules of all processes per scrape target over the window (instant query). */
export function allProcessesJoules(w: IntegrationWindow, instances?: readonly string[]): string {
  return `sum by (${SCAPH_HOST_LABEL}) (${integratedJoules(processPowerSelector({ instances }), w)})`;
}

function hostSelector(instances?: readonly string[]): string {
  return selector(SCAPH_HOST_POWER, instances && instances.length > 0 ? [matcherIn(SCAPH_HOST_LABEL, instances)] : []);
}

/** The energy-leak condition on the CPU series (see LEAK_MIN_CPU_PERCENT); its values are meaningless, only its label sets. */
export function leakCondition(filter: ProcessFilter, w: IntegrationWindow): string {
  const cpu = processCpuSelector(filter);
  return (
    `(min_over_time(${cpu}[${w.window}]) >= ${LEAK_MIN_CPU_PERCENT}` +
    ` and stddev_over_time(${cpu}[${w.window}]) <= ${LEAK_MAX_CPU_VARIATION} * avg_over_time(${cpu}[${w.window}])` +
    ` and ${cpu} offset ${w.range}` +
    ` and ${cpu})`
  );
}

/** Joules over the window of the processes that leak energy (instant query). */
export function leakJoules(filter: ProcessFilter, w: IntegrationWindow): string {
  return `${processJoules(filter, w)} and ${leakCondition(filter, w)}`;
}

/** Mean CPU share (% of all cores) of the processes that leak energy (instant query). */
export function leakCpuPercent(filter: ProcessFilter, w: IntegrationWindow): string {
  return `avg_over_time(${processCpuSelector(filter)}[${w.window}]) and ${leakCondition(filter, w)}`;
}
