/**
 * energyPerUnit: the energy of a scope (namespace, pod, node or process; scopeEnergy.ts) divided by
 * the units of work a user counter counted over the same window: Joules and gCO2e per request,
 * token or job (SCI's "per R"), with the totals, as numeric-long; and Joules per unit at each step.
 *
 * The unit query is the user's PromQL for a counter (e.g. `http_requests_total{job="api"}`, or
 * `sum(...)` of it). The plugin takes the increase itself, on the window's step grid:
 * `sum(irate((<counter>)[1.5 step:step])) * step` per step (userPromql.ts), summed over the steps
 * of the window. That is exact per series, counter resets included, without `increase()`'s
 * extrapolation at the window's edges, and the units and the energy cover the same steps. A
 * top-level `sum(...)` is taken apart so each counter's resets are seen (a sum of counters drops
 * when one restarts). rate(), irate(), increase() and delta() are refused: they are not counters.
 * The query runs with origin 'user', so Prometheus's syntax errors come back as a 400.
 *
 * The table also gives the GSF's Software Carbon Intensity, SCI = (E × I + M) per R, with its
 * components (energyPerUnitSci.ts, engine/sci.ts): E counts the scope's share of node idle energy
 * (namespaces and pods: by CPU requests, else usage; `idlePower` overrides) and PUE, M the
 * embodied emissions of the hardware for the time the scope reserved it.
 *
 * No units over the range: the per-unit values are null, with a notice (not an error: the energy
 * and the totals are still worth showing).
 */
import type { ParsedQueryOf } from '../../../shared/queryTypes';
import { energyPerUnit } from '../../../shared/queryTypes/energyPerUnit';
import { defineHandler } from '../defineHandler';
import type { RegionRecord } from '../../../engine/gridIntensity';
import { carbonFactor, type CarbonFactor, JOULES_PER_KWH } from '../../../engine/measuredEnergy';
import { facilityEnergy } from '../../../engine/serverEnergy';
import { addToMeta } from '../../frames/meta';
import { MEASURED } from '../../measured/provenance';
import { matcherRegex } from '../../sources/prometheus/promql';
import type { DataSourceSettings } from '../../core/settings';
import { openEnergyContext, type EnergyContext } from '../../measured/energyContext';
import { defaultRegion, requireRegion } from '../../measured/energyRegion';
import { integrationWindow } from '../../measured/integrationWindow';
import { PromRun } from '../../measured/promRun';
import { loadRegions } from '../../measured/regions';
import { measureScope, type ScopeEnergy } from '../../measured/scopeEnergy';
import type { MatrixSeries } from '../../sources/prometheus/promResponse';
import { type PerUnitTotals, perUnitTable, stepFrame } from './energyPerUnitFrames';
import { scopeOptions, scopeSci } from './energyPerUnitSci';
import { assertCounter, totalCounterIncreasePerStep, withSentExpression } from './userPromql';

type Parsed = ParsedQueryOf<'energyPerUnit'>;

export const energyPerUnitHandler = defineHandler(
  energyPerUnit,
  async (request) => {
    const query = request.query;
    const w = integrationWindow(request);
    // The shared energy context on exactly the window's grid, so energy and units cover the same steps.
    const ctx = await openEnergyContext({
      ...request,
      timeRange: { from: w.startMs, to: w.endMs },
      intervalMs: w.stepMs,
    });
    const prom = new PromRun(ctx.client);
    const unitExpr = totalCounterIncreasePerStep(query.unitQuery, w);
    const unitsPromise = prom.range(unitExpr, w, 'user').catch((err: unknown) => {
      throw withSentExpression(err, unitExpr);
    });
    // Awaited below; this keeps a failure from going unhandled if the energy side fails first.
    unitsPromise.catch(() => undefined);
    const itEnergy = await measureScope(
      ctx,
      query.scope,
      query.selector,
      w,
      scopeOptions(ctx, query.idlePower),
      query.energyBoundary
    );
    const unitSeries = await unitsPromise;

    const unitsPerStep = unitsOnGrid(unitSeries, ctx.times, w.stepMs);
    // Index 0 is the step before the window (its end is the window's start).
    const units = unitsPerStep.slice(1).reduce((a, u) => a + (Number.isNaN(u) ? 0 : u), 0);
    const carbon = await gramsOf(ctx, request.settings, itEnergy);
    const energy = query.energyBoundary === 'facility' ? atFacility(itEnergy, carbon.pue) : itEnergy;
    const joules = [...energy.byNode.values()].reduce((a, j) => a + j, 0);
    if (query.energyBoundary === 'facility') {
      carbon.factor = carbon.grams !== null && joules > 0 ? carbon.grams / (joules / JOULES_PER_KWH) : null;
    }

    notices(ctx, query, energy, units, prom);
    // SCI's E is the IT energy (× PUE inside scopeSci), whatever the columns show.
    const sci = await scopeSci(ctx, itEnergy, carbon.factorOf, units, query.scope);
    const frames = [
      perUnitTable(query, {
        joules,
        units,
        measured: energy.byNode.size > 0,
        carbon,
        sci,
        boundary: query.energyBoundary,
      }),
    ];
    if (w.steps >= 2) {
      frames.push(stepFrame(ctx.times, energy, unitsPerStep, query.unitName, w));
    }
    for (const frame of frames) {
      addToMeta(frame, { executedQueryString: [...ctx.executed, ...prom.sent].join('\n\n'), custom: { ...MEASURED } });
    }
    addToMeta(frames[0], { notices: ctx.notices });
    return frames;
  },
  (parsed) => {
    // Checked here, so a typo fails before any request (the label is checked again per source).
    matcherRegex('selector', parsed.selector);
    assertCounter(
      parsed.unitQuery,
      'unitQuery',
      'Give the counter itself, e.g. http_requests_total{job="api"} or sum(http_requests_total{job="api"}).'
    );
  }
);

