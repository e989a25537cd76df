/**
 * One metric family on a prom-client registry whose collect() evaluates the model at the clock's
 * time: the live server sets the clock to now, the backfill to each step. Label order is kept as
 * given (some exporters sort labels, Scaphandre shuffles them).
 */
import { Counter, Gauge, type Registry } from 'prom-client';

import type { LabelPairs } from '../../../../src/backend/sources/prometheus/exporters/exposition/family';
import { type DemoModel, modelTime } from '../model';

export interface Clock {
  /** Unix seconds the metrics describe. */
  nowS: number;
}

export interface ExportContext {
  model: DemoModel;
  clock: Clock;
  /**
   * How long Kepler keeps exporting a stopped pod as `state="terminated"`: one scrape interval,
   * so exactly one scrape (or one backfill step) sees it, as Kepler clears it after an export.
   */
  terminatedHoldS: number;
}

export type Labels = Record<string, string>;
export type Sample = readonly [Labels, number];

export interface FamilySpec {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  labelNames: readonly string[];
  /** Samples at model time t (seconds since MODEL_EPOCH_S). */
  samples: (t: number) => Iterable<Sample>;
}

/** The specs printed under each family name, per registry. */
const familiesOf = new WeakMap<Registry, Map<string, FamilySpec[]>>();

/**
 * A prom-client Gauge or Counter whose values come from the model on every collection, instead of
 * from set()/inc() calls: the registry renders them like any other metric, without keeping (and
 * hashing) a value per label set between scrapes. A family two exporters print (kube_pod_owner:
 * kube-state-metrics' and OpenCost's, under their own jobs) is one family with both sample sets.
 */
export function addFamily(registry: Registry, ctx: ExportContext, spec: FamilySpec): void {
  const families = familiesOf.get(registry) ?? familiesOf.set(registry, new Map()).get(registry)!;
  const same = families.get(spec.name);
  if (same) {
    if (same[0].type !== spec.type) {
      throw new Error(`${spec.name} is a ${same[0].type} and a ${spec.type}`);
    }
    same.push(spec);
    return;
  }
  const specs = [spec];
  families.set(spec.name, specs);
  const config = { name: spec.name, help: spec.help, labelNames: [...spec.labelNames], registers: [] };
  const metric = spec.type === 'counter' ? new Counter(config) : new Gauge(config);
  // get() runs synchronously up to its first await, so the clock read here is the render's. The
  // object is what prom-client's own get() returns (its typings declare `type` as an enum and a
  // `collect` member, neither of which the runtime has), hence the cast.
  (metric as unknown as { get: () => Promise<unknown> }).get = async () => {
    const values: Array<{ labels: Labels; value: number }> = [];
    const t = modelTime(ctx.clock.nowS);
    for (const one of specs) {
      for (const [labels, value] of one.samples(t)) {
        values.push({ labels, value });
      }
    }
    return { name: spec.name, help: spec.help, type: spec.type, values, aggregator: 'sum' };
  };
  registry.registerMetric(metric);
}

/** What Prometheus attaches when it scrapes that exporter itself (kept here by honor_labels). */
export function target(job: string, instance: string): Labels {
  return { job, instance };
}

/** The target's labels, then the exporter's in the order the description gives them. */
export function labelsOf(scrapeTarget: Labels, exporterLabels: LabelPairs): Labels {
  return { ...scrapeTarget, ...Object.fromEntries(exporterLabels) };
}
