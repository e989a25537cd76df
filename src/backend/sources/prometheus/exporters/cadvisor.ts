/**
 * cAdvisor through the kubelet (`/metrics/cadvisor`) as the plugin reads it: CPU seconds and pod
 * network bytes. What the exporter prints in full is exposition/cadvisor.ts.
 *
 * A pod has several rows: one per container, the pod cgroup (`container=""`, which adds up its
 * containers and the sandbox) and the sandbox (`container="POD"`). CPU sums keep the containers'
 * rows only (notContainerRows out); network is on the pod-level rows only, with equal counters.
 */
export const metrics = {
  cpuSeconds: 'container_cpu_usage_seconds_total',
  networkReceiveBytes: 'container_network_receive_bytes_total',
  networkTransmitBytes: 'container_network_transmit_bytes_total',
} as const;

export const labels = {
  container: 'container',
  namespace: 'namespace',
  pod: 'pod',
  interface: 'interface',
} as const;

/** `container` values of the pod cgroup and the sandbox rows. */
export const notContainerRows: readonly string[] = ['', 'POD'];

export const detectedBy: readonly string[] = [metrics.cpuSeconds];
