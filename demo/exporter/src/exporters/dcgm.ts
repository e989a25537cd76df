/**
 * NVIDIA dcgm-exporter (`:9400/metrics`) on the GPU node, with the Kubernetes pod mapping: labels
 * in the exporter's order (gpu, UUID, pci_bus_id, device, modelName, Hostname, driver version,
 * then container/namespace/pod of the pod holding the GPU). Power in W, energy in mJ since boot.
 */
import type { Registry } from 'prom-client';

import type { NodeSpec } from '../clusterTypes';
import { addFamily, type ExportContext, type Labels, type Sample, target } from './family';

const LABELS = [
  'job',
  'instance',
  'gpu',
  'UUID',
  'pci_bus_id',
  'device',
  'modelName',
  'Hostname',
  'DCGM_FI_DRIVER_VERSION',
  'container',
  'namespace',
  'pod',
];
/** Energy the GPU had used since the node booted before the model's epoch, mJ. */
const BOOT_MJ = 9_126_000_000;

export function registerDcgm(registry: Registry, ctx: ExportContext): void {
  const { model } = ctx;
  const gpuNodes = model.nodes.filter((n) => n.spec.gpu).map((n) => n.spec);
  const holder = (n: NodeSpec) => model.steadyPods.find((p) => p.node === n && p.gpuUtil);
  const labels = (n: NodeSpec): Labels => {
    const [a, b] = n.ip.split('.');
    const pod = holder(n);
    return {
      ...target('nvidia-dcgm-exporter', `${a}.${b}.100.9:9400`),
      gpu: '0',
      UUID: n.gpu!.uuid,
      pci_bus_id: n.gpu!.pciBusId,
      device: 'nvidia0',
      modelName: n.gpu!.model,
      Hostname: n.name,
      DCGM_FI_DRIVER_VERSION: '550.127.05',
      ...(pod ? { container: pod.workload.container.name, namespace: pod.workload.namespace, pod: pod.name } : {}),
    };
  };
  const family = (name: string, help: string, type: 'gauge' | 'counter', value: (n: NodeSpec, t: number) => number) =>
    addFamily(registry, ctx, {
      name,
      help,
      type,
      labelNames: LABELS,
      samples: function* (t): Iterable<Sample> {
        for (const n of gpuNodes) {
          yield [labels(n), value(n, t)];
        }
      },
    });
  family('DCGM_FI_DEV_GPU_UTIL', 'GPU utilization (in %).', 'gauge', (n, t) =>
    Math.round((holder(n)?.gpuUtil?.at(t) ?? 0) * 100)
  );
  family('DCGM_FI_DEV_FB_USED', 'Framebuffer memory used (in MiB).', 'gauge', (n) => (holder(n) ? 13_800 : 0));
  family('DCGM_FI_DEV_POWER_USAGE', 'Power draw (in W).', 'gauge', (n, t) => model.gpuPower(n)!.at(t));
  family('DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION', 'Total energy consumption since boot (in mJ).', 'counter', (n, t) =>
    Math.trunc(BOOT_MJ + model.gpuPower(n)!.cumulative(t) * 1000)
  );
}
