/**
 * NVIDIA dcgm-exporter as it prints (`:9400/metrics`, default counters file): power in W printed
 * with C's `%f`, the energy counter in mJ since boot, labels in the exporter's own order (not
 * sorted). With the Kubernetes pod mapping, container/namespace/pod follow while a pod holds the
 * GPU; older exporters print them empty for an unassigned GPU, newer ones leave them out.
 */
import { labels, metrics } from '../dcgm';
import { family, type LabelPairs } from './family';

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
  /** DCGM_FI_DRIVER_VERSION (not printed before 3.3). */
  driverVersion?: string;
  /** The pod mapping: the pod holding the GPU; `null` prints the labels empty (older exporters). */
  pod?: { container: string; namespace: string; pod: string } | null;
}

export function dcgmLabels(g: DcgmGpu): LabelPairs {
  const pairs: Array<readonly [string, string]> = [
    ['gpu', String(g.index)],
    ['UUID', g.uuid],
    ['pci_bus_id', g.pciBusId],
    ['device', `nvidia${g.index}`],
    ['modelName', g.model],
    [labels.node, g.hostname],
  ];
  if (g.driverVersion) {
    pairs.push(['DCGM_FI_DRIVER_VERSION', g.driverVersion]);
  }
  if (g.pod !== undefined) {
    pairs.push(
      ['container', g.pod?.container ?? ''],
      [labels.namespace, g.pod?.namespace ?? ''],
      [labels.pod, g.pod?.pod ?? '']
    );
  }
  return pairs;
}
