/**
 * What a measured energy column holds (query field `energyBoundary`, docs/methodology.md §9), said
 * the same way in every query type: `it` the whole server at the wall, `facility` that × PUE,
 * `measured` the exporter's reading as is. CO2e is always IT energy × grid × PUE (facility × grid);
 * under `measured` it is the reading × grid × PUE, methodology v1's number.
 */
import type { EnergyBoundary } from '../../shared/vocabulary';
import { type CarbonFactor } from '../../engine/measuredEnergy';
import { facilityEnergy } from '../../engine/serverEnergy';
import type { NumberField } from '../frames/frame';
import { numberColumn } from '../frames/table';
import type { DataSourceSettings } from '../core/settings';
import type { EnergyContext } from './energyContext';
import { loadRegions } from './regions';

/** Short names for column titles: "IT energy (kWh)". */
export const BOUNDARY_NAME: Readonly<Record<EnergyBoundary, string>> = {
  it: 'IT energy',
  facility: 'Facility energy',
  measured: 'Measured energy',
};

/** What the boundary includes, for column descriptions. */
export const BOUNDARY_DESCRIPTION: Readonly<Record<EnergyBoundary, string>> = {
  it: 'IT energy: the whole server at the wall (RAPL psys, else package + DRAM, × the documented uplift; GPU board energy as measured), PUE not included',
  facility: 'Facility energy: IT energy (whole server) × the PUE of the node’s provider and region',
  measured: 'Measured energy: the exporter’s reading as is (RAPL zones, no uplift, no PUE)',
};

/**
 * A node's energy at the boundary from its IT (or measured) energy: × PUE for facility, which
 * needs the node's region (undefined without one).
 */
export function atBoundary(
  joules: number,
  boundary: EnergyBoundary,
  factor: CarbonFactor | undefined
): number | undefined {
  if (boundary !== 'facility') {
    return joules;
  }
  return factor ? facilityEnergy(joules, factor.pue) : undefined;
}

/** The grid factor's description: per kWh of the column's energy. */
export function gridFactorDescription(boundary: EnergyBoundary): string {
  return boundary === 'facility'
    ? 'gCO2e per kWh of facility energy: the grid intensity of the region'
    : `gCO2e per kWh of ${BOUNDARY_NAME[boundary].toLowerCase()}: grid intensity of the region × PUE`;
}

/**
 * A number column of energy at the boundary (NaN shown as null): its description says which energy
 * it is; its title stays what dashboards match fields by (byName overrides in dashboards/).
 */
export function energyColumn(
  name: string,
  values: Array<number | null>,
  unit: string,
  displayName: string,
  boundary: EnergyBoundary,
  what?: string
): NumberField {
  const description = BOUNDARY_DESCRIPTION[boundary];
  return numberColumn(
    name,
    values.map((v) => (v === null || Number.isNaN(v) ? null : v)),
    unit,
    displayName,
    { description: what ? `${what}. ${description}` : description }
  );
}

/**
 * For `facility`: each node's PUE (NaN where its region is unknown, so its energy is unknown, not
 * 0; loadRegions says which nodes); undefined for `it` and `measured`, which need no region.
 */
export async function facilityPue(
  ctx: EnergyContext,
  settings: DataSourceSettings,
  boundary: EnergyBoundary,
  nodes: Iterable<string>
): Promise<((node: string) => number) | undefined> {
  if (boundary !== 'facility') {
    return undefined;
  }
  const regions = await loadRegions(ctx, settings, nodes);
  return (node) => regions.factor(node)?.pue ?? NaN;
}
