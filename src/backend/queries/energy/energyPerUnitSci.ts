/**
 * energyPerUnit's SCI (engine/sci.ts): the scope's bases (how idle energy and reserved time are
 * shared) and its components per node: E = IT energy × PUE, I the node region's location-based
 * grid intensity, M = TE × (TiR/EL) × (RR/ToR) from the node's instance type and the time the
 * scope reserved on it. A node of unknown instance type leaves M (and the score) empty, with a
 * notice; it is never counted as 0.
 */
import type { IdlePowerMode } from '../../../shared/vocabulary';
import { embodiedGrams, hostEmbodiedOf, type Sci, type SciPart, sciOf } from '../../../engine/sci';
import { type CarbonFactor, JOULES_PER_KWH } from '../../../engine/measuredEnergy';
import { someOf } from '../../frames/noticeText';
import type { ShareBasis } from '../../measured/clusterQueries';
import type { EnergyContext } from '../../measured/energyContext';
import type { ScopeEnergy, ScopeOptions } from '../../measured/scopeEnergy';
import { nodeInstanceTypes } from '../../measured/scopeReservation';
import { chooseSources, requireIdleInputs } from '../../measured/sourceChoice';

/**
 * Idle energy is shared (and time reserved) by CPU requests when kube-state-metrics is there, else
 * by CPU usage (cAdvisor); `idlePower` set by the user wins for idle energy ('exclude' leaves it
 * out of E, the reservation keeps the found basis).
 */
export function scopeOptions(ctx: EnergyContext, idlePower: IdlePowerMode | undefined): ScopeOptions {
  const { kubeStateMetrics, cadvisor } = ctx.discovery.findings;
  const found: ShareBasis | undefined = kubeStateMetrics.found ? 'byRequest' : cadvisor.found ? 'byUsage' : undefined;
  if (idlePower !== undefined) {
    requireIdleInputs(ctx, idlePower, chooseSources(ctx, undefined), 'energyPerUnit');
    return { idle: idlePower, reserve: idlePower === 'exclude' ? found : idlePower };
  }
  return { idle: found ?? 'exclude', reserve: found };
}

/** SCI of the scope; `factorOf` gives each node's PUE and grid (undefined: region unknown). */
export async function scopeSci(
  ctx: EnergyContext,
  energy: ScopeEnergy,
  factorOf: (node: string) => CarbonFactor | undefined,
  units: number,
  scopeName: string
): Promise<Sci> {
  const reserved = energy.reservedHours;
  const nodes = new Set([...energy.byNode.keys(), ...(reserved?.keys() ?? [])]);
  const types = reserved && reserved.size > 0 ? await nodeInstanceTypes(ctx) : new Map<string, string>();
  const unknown: string[] = [];
  const used: string[] = [];
  const parts: SciPart[] = [...nodes].map((node) => {
    const factor = factorOf(node);
    const hours = reserved?.get(node) ?? 0;
    let grams: number | null = reserved ? 0 : null;
    if (reserved && hours > 0) {
      const type = types.get(node) ?? '';
      const host = hostEmbodiedOf(type);
      grams = host ? embodiedGrams(host, hours) : null;
      (host ? used : unknown).push(
        host ? `${node} (${type}, ${hours.toPrecision(3)} h)` : `${node} (${type || 'no instance-type label'})`
      );
    }
    return {
      itKWh: (energy.byNode.get(node) ?? 0) / JOULES_PER_KWH,
      pue: factor?.pue ?? null,
      gridGramsPerKWh: factor?.gridGramsPerKWh ?? null,
      embodiedGrams: grams,
    };
  });
  sciNotices(ctx, energy, scopeName, used, unknown);
  return sciOf(parts, units);
}

const IDLE_BASIS: Record<ShareBasis, string> = {
  byRequest: 'by CPU requests',
  byUsage: 'by CPU usage',
  byAllocation: "by OpenCost's allocation",
};

function sciNotices(ctx: EnergyContext, energy: ScopeEnergy, scope: string, used: string[], unknown: string[]): void {
  const e =
    energy.idle === 'node'
      ? "each matching node's whole energy (idle included)"
      : energy.idle === 'exclude'
        ? `the energy attributed to the ${scope} scope (node idle energy left out)`
        : `the ${scope} scope's energy with its share of node idle energy (${IDLE_BASIS[energy.idle]})`;
  ctx.notice(
    'info',
    `SCI = (E × I + M) per R (GSF SCI, ISO/IEC 21031): E is ${e} × PUE; I the region's ` +
      "location-based grid intensity; M the embodied emissions of the hardware reserved (CCF's instance catalogues, " +
      '4-year life, vCPU share of the host) for the time reserved' +
      (used.length ? `: ${someOf(used)}` : '') +
      '; R the units counted.'
  );
  if (!energy.reservedHours) {
    ctx.notice(
      'warning',
      energy.matched !== undefined
        ? 'M (embodied) is unknown, so SCI is empty: neither kube-state-metrics nor cAdvisor is there to say what the scope reserved on its nodes.'
        : 'M (embodied) is unknown for processes outside Kubernetes (no reservation of hardware is known), so SCI is empty.'
    );
  }
  if (unknown.length) {
    ctx.notice(
      'warning',
      `M (embodied) is unknown, so SCI is empty: the instance type of ${someOf(unknown)} is in none of CCF's catalogues (EC2 types, Azure VM sizes, GCP machine types).`
    );
  }
  if (energy.idle === 'exclude') {
    ctx.notice(
      'warning',
      energy.matched === undefined
        ? "E is the processes' own energy, without a share of their host's idle energy (SCI's E should include it)."
        : "E leaves out node idle energy (idlePower exclude, or no kube-state-metrics or cAdvisor to share it by): SCI's E should include the idle share of the hardware reserved."
    );
  }
}
