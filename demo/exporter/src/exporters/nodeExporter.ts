/**
 * node_exporter (`:9100/metrics`; kube-prometheus sets `instance` to the node name): CPU seconds
 * per CPU and mode, network bytes per device. Busy time is spread unevenly over the CPUs; every
 * mode is a fixed share of it, so each counter is an exact integral of the node's busy cores.
 */
import type { Registry } from 'prom-client';

import {
  NODE_EXPORTER,
  NODE_EXPORTER_LABELS,
  NODE_EXPORTER_SCRAPE,
} from '../../../../src/backend/sources/prometheus/exporters/exposition/nodeExporter';
import type { NodeModel } from '../model';
import { seedOf } from '../ids';
import { scale, type Signal, constant } from '../signal';
import { addFamily, type ExportContext, labelsOf, type Sample, target } from './family';

/** Shares of busy time by mode (EC2 instances also lose a little to steal). */
const BUSY_MODES: Record<string, number> = {
  user: 0.66,
  system: 0.22,
  iowait: 0.04,
  softirq: 0.04,
  irq: 0.01,
  nice: 0,
};
const STEAL = 0.03;

function cpuWeights(n: NodeModel): number[] {
  const raw = Array.from({ length: n.spec.cores }, (_, i) => 0.85 + (seedOf(`${n.spec.name}/cpu${i}`) % 300) / 1000);
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  return raw.map((w) => w / mean);
}

/** Seconds per mode of one CPU: busy = busyCores × weight / cores, idle = the rest. */
export function cpuModeSignals(n: NodeModel): Array<Record<string, Signal>> {
  const steal = n.spec.provider === 'aws' ? STEAL : 0;
  return cpuWeights(n).map((w) => {
    const busy = scale(w / n.spec.cores, n.busyCores);
    const modes: Record<string, Signal> = {};
    for (const [mode, share] of Object.entries(BUSY_MODES)) {
      modes[mode] = scale(mode === 'user' ? share + (STEAL - steal) : share, busy);
    }
    modes.steal = scale(steal, busy);
    modes.idle = {
      ...scale(-1, busy),
      at: (t) => 1 - busy.at(t),
      cumulative: (t) => t - busy.cumulative(t),
      max: 1,
      min: 0,
    };
    return modes;
  });
}

export function registerNodeExporter(registry: Registry, ctx: ExportContext): void {
  const { model } = ctx;
  // kube-prometheus sets `instance` to the node name.
  const tgt = (nodeName: string) => target(NODE_EXPORTER_SCRAPE.job, nodeName);
  const modes = new Map(model.nodes.map((n) => [n.spec.name, cpuModeSignals(n)]));
  addFamily(registry, ctx, {
    ...NODE_EXPORTER.cpu,
    labelNames: ['job', 'instance', 'cpu', 'mode'],
    samples: function* (t): Iterable<Sample> {
      for (const n of model.nodes) {
        const cpus = modes.get(n.spec.name)!;
        for (let i = 0; i < cpus.length; i++) {
          for (const [mode, s] of Object.entries(cpus[i])) {
            yield [labelsOf(tgt(n.spec.name), NODE_EXPORTER_LABELS.cpu(i, mode)), s.cumulative(t)];
          }
        }
      }
    },
  });
  const devices = (n: NodeModel, dir: 'rx' | 'tx'): Array<[string, Signal]> => [
    [n.spec.netDevice, dir === 'rx' ? n.rxBytesPerS : n.txBytesPerS],
    // Loopback: the node's own health checks, a tenth of its host traffic.
    ['lo', constant(n.spec.hostNetBytesPerS / 10)],
  ];
  for (const dir of ['rx', 'tx'] as const) {
    addFamily(registry, ctx, {
      ...NODE_EXPORTER[dir],
      labelNames: ['job', 'instance', 'device'],
      samples: function* (t): Iterable<Sample> {
        for (const n of model.nodes) {
          for (const [device, s] of devices(n, dir)) {
            yield [labelsOf(tgt(n.spec.name), NODE_EXPORTER_LABELS.device(device)), s.cumulative(t)];
          }
        }
      },
    });
  }
  // Host identity: uname's nodename, and DMI, which on EC2 Nitro names the instance type and id.
  addFamily(registry, ctx, {
    ...NODE_EXPORTER.uname,
    labelNames: ['job', 'instance', 'domainname', 'machine', 'nodename', 'release', 'sysname', 'version'],
    samples: () =>
      model.nodes.map(({ spec }) => {
        const aws = spec.provider === 'aws';
        const uname = NODE_EXPORTER_LABELS.uname({
          nodename: spec.name,
          machine: 'x86_64',
          release: aws ? '6.1.115-126.197.amzn2023.x86_64' : '6.8.0-49-generic',
          version: aws
            ? '#1 SMP Tue Nov  5 17:59:55 UTC 2024'
            : '#49-Ubuntu SMP PREEMPT_DYNAMIC Mon Nov  4 02:06:24 UTC 2024',
        });
        return [labelsOf(tgt(spec.name), uname), 1] as Sample;
      }),
  });
  addFamily(registry, ctx, {
    ...NODE_EXPORTER.dmi,
    labelNames: ['job', 'instance', 'board_asset_tag', 'board_vendor', 'product_name', 'system_vendor'],
    samples: () =>
      model.nodes.map(({ spec }) => {
        const aws = spec.provider === 'aws';
        const dmi = NODE_EXPORTER_LABELS.dmi({
          board_asset_tag: aws ? spec.providerId.slice(spec.providerId.lastIndexOf('/') + 1) : '',
          board_vendor: aws ? 'Amazon EC2' : 'Dell Inc.',
          product_name: spec.instanceType,
          system_vendor: aws ? 'Amazon EC2' : 'Dell Inc.',
        });
        return [labelsOf(tgt(spec.name), dmi), 1] as Sample;
      }),
  });
  addFamily(registry, ctx, {
    ...NODE_EXPORTER.memTotal,
    labelNames: ['job', 'instance'],
    samples: () => model.nodes.map((n) => [tgt(n.spec.name), n.spec.memoryBytes] as Sample),
  });
}
