/**
 * Scaphandre (`:8080/metrics`) as the plugin reads it: host and per-process power (µW gauges,
 * no energy counter per process), the labels `--containers` adds, and the version gauge that
 * tells 1.x from 0.x. What the exporter prints in full is exposition/scaphandre.ts.
 */
export const metrics = {
  hostPower: 'scaph_host_power_microwatts',
  processPower: 'scaph_process_power_consumption_microwatts',
  /** Percent of all the host's cores, per process. */
  processCpu: 'scaph_process_cpu_usage_percentage',
  /** The version as a float: v1.0.2 exports 1.02. */
  selfVersion: 'scaph_self_version',
} as const;

export const labels = {
  /** Full path in 1.x. */
  exe: 'exe',
  /** argv joined without separators. */
  cmdline: 'cmdline',
  pid: 'pid',
  /** Added to process series by `scaphandre prometheus --containers`. */
  namespace: 'kubernetes_pod_namespace',
  pod: 'kubernetes_pod_name',
  node: 'kubernetes_node_name',
  /** Hosts differ only by their scrape target: Scaphandre exports no hostname label of its own. */
  host: 'instance',
  /** On host power: what it reads (src/exporters/mod.rs gen_host_metrics, v1.0.0). */
  valueSource: 'value_source',
} as const;

/**
 * Host power's value_source: psys (RAPL's platform domain) where the host has it, else the sum of
 * the sockets' package and DRAM (`powercap_rapl_pkg`; docs_src/explanations/host_metrics.md).
 */
export const valueSources = { psys: 'powercap_rapl_psys', packageDram: 'powercap_rapl_pkg' } as const;

/** Host or process power means Scaphandre (host first, as evidence lists it). */
export const detectedBy: readonly string[] = [metrics.hostPower, metrics.processPower];

/** `--containers`: the namespace label is among the process series' labels. */
export function runsWithContainers(processLabelNames: ReadonlySet<string>): boolean {
  return processLabelNames.has(labels.namespace);
}

export function generationOf(version: number): '1.x' | '0.x' {
  return version >= 1 ? '1.x' : '0.x';
}
