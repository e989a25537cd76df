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
}

/** An energy or CO2e sum, or null where no row behind it could be estimated. */
const known = (t: Totals, value: number): number | null => (energyUnknown(t) ? null : value);

export const MEASURES: Record<string, Measure> = {
  co2e: { name: 'co2e', label: 'CO2e', value: (t) => known(t, t.co2eKg), unit: () => UNIT.kgCO2e },
  co2eLow: { name: 'co2e_low', label: 'CO2e (low)', value: (t) => known(t, t.co2eLowKg), unit: () => UNIT.kgCO2e },
  co2eHigh: {
    name: 'co2e_high',
    label: 'CO2e (high)',
    value: (t) => known(t, t.co2eHighKg),
    unit: () => UNIT.kgCO2e,
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
  return displayName
    ? { unit: measure.unit(currency), displayNameFromDS: displayName }
    : { unit: measure.unit(currency) };
}
