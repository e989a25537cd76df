/**
 * Kepler 0.10+ (`:28282/metrics`) as the plugin reads it: CPU energy counters per RAPL zone for
 * nodes and pods, the labels they carry, and what tells this generation apart from Kepler 0.7.
 * What the exporter prints in full (HELP/TYPE, label order, quirks) is exposition/kepler010.ts.
 *
 * Zones overlap (package includes core and uncore), so queries read one zone, never a sum. A pod
 * that stops is exported once more with `state="terminated"` and its counter frozen: queries of
 * running energy keep `state="running"` only.
 */
export const metrics = {
  /** Joules per pod and zone. */
  podCpuJoules: 'kepler_pod_cpu_joules_total',
  /** Joules per node and zone: the whole machine, idle and host processes included. */
  nodeCpuJoules: 'kepler_node_cpu_joules_total',
  /** `version` the release tag (internal/exporter/prometheus/collector/build_info.go, v0.10.0 on). */
  buildInfo: 'kepler_build_info',
} as const;

export const labels = {
  zone: 'zone',
  state: 'state',
  namespace: 'pod_namespace',
  pod: 'pod_name',
  /** Stays the same across a pod's restarts. */
  podId: 'pod_id',
  /** On every energy series: the node name. */
  node: 'node_name',
  /** On the build info: the release tag, e.g. `v0.10.0`. */
  version: 'version',
} as const;

export const states = { running: 'running', terminated: 'terminated' } as const;

/** Either counter means Kepler 0.10+ (node first, as evidence lists it); their `zone` values are the zones. */
export const detectedBy: readonly string[] = [metrics.nodeCpuJoules, metrics.podCpuJoules];
