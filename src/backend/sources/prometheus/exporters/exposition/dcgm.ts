/**
 * NVIDIA dcgm-exporter as it prints (`:9400/metrics`, default counters file): power in W printed
 * with C's `%f`, the energy counter in mJ since boot, labels in the exporter's own order: the
 * fixed ones, then `Labels` and `Attributes`, each a Go map the template ranges over in key order
 * (internal/pkg/rendermetrics/render_metrics.go, tag 4.5.3-4.8.2). `Hostname` through 4.5.3-4.8.2,
 * `hostname` on main after d5e5f51 (#655). With the Kubernetes pod mapping, container/namespace/
 * pod (`--use-old-namespace`: container_name/pod_name/pod_namespace) follow while a pod holds the
 * GPU; through 3.3.5-3.4.0 they are printed empty for an unassigned GPU, from 3.3.5-3.4.1 left out
 * (internal/pkg/transformation/kubernetes.go, pkg/dcgmexporter/kubernetes.go before 4.0).
 */
import { labels, metrics } from '../dcgm';
import { family, goSorted, type LabelPairs } from './family';

export const DCGM_JOB = 'nvidia-dcgm-exporter';
export const DCGM_DRIVER_VERSION = '550.127.05';

export const DCGM = {
  util: family('DCGM_FI_DEV_GPU_UTIL', 'GPU utilization (in %).'),
  fbUsed: family('DCGM_FI_DEV_FB_USED', 'Framebuffer memory used (in MiB).'),
  power: family(metrics.power, 'Power draw (in W).'),
  energy: family(metrics.energy, 'Total energy consumption since boot (in mJ).', 'counter'),
};

/** The exporter pod's address: one exporter per GPU node, on the pod network (`<a>.<b>.100.9:9400`). */
export function dcgmInstance(nodeIp: string): string {
  const [a, b] = nodeIp.split('.');
  return `${a}.${b}.100.9:9400`;
}

export interface DcgmGpu {
  index: number;
  uuid: string;
  pciBusId: string;
  model: string;
  hostname: string;
  /** `Hostname` (through 4.5.3-4.8.2) or `hostname` (main after #655). */
  hostnameLabel?: typeof labels.node | typeof labels.nodeRenamed;
  /** `--use-old-namespace`: container_name, pod_name, pod_namespace. */
  oldNamespace?: boolean;
  /** DCGM_FI_DRIVER_VERSION (not printed before 3.3). */
  driverVersion?: string;
  /** The pod mapping: the pod holding the GPU; `null` prints the labels empty (older exporters). */
  pod?: { container: string; namespace: string; pod: string } | null;
  /** A MIG instance of the GPU: its GPU instance profile and id (printed before the hostname). */
  mig?: { profile: string; id: number };
}

export function dcgmLabels(g: DcgmGpu): LabelPairs {
  const pairs: Array<readonly [string, string]> = [
    ['gpu', String(g.index)],
    ['UUID', g.uuid],
    ['pci_bus_id', g.pciBusId],
    ['device', `nvidia${g.index}`],
    ['modelName', g.model],
    ...(g.mig
      ? ([
          [labels.migProfile, g.mig.profile],
          [labels.migInstance, String(g.mig.id)],
        ] as const)
      : []),
    [g.hostnameLabel ?? labels.node, g.hostname],
  ];
  if (g.driverVersion) {
    pairs.push(['DCGM_FI_DRIVER_VERSION', g.driverVersion]);
  }
  if (g.pod !== undefined) {
    // Sorted by name, as the template ranges over the Attributes map.
    const [namespace, pod] = g.oldNamespace ? ['pod_namespace', 'pod_name'] : [labels.namespace, labels.pod];
    const attributes: Array<readonly [string, string]> = [
      [g.oldNamespace ? 'container_name' : 'container', g.pod?.container ?? ''],
      [namespace, g.pod?.namespace ?? ''],
      [pod, g.pod?.pod ?? ''],
    ];
    pairs.push(...goSorted(attributes));
  }
  return pairs;
}