/** Units counted in each step of the grid `times` (NaN where no series had a value). */
function unitsOnGrid(unitSeries: MatrixSeries[], times: number[], stepMs: number): Float64Array {
  const unitsPerStep = new Float64Array(times.length).fill(NaN);
  for (const s of unitSeries) {
    s.timesMs.forEach((t, j) => {
      const i = Math.round((t - times[0]) / stepMs);
      if (i >= 0 && i < unitsPerStep.length && Number.isFinite(s.values[j])) {
        unitsPerStep[i] = (Number.isNaN(unitsPerStep[i]) ? 0 : unitsPerStep[i]) + s.values[j];
      }
    });
  }
  return unitsPerStep;
}

/**
 * Grams CO2e of the scope's energy, node by node: each node's region (OpenCost, kube-state-metrics
 * labels, else the default region); energy measured outside Kubernetes (no node) takes the default
 * region, and without one the query fails saying how to set it.
 */
async function gramsOf(
  ctx: EnergyContext,
  settings: DataSourceSettings,
  energy: ScopeEnergy
): Promise<
  PerUnitTotals['carbon'] & { factorOf: (node: string) => CarbonFactor | undefined; pue: Map<string, number> }
> {
  const nodes = [...energy.byNode.keys(), ...(energy.reservedHours?.keys() ?? [])].filter((n) => n !== '');
  const regions = nodes.length > 0 ? await loadRegions(ctx, settings, nodes) : undefined;
  const unplaced = energy.byNode.get('');
  const fallback =
    unplaced !== undefined
      ? requireRegion(undefined, undefined, settings, 'energyPerUnit').record
      : defaultRegion(settings);
  const factorOf = (node: string) =>
    node === '' ? (fallback ? carbonOf(fallback, ctx.toMs) : undefined) : regions?.factor(node);
  let grams = 0;
  let coveredJ = 0;
  const names = new Set<string>();
  const pue = new Map<string, number>();
  for (const [node, joules] of energy.byNode) {
    const factor = factorOf(node);
    pue.set(node, factor?.pue ?? NaN);
    if (factor) {
      grams += (joules / JOULES_PER_KWH) * factor.gramsPerServerKWh;
      coveredJ += joules;
      names.add(`${factor.provider}:${factor.region}`);
    }
  }
  return {
    grams: coveredJ > 0 || energy.byNode.size === 0 ? grams : null,
    regions: [...names].sort().join(', '),
    factor: coveredJ > 0 ? grams / (coveredJ / JOULES_PER_KWH) : null,
    factorOf,
    pue,
  };
}

/**
 * Facility energy of the scope: each node's IT Joules × its PUE (unknown, NaN, without a region);
 * per step the IT Joules × the scope's overall facility/IT ratio (exact when, as usual, every node
 * of the scope has one provider's PUE).
 */
function atFacility(energy: ScopeEnergy, pue: Map<string, number>): ScopeEnergy {
  const byNode = new Map([...energy.byNode].map(([node, j]) => [node, facilityEnergy(j, pue.get(node) ?? NaN)]));
  const it = [...energy.byNode.values()].reduce((a, j) => a + j, 0);
  const facility = [...byNode.values()].reduce((a, j) => a + j, 0);
  const ratio = it > 0 ? facility / it : NaN;
  return { ...energy, byNode, perStep: energy.perStep.map((j) => j * ratio) };
}

function carbonOf(record: RegionRecord, timeMs: number): CarbonFactor {
  return carbonFactor(record, new Date(timeMs).getUTCFullYear());
}

function notices(ctx: EnergyContext, query: Parsed, energy: ScopeEnergy, units: number, prom: PromRun): void {
  const label = query.unitName;
  ctx.notice(
    'info',
    `Energy of the ${query.scope} scope (${energy.source}) matching ${JSON.stringify(query.selector)}` +
      (energy.matched ? `: ${energy.matched.length ? energy.matched.join(', ') : 'nothing matched'}` : '') +
      `, divided by the increase of the unit query over the same range.`
  );
  if (energy.byNode.size === 0) {
    ctx.notice(
      'warning',
      `No energy was measured for the ${query.scope} scope matching ${JSON.stringify(query.selector)} in this range.`
    );
  }
  if (!(units > 0)) {
    ctx.notice(
      'warning',
      `The unit query counted no ${label}s over this range, so Joules and gCO2e per ${label} are empty (no division by zero).`
    );
  }
  for (const n of prom.notices) {
    ctx.notice(n.severity, n.text);
  }
}
