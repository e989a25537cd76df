/**
 * The numbers a billing query can show, what each is called, and its Grafana unit. One table
 * keeps cloudEmissions' series and table and cloudTrend's columns consistent.
 */
import type { EmissionMetric } from '../../datasource/types';
import type { Totals } from '../../engine/aggregate';
import type { FieldConfig } from '../frames/frame';

export interface Measure {
  /** Field name in frames. */
  name: string;
  label: string;
  value: (totals: Totals) => number;
  unit: (currency: string) => string;
}

const KG_CO2E = 'suffix: kgCO2e';
/** Grafana's built-in currency units; others fall back to a suffix. */
const CURRENCY_UNITS = new Set(['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'INR', 'CNY', 'SEK', 'NOK', 'DKK', 'BRL']);

export function currencyUnit(currency: string): string {
  return CURRENCY_UNITS.has(currency) ? `currency${currency}` : `suffix: ${currency}`;
}

export const MEASURES: Record<string, Measure> = {
  co2e: { name: 'co2e', label: 'CO2e', value: (t) => t.co2eKg, unit: () => KG_CO2E },
  co2eLow: { name: 'co2e_low', label: 'CO2e (low)', value: (t) => t.co2eLowKg, unit: () => KG_CO2E },
  co2eHigh: { name: 'co2e_high', label: 'CO2e (high)', value: (t) => t.co2eHighKg, unit: () => KG_CO2E },
  energy: { name: 'energy', label: 'Energy', value: (t) => t.kWh, unit: () => 'kwatth' },
  embodied: { name: 'embodied', label: 'Embodied CO2e', value: (t) => t.embodiedKg, unit: () => KG_CO2E },
  cost: { name: 'cost', label: 'Cost', value: (t) => t.cost, unit: currencyUnit },
  vCpuHours: { name: 'vcpu_hours', label: 'vCPU-hours', value: (t) => t.vCpuHours, unit: () => 'suffix: vCPU-h' },
  gbMonths: { name: 'gb_months', label: 'GB-months', value: (t) => t.gbMonths, unit: () => 'suffix: GB-mo' },
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
  return displayName ? { unit: measure.unit(currency), displayNameFromDS: displayName } : { unit: measure.unit(currency) };
}
