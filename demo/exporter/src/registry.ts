/**
 * Every exporter of the demo on one prom-client registry. Each series carries the `job` and
 * `instance` Prometheus would have given it scraping that exporter itself, kept by honor_labels.
 */
import { Registry } from 'prom-client';

import { registerApps } from './exporters/app';
import { registerCadvisor } from './exporters/cadvisor';
import { registerDcgm } from './exporters/dcgm';
import type { Clock, ExportContext } from './exporters/family';
import { registerKepler } from './exporters/kepler';
import { registerKubeStateMetrics } from './exporters/kubeStateMetrics';
import { registerNodeExporter } from './exporters/nodeExporter';
import { registerOpenCost } from './exporters/opencost';
import { registerScaphandre } from './exporters/scaphandre';
import { DemoModel } from './model';

export interface DemoRegistry {
  registry: Registry;
  clock: Clock;
  /** The text exposition (Prometheus 0.0.4) of the model at `unixS`. */
  render(unixS: number): Promise<string>;
}

export interface DemoRegistryOptions {
  /** Seconds between scrapes (or backfill steps): how long a stopped pod shows as terminated. */
  intervalS: number;
  model?: DemoModel;
}

export function createDemoRegistry(opts: DemoRegistryOptions): DemoRegistry {
  const registry = new Registry();
  const clock: Clock = { nowS: 0 };
  const ctx: ExportContext = { model: opts.model ?? new DemoModel(), clock, terminatedHoldS: opts.intervalS };
  for (const register of [
    registerKepler,
    registerScaphandre,
    registerDcgm,
    registerOpenCost,
    registerKubeStateMetrics,
    registerCadvisor,
    registerNodeExporter,
    registerApps,
  ]) {
    register(registry, ctx);
  }
  return {
    registry,
    clock,
    // prom-client calls every collect() synchronously at the start of metrics(), so setting the
    // clock right before is enough even with concurrent renders.
    render: (unixS) => {
      clock.nowS = unixS;
      return registry.metrics();
    },
  };
}
