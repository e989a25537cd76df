/**
 * costVsCarbon: OpenCost cost next to measured CO2e per namespace, node or region, each one's
 * share of the total shown, and the divergence index (carbon share − cost share) with its flag.
 *
 * Cost: allocations × node prices + PVCs × volume prices over OpenCost's scrapes in the range,
 * summed from raw samples in Prometheus (measured/opencostCost.ts). Carbon: namespaceEnergy's energy per namespace and
 * node (CPU + DCGM GPU) × the node's grid factor. OpenCost prices a pod's reservation
 * (max(request, usage)), so when kube-state-metrics is there the carbon side likewise includes
 * the node idle energy shared by CPU request; without it, attributed energy only (a notice says so).
 */
import { costVsCarbon } from '../../../shared/queryTypes/costVsCarbon';
import { defineHandler } from '../defineHandler';
import { type CostCarbonGroupBy } from '../../../datasource/types';
import { divergence, JOULES_PER_KWH } from '../../../engine/measuredEnergy';
import { opencostCost } from '../../measured/opencostCost';
import { type EnergyContext, openEnergyContext, requireExporters } from '../../measured/energyContext';
import { runProvenance } from '../../frames/meta';
import { MEASURED } from '../../measured/provenance';
import { numberColumn, stringColumn, tableFrame } from '../../frames/table';
import { UNIT } from '../../frames/units';
import { measureEnergy } from '../../measured/energyModel';
import { noMatchNotice } from './namespaceEnergy';
import { loadRegions, type NodeRegions } from '../../measured/regions';
import { chooseSources } from '../../measured/sourceChoice';
import { atBoundary, energyColumn } from '../../measured/energyBoundary';
import type { EnergyBoundary } from '../../../shared/vocabulary';

interface Group {
  key: string;
  cost: number;
  joules: number;
  grams: number;
  /** Joules on nodes without a known region. */
  unknownJ: number;
  /** Whether any cost row (OpenCost) or energy row (the exporters) was seen: without, unknown, not 0. */
  priced: boolean;
  measured: boolean;
}

export const costVsCarbonHandler = defineHandler(costVsCarbon, async (request) => {
  const query = request.query;
  const ctx = await openEnergyContext(request);
  requireExporters(ctx, 'costVsCarbon');
  const sources = chooseSources(ctx, undefined, query.energyBoundary);
  const idle = ctx.discovery.findings.kubeStateMetrics.found ? 'byRequest' : 'exclude';
  if (idle === 'exclude') {
    ctx.notice(
      'info',
      'kube-state-metrics not found: CO2e covers the energy attributed to pods, not node idle energy, while cost covers reservations.'
    );
  }
  const [cost, rows] = await Promise.all([
    opencostCost(ctx, query.namespaces),
    measureEnergy(ctx, sources, 'namespace', query.namespaces, idle),
  ]);
  const nodes = [...cost.map((c) => c.node), ...rows.map((r) => r.node)];
  const regions = await loadRegions(ctx, request.settings, nodes);
  const keyOf = groupKey(query.groupBy, regions);
  const groups = new Map<string, Group>();
  const group = (namespace: string, node: string) => {
    const key = keyOf(namespace, node);
    return (
      groups.get(key) ??
      groups.set(key, { key, cost: 0, joules: 0, grams: 0, unknownJ: 0, priced: false, measured: false }).get(key)!
    );
  };
  for (const c of cost) {
    const g = group(c.namespace, c.node);
    g.cost += c.cost;
    g.priced = true;
  }
  for (const r of rows) {
    const g = group(r.labels.namespace ?? '', r.node);
    g.measured = true;
    const joules = r.cpu + r.gpu + r.idle;
    const factor = regions.factor(r.node);
    // kWh at the boundary (facility: × PUE, unknown without a region); CO2e from IT energy.
    g.joules += atBoundary(joules, query.energyBoundary, factor) ?? NaN;
    if (factor) {
      g.grams += (joules / JOULES_PER_KWH) * factor.gramsPerServerKWh;
    } else {
      g.unknownJ += joules;
    }
  }
  noMatchNotice(ctx, groups.size, query.namespaces);
  return [table(ctx, query.groupBy, [...groups.values()], query.energyBoundary)];
});

function groupKey(groupBy: CostCarbonGroupBy, regions: NodeRegions): (namespace: string, node: string) => string {
  switch (groupBy) {
    case 'namespace':
      return (namespace) => namespace;
    case 'node':
      return (_, node) => node;
    case 'region':
      return (_, node) => regions.region(node) ?? 'unknown';
  }
}

function table(ctx: EnergyContext, groupBy: CostCarbonGroupBy, groups: Group[], boundary: EnergyBoundary) {
  // A group without energy rows, or with energy but no region, has no CO2e, and no share of it.
  const grams = (g: Group) => (!g.measured || (g.unknownJ > 0 && g.grams === 0) ? null : g.grams);
  const totalCost = groups.reduce((a, g) => a + g.cost, 0);
  const totalGrams = groups.reduce((a, g) => a + (grams(g) ?? 0), 0);
  const rows = groups
    .map((g) => {
      const costShare = !g.priced ? null : totalCost > 0 ? g.cost / totalCost : 0;
      const co2e = grams(g);
      const carbonShare = co2e === null ? null : totalGrams > 0 ? co2e / totalGrams : 0;
      const d = carbonShare === null || costShare === null ? null : divergence(costShare, carbonShare);
      return { g, co2e, costShare, carbonShare, d };
    })
    .sort((a, b) => b.g.cost - a.g.cost || a.g.key.localeCompare(b.g.key));
  return tableFrame(
    'costVsCarbon',
    [
      stringColumn(
        groupBy,
        rows.map((r) => r.g.key)
      ),
      numberColumn(
        'cost',
        rows.map((r) => (r.g.priced ? r.g.cost : null)),
        UNIT.usd,
        'Cost'
      ),
      numberColumn(
        'co2e',
        rows.map((r) => r.co2e),
        UNIT.grams,
        'CO2e'
      ),
      energyColumn(
        'kWh',
        rows.map((r) => (r.g.measured ? r.g.joules / JOULES_PER_KWH : null)),
        UNIT.kWh,
        'Energy (kWh)',
        boundary
      ),
      numberColumn(
        'costShare',
        rows.map((r) => r.costShare),
        UNIT.ratio,
        'Share of cost'
      ),
      numberColumn(
        'carbonShare',
        rows.map((r) => r.carbonShare),
        UNIT.ratio,
        'Share of CO2e'
      ),
      {
        name: 'divergence',
        kind: 'number',
        values: rows.map((r) => r.d?.index ?? null),
        config: {
          decimals: 3,
          displayNameFromDS: 'Divergence',
          description: 'Share of CO2e − share of cost (−1 to 1)',
        },
      },
      stringColumn(
        'flag',
        rows.map((r) => r.d?.flag ?? null)
      ),
    ],
    runProvenance(ctx, MEASURED),
    'hintLast'
  );
}
