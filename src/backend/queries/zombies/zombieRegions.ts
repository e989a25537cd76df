/**
 * Carbon factors for zombie rows: Kubernetes nodes through the energy queries' node regions
 * (OpenCost, kube-state-metrics labels, the datasource's default), and hosts or volumes from a
 * region label, else the default region. A missing region costs a row its CO2e, never the query.
 */
import { carbonFactor, type CarbonFactor, resolveRegion } from '../../../engine/measuredEnergy';
import { defaultRegion } from '../../measured/energyRegion';
import { fetchLabelledRegions, type NodeRegions, resolveNodeRegions } from '../../measured/regions';
import { QueryError } from '../../core/errors';
import type { ZombieWindow } from './zombieWindow';

const NONE: NodeRegions = { factor: () => undefined, region: () => undefined };

/**
 * Node regions, or none (with the reason as a notice) when no node has a known region. The labels
 * are fetched once per window: node, workload and terminated zombies each resolve their own nodes.
 */
export async function nodeRegions(w: ZombieWindow, nodes: string[]): Promise<NodeRegions> {
  if (nodes.length === 0) {
    return NONE;
  }
  try {
    const labelled = await w.once('labelledRegions', () => fetchLabelledRegions(w.ctx));
    return resolveNodeRegions(w.ctx, w.request.settings, labelled, nodes);
  } catch (err) {
    if (err instanceof QueryError && err.status === 400) {
      w.ctx.notice('warning', err.message);
      return NONE;
    }
    throw err;
  }
}

/**
 * Where a row's nodes are: the first known provider, the known region names (sorted, joined) and
 * the factors in node order, one per distinct factor (for the method sentence).
 */
export function placeOfNodes(
  regions: NodeRegions,
  nodes: readonly string[]
): { provider: string; region: string; factors: Array<CarbonFactor | undefined> } {
  const factors = [...new Set(nodes.map((n) => regions.factor(n)))];
  const names = [...new Set(nodes.map((n) => regions.region(n) ?? ''))].filter(Boolean).sort();
  return { provider: factors.find((f) => f)?.provider ?? '', region: names.join(', '), factors };
}

/** The factor of a labelled region (`eu-west-1`, or `aws:eu-west-1` with the provider), else the default region's. */
export function regionFactor(
  w: ZombieWindow,
  region: string,
  provider: string
): { factor?: CarbonFactor; region: string } {
  const year = new Date(w.endMs).getUTCFullYear();
  const labelled = region ? resolveRegion(provider ? `${provider}:${region}` : region) : undefined;
  if (labelled) {
    return { factor: carbonFactor(labelled, year), region: labelled.region };
  }
  let fallback;
  try {
    fallback = defaultRegion(w.request.settings);
  } catch (err) {
    w.ctx.notice('warning', (err as Error).message);
  }
  if (fallback) {
    w.ctx.notice('info', `Resources without a known region use the default region ${fallback.region}.`);
    return { factor: carbonFactor(fallback, year), region: fallback.region };
  }
  return { region };
}

/** "eu-west-1 grid 278.6 gCO2e/kWh (2021) × PUE 1.135", for method sentences. */
export function factorNote(factor: CarbonFactor | undefined): string {
  return factor
    ? `${factor.region} grid ${factor.gridGramsPerKWh} gCO2e/kWh (${factor.year}) × PUE ${factor.pue}`
    : 'no CO2e: region unknown (set a default region in the datasource)';
}
