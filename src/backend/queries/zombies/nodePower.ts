/**
 * Mean IT power over the zombie window per Kubernetes node, which idle nodes and the workloads
 * reserving them are charged with: the whole server at the wall, read as every energy query type
 * reads it (sourceChoice.ts with the `it` boundary, energyModel.ts namesAndWeights): per node RAPL
 * psys where it has it, else package + DRAM, else package alone, × that reading's uplift
 * (engine/serverEnergy.ts, docs/methodology.md §9). The engine then adds PUE for facility kWh.
 *
 * This replaces the zones the zombie window once picked for Kepler 0.10+ (psys, else package +
 * dram, as read, no uplift): the same zones, now per node and with the uplift, so × PUE really is
 * facility energy. The zombie query has no zone or energyBoundary option, so no user choice is lost.
 */
import type { LogSpread } from '../../../engine/greenops/interval';
import { READING_NAMES, type ServerReading, serverUplift, upliftSpread } from '../../../engine/serverEnergy';
import { namesAndWeights } from '../../measured/energyModel';
import { type ChosenSources, chooseSources } from '../../measured/sourceChoice';
import type { ZombieWindow } from './zombieWindow';

export interface NodePower {
  /** Mean IT watts (whole server) over the window. */
  watts: number;
  /** What was read and how it became the whole server's, for the row's method. */
  source: string;
  /** The uplift's 90 % range as log half-widths, for the row's CO2e interval. */
  spread: LogSpread;
}

export type NodeWatts = Map<string, NodePower>;

/** Loaded once per window (node and workload rows both read it). */
export function nodeWatts(w: ZombieWindow): Promise<NodeWatts> {
  return w.once('nodeWatts', () => loadNodeWatts(w));
}

/** "Kepler 0.10+ (zones package, dram) read as RAPL package + DRAM × 1.197 (90 %: 1.077–1.886)". */
export function wholeServerText(sourceName: string, reading: ServerReading): string {
  const u = serverUplift(reading);
  return `${sourceName} read as ${READING_NAMES[reading]} × ${u.central} whole-server uplift (90 %: ${u.low}–${u.high})`;
}

export interface WholeServer extends Awaited<ReturnType<typeof namesAndWeights>> {
  sources: ChosenSources;
}

/**
 * The CPU source at the `it` boundary and its node names, weights and readings, as every energy
 * query type reads them; once per window (node power and terminated workloads share it).
 */
export function wholeServer(w: ZombieWindow): Promise<WholeServer> {
  return w.once('wholeServer', async () => {
    const sources = chooseSources(w.ctx, undefined, 'it');
    return { sources, ...(await namesAndWeights(w.ctx, sources)) };
  });
}

async function loadNodeWatts(w: ZombieWindow): Promise<NodeWatts> {
  const { ctx } = w;
  const seconds = (w.endMs - w.startMs) / 1000;
  const out: NodeWatts = new Map();
  const { sources, name, weigh, reading } = await wholeServer(w);
  const cpu = sources.cpu;
  if (!cpu) {
    return out;
  }
  const energy = await ctx.instant(cpu.nodeEnergy(ctx.timing));
  const joules = new Map<string, number>();
  for (const s of energy) {
    const node = name(s.labels[cpu.nodeLabel] ?? '');
    joules.set(node, (joules.get(node) ?? 0) + s.value * weigh(s.labels, node));
  }
  for (const [node, j] of joules) {
    const r = reading(node);
    if (!r || !Number.isFinite(j)) {
      continue;
    }
    out.set(node, { watts: j / seconds, source: wholeServerText(cpu.name, r), spread: upliftSpread(r) });
  }
  return out;
}
