/**
 * carbonEfficiency: per namespace, CPU used over CPU requested, and the energy and CO2e of the
 * requested-but-idle capacity.
 *
 * Definitions, per namespace ns and node n over the range (measured in carbonEfficiencyUsage.ts,
 * computed in carbonEfficiencyRows.ts, shown by carbonEfficiencyFrame.ts):
 * - used_ns,n: core-seconds from cAdvisor (`increase` of its CPU seconds counter, containers
 *   only); requested_ns,n: core-seconds of CPU requests (kube-state-metrics, completed
 *   pods out), or of OpenCost's allocation when KSM is absent (max(request, usage): never below
 *   usage, so efficiency reads ≤ 1 there).
 * - idleShare_ns,n: the node's idle energy (measured total − what the exporter attributes to pods)
 *   shared by request, exactly as namespaceEnergy's `idlePower: byRequest`.
 * - wasted_ns,n = idleShare_ns,n × max(0, 1 − used_ns,n / requested_ns,n): the idle power the
 *   namespace's reservation holds, scaled by the part of the reservation it leaves unused. A
 *   namespace using all it requests wastes nothing; one using nothing wastes its whole share.
 * - efficiency_ns = Σn used / Σn requested; CO2e of wasted energy uses each node's region.
 */
import { carbonEfficiency } from '../../../shared/queryTypes/carbonEfficiency';
import { defineHandler } from '../defineHandler';
import { runProvenance } from '../../frames/meta';
import { MEASURED } from '../../measured/provenance';
import { openEnergyContext } from '../../measured/energyContext';
import { loadRegions } from '../../measured/regions';
import { efficiencyFrame } from './carbonEfficiencyFrame';
import { efficiencyRows } from './carbonEfficiencyRows';
import { measureNamespaceUsage } from './carbonEfficiencyUsage';
import { noMatchNotice } from './namespaceEnergy';

export const carbonEfficiencyHandler = defineHandler(carbonEfficiency, async (request) => {
  const query = request.query;
  const ctx = await openEnergyContext(request);
  const usage = await measureNamespaceUsage(ctx, query.namespaces, query.energyBoundary);
  noMatchNotice(ctx, usage.size, query.namespaces);
  const regions = await loadRegions(
    ctx,
    request.settings,
    [...usage.values()].flatMap((m) => [...m.keys()])
  );
  const rows = efficiencyRows(usage, regions, query.energyBoundary);
  return [efficiencyFrame(rows, ctx.timing.rangeMs / 1000, runProvenance(ctx, MEASURED), query.energyBoundary)];
});
