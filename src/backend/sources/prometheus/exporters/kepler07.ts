/**
 * Kepler 0.7 (`:9102/metrics`) as the plugin reads it: per-container and per-node energy counters,
 * one metric per component instead of 0.10's zones, and `mode` (dynamic/idle) on each series.
 * What the exporter prints in full is exposition/kepler07.ts.
 *
 * Host processes and the kernel are booked on pseudo pods, which are no Kubernetes workload. The
 * node series name their node in an `instance` label of their own, which Prometheus keeps as
 * `exported_instance` (scraped without honor_labels) next to the target's address in `instance`.
 */
export type Component = 'package' | 'core' | 'uncore' | 'dram' | 'other' | 'platform' | 'gpu';

/** Every component with a node counter; discovery looks for each. */
export const components: readonly Component[] = ['package', 'core', 'uncore', 'dram', 'platform', 'other', 'gpu'];

/** The components the container total adds up (package + dram + other + gpu). */
export const containerTotalComponents: readonly Component[] = ['package', 'dram', 'other', 'gpu'];

export const metrics = {
  /** Joules per container, all components of containerTotalComponents together. */
  containerJoules: 'kepler_container_joules_total',
  containerGpuJoules: 'kepler_container_gpu_joules_total',
  /** The package counter of each node, the one that names its node. */
  nodePackageJoules: 'kepler_node_package_joules_total',
  /**
   * Kepler 0.7.x to 0.9.x alike (same metrics, so the queries treat them as one generation);
   * `version` is the release tag from v0.7.11 on, empty before (exposition/kepler07.ts).
   */
  buildInfo: 'kepler_exporter_build_info',
} as const;

/** A node counter of one component, e.g. `kepler_node_dram_joules_total`. */
export function nodeComponentJoules(component: Component): string {
  return component === 'package' ? metrics.nodePackageJoules : `kepler_node_${component}_joules_total`;
}

export const labels = {
  mode: 'mode',
  namespace: 'container_namespace',
  pod: 'pod_name',
  /** On container series: the target's address (Kepler exports no node label on them). */
  target: 'instance',
  /** On node series: the node name, renamed by Prometheus (see above). */
  nodeName: 'exported_instance',
  /** On the build info: the release tag, e.g. `v0.9.0`. */
  version: 'version',
} as const;

export const modes = { dynamic: 'dynamic', idle: 'idle' } as const;

/** Pseudo pods of host processes and kernel threads. */
export const pseudoPods: readonly string[] = ['system_processes', 'kernel_processes'];

/** The container counter means Kepler 0.7; whether it carries `mode` tells how idle energy is split. */
export const detectedBy: readonly string[] = [metrics.containerJoules];
