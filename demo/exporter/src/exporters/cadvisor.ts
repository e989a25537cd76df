/**
 * cAdvisor through the kubelet (`/metrics/cadvisor`, with kube-prometheus-stack's `node`,
 * `metrics_path` and `endpoint` target labels): CPU seconds and working set per container, plus
 * the pod cgroup row (`container=""`, which double counts if summed with the containers) and the
 * pod's network counters on that row. Series exist while the container runs.
 */
import type { Registry } from 'prom-client';

import {
  CADVISOR,
  CADVISOR_LABELS,
  CADVISOR_ROWS,
  CADVISOR_SCRAPE,
  podCgroup,
} from '../../../../src/backend/sources/prometheus/exporters/exposition/cadvisor';
import type { PodInstance } from '../model';
import { addFamily, type ExportContext, labelsOf, type Labels, type Sample } from './family';

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

/** Every demo pod is Burstable (requests below limits). */
const cgroupOf = (p: PodInstance) => podCgroup(p.uid, 'burstable');

export function registerCadvisor(registry: Registry, ctx: ExportContext): void {
  const { model } = ctx;
  const base = (p: PodInstance): Labels => ({
    job: CADVISOR_SCRAPE.job,
    instance: `${p.node.ip}:${CADVISOR_SCRAPE.port}`,
    metrics_path: CADVISOR_SCRAPE.metricsPath,
    endpoint: 'https-metrics',
    node: p.node.name,
  });
  const container = (p: PodInstance) =>
    CADVISOR_ROWS.container(
      cgroupOf(p),
      p.containerId,
      p.workload.container.name,
      p.workload.container.image,
      p.workload.namespace,
      p.name
    );
  const podRow = (p: PodInstance) => CADVISOR_ROWS.pod(cgroupOf(p), p.workload.namespace, p.name);
  // CPU seconds a long-running container had used before the model's epoch.
  const before = (p: PodInstance) => (p.createdS < 0 ? (p.workload.load?.base ?? 0) * -p.createdS : 0);
  const perPod = (rows: (p: PodInstance, t: number) => Array<[Labels, number]>) =>
    function* (t: number): Iterable<Sample> {
      for (const p of model.podsRunningAt(t)) {
        yield* rows(p, t);
      }
    };
  addFamily(registry, ctx, {
    ...CADVISOR.cpu,
    labelNames: LABELS,
    samples: perPod((p, t) => {
      const seconds = before(p) + p.cores.cumulative(t);
      return [
        [labelsOf(base(p), CADVISOR_LABELS.cpu(container(p))), seconds],
        [labelsOf(base(p), CADVISOR_LABELS.cpu(podRow(p))), seconds],
      ];
    }),
  });
  addFamily(registry, ctx, {
    ...CADVISOR.memory,
    labelNames: LABELS,
    samples: perPod((p) => [
      [labelsOf(base(p), CADVISOR_LABELS.memory(container(p))), p.workload.container.memoryBytes],
    ]),
  });
  const network = (dir: 'rx' | 'tx') =>
    perPod((p, t) =>
      p.workload.hostNetwork
        ? []
        : [
            [
              labelsOf(base(p), CADVISOR_LABELS.network(podRow(p), 'eth0')),
              (dir === 'rx' ? p.rxBytesPerS : p.txBytesPerS).cumulative(t),
            ],
          ]
    );
  addFamily(registry, ctx, { ...CADVISOR.rx, labelNames: LABELS, samples: network('rx') });
  addFamily(registry, ctx, { ...CADVISOR.tx, labelNames: LABELS, samples: network('tx') });
}
