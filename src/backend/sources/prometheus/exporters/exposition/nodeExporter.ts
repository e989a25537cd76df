/**
 * node_exporter 1.x as it prints (`:9100/metrics`): CPU seconds per CPU and mode, network bytes per
 * device, uname and DMI info (EC2 Nitro: `system_vendor="Amazon EC2"`, `product_name` the
 * instance type, `board_asset_tag` the instance id). client_golang sorts labels.
 */
import { labels, metrics } from '../nodeExporter';
import { family, goSorted, type LabelPairs, type ScrapeDefaults } from './family';

export const NODE_EXPORTER_SCRAPE: ScrapeDefaults = { job: 'node-exporter', port: 9100 };

const device = (name: string, direction: 'receive' | 'transmit') =>
  family(name, `Network device statistic ${direction}_bytes.`, 'counter');

export const NODE_EXPORTER = {
  cpu: family(metrics.cpuSeconds, 'Seconds the CPUs spent in each mode.', 'counter'),
  rx: device(metrics.networkReceiveBytes, 'receive'),
  tx: device(metrics.networkTransmitBytes, 'transmit'),
  uname: family(metrics.unameInfo, 'Labeled system information as provided by the uname system call.'),
  dmi: family(
    metrics.dmiInfo,
    "A metric with a constant '1' value labeled by bios_date, bios_release, bios_vendor, bios_version, board_asset_tag, " +
      'board_name, board_vendor, board_version, chassis_asset_tag, chassis_vendor, chassis_version, product_family, ' +
      'product_name, product_sku, product_uuid, product_version, system_vendor if provided by DMI.'
  ),
  memTotal: family('node_memory_MemTotal_bytes', 'Memory information field MemTotal_bytes.'),
};

/** The CPU modes of the Linux CPU collector. */
export const CPU_MODES = ['idle', 'iowait', 'irq', 'nice', 'softirq', 'steal', 'system', 'user'] as const;
export type CpuMode = (typeof CPU_MODES)[number];

export const NODE_EXPORTER_LABELS = {
  cpu: (cpu: number, mode: string): LabelPairs => [
    [labels.cpu, String(cpu)],
    [labels.mode, mode],
  ],
  device: (name: string): LabelPairs => [[labels.device, name]],
  uname: (u: { nodename: string; machine: string; release: string; version: string }): LabelPairs => [
    ['domainname', '(none)'],
    ['machine', u.machine],
    [labels.nodename, u.nodename],
    ['release', u.release],
    ['sysname', 'Linux'],
    ['version', u.version],
  ],
  /** What /sys/class/dmi/id holds. */
  dmi: (fields: Record<string, string>): LabelPairs => goSorted(Object.entries(fields)),
};
