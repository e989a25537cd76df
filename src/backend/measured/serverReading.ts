/**
 * Per node, what the CPU source's Joules and watts count for in IT energy (the whole server at the
 * wall): which RAPL reading each node has and the engine's uplift for it (engine/serverEnergy.ts).
 * With energyBoundary `measured` every weight is 1 (the exporter's number as read).
 *
 * How each exporter says what a node measures:
 * - Kepler 0.10+: the zones its node counter has (kepler010.metrics.nodeCpuJoules by zone); results
 *   keep zones apart and a zone outside the node's reading weighs 0, so psys and package never add.
 * - Kepler 0.7: its container total is package + dram + other (+ gpu), `other` being platform −
 *   package − dram where a platform meter exists (kepler 0.7.x pkg/model/...); a node whose platform
 *   counter moves is read as platform, else one whose dram counter moves as package + DRAM, else
 *   package only.
 * - Scaphandre: host power's `value_source` is `powercap_rapl_psys` where the host
 *   has psys, else the sum of its sockets' package and DRAM (hubblo-org/scaphandre
 *   src/exporters/mod.rs gen_host_metrics, docs_src/explanations/host_metrics.md, v1.0.0); its
 *   process power is a CPU-time share of that.
 */
import { someOf } from '../frames/noticeText';
import type { Labels } from '../sources/prometheus/promResponse';
import { kepler010, kepler07, scaphandre } from '../sources/prometheus/exporters';
import { matcherRegex, regexLiteral, selector } from '../sources/prometheus/promql';
import {
  READING_NAMES,
  readingOf,
  SERVER_ZONES,
  type ServerReading,
  serverUplift,
  zoneWeight,
} from '../../engine/serverEnergy';
import type { EnergyContext } from './energyContext';
import type { CpuSource } from './exporterQueries';
import { rangeOf, type Timing } from './promqlParts';

export type Namer = (key: string) => string;

/** The factor a CPU-source sample (its labels, its node's name) counts for. */
export type Weigh = (labels: Labels, node: string) => number;

export const AS_READ: Weigh = () => 1;

/** The query naming each node's reading evidence: (node key, evidence) pairs. */
function evidenceQuery(cpu: CpuSource, t: Timing): string {
  const range = rangeOf(t.rangeMs);
  switch (cpu.id) {
    case 'kepler-0.10': {
      const zones = matcherRegex(kepler010.labels.zone, SERVER_ZONES.map(regexLiteral).join('|'));
      const nodes = selector(kepler010.metrics.nodeCpuJoules, [zones]);
      return `group by (${kepler010.labels.node}, ${kepler010.labels.zone}) (last_over_time(${nodes}${range}))`;
    }
    case 'kepler-0.7': {
      const moved = (c: 'platform' | 'dram') =>
        `label_replace(increase(${kepler07.nodeComponentJoules(c)}${range}) > 0, "evidence", "${c}", "", "")`;
      return `group by (${kepler07.labels.target}, evidence) (${moved('platform')} or ${moved('dram')})`;
    }
    default:
      return `group by (${scaphandre.labels.host}, ${scaphandre.labels.valueSource}) (last_over_time(${scaphandre.metrics.hostPower}${range}))`;
  }
}

function evidenceLabel(cpu: CpuSource): string {
  return cpu.id === 'kepler-0.10'
    ? kepler010.labels.zone
    : cpu.id === 'kepler-0.7'
      ? 'evidence'
      : scaphandre.labels.valueSource;
}

/** A node's reading from its evidence (zones, moving counters or value sources). */
function readingFromEvidence(cpu: CpuSource, evidence: Set<string>): ServerReading | undefined {
  switch (cpu.id) {
    case 'kepler-0.10':
      return readingOf(evidence);
    case 'kepler-0.7':
      return evidence.has('platform') ? 'platform' : evidence.has('dram') ? 'packageDram' : 'packageOnly';
    default:
      return evidence.has(scaphandre.valueSources.psys) ? 'platform' : 'packageDram';
  }
}

/** The weights and, for what describes or bands a node's IT energy, the reading they follow. */
export interface ServerWeights {
  weigh: Weigh;
  readingAt(node: string): ServerReading;
}

/**
 * Each node's reading and the weights that make the CPU source's numbers IT energy; a notice says
 * what was read where, and names nodes without a DRAM zone (their uplift covers memory, wider range).
 */
export async function serverWeights(ctx: EnergyContext, cpu: CpuSource, name: Namer): Promise<ServerWeights> {
  const label = evidenceLabel(cpu);
  const evidence = new Map<string, Set<string>>();
  for (const s of await ctx.instant(evidenceQuery(cpu, ctx.timing))) {
    const node = name(s.labels[cpu.nodeLabel] ?? '');
    const set = evidence.get(node) ?? evidence.set(node, new Set()).get(node)!;
    if (s.labels[label]) {
      set.add(s.labels[label]);
    }
  }
  const readings = new Map<string, ServerReading>();
  for (const [node, set] of evidence) {
    const reading = readingFromEvidence(cpu, set);
    if (reading) {
      readings.set(node, reading);
    }
  }
  // A node no evidence names (no node series in range) is read as package only: never two zones.
  const fallback: ServerReading = cpu.id === 'scaphandre' ? 'packageDram' : 'packageOnly';
  const readingAt = (node: string) => readings.get(node) ?? fallback;
  readingNotices(ctx, cpu, readings);
  const zoneLabel = cpu.zoneLabel;
  const weigh: Weigh = zoneLabel
    ? (labels, node) => zoneWeight(readingAt(node), labels[zoneLabel] ?? '')
    : (_labels, node) => serverUplift(readingAt(node)).central;
  return { weigh, readingAt };
}

function readingNotices(ctx: EnergyContext, cpu: CpuSource, readings: Map<string, ServerReading>): void {
  const byReading = new Map<ServerReading, string[]>();
  for (const [node, reading] of [...readings].sort(([a], [b]) => a.localeCompare(b))) {
    byReading.set(reading, [...(byReading.get(reading) ?? []), node]);
  }
  const parts = [...byReading].map(([reading, nodes]) => {
    const u = serverUplift(reading);
    return `${READING_NAMES[reading]} × ${u.central} (${u.low}–${u.high}) on ${someOf(nodes)}`;
  });
  if (parts.length) {
    ctx.notice(
      'info',
      `IT energy is the whole server: ${cpu.name} read as ${parts.join('; ')}. The uplift adds what RAPL does not see (power supply, fans, board, NIC, drives; docs/methodology.md §9).`
    );
  }
  const noDram = byReading.get('packageOnly');
  if (noDram?.length) {
    ctx.notice(
      'warning',
      `No DRAM zone on ${someOf(noDram)}: their IT energy is the CPU package × ${serverUplift('packageOnly').central}, an uplift that covers memory too (range ${serverUplift('packageOnly').low}–${serverUplift('packageOnly').high}).`
    );
  }
}
