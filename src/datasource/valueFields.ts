/**
 * The number fields each query type's frames can hold, for the "Single value" picker (`valueField`). Field names are
 * the backend handlers' (src/backend/queries/**); tests/queries/valueFields.test.ts checks this list against the
 * handlers' source and against the frames they return, so a renamed field cannot be offered here.
 */
import type { QueryType } from './types';

export interface ValueFieldInfo {
  name: string;
  /** When the field is there, if not always, and what it measures. */
  description: string;
}

const f = (name: string, description: string): ValueFieldInfo => ({ name, description });

/** cloudTrend's columns: each comes as this range, the previous one, and the growth between them. */
const TREND_COLUMNS: Array<[string, string]> = [
  ['vcpu_hours', 'vCPU-hours'],
  ['gb_months', 'GB-months'],
  ['cost', 'cost'],
  ['energy', 'kWh'],
  ['co2e', 'kg CO2e'],
  ['co2e_per_cost', 'kg CO2e per unit of currency'],
  ['co2e_per_vcpu_hour', 'kg CO2e per vCPU-hour'],
];

export const VALUE_FIELDS: Record<QueryType, readonly ValueFieldInfo[]> = {
  gridIntensity: [
    f('intensity', 'Grid carbon intensity, gCO2e/kWh'),
    f('pue', 'Power usage effectiveness of the region (table)'),
    f('year', 'Year of the intensity value (table)'),
  ],
  cloudEmissions: [
    f('co2e', 'kg CO2e (metric co2e)'),
    f('co2e_low', 'kg CO2e, low end of the range (metric co2e)'),
    f('co2e_high', 'kg CO2e, high end of the range (metric co2e)'),
    f('energy', 'kWh (metric energy)'),
    f('embodied', 'Embodied kg CO2e (metric embodied)'),
    f('cost', 'Billed cost (metric cost)'),
    f('vcpu_hours', 'vCPU-hours (metric usage)'),
    f('gb_months', 'GB-months of storage (metric usage)'),
  ],
  cloudTrend: TREND_COLUMNS.flatMap(([name, what]) => [
    f(name, `This range: ${what}`),
    f(`${name}_previous`, `Previous range: ${what}`),
    f(`${name}_growth`, `Growth of ${what} (0.1 = +10 %)`),
  ]),
  namespaceEnergy: [
    f('power', 'Watts (metric power, series)'),
    f('energy', 'Joules (metrics energy and co2e)'),
    f('kWh', 'kWh (metrics energy and co2e)'),
    f('cpu', 'Joules measured on the CPU (metric energy)'),
    f('gpu', 'Joules measured on GPUs, with DCGM (metric energy)'),
    f('idle', 'Joules of node idle power shared out (metric energy, idle power not excluded)'),
    f('co2e', 'Grams CO2e (metric co2e)'),
    f('gridFactor', 'gCO2e per kWh at the server: grid intensity × PUE (metric co2e)'),
  ],
  processPower: [
    f('power', 'Watts per process and host (metric power, series)'),
    f('joules', 'Joules per process (metric energy); of leaking processes when any'),
    f('kWh', 'kWh per process (metric energy)'),
    f('host_joules', 'Joules of the whole host (metric energy)'),
    f('processes_joules', 'Joules of all processes of the host (metric energy)'),
    f('unattributed_joules', 'Host joules no process accounts for (metric energy)'),
    f('unattributed_share', 'Share of host energy no process accounts for (metric energy)'),
    f('cpu_percent', 'CPU % of a process that never idles (energy leaks)'),
    f('watts', 'Watts burnt by a process that never idles (energy leaks)'),
  ],
  costVsCarbon: [
    f('cost', 'OpenCost cost, USD'),
    f('co2e', 'Grams CO2e'),
    f('kWh', 'kWh'),
    f('costShare', 'Share of the total cost'),
    f('carbonShare', 'Share of the total CO2e'),
    f('divergence', 'Share of CO2e − share of cost (−1 to 1)'),
  ],
  carbonEfficiency: [
    f('cpuUsed', 'CPU cores used (mean)'),
    f('cpuRequested', 'CPU cores requested (mean)'),
    f('efficiency', 'CPU used / requested'),
    f('energy', 'Measured joules'),
    f('idleShare', 'Joules of node idle power shared by request'),
    f('wastedEnergy', 'Joules of requested-but-idle capacity'),
    f('wastedKWh', 'kWh of requested-but-idle capacity'),
    f('wastedCo2e', 'Grams CO2e of requested-but-idle capacity'),
  ],
  energyPerUnit: [
    f('joules_per_unit', 'Joules per unit of work (table total; also the series)'),
    f('co2e_per_unit', 'Grams CO2e per unit of work'),
    f('joules', 'Joules of the scope'),
    f('kWh', 'kWh of the scope'),
    f('co2e', 'Grams CO2e of the scope'),
    f('units', 'Units of work counted'),
    f('gridFactor', 'gCO2e per kWh at the server: grid intensity × PUE'),
  ],
  promqlEnergy: [
    f('power', 'Watts (unit watts or microwatts, series)'),
    f('energy', 'Joules (unit joules or microjoules, series)'),
    f('joules', 'Joules over the range (table)'),
    f('kWh', 'kWh over the range (table)'),
    f('co2e', 'Grams CO2e over the range (table)'),
    f('grid_intensity', 'Grid intensity applied, gCO2e/kWh (table)'),
    f('pue', 'PUE applied (table)'),
  ],
  zombieInstances: [
    f('count', 'Idle resources per kind (format summary)'),
    f('monthlyCost', 'Cost wasted per month'),
    f('monthlyKWh', 'kWh wasted per month'),
    f('monthlyKgCO2e', 'kg CO2e wasted per month'),
    f('monthlyKgCO2eLow', 'kg CO2e per month, low end (format table)'),
    f('monthlyKgCO2eHigh', 'kg CO2e per month, high end (format table)'),
    f('windowKWh', 'kWh in the evidence window (format table)'),
    f('windowKgCO2e', 'kg CO2e in the evidence window (format table)'),
    f('peakCpuPercent', 'Peak CPU % (format table)'),
    f('avgCpuPercent', 'Mean CPU % (format table)'),
    f('networkBytesPerDay', 'Network bytes per day (format table)'),
    f('windowDays', 'Days of evidence (format table)'),
    f('idleDays', 'Days idle (format table)'),
  ],
  cloudRecommendations: [
    f('count', 'Recommendations per kind (format summary)'),
    f('monthlyKgCO2eSaved', 'kg CO2e saved per month'),
    f('monthlyKWhSaved', 'kWh saved per month'),
    f('monthlyCostSaved', 'Cost saved per month'),
    f('currentMonthlyKWh', 'kWh per month now (format table)'),
    f('currentMonthlyKgCO2e', 'kg CO2e per month now (format table)'),
    f('projectedMonthlyKWh', 'kWh per month after the change (format table)'),
    f('projectedMonthlyKgCO2e', 'kg CO2e per month after the change (format table)'),
  ],
};
