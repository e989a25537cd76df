/**
 * Each node's cloud region and carbon factor: OpenCost's `region` label on node prices, else the
 * kube-state-metrics node label `topology.kubernetes.io/region`, else the datasource's default
 * region. Nodes with none get no CO2e (and a notice); a query where no node has one fails.
 */
import { someOf } from '../frames/noticeText';
import { carbonFactor, type CarbonFactor, exampleRegions, resolveRegion } from '../../engine/measuredEnergy';
import type { RegionRecord } from '../../engine/gridIntensity';
import { badQuery } from '../core/errors';
import type { DataSourceSettings } from '../core/settings';
import { labels as ksmLabels } from '../sources/prometheus/exporters/kubeStateMetrics';
import { ksmRegions, opencostRegions } from './clusterQueries';
import type { EnergyContext } from './energyContext';

export interface NodeRegions {
  /** The factor for energy used on `node` (PUE included), if its region is known. */
  factor(node: string): CarbonFactor | undefined;
  /** The node's region id as labelled (or the default), for grouping and display. */
  region(node: string): string | undefined;
}

/** Node → labelled region id, as the exporters say it (unresolved). */
export type LabelledRegions = ReadonlyMap<string, string>;

/** Fetches and resolves in one go; callers that resolve several node lists fetch once and resolve each. */
export async function loadRegions(
  ctx: EnergyContext,
  settings: DataSourceSettings,
  nodes: Iterable<string>
): Promise<NodeRegions> {
  return resolveNodeRegions(ctx, settings, await fetchLabelledRegions(ctx), nodes);
}

/** Every node's region label from OpenCost and kube-state-metrics: the two PromQL lookups, no region notices yet. */
export async function fetchLabelledRegions(ctx: EnergyContext): Promise<LabelledRegions> {
  const { opencost, kubeStateMetrics } = ctx.discovery.findings;
  const [fromCost, fromLabels] = await Promise.all([
    opencost.found ? ctx.instant(opencostRegions(ctx.timing)) : [],
    kubeStateMetrics.found ? ctx.instant(ksmRegions(ctx.timing)) : [],
  ]);
  const labelled = new Map<string, string>();
  for (const s of fromLabels) {
    const region = s.labels[ksmLabels.region] || s.labels[ksmLabels.legacyRegion];
    if (s.labels.node && region) {
      labelled.set(s.labels.node, region);
    }
  }
  // OpenCost wins: its region is the one its prices (and this plugin's cost column) use.
  for (const s of fromCost) {
    if (s.labels.node && s.labels.region) {
      labelled.set(s.labels.node, s.labels.region);
    }
  }
  return labelled;
}

/**
 * The regions of `nodes` from fetched labels, else the default region; notices for unknown,
 * defaulted and missing regions, and a 400 when none of the nodes has one.
 */
export function resolveNodeRegions(
  ctx: EnergyContext,
  settings: DataSourceSettings,
  labelled: LabelledRegions,
  nodes: Iterable<string>
): NodeRegions {
  const year = new Date(ctx.toMs).getUTCFullYear();
  const defaultSpec = settings.jsonData.prometheus?.defaultRegion;
  const fallback = resolveRegion(defaultSpec);
  if (defaultSpec && !fallback) {
    ctx.notice(
      'warning',
      `The default region "${defaultSpec}" is not a known region (e.g. ${exampleRegions().join(', ')}).`
    );
  }
  const records = new Map<string, RegionRecord | undefined>();
  const unknownLabels = new Set<string>();
  const defaulted: string[] = [];
  const missing: string[] = [];
  for (const node of new Set(nodes)) {
    const label = labelled.get(node);
    let record = label ? resolveRegion(label) : undefined;
    if (label && !record) {
      unknownLabels.add(label);
    }
    if (!record && fallback) {
      record = fallback;
      defaulted.push(node);
    }
    if (!record) {
      missing.push(node);
    }
    records.set(node, record);
  }
  if (unknownLabels.size) {
    ctx.notice('warning', `Unknown region ids on nodes: ${someOf([...unknownLabels])}.`);
  }
  if (defaulted.length) {
    ctx.notice(
      'info',
      `No known region label on ${someOf(defaulted)}: the default region ${fallback!.region} is used.`
    );
  }
  if (missing.length) {
    const how = 'add OpenCost or kube-state-metrics node labels, or set the default region in the datasource settings';
    if (missing.length === records.size) {
      throw badQuery(`No node has a known region, so no CO2e can be computed (nodes: ${someOf(missing)}): ${how}.`);
    }
    ctx.notice('warning', `No CO2e for the energy of ${someOf(missing)}: their region is unknown (${how}).`);
  }
  const factors = new Map<string, CarbonFactor>();
  return {
    factor(node) {
      const record = records.get(node);
      if (!record) {
        return undefined;
      }
      const key = `${record.provider}:${record.region}`;
      let factor = factors.get(key);
      if (!factor) {
        factor = carbonFactor(record, year);
        factors.set(key, factor);
      }
      return factor;
    },
    region(node) {
      return records.get(node)?.region ?? labelled.get(node);
    },
  };
}
