/**
 * NVIDIA dcgm-exporter (`:9400/metrics`) as the plugin reads it: GPU power (W) and the energy
 * counter (mJ since boot), the node in `Hostname`, and the pod holding each GPU when the exporter
 * maps GPUs to pods. What the exporter prints in full is exposition/dcgm.ts.
 */
export const metrics = {
  power: 'DCGM_FI_DEV_POWER_USAGE',
  energy: 'DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION',
} as const;

export const labels = {
  /** The node name when the exporter runs with the node's hostname. */
  node: 'Hostname',
  /** The pod mapping's labels, prefixed as podLabelPrefixOf finds. */
  namespace: 'namespace',
  pod: 'pod',
} as const;

export type PodLabelPrefix = '' | 'exported_';

/** Power or energy means DCGM. */
export const detectedBy: readonly string[] = [metrics.power, metrics.energy];

/**
 * `exported_` when the pod labels arrive as exported_namespace/exported_pod: scraped without
 * honor_labels, Prometheus's target labels (the exporter's own pod) took the plain names.
 * Undefined without pod labels.
 */
export function podLabelPrefixOf(labelNames: ReadonlySet<string>): PodLabelPrefix | undefined {
  return (['exported_', ''] as const).find(
    (p) => labelNames.has(`${p}${labels.namespace}`) && labelNames.has(`${p}${labels.pod}`)
  );
}
