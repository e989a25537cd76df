/**
 * cAdvisor through the kubelet (`/metrics/cadvisor`, with kube-prometheus-stack's `node`,
 * `metrics_path` and `endpoint` target labels): CPU seconds and working set per container, plus
 * the pod cgroup row (`container=""`, which double counts if summed with the containers) and the
 * pod's network counters on that row. Series exist while the container runs.
 */
import type { Registry } from 'prom-client';

import type { PodInstance } from '../model';
import { addFamily, type ExportContext, type Labels, type Sample } from './family';

const LABELS = [
  'job',
  'instance',
  'metrics_path',
  'endpoint',
  'node',
  'container',
  'cpu',
  'id',
  'image',
  'interface',
  'name',
  'namespace',
  'pod',
];

function podCgroup(p: PodInstance): string {
  const id = p.uid.replace(/-/g, '_');
  return `/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${id}.slice`;
}

export function registerCadvisor(registry: Registry, ctx: ExportContext): void {
  const { model } = ctx;
  const base = (p: PodInstance): Labels => ({
    job: 'kubelet',
    instance: `${p.node.ip}:10250`,
    metrics_path: '/metrics/cadvisor',
    endpoint: 'https-metrics',
    node: p.node.name,
  });
  const container = (p: PodInstance, extra: Labels = {}): Labels => ({
    ...base(p),
    container: p.workload.container.name,
    ...extra,
    id: `${podCgroup(p)}/cri-containerd-${p.containerId}.scope`,
    image: p.workload.container.image,
    name: p.containerId,
    namespace: p.workload.namespace,
    pod: p.name,
  });
  const podRow = (p: PodInstance, extra: Labels = {}): Labels => ({
    ...base(p),
    container: '',
    ...extra,
    id: podCgroup(p),
    image: '',
    name: '',
    namespace: p.workload.namespace,
    pod: p.name,
  });
  // CPU seconds a long-running container had used before the model's epoch.
  const before = (p: PodInstance) => (p.createdS < 0 ? (p.workload.load?.base ?? 0) * -p.createdS : 0);
  const perPod = (rows: (p: PodInstance, t: number) => Array<[Labels, number]>) =>
    function* (t: number): Iterable<Sample> {
      for (const p of model.podsRunningAt(t)) {
        yield* rows(p, t);
      }
    };
  addFamily(registry, ctx, {
    name: 'container_cpu_usage_seconds_total',
    help: 'Cumulative cpu time consumed in seconds.',
    type: 'counter',
    labelNames: LABELS,
    samples: perPod((p, t) => {
      const seconds = before(p) + p.cores.cumulative(t);
      return [
        [container(p, { cpu: 'total' }), seconds],
        [podRow(p, { cpu: 'total' }), seconds],
      ];
    }),
  });
  addFamily(registry, ctx, {
    name: 'container_memory_working_set_bytes',
    help: 'Current working set in bytes.',
    type: 'gauge',
    labelNames: LABELS,
    samples: perPod((p) => [[container(p), p.workload.container.memoryBytes]]),
  });
  const network = (dir: 'rx' | 'tx') =>
    perPod((p, t) =>
      p.workload.hostNetwork
        ? []
        : [[podRow(p, { interface: 'eth0' }), (dir === 'rx' ? p.rxBytesPerS : p.txBytesPerS).cumulative(t)]]
    );
  addFamily(registry, ctx, {
    name: 'container_network_receive_bytes_total',
    help: 'Cumulative count of bytes received',
    type: 'counter',
    labelNames: LABELS,
    samples: network('rx'),
  });
  addFamily(registry, ctx, {
    name: 'container_network_transmit_bytes_total',
    help: 'Cumulative count of bytes transmitted',
    type: 'counter',
    labelNames: LABELS,
    samples: network('tx'),
  });
}
