/** energyPerUnit's frames: the totals and per-unit figures as one table row, and Joules per unit at each step. */
import type { ParsedQueryOf } from '../../../shared/queryTypes';
import type { Sci } from '../../../engine/sci';
import { JOULES_PER_KWH } from '../../../engine/measuredEnergy';
import type { Frame } from '../../frames/frame';
import { seriesFrame } from '../../frames/series';
import { numberColumn, stringColumn, tableFrame } from '../../frames/table';
import { suffixUnit, UNIT } from '../../frames/units';
import type { IntegrationWindow } from '../../measured/integrationWindow';
import type { ScopeEnergy } from '../../measured/scopeEnergy';
import { BOUNDARY_DESCRIPTION, energyColumn, gridFactorDescription } from '../../measured/energyBoundary';
import type { EnergyBoundary } from '../../../shared/vocabulary';

type Parsed = ParsedQueryOf<'energyPerUnit'>;

export interface PerUnitTotals {
  joules: number;
  units: number;
  /** Whether any energy was measured for the scope. */
  measured: boolean;
  carbon: { grams: number | null; regions: string; factor: number | null };
  sci: Sci;
  boundary: EnergyBoundary;
}

export function perUnitTable(query: Parsed, { joules, units, measured, carbon, sci, boundary }: PerUnitTotals): Frame {
  // Nothing measured is not zero Joules per unit: the selector may just match nothing.
  const perUnit = (x: number | null) => (x === null || !(units > 0) || !measured ? null : x / units);
  const label = query.unitName;
  return tableFrame('energyPerUnit', [
    stringColumn('scope', [query.scope]),
    stringColumn('selector', [query.selector]),
    numberColumn('joules_per_unit', [perUnit(joules)], suffixUnit(`J/${label}`), `Energy per ${label}`, {
      description: BOUNDARY_DESCRIPTION[boundary],
    }),
    numberColumn('co2e_per_unit', [perUnit(carbon.grams)], suffixUnit(`gCO2e/${label}`), `CO2e per ${label}`),
    energyColumn('joules', [joules], UNIT.joule, 'Energy', boundary),
    energyColumn('kWh', [joules / JOULES_PER_KWH], UNIT.kWh, 'Energy (kWh)', boundary),
    numberColumn('co2e', [carbon.grams], UNIT.grams, 'CO2e'),
    numberColumn('units', [units], suffixUnit(`${label}s`), `Units of work (${label}s)`),
    stringColumn('region', [carbon.regions]),
    numberColumn(
      'gridFactor',
      [carbon.factor],
      UNIT.intensity,
      boundary === 'facility' ? 'Grid factor' : 'Grid factor × PUE',
      {
        description: gridFactorDescription(boundary),
      }
    ),
    // SCI and its components (R is `units`); empty where a component is unknown.
    numberColumn('sci', [measured ? sci.perUnit : null], suffixUnit(`gCO2e/${label}`), `SCI (gCO2e per ${label})`, {
      description: `Software Carbon Intensity (GSF, ISO/IEC 21031): (E × I + M) per ${label}`,
    }),
    numberColumn('sci_E', [sci.energyKWh], UNIT.kWh, 'E (kWh, facility)', {
      description: "SCI's E: the scope's energy with its share of node idle energy, × PUE (facility energy)",
    }),
    numberColumn('sci_I', [sci.intensity], UNIT.intensity, 'I (gCO2e/kWh)', {
      description: "SCI's I: the region's location-based grid intensity (energy-weighted across regions)",
    }),
    numberColumn('sci_O', [sci.operationalGrams], UNIT.grams, 'E × I (operational)', {
      description: "SCI's operational emissions O = E × I, gCO2e",
    }),
    numberColumn('sci_M', [sci.embodiedGrams], UNIT.grams, 'M (embodied)', {
      description:
        "SCI's M = TE × (TiR/EL) × (RR/ToR): the hardware's embodied gCO2e for the time the scope reserved it",
    }),
  ]);
}

/**
 * J per unit in each step that counted units (null where none were). `times` and `units` start
 * with the step before the window, which is left out.
 */
export function stepFrame(
  times: number[],
  energy: ScopeEnergy,
  units: Float64Array,
  label: string,
  w: IntegrationWindow
): Frame {
  const stepTimes = times.slice(1);
  const values = stepTimes.map((_, k) => {
    const j = energy.perStep[k + 1];
    const u = units[k + 1];
    return Number.isFinite(j) && u > 0 ? j / u : null;
  });
  return seriesFrame({
    name: `Energy per ${label}`,
    times: stepTimes,
    valueName: 'joules_per_unit',
    values,
    config: {
      unit: suffixUnit(`J/${label}`),
      displayNameFromDS: `Energy per ${label}`,
      description: `Joules used in each ${w.stepSeconds} s step divided by the ${label}s counted in it (empty where none were).`,
    },
  });
}
