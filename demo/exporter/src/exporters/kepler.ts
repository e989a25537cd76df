/**
 * Kepler 0.10 (`:28282/metrics`) on every node: node, pod and container CPU energy per RAPL zone
 * (package, dram; they never add up), `state` running/terminated, the constant `node_name`
 * label, containers without namespace (joined to pods on `pod_id`).
 */
import type { Registry } from 'prom-client';

import type { NodeSpec } from '../clusterTypes';
import { seedOf } from '../ids';
import { type PodInstance, ZONES, type Zone } from '../model';
import { addFamily, type ExportContext, type Labels, type Sample, target } from './family';

const zonePath = (zone: Zone) =>
  zone === 'package'
    ? '/sys/class/powercap/intel-rapl/intel-rapl:0'
    : '/sys/class/powercap/intel-rapl/intel-rapl:0/intel-rapl:0:2';

export function registerKepler(registry: Registry, ctx: ExportContext): void {
  const { model } = ctx;
  const nodeTarget = (n: NodeSpec) => target('kepler', `${n.ip}:28282`);
  // The node counter starts at the RAPL reading Kepler found at start, not at 0.
  const bootJ = (n: NodeSpec, z: Zone) => 1e6 + (seedOf(`${n.name}/${z}`) % 900_000);

  const perNodeZone = (value: (n: NodeSpec, z: Zone, t: number) => number) =>
    function* (t: number): Iterable<Sample> {
      for (const { spec } of model.nodes) {
        for (const z of ZONES) {
          yield [{ ...nodeTarget(spec), node_name: spec.name, path: zonePath(z), zone: z }, value(spec, z, t)];
        }
      }
    };
  const zoneLabels = ['job', 'instance', 'node_name', 'path', 'zone'];
  const counter = (name: string, help: string, value: (n: NodeSpec, z: Zone, t: number) => number) =>
    addFamily(registry, ctx, { name, help, type: 'counter', labelNames: zoneLabels, samples: perNodeZone(value) });
  const gauge = (name: string, help: string, value: (n: NodeSpec, z: Zone, t: number) => number) =>
    addFamily(registry, ctx, { name, help, type: 'gauge', labelNames: zoneLabels, samples: perNodeZone(value) });

  counter(
    'kepler_node_cpu_joules_total',
    'Energy consumption of cpu at node level in joules',
    (n, z, t) => bootJ(n, z) + model.nodePower(n, z).cumulative(t)
  );
  counter(
    'kepler_node_cpu_active_joules_total',
    'Energy consumption of cpu in active state at node level in joules',
    (n, z, t) => model.nodeActivePower(n, z).cumulative(t)
  );
  counter(
    'kepler_node_cpu_idle_joules_total',
    'Energy consumption of cpu in idle state at node level in joules',
    (n, z, t) => model.nodePower(n, z).cumulative(t) - model.nodeActivePower(n, z).cumulative(t)
  );
  gauge('kepler_node_cpu_watts', 'Power consumption of cpu at node level in watts', (n, z, t) =>
    model.nodePower(n, z).at(t)
  );
  gauge('kepler_node_cpu_active_watts', 'Power consumption of cpu in active state at node level in watts', (n, z, t) =>
    model.nodeActivePower(n, z).at(t)
  );
  gauge(
    'kepler_node_cpu_idle_watts',
    'Power consumption of cpu in idle state at node level in watts',
    (n, z, t) => model.nodePower(n, z).at(t) - model.nodeActivePower(n, z).at(t)
  );
  addFamily(registry, ctx, {
    name: 'kepler_node_cpu_usage_ratio',
    help: 'CPU usage ratio of a node (value between 0.0 and 1.0)',
    type: 'gauge',
    labelNames: ['job', 'instance', 'node_name'],
    samples: function* (t) {
      for (const n of model.nodes) {
        yield [{ ...nodeTarget(n.spec), node_name: n.spec.name }, n.busyCores.at(t) / n.spec.cores];
      }
    },
  });

  // Pods and containers, running and (for one scrape after they stop) terminated.
  const workloads = function* (t: number): Iterable<[PodInstance, 'running' | 'terminated', number]> {
    for (const p of model.podsRunningAt(t)) {
      yield [p, 'running', t];
    }
    for (const p of model.podsTerminatedAt(t, ctx.terminatedHoldS)) {
      // Frozen energy, and the power of its last interval.
      yield [p, 'terminated', p.endS - 1e-6];
    }
  };
  const podLabels = (p: PodInstance, state: string, z: Zone): Labels => ({
    ...nodeTarget(p.node),
    node_name: p.node.name,
    pod_id: p.uid,
    pod_name: p.name,
    pod_namespace: p.workload.namespace,
    state,
    zone: z,
  });
  const containerLabels = (p: PodInstance, state: string, z: Zone): Labels => ({
    ...nodeTarget(p.node),
    container_id: p.containerId,
    container_name: p.workload.container.name,
    node_name: p.node.name,
    pod_id: p.uid,
    runtime: 'containerd',
    state,
    zone: z,
  });
  const level = (labels: (p: PodInstance, state: string, z: Zone) => Labels, kind: 'joules' | 'watts') =>
    function* (t: number): Iterable<Sample> {
      for (const [p, state, at] of workloads(t)) {
        for (const z of ZONES) {
          const power = model.podPower(p, z);
          // A terminated pod's counter stays at its final value (its cores stop at endS).
          yield [labels(p, state, z), kind === 'joules' ? power.cumulative(Math.min(t, p.endS)) : power.at(at)];
        }
      }
    };
  const podNames = ['job', 'instance', 'node_name', 'pod_id', 'pod_name', 'pod_namespace', 'state', 'zone'];
  const containerNames = [
    'job',
    'instance',
    'container_id',
    'container_name',
    'node_name',
    'pod_id',
    'runtime',
    'state',
    'zone',
  ];
  addFamily(registry, ctx, {
    name: 'kepler_pod_cpu_joules_total',
    help: 'Energy consumption of cpu at pod level in joules',
    type: 'counter',
    labelNames: podNames,
    samples: level(podLabels, 'joules'),
  });
  addFamily(registry, ctx, {
    name: 'kepler_pod_cpu_watts',
    help: 'Power consumption of cpu at pod level in watts',
    type: 'gauge',
    labelNames: podNames,
    samples: level(podLabels, 'watts'),
  });
  addFamily(registry, ctx, {
    name: 'kepler_container_cpu_joules_total',
    help: 'Energy consumption of cpu at container level in joules',
    type: 'counter',
    labelNames: containerNames,
    samples: level(containerLabels, 'joules'),
  });
  addFamily(registry, ctx, {
    name: 'kepler_container_cpu_watts',
    help: 'Power consumption of cpu at container level in watts',
    type: 'gauge',
    labelNames: containerNames,
    samples: level(containerLabels, 'watts'),
  });
  addFamily(registry, ctx, {
    name: 'kepler_build_info',
    help: "A metric with a constant '1' value labeled with version information",
    type: 'gauge',
    labelNames: ['job', 'instance', 'arch', 'branch', 'revision', 'version', 'goversion'],
    samples: function* () {
      for (const { spec } of model.nodes) {
        yield [
          {
            ...nodeTarget(spec),
            arch: 'amd64',
            branch: 'main',
            revision: 'f0fd0bd',
            version: 'v0.10.0',
            goversion: 'go1.24.4',
          },
          1,
        ];
      }
    },
  });
}
