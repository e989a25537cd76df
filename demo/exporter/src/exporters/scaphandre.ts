/**
 * Scaphandre 1.0.2 `prometheus --containers` (`:8080/metrics`) on the bare-metal node: host power
 * (package + dram, µW integers) and its energy counter (µJ), socket and dram domain, and every
 * process with its CPU share (% of all cores, an f32) and power = host µW × share / 100. Processes
 * in pods carry the Kubernetes labels; the label order is random per process, as from a Rust
 * HashMap; `cmdline` is argv joined without separators; the power metric's HELP is the disk
 * one (a bug in 1.0.2).
 */
import type { Registry } from 'prom-client';

import type { NodeSpec, ProcessSpec } from '../clusterTypes';
import { seedOf } from '../ids';
import type { DemoModel, PodInstance, ProcessInstance } from '../model';
import { addFamily, type ExportContext, type Labels, type Sample, target } from './family';

const CONTAINER_LABELS = [
  'container_scheduler',
  'container_runtime',
  'container_id',
  'kubernetes_pod_name',
  'kubernetes_pod_namespace',
  'kubernetes_node_name',
];
const PROCESS_LABELS = ['job', 'instance', 'pid', 'exe', 'cmdline', ...CONTAINER_LABELS];

/** Scaphandre's `cmdline` label: argv concatenated without separators, `"` → `_`, `\` dropped. */
export function scaphCmdline(argv: string[]): string {
  return argv.join('').replace(/"/g, '_').replace(/\\/g, '');
}

/** The f32 percentage Scaphandre computes: sysinfo's per-core % (f32) over the number of cores. */
export function cpuPercent(cores: number, hostCores: number): number {
  return Math.fround(Math.fround(cores * 100) / hostCores);
}

function shuffled(labels: Labels, seed: number): Labels {
  const entries = Object.entries(labels);
  let s = seed || 1;
  for (let i = entries.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [entries[i], entries[j]] = [entries[j], entries[i]];
  }
  return Object.fromEntries(entries);
}

interface Proc {
  instance: ProcessInstance;
  pod?: PodInstance;
}

function processesAt(model: DemoModel, node: NodeSpec, t: number): Proc[] {
  const host = model.node(node.name).hostProcesses.map((instance) => ({ instance }));
  const pods = model
    .podsRunningAt(t)
    .filter((p) => p.node === node)
    .flatMap((pod) => pod.processes.map((instance) => ({ instance, pod })));
  return [...host, ...pods];
}

export function registerScaphandre(registry: Registry, ctx: ExportContext): void {
  const { model } = ctx;
  const hosts = model.nodes.filter((n) => n.spec.scaphandre).map((n) => n.spec);
  const tgt = (n: NodeSpec) => target('scaphandre', `${n.ip}:8080`);
  const hostW = (n: NodeSpec, t: number) => model.nodePower(n, 'package').at(t) + model.nodePower(n, 'dram').at(t);
  const hostJ = (n: NodeSpec, t: number) =>
    model.nodePower(n, 'package').cumulative(t) + model.nodePower(n, 'dram').cumulative(t);
  const bootUJ = (n: NodeSpec) => 2_817_731_190_542 + (seedOf(n.name) % 1e9);
  const perHost = (labels: (n: NodeSpec) => Labels, value: (n: NodeSpec, t: number) => number) =>
    function* (t: number): Iterable<Sample> {
      for (const n of hosts) {
        yield [{ ...tgt(n), ...labels(n) }, value(n, t)];
      }
    };
  const src = () => ({ value_source: 'powercap_rapl_pkg' });
  const dram = (n: NodeSpec) =>
    shuffled({ domain_name: 'dram', domain_id: '0', socket_id: '0' }, seedOf(`${n.name}/dram`));
  const g = (name: string, help: string, labelNames: string[], samples: (t: number) => Iterable<Sample>) =>
    addFamily(registry, ctx, { name, help, type: 'gauge', labelNames: ['job', 'instance', ...labelNames], samples });
  const c = (name: string, help: string, labelNames: string[], samples: (t: number) => Iterable<Sample>) =>
    addFamily(registry, ctx, { name, help, type: 'counter', labelNames: ['job', 'instance', ...labelNames], samples });

  g(
    'scaph_self_version',
    'Version number of scaphandre represented as a float.',
    [],
    perHost(
      () => ({}),
      () => 1.02
    )
  );
  g(
    'scaph_host_power_microwatts',
    'Power measurement on the whole host, in microwatts',
    ['value_source'],
    perHost(src, (n, t) => Math.trunc(hostW(n, t) * 1e6))
  );
  c(
    'scaph_host_energy_microjoules',
    'Energy measurement for the whole host, as extracted from the sensor, in microjoules.',
    ['value_source'],
    perHost(src, (n, t) => Math.trunc(bootUJ(n) + hostJ(n, t) * 1e6))
  );
  g(
    'scaph_socket_power_microwatts',
    'Power measurement relative to a CPU socket, in microwatts',
    ['socket_id'],
    perHost(
      () => ({ socket_id: '0' }),
      (n, t) => Math.trunc(model.nodePower(n, 'package').at(t) * 1e6)
    )
  );
  c(
    'scaph_socket_energy_microjoules',
    'Socket related energy measurement in microjoules.',
    ['socket_id'],
    perHost(
      () => ({ socket_id: '0' }),
      (n, t) => Math.trunc(bootUJ(n) / 2 + model.nodePower(n, 'package').cumulative(t) * 1e6)
    )
  );
  g(
    'scaph_domain_power_microwatts',
    'Power measurement relative to a RAPL Domain, in microwatts',
    ['domain_name', 'domain_id', 'socket_id'],
    perHost(dram, (n, t) => Math.trunc(model.nodePower(n, 'dram').at(t) * 1e6))
  );
  c(
    'scaph_domain_energy_microjoules',
    'Domain related energy measurement in microjoules.',
    ['domain_name', 'domain_id', 'socket_id'],
    perHost(dram, (n, t) => Math.trunc(3.1e10 + model.nodePower(n, 'dram').cumulative(t) * 1e6))
  );

  const perProcess = (value: (p: Proc, n: NodeSpec, t: number) => number) =>
    function* (t: number): Iterable<Sample> {
      for (const n of hosts) {
        for (const p of processesAt(model, n, t)) {
          yield [processLabels(n, p), value(p, n, t)];
        }
      }
    };
  const processLabels = (n: NodeSpec, { instance, pod }: Proc): Labels => {
    const spec: ProcessSpec = instance.spec;
    const labels: Labels = {
      ...(pod
        ? {
            container_scheduler: 'kubernetes',
            container_runtime: 'containerd',
            container_id: pod.containerId,
            kubernetes_pod_name: pod.name,
            kubernetes_pod_namespace: pod.workload.namespace,
            kubernetes_node_name: n.name,
          }
        : {}),
      pid: String(instance.pid),
      exe: spec.exe,
      cmdline: scaphCmdline(spec.argv),
    };
    return { ...tgt(n), ...shuffled(labels, seedOf(`${n.name}/${instance.pid}`)) };
  };
  const share = (p: Proc, n: NodeSpec, t: number) => cpuPercent(p.instance.cores.at(t), n.cores);
  const procGauge = (name: string, help: string, value: (p: Proc, n: NodeSpec, t: number) => number) =>
    addFamily(registry, ctx, { name, help, type: 'gauge', labelNames: PROCESS_LABELS, samples: perProcess(value) });

  procGauge(
    'scaph_process_power_consumption_microwatts',
    'Total data read on disk by the process, in bytes',
    (p, n, t) => (Math.trunc(hostW(n, t) * 1e6) * share(p, n, t)) / 100
  );
  procGauge(
    'scaph_process_cpu_usage_percentage',
    'CPU time consumed by the process, as a percentage of the capacity of all the CPU Cores',
    share
  );
  procGauge(
    'scaph_process_memory_bytes',
    'Physical RAM usage by the process, in bytes',
    (p) => p.instance.spec.memoryBytes
  );
  procGauge(
    'scaph_process_memory_virtual_bytes',
    'Virtual RAM usage by the process, in bytes',
    (p) => p.instance.spec.memoryBytes * 3 + 4096 * 1024
  );
}
