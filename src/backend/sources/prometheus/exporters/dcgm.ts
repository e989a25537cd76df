/**
 * NVIDIA dcgm-exporter (`:9400/metrics`) as the plugin reads it: GPU power (W) and the energy
 * counter (mJ since boot), the node in `Hostname` (`hostname` on main), and the pod holding each
 * GPU when the exporter maps GPUs to pods. What the exporter prints in full is exposition/dcgm.ts.
 *
 * Checked in NVIDIA/dcgm-exporter:
 * - internal/pkg/rendermetrics/render_metrics.go: `Hostname="..."` through tag 4.5.3-4.8.2,
 *   `hostname="..."` from commit d5e5f51 (#655, on main after that tag; no tag yet).
 * - internal/pkg/transformation/const.go, kubernetes.go (pkg/dcgmexporter/kubernetes.go before
 *   4.0): the pod mapping writes `pod`/`namespace`/`container`, or with `--use-old-namespace`
 *   `pod_name`/`pod_namespace`/`container_name`. Through 3.3.5-3.4.0 a GPU no pod holds gets
 *   them empty; from 3.3.5-3.4.1 (`podInfo, exists := deviceToPod[...]`) it gets none.
 * - deployment/values.yaml, templates/service-monitor.yaml: the chart's ServiceMonitor scrapes
 *   with `honorLabels: false`. The Prometheus Operator adds the target's `namespace`, `pod`,
 *   `container`, `service`, `endpoint` (prometheus-operator pkg/prometheus/testdata/
 *   HonorLabelsOverriding.golden), so the exporter's own pod takes the plain names and the
 *   workload's arrive as `exported_namespace`/`exported_pod`; a GPU no pod holds carries only
 *   the exporter's pod, under either honorLabels.
 */
export const metrics = {
  power: 'DCGM_FI_DEV_POWER_USAGE',
  energy: 'DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION',
} as const;

export const labels = {
  /** The node name (NODE_NAME, set by the chart since 3.1.6-3.1.3; the pod's hostname before). */
  node: 'Hostname',
  /** The same, as main prints it after #655. */
  nodeRenamed: 'hostname',
  namespace: 'namespace',
  pod: 'pod',
  /** The physical GPU's index on its node (also on every MIG instance's series). */
  gpu: 'gpu',
  /**
   * MIG: printed only for a GPU instance (render_metrics.go: `{{if $metric.MigProfile}}`), e.g.
   * `3g.40gb`, whose leading number is the instance's compute slices, and its id on the GPU.
   * Power and energy are device fields: every instance's series carries the whole GPU's (#317).
   */
  migProfile: 'GPU_I_PROFILE',
  migInstance: 'GPU_I_ID',
} as const;

/** Compute slices a MIG profile may have (A100/H100/B200: 1, 2, 3, 4, 7; A30: 1, 2, 4). */
export const MIG_SLICES: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8];

/** Prometheus's series per scrape target, carrying the target's labels only. */
export const scrapeHealth = 'up';

/** The labels of a scrape target that name the exporter's own pod. */
export const targetIdentity: readonly string[] = ['job', 'instance', labels.namespace, labels.pod];

/** Where one series may carry its workload's namespace and pod. */
export interface PodAttribution {
  namespace: string;
  pod: string;
  /** Also where a Kubernetes scrape target puts the exporter's own pod. */
  sharedWithTarget: boolean;
}

/**
 * Precedence, so each series has exactly one attribution: the renamed pair (a scrape without
 * honor_labels moved the exporter's labels aside: they are the workload), then
 * `--use-old-namespace`'s (no target label shares its names), then the plain pair, which is a
 * workload only where it is not the scrape target's own pod (see scrapeHealth).
 */
export const podAttributions: readonly PodAttribution[] = [
  { namespace: `exported_${labels.namespace}`, pod: `exported_${labels.pod}`, sharedWithTarget: false },
  { namespace: 'pod_namespace', pod: 'pod_name', sharedWithTarget: false },
  { namespace: labels.namespace, pod: labels.pod, sharedWithTarget: true },
];

export type PodLabelPrefix = '' | 'exported_';

/** Power or energy means DCGM. */
export const detectedBy: readonly string[] = [metrics.power, metrics.energy];

/** The attributions whose namespace and pod labels both occur, in precedence order. */
export function podAttributionsIn(labelNames: ReadonlySet<string>): PodAttribution[] {
  return podAttributions.filter((a) => labelNames.has(a.namespace) && labelNames.has(a.pod));
}

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
