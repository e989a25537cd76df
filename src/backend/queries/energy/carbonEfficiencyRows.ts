/**
 * carbonEfficiency's figures per namespace, summed over its nodes. On each node the namespace's
 * reservation holds its idle share; the part of the reservation it leaves unused wastes that share
 * in proportion: wasted = idleShare × max(0, 1 − used / requested). CO2e of the waste uses each
 * node's region; waste on a node without one leaves the namespace's CO2e unknown.
 */
import { JOULES_PER_KWH } from '../../../engine/measuredEnergy';
import type { NodeRegions } from '../../measured/regions';
import type { NamespaceUsage } from './carbonEfficiencyUsage';
import { atBoundary } from '../../measured/energyBoundary';
import type { EnergyBoundary } from '../../../shared/vocabulary';

export interface EfficiencyRow {
  namespace: string;
  /** Core-seconds used and requested. */
  used: number;
  requested: number;
  /** Joules: measured CPU energy, node idle share, and the requested-but-idle part of that share. */
  energy: number;
  idle: number;
  wasted: number;
  /** Grams CO2e of the wasted energy; null when some of it ran on a node without a known region. */
  grams: number | null;
  /** The regions the CO2e comes from, comma separated. */
  regions: string;
}

/** One row per namespace, most wasted energy first. */
/**
 * Energy, idle share and waste at `boundary` (facility: × the node's PUE, unknown without a
 * region); CO2e from IT energy × grid × PUE either way.
 */
export function efficiencyRows(usage: NamespaceUsage, regions: NodeRegions, boundary: EnergyBoundary): EfficiencyRow[] {
  const rows = [...usage].map(([namespace, byNode]) => {
    let used = 0;
    let requested = 0;
    let energy = 0;
    let idle = 0;
    let wasted = 0;
    let grams: number | null = 0;
    const names = new Set<string>();
    for (const [node, c] of byNode) {
      used += c.used;
      requested += c.requested;
      const factor = regions.factor(node);
      const at = (joules: number) => atBoundary(joules, boundary, factor) ?? NaN;
      energy += at(c.energy);
      idle += at(c.idle);
      const w = c.requested > 0 ? c.idle * Math.max(0, 1 - c.used / c.requested) : 0;
      wasted += at(w);
      if (factor) {
        grams = (grams ?? 0) + (w / JOULES_PER_KWH) * factor.gramsPerServerKWh;
        names.add(factor.region);
      } else if (w > 0) {
        grams = null;
      }
    }
    return { namespace, used, requested, energy, idle, wasted, grams, regions: [...names].sort().join(', ') };
  });
  return rows.sort((a, b) => (b.wasted || 0) - (a.wasted || 0) || a.namespace.localeCompare(b.namespace));
}
