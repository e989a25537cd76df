/**
 * OpenCost (`:9003/metrics`, scraped with honor_labels): node prices with the node name in both
 * `instance` and `node`, allocations = max(request, usage) per running container, PVC bytes per pod,
 * volume prices (the unattached volume included: it is still billed), the EKS management fee.
 */
import type { Registry } from 'prom-client';

import { UNATTACHED_VOLUME } from '../clusterSpec';
import { WORKLOADS } from '../workloads';
import type { NodeSpec } from '../clusterTypes';
import type { PodInstance } from '../model';
import { addFamily, type ExportContext, type Labels, type Sample, target } from './family';

const GiB = 1024 ** 3;
const NODE_LABELS = ['job', 'arch', 'instance', 'instance_type', 'node', 'provider_id', 'region'];
const CONTAINER_LABELS = ['job', 'container', 'instance', 'namespace', 'node', 'pod'];
const job = () => ({ job: 'opencost' });
const own = () => target('opencost', 'opencost.opencost.svc:9003');

export function nodeHourlyCost(n: NodeSpec): number {
  return n.cores * n.prices.cpu + (n.memoryBytes / GiB) * n.prices.ramGiB + (n.gpu ? (n.prices.gpu ?? 0) : 0);
}

export function registerOpenCost(registry: Registry, ctx: ExportContext): void {
  const { model } = ctx;
  const nodeLabels = (n: NodeSpec): Labels => ({
    ...job(),
    arch: 'amd64',
    instance: n.name,
    instance_type: n.instanceType,
    node: n.name,
    provider_id: n.providerId.slice(n.providerId.lastIndexOf('/') + 1),
    region: n.region,
  });
  const nodeGauge = (name: string, help: string, value: (n: NodeSpec) => number | undefined) =>
    addFamily(registry, ctx, {
      name,
      help,
      type: 'gauge',
      labelNames: NODE_LABELS,
      samples: function* (): Iterable<Sample> {
        for (const { spec } of model.nodes) {
          const v = value(spec);
          if (v !== undefined) {
            yield [nodeLabels(spec), v];
          }
        }
      },
    });
  nodeGauge('node_cpu_hourly_cost', 'node_cpu_hourly_cost hourly cost for each cpu on this node', (n) => n.prices.cpu);
  nodeGauge(
    'node_ram_hourly_cost',
    'node_ram_hourly_cost hourly cost for each gb of ram on this node',
    (n) => n.prices.ramGiB
  );
  nodeGauge('node_gpu_hourly_cost', 'node_gpu_hourly_cost hourly cost for each gpu on this node', (n) => n.prices.gpu);
  nodeGauge('node_gpu_count', 'node_gpu_count count of gpu on this node', (n) => (n.gpu ? 1 : undefined));
  nodeGauge('node_total_hourly_cost', 'node_total_hourly_cost Total node cost per hour', nodeHourlyCost);
  nodeGauge('kubecost_node_is_spot', 'kubecost_node_is_spot Cloud provider info about node preemptibility', () => 0);

  const containerGauge = (name: string, help: string, value: (p: PodInstance, t: number) => number | undefined) =>
    addFamily(registry, ctx, {
      name,
      help,
      type: 'gauge',
      labelNames: CONTAINER_LABELS,
      samples: function* (t): Iterable<Sample> {
        for (const p of model.podsRunningAt(t)) {
          const v = value(p, t);
          if (v !== undefined) {
            yield [
              {
                ...job(),
                container: p.workload.container.name,
                instance: p.node.name,
                namespace: p.workload.namespace,
                node: p.node.name,
                pod: p.name,
              },
              v,
            ];
          }
        }
      },
    });
  containerGauge(
    'container_cpu_allocation',
    'container_cpu_allocation Percent of a single CPU used in a minute',
    (p, t) => Math.max(p.workload.container.requests.cpu, p.cores.at(t))
  );
  containerGauge('container_memory_allocation_bytes', 'container_memory_allocation_bytes Bytes of RAM used', (p) =>
    Math.max(p.workload.container.requests.memoryBytes, p.workload.container.memoryBytes)
  );
  containerGauge('container_gpu_allocation', 'container_gpu_allocation GPU used', (p) => (p.gpuUtil ? 1 : undefined));

  addFamily(registry, ctx, {
    name: 'pod_pvc_allocation',
    help: 'pod_pvc_allocation Bytes used by a PVC attached to a pod',
    type: 'gauge',
    labelNames: ['job', 'instance', 'namespace', 'persistentvolume', 'persistentvolumeclaim', 'pod'],
    samples: function* (t): Iterable<Sample> {
      for (const p of model.podsRunningAt(t)) {
        for (const v of p.workload.volumes ?? []) {
          yield [
            {
              ...own(),
              namespace: p.workload.namespace,
              persistentvolume: v.volume,
              persistentvolumeclaim: v.claim,
              pod: p.name,
            },
            v.sizeBytes,
          ];
        }
      }
    },
  });
  addFamily(registry, ctx, {
    name: 'pv_hourly_cost',
    help: 'pv_hourly_cost Cost per GB per hour on a persistent disk',
    type: 'gauge',
    labelNames: ['job', 'instance', 'persistentvolume', 'provider_id', 'volumename'],
    samples: function* (): Iterable<Sample> {
      const priced = WORKLOADS.flatMap((w) => w.volumes ?? []).filter((v) => v.hourlyPerGiB !== undefined);
      for (const v of [...priced, UNATTACHED_VOLUME]) {
        yield [
          { ...own(), persistentvolume: v.volume, provider_id: v.providerId, volumename: v.volume },
          v.hourlyPerGiB!,
        ];
      }
    },
  });
  addFamily(registry, ctx, {
    name: 'kubecost_cluster_management_cost',
    help: 'kubecost_cluster_management_cost Hourly cost paid as a cluster management fee.',
    type: 'gauge',
    labelNames: ['job', 'instance', 'provisioner_name'],
    samples: () => [[{ ...own(), provisioner_name: 'EKS' }, 0.1]],
  });
}
