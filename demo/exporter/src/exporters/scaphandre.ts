/**
 * Scaphandre 1.0.2 `prometheus --containers` (`:8080/metrics`) on the bare-metal node: host power
 * (package + dram, µW integers) and its energy counter (µJ), socket and dram domain, and every
 * process with its CPU share (% of all cores, an f32) and power = host µW × share / 100. Processes
 * in pods carry the Kubernetes labels; the label order is random per process, as from a Rust
 * HashMap; `cmdline` is argv joined without separators; the power metric's HELP is the disk
 * one (a bug in 1.0.2).
 */
import type { Registry } from 'prom-client';

import {
  cpuPercent,
  hashMapOrder,
  processMicrowatts,
  SCAPH,
  SCAPH_LABELS,
  SCAPHANDRE_SCRAPE,
  SCAPHANDRE_VERSION,
} from '../../../../src/backend/sources/prometheus/exporters/exposition/scaphandre';
import type {
  FamilyDescription,
  LabelPairs,
} from '../../../../src/backend/sources/prometheus/exporters/exposition/family';
import type { NodeSpec } from '../clusterTypes';
import { seedOf } from '../ids';
import type { DemoModel, PodInstance, ProcessInstance } from '../model';
import { addFamily, type ExportContext, labelsOf, type Labels, type Sample, target } from './family';

const CONTAINER_LABELS = [
  'container_scheduler',
  'container_runtime',
  'container_id',
  'kubernetes_pod_name',
  'kubernetes_pod_namespace',
  'kubernetes_node_name',
];
const PROCESS_LABELS = ['job', 'instance', 'pid', 'exe', 'cmdline', ...CONTAINER_LABELS];

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
  const tgt = (n: NodeSpec) => target(SCAPHANDRE_SCRAPE.job, `${n.ip}:${SCAPHANDRE_SCRAPE.port}`);
  const hostW = (n: NodeSpec, t: number) => model.nodePower(n, 'package').at(t) + model.nodePower(n, 'dram').at(t);
  const hostJ = (n: NodeSpec, t: number) =>
    model.nodePower(n, 'package').cumulative(t) + model.nodePower(n, 'dram').cumulative(t);
  const bootUJ = (n: NodeSpec) => 2_817_731_190_542 + (seedOf(n.name) % 1e9);
  const perHost = (labels: (n: NodeSpec) => LabelPairs, value: (n: NodeSpec, t: number) => number) =>
    function* (t: number): Iterable<Sample> {
      for (const n of hosts) {
        yield [labelsOf(tgt(n), labels(n)), value(n, t)];
      }
    };
  const src = () => SCAPH_LABELS.host('powercap_rapl_pkg');
  const socket = () => SCAPH_LABELS.socket(0);
  const dram = (n: NodeSpec) => hashMapOrder(SCAPH_LABELS.dramDomain(0), seedOf(`${n.name}/dram`));
  const hostFamily = (f: FamilyDescription, labelNames: string[], samples: (t: number) => Iterable<Sample>) =>
    addFamily(registry, ctx, { ...f, labelNames: ['job', 'instance', ...labelNames], samples });

  hostFamily(
    SCAPH.version,
    [],
    perHost(
      () => [],
      () => SCAPHANDRE_VERSION
    )
  );
  hostFamily(
    SCAPH.hostPower,
    ['value_source'],
    perHost(src, (n, t) => Math.trunc(hostW(n, t) * 1e6))
  );
  hostFamily(
    SCAPH.hostEnergy,
    ['value_source'],
    perHost(src, (n, t) => Math.trunc(bootUJ(n) + hostJ(n, t) * 1e6))
  );
  hostFamily(
    SCAPH.socketPower,
    ['socket_id'],
    perHost(socket, (n, t) => Math.trunc(model.nodePower(n, 'package').at(t) * 1e6))
  );
  hostFamily(
    SCAPH.socketEnergy,
    ['socket_id'],
    perHost(socket, (n, t) => Math.trunc(bootUJ(n) / 2 + model.nodePower(n, 'package').cumulative(t) * 1e6))
  );
  hostFamily(
    SCAPH.domainPower,
    ['domain_name', 'domain_id', 'socket_id'],
    perHost(dram, (n, t) => Math.trunc(model.nodePower(n, 'dram').at(t) * 1e6))
  );
  hostFamily(
    SCAPH.domainEnergy,
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
    const labels = SCAPH_LABELS.process({
      pid: instance.pid,
      exe: instance.spec.exe,
      argv: instance.spec.argv,
      ...(pod
        ? { container: { id: pod.containerId, pod: pod.name, namespace: pod.workload.namespace, node: n.name } }
        : {}),
    });
    return labelsOf(tgt(n), hashMapOrder(labels, seedOf(`${n.name}/${instance.pid}`)));
  };
  const share = (p: Proc, n: NodeSpec, t: number) => cpuPercent(p.instance.cores.at(t), n.cores);
  const procGauge = (f: FamilyDescription, value: (p: Proc, n: NodeSpec, t: number) => number) =>
    addFamily(registry, ctx, { ...f, labelNames: PROCESS_LABELS, samples: perProcess(value) });

  procGauge(SCAPH.power, (p, n, t) => processMicrowatts(Math.trunc(hostW(n, t) * 1e6), share(p, n, t)));
  procGauge(SCAPH.cpu, share);
  procGauge(SCAPH.memory, (p) => p.instance.spec.memoryBytes);
  procGauge(SCAPH.memoryVirtual, (p) => p.instance.spec.memoryBytes * 3 + 4096 * 1024);
}
