/**
 * NVIDIA dcgm-exporter (`:9400/metrics`) on the GPU node, with the Kubernetes pod mapping: labels
 * in the exporter's order (gpu, UUID, pci_bus_id, device, modelName, Hostname, driver version,
 * then container/namespace/pod of the pod holding the GPU). Power in W, energy in mJ since boot.
 */
import type { Registry } from 'prom-client';

import {
  DCGM,
  DCGM_DRIVER_VERSION,
  DCGM_JOB,
  dcgmInstance,
  dcgmLabels,
} from '../../../../src/backend/sources/prometheus/exporters/exposition/dcgm';
import type { FamilyDescription } from '../../../../src/backend/sources/prometheus/exporters/exposition/family';
import type { NodeSpec } from '../clusterTypes';
import { addFamily, type ExportContext, labelsOf, type Labels, type Sample, target } from './family';

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
    const pod = holder(n);
    return labelsOf(
      target(DCGM_JOB, dcgmInstance(n.ip)),
      dcgmLabels({
        index: 0,
        uuid: n.gpu!.uuid,
        pciBusId: n.gpu!.pciBusId,
        model: n.gpu!.model,
        hostname: n.name,
        driverVersion: DCGM_DRIVER_VERSION,
        // The pod mapping of a current exporter: no pod labels while no pod holds the GPU.
        ...(pod
          ? { pod: { container: pod.workload.container.name, namespace: pod.workload.namespace, pod: pod.name } }
          : {}),
      })
    );
  };
  const family = (f: FamilyDescription, value: (n: NodeSpec, t: number) => number) =>
    addFamily(registry, ctx, {
      ...f,
      labelNames: LABELS,
      samples: function* (t): Iterable<Sample> {
        for (const n of gpuNodes) {
          yield [labels(n), value(n, t)];
        }
      },
    });
  family(DCGM.util, (n, t) => Math.round((holder(n)?.gpuUtil?.at(t) ?? 0) * 100));
  family(DCGM.fbUsed, (n) => (holder(n) ? 13_800 : 0));
  family(DCGM.power, (n, t) => model.gpuPower(n)!.at(t));
  family(DCGM.energy, (n, t) => Math.trunc(BOOT_MJ + model.gpuPower(n)!.cumulative(t) * 1000));
}
