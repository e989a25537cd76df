/**
 * cAdvisor through the kubelet (`/metrics/cadvisor`) as it prints: one row per container, the
 * pod cgroup (`container=""`, its containers and the sandbox together), the sandbox (`POD`) and
 * the node's root cgroup (`id="/"`, every label empty); cgroup v2 systemd paths; network counters
 * on the pod-level rows only. client_golang sorts labels (CADVISOR_LABELS gives them as declared:
 * the row's container, the series' own label, then the rest).
 */
import { labels, metrics, notContainerRows } from '../cadvisor';
import { family, type LabelPairs } from './family';

/** kube-prometheus-stack's kubelet ServiceMonitor. */
export const CADVISOR_SCRAPE = { job: 'kubelet', port: 10250, metricsPath: '/metrics/cadvisor' };

export const CADVISOR = {
  cpu: family(metrics.cpuSeconds, 'Cumulative cpu time consumed in seconds.', 'counter'),
  memory: family('container_memory_working_set_bytes', 'Current working set in bytes.'),
  rx: family(metrics.networkReceiveBytes, 'Cumulative count of bytes received', 'counter'),
  tx: family(metrics.networkTransmitBytes, 'Cumulative count of bytes transmitted', 'counter'),
};

export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.9';
/** `container` of the sandbox row (the pause container). */
export const SANDBOX_CONTAINER = notContainerRows[1];

export type QosClass = 'guaranteed' | 'burstable' | 'besteffort';

/** The pod's cgroup v2 path under the systemd driver. */
export function podCgroup(uid: string, qos: QosClass): string {
  const id = uid.replace(/-/g, '_');
  return qos === 'guaranteed'
    ? `/kubepods.slice/kubepods-pod${id}.slice`
    : `/kubepods.slice/kubepods-${qos}.slice/kubepods-${qos}-pod${id}.slice`;
}

/** The labels that tell a cAdvisor row apart. */
export interface CadvisorRow {
  container: string;
  id: string;
  image: string;
  name: string;
  namespace: string;
  pod: string;
}

export const CADVISOR_ROWS = {
  container: (cgroup: string, containerId: string, container: string, image: string, namespace: string, pod: string) =>
    ({
      container,
      id: `${cgroup}/cri-containerd-${containerId}.scope`,
      image,
      name: containerId,
      namespace,
      pod,
    }) as CadvisorRow,
  sandbox: (cgroup: string, sandboxId: string, namespace: string, pod: string, container = SANDBOX_CONTAINER) =>
    ({
      container,
      id: `${cgroup}/cri-containerd-${sandboxId}.scope`,
      image: PAUSE_IMAGE,
      name: sandboxId,
      namespace,
      pod,
    }) as CadvisorRow,
  pod: (cgroup: string, namespace: string, pod: string): CadvisorRow => ({
    container: '',
    id: cgroup,
    image: '',
    name: '',
    namespace,
    pod,
  }),
  root: (): CadvisorRow => ({ container: '', id: '/', image: '', name: '', namespace: '', pod: '' }),
};

export const CADVISOR_LABELS = {
  /** A row's series; CPU series add `cpu="total"`. */
  cpu: (row: CadvisorRow): LabelPairs => series(row, [['cpu', 'total']]),
  memory: (row: CadvisorRow): LabelPairs => series(row, []),
  network: (row: CadvisorRow, device: string): LabelPairs => series(row, [[labels.interface, device]]),
};

function series(row: CadvisorRow, extra: LabelPairs): LabelPairs {
  return [
    [labels.container, row.container],
    ...extra,
    ['id', row.id],
    ['image', row.image],
    ['name', row.name],
    [labels.namespace, row.namespace],
    [labels.pod, row.pod],
  ];
}
