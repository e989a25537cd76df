/**
 * node_exporter (`:9100/metrics`) as the plugin reads it: CPU seconds per CPU and mode, network
 * bytes per device, and the uname and DMI info series that identify the machine. What the
 * exporter prints in full is exposition/nodeExporter.ts.
 */
export const metrics = {
  cpuSeconds: 'node_cpu_seconds_total',
  networkReceiveBytes: 'node_network_receive_bytes_total',
  networkTransmitBytes: 'node_network_transmit_bytes_total',
  unameInfo: 'node_uname_info',
  dmiInfo: 'node_dmi_info',
} as const;

export const labels = {
  cpu: 'cpu',
  mode: 'mode',
  device: 'device',
  /** uname's host name. */
  nodename: 'nodename',
} as const;

/** CPU modes of a CPU doing no work: iowait is an idle CPU waiting on I/O. */
export const idleModes: readonly string[] = ['idle', 'iowait'];

/** CPU and network counters mean node_exporter (the evidence idle nodes are judged by). */
export const detectedBy: readonly string[] = [metrics.cpuSeconds, metrics.networkReceiveBytes];
