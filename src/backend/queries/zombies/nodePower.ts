/**
 * Mean power over the zombie window per Kubernetes node, which idle nodes and the workloads
 * reserving them are charged with: Kepler 0.10 zones, else the CPU source's node totals.
 */
import { chooseSources } from '../../measured/sourceChoice';
import { labels as keplerLabels } from '../../sources/prometheus/exporters/kepler010';
import { keplerNodeJoules } from './zombiePromql';
import { keplerZones, type ZombieWindow } from './zombieWindow';

export type NodeWatts = Map<string, { watts: number; source: string }>;

/** Loaded once per window (node and workload rows both read it). */
export function nodeWatts(w: ZombieWindow): Promise<NodeWatts> {
  return w.once('nodeWatts', () => loadNodeWatts(w));
}

async function loadNodeWatts(w: ZombieWindow): Promise<NodeWatts> {
  const { ctx } = w;
  const seconds = (w.endMs - w.startMs) / 1000;
  const out: NodeWatts = new Map();
  const zones = keplerZones(w);
  if (zones.length > 0) {
    for (const s of await ctx.instant(keplerNodeJoules(zones, w.range))) {
      out.set(s.labels[keplerLabels.node] ?? '', {
        watts: s.value / seconds,
        source: `Kepler (zones ${zones.join(' + ')})`,
      });
    }
    return out;
  }
  // As the exporter measures it (zombie energy keeps its own reading and PUE; docs/methodology.md §8).
  const cpu = chooseSources(ctx, undefined, 'measured').cpu;
  if (!cpu) {
    return out;
  }
  const names = new Map<string, string>();
  if (cpu.nodeNames) {
    for (const s of await ctx.instant(cpu.nodeNames.expr(ctx.timing))) {
      names.set(s.labels[cpu.nodeNames.from] ?? '', s.labels[cpu.nodeNames.to] ?? '');
    }
  }
  for (const s of await ctx.instant(cpu.nodeEnergy(ctx.timing))) {
    const key = s.labels[cpu.nodeLabel] ?? '';
    out.set(names.get(key) ?? key, { watts: s.value / seconds, source: cpu.name });
  }
  return out;
}
