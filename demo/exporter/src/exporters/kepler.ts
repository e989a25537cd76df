/**
 * Kepler 0.10 (`:28282/metrics`) on every node: node, pod and container CPU energy per RAPL zone
 * (package, dram; they never add up), `state` running/terminated, the constant `node_name`
 * label, containers without namespace (joined to pods on `pod_id`).
 */
import type { Registry } from 'prom-client';

import {
  KEPLER010,
  KEPLER010_LABELS,
  KEPLER010_SCRAPE,
  KEPLER010_VERSION,
  type WorkloadState,
  zonePath,
} from '../../../../src/backend/sources/prometheus/exporters/exposition/kepler010';
import type { FamilyDescription } from '../../../../src/backend/sources/prometheus/exporters/exposition/family';
import type { NodeSpec } from '../clusterTypes';
import { seedOf } from '../ids';
import { type PodInstance, ZONES, type Zone } from '../model';
import { addFamily, type ExportContext, labelsOf, type Labels, type Sample, target } from './family';

export function registerKepler(registry: Registry, ctx: ExportContext): void {
  const { model } = ctx;
  const nodeTarget = (n: NodeSpec) => target(KEPLER010_SCRAPE.job, `${n.ip}:${KEPLER010_SCRAPE.port}`);
  // The node counter starts at the RAPL reading Kepler found at start, not at 0.
  const bootJ = (n: NodeSpec, z: Zone) => 1e6 + (seedOf(`${n.name}/${z}`) % 900_000);

  const perNodeZone = (value: (n: NodeSpec, z: Zone, t: number) => number) =>
    function* (t: number): Iterable<Sample> {
      for (const { spec } of model.nodes) {
        for (const z of ZONES) {
          yield [labelsOf(nodeTarget(spec), KEPLER010_LABELS.zone(spec.name, z, zonePath(z))), value(spec, z, t)];
        }
      }
    };
  const zoneLabels = ['job', 'instance', 'node_name', 'path', 'zone'];
  const perZone = (f: FamilyDescription, value: (n: NodeSpec, z: Zone, t: number) => number) =>
    addFamily(registry, ctx, { ...f, labelNames: zoneLabels, samples: perNodeZone(value) });

  perZone(KEPLER010.nodeJoules, (n, z, t) => bootJ(n, z) + model.nodePower(n, z).cumulative(t));
  perZone(KEPLER010.nodeActiveJoules, (n, z, t) => model.nodeActivePower(n, z).cumulative(t));
  perZone(
    KEPLER010.nodeIdleJoules,
    (n, z, t) => model.nodePower(n, z).cumulative(t) - model.nodeActivePower(n, z).cumulative(t)
  );
  perZone(KEPLER010.nodeWatts, (n, z, t) => model.nodePower(n, z).at(t));
  perZone(KEPLER010.nodeActiveWatts, (n, z, t) => model.nodeActivePower(n, z).at(t));
  perZone(KEPLER010.nodeIdleWatts, (n, z, t) => model.nodePower(n, z).at(t) - model.nodeActivePower(n, z).at(t));
  addFamily(registry, ctx, {
    ...KEPLER010.nodeUsageRatio,
    labelNames: ['job', 'instance', 'node_name'],
    samples: function* (t) {
      for (const n of model.nodes) {
        yield [labelsOf(nodeTarget(n.spec), KEPLER010_LABELS.node(n.spec.name)), n.busyCores.at(t) / n.spec.cores];
      }
    },
  });

  // Pods and containers, running and (for one scrape after they stop) terminated.
  const workloads = function* (t: number): Iterable<[PodInstance, WorkloadState, number]> {
    for (const p of model.podsRunningAt(t)) {
      yield [p, 'running', t];
    }
    for (const p of model.podsTerminatedAt(t, ctx.terminatedHoldS)) {
      // Frozen energy, and the power of its last interval.
      yield [p, 'terminated', p.endS - 1e-6];
    }
  };
  const podLabels = (p: PodInstance, state: WorkloadState, z: Zone): Labels =>
    labelsOf(
      nodeTarget(p.node),
      KEPLER010_LABELS.workload(KEPLER010_LABELS.pod(p.uid, p.name, p.workload.namespace), state, z, p.node.name)
    );
  const containerLabels = (p: PodInstance, state: WorkloadState, z: Zone): Labels =>
    labelsOf(
      nodeTarget(p.node),
      KEPLER010_LABELS.workload(
        KEPLER010_LABELS.container(p.containerId, p.workload.container.name, p.uid),
        state,
        z,
        p.node.name
      )
    );
  const level = (labels: (p: PodInstance, state: WorkloadState, z: Zone) => Labels, kind: 'joules' | 'watts') =>
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
  addFamily(registry, ctx, { ...KEPLER010.podJoules, labelNames: podNames, samples: level(podLabels, 'joules') });
  addFamily(registry, ctx, { ...KEPLER010.podWatts, labelNames: podNames, samples: level(podLabels, 'watts') });
  addFamily(registry, ctx, {
    ...KEPLER010.containerJoules,
    labelNames: containerNames,
    samples: level(containerLabels, 'joules'),
  });
  addFamily(registry, ctx, {
    ...KEPLER010.containerWatts,
    labelNames: containerNames,
    samples: level(containerLabels, 'watts'),
  });
  addFamily(registry, ctx, {
    ...KEPLER010.buildInfo,
    labelNames: ['job', 'instance', 'arch', 'branch', 'revision', 'version', 'goversion'],
    samples: function* () {
      for (const { spec } of model.nodes) {
        yield [labelsOf(nodeTarget(spec), KEPLER010_LABELS.build('amd64', KEPLER010_VERSION)), 1];
      }
    },
  });
}
