/**
 * OpenCost (`:9003/metrics`, scraped with honor_labels): node prices with the node name in both
 * `instance` and `node`, allocations = max(request, usage) per running container, PVC bytes per pod,
 * volume prices (the unattached volume included: it is still billed), the EKS management fee, and
 * the pod owners OpenCost exports like kube-state-metrics.
 */
import type { Registry } from 'prom-client';

import type { FamilyDescription } from '../../../../src/backend/sources/prometheus/exporters/exposition/family';
import {
  OPENCOST,
  OPENCOST_LABELS,
  OPENCOST_SCRAPE,
} from '../../../../src/backend/sources/prometheus/exporters/exposition/opencost';
import { UNATTACHED_VOLUME } from '../clusterSpec';
import { WORKLOADS } from '../workloads';
import { owner } from './kubeStateMetrics';
import type { NodeSpec } from '../clusterTypes';
import type { PodInstance } from '../model';
import { addFamily, type ExportContext, labelsOf, type Labels, type Sample, target } from './family';

const GiB = 1024 ** 3;
const NODE_LABELS = ['job', 'arch', 'instance', 'instance_type', 'node', 'provider_id', 'region'];
const CONTAINER_LABELS = ['job', 'container', 'instance', 'namespace', 'node', 'pod'];
// Node and container series carry the node name as `instance` (honor_labels keeps it).
const job = () => ({ job: OPENCOST_SCRAPE.job });
const own = () => target(OPENCOST_SCRAPE.job, OPENCOST_SCRAPE.instance);

export function nodeHourlyCost(n: NodeSpec): number {
  return n.cores * n.prices.cpu + (n.memoryBytes / GiB) * n.prices.ramGiB + (n.gpu ? (n.prices.gpu ?? 0) : 0);
}

export function registerOpenCost(registry: Registry, ctx: ExportContext): void {
  const { model } = ctx;
  const nodeLabels = (n: NodeSpec): Labels => labelsOf(job(), OPENCOST_LABELS.node({ ...n, arch: 'amd64' }));
  const nodeGauge = (f: FamilyDescription, value: (n: NodeSpec) => number | undefined) =>
    addFamily(registry, ctx, {
      ...f,
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
  nodeGauge(OPENCOST.nodeCpu, (n) => n.prices.cpu);
  nodeGauge(OPENCOST.nodeRam, (n) => n.prices.ramGiB);
  nodeGauge(OPENCOST.nodeGpu, (n) => n.prices.gpu);
  nodeGauge(OPENCOST.nodeGpuCount, (n) => (n.gpu ? 1 : undefined));
  nodeGauge(OPENCOST.nodeTotal, nodeHourlyCost);
  nodeGauge(OPENCOST.spot, () => 0);

  const containerGauge = (f: FamilyDescription, value: (p: PodInstance, t: number) => number | undefined) =>
    addFamily(registry, ctx, {
      ...f,
      labelNames: CONTAINER_LABELS,
      samples: function* (t): Iterable<Sample> {
        for (const p of model.podsRunningAt(t)) {
          const v = value(p, t);
          if (v !== undefined) {
            const labels = OPENCOST_LABELS.container(
              p.workload.namespace,
              p.name,
              p.workload.container.name,
              p.node.name
            );
            yield [labelsOf(job(), labels), v];
          }
        }
      },
    });
  containerGauge(OPENCOST.cpuAlloc, (p, t) => Math.max(p.workload.container.requests.cpu, p.cores.at(t)));
  containerGauge(OPENCOST.memAlloc, (p) =>
    Math.max(p.workload.container.requests.memoryBytes, p.workload.container.memoryBytes)
  );
  containerGauge(OPENCOST.gpuAlloc, (p) => (p.gpuUtil ? 1 : undefined));

  addFamily(registry, ctx, {
    ...OPENCOST.pvcAlloc,
    labelNames: ['job', 'instance', 'namespace', 'persistentvolume', 'persistentvolumeclaim', 'pod'],
    samples: function* (t): Iterable<Sample> {
      for (const p of model.podsRunningAt(t)) {
        for (const v of p.workload.volumes ?? []) {
          yield [labelsOf(own(), OPENCOST_LABELS.pvc(p.workload.namespace, p.name, v.claim, v.volume)), v.sizeBytes];
        }
      }
    },
  });
  addFamily(registry, ctx, {
    ...OPENCOST.pv,
    labelNames: ['job', 'instance', 'persistentvolume', 'provider_id', 'volumename'],
    samples: function* (): Iterable<Sample> {
      const priced = WORKLOADS.flatMap((w) => w.volumes ?? []).filter((v) => v.hourlyPerGiB !== undefined);
      for (const v of [...priced, UNATTACHED_VOLUME]) {
        yield [labelsOf(own(), OPENCOST_LABELS.pv(v.volume, v.providerId)), v.hourlyPerGiB!];
      }
    },
  });
  // OpenCost's own KSM-style pod owners (pkg/metrics/podmetrics.go), for every pod the API server
  // lists, beside kube-state-metrics' (a separate job): without KSM they are all the owners there are.
  addFamily(registry, ctx, {
    ...OPENCOST.podOwner,
    labelNames: ['job', 'instance', 'namespace', 'pod', 'owner_name', 'owner_kind', 'owner_is_controller'],
    samples: function* (t): Iterable<Sample> {
      for (const p of model.podsListedAt(t)) {
        yield [labelsOf(own(), OPENCOST_LABELS.podOwner(p.workload.namespace, p.name, owner(p))), 1];
      }
    },
  });
  addFamily(registry, ctx, {
    ...OPENCOST.management,
    labelNames: ['job', 'instance', 'provisioner_name'],
    samples: () => [[labelsOf(own(), OPENCOST_LABELS.management('EKS')), 0.1]],
  });
}
