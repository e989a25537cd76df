/**
 * The numbers a billing query can show, what each is called, and its Grafana unit. One table
 * keeps cloudEmissions' series and table and cloudTrend's columns consistent.
 */
import type { EmissionMetric } from '../../datasource/types';
import { energyUnknown, type Totals } from '../../engine/aggregate';
import type { FieldConfig } from '../frames/frame';
import { currencyUnit, UNIT } from '../frames/units';

export interface Measure {
  /** Field name in frames. */
  name: string;
  label: string;
  /** null: unknown (every row of the group unestimated), never 0 for it. */
  value: (totals: Totals) => number | null;
  unit: (currency: string) => string;
  /** Shown in Grafana's field description (the tooltip of a column header). */
  description?: string;
}

/** greenops states a 90 % interval; ccf has none (low = high = the estimate). */
const INTERVAL_TEXT = {
  low: 'Low end of the stated 90 % interval (5th percentile; greenops, docs/methodology.md section 4). Equals CO2e under ccf, which states no range.',
  high: 'High end of the stated 90 % interval (95th percentile; greenops, docs/methodology.md section 4). Equals CO2e under ccf, which states no range.',
};

/**
 * An energy or CO2e sum, or null where no row behind it could be estimated, or where a CO2e sum holds
 * a row the accounting basis has no factor for (NaN, engine/usage.ts): not available, never 0 or a partial sum.
 */
const known = (t: Totals, value: number): number | null => (energyUnknown(t) || Number.isNaN(value) ? null : value);

export const MEASURES: Record<string, Measure> = {
  co2e: { name: 'co2e', label: 'CO2e', value: (t) => known(t, t.co2eKg), unit: () => UNIT.kgCO2e },
  co2eLow: {
    name: 'co2e_low',
    label: 'CO2e (low)',
    value: (t) => known(t, t.co2eLowKg),
    unit: () => UNIT.kgCO2e,
    description: INTERVAL_TEXT.low,
  },
  co2eHigh: {
    name: 'co2e_high',
    label: 'CO2e (high)',
    value: (t) => known(t, t.co2eHighKg),
    unit: () => UNIT.kgCO2e,
    description: INTERVAL_TEXT.high,
  },
  // Billing energy includes PUE: facility energy (the query type's column description says so).
  energy: { name: 'energy', label: 'Energy', value: (t) => known(t, t.kWh), unit: () => UNIT.kWh },
  embodied: { name: 'embodied', label: 'Embodied CO2e', value: (t) => known(t, t.embodiedKg), unit: () => UNIT.kgCO2e },
  cost: { name: 'cost', label: 'Cost', value: (t) => t.cost, unit: currencyUnit },
  vCpuHours: { name: 'vcpu_hours', label: 'vCPU-hours', value: (t) => t.vCpuHours, unit: () => UNIT.vCpuHours },
  gbMonths: { name: 'gb_months', label: 'GB-months', value: (t) => t.gbMonths, unit: () => UNIT.gbMonths },
};

/** Which measures each requested metric shows; CO2e always comes with its low/high range. */
export const METRIC_MEASURES: Record<EmissionMetric, Measure[]> = {
  co2e: [MEASURES.co2e, MEASURES.co2eLow, MEASURES.co2eHigh],
  energy: [MEASURES.energy],
  embodied: [MEASURES.embodied],
  cost: [MEASURES.cost],
  usage: [MEASURES.vCpuHours, MEASURES.gbMonths],
};

export function measureConfig(measure: Measure, currency: string, displayName?: string): FieldConfig {
  return {
    unit: measure.unit(currency),
    ...(displayName ? { displayNameFromDS: displayName } : {}),
    ...(measure.description ? { description: measure.description } : {}),
  };
}
