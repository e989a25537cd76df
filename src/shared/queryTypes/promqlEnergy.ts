/** promqlEnergy: any PromQL whose result is declared as power or energy, converted to energy and CO2e. */
import { z } from 'zod';

import { CLOUD_PROVIDERS, PROMQL_ENERGY_UNITS } from '../vocabulary';
import { column, defineQueryType } from './definition';
import { join, shorten } from './displayText';

const schema = z.object({
  queryType: z.literal('promqlEnergy'),
  expr: z.string().trim().min(1, 'enter a PromQL expression'),
  unit: z.enum(PROMQL_ENERGY_UNITS).default('watts'),
  /** Cloud region or grid zone whose intensity applies; the datasource's default region otherwise. */
  region: z.string().optional(),
  provider: z.enum(CLOUD_PROVIDERS).optional(),
});

export const promqlEnergy = defineQueryType(schema)({
  family: 'prometheus',
  label: 'PromQL energy (custom)',
  description: 'Any PromQL result declared as power or energy, converted to energy and CO2e',
  defaults: (settings) =>
    settings.defaultProvider
      ? { queryType: 'promqlEnergy', expr: '', unit: 'watts', provider: settings.defaultProvider }
      : { queryType: 'promqlEnergy', expr: '', unit: 'watts' },
  columns: [
    column(
      'power',
      'Watts as the expression measures them, taken as IT power, PUE not included (unit watts or microwatts, series)'
    ),
    column(
      'energy',
      'Joules as the expression measures them, taken as IT energy, PUE not included (unit joules or microjoules, series)'
    ),
    column('joules', 'Joules over the range, taken as IT energy, PUE not included (table)'),
    column('kWh', 'kWh over the range, taken as IT energy, PUE not included (table)'),
    column('co2e', 'Grams CO2e over the range: IT energy × PUE (facility) × grid (table)'),
    column('grid_intensity', 'Grid intensity applied, gCO2e/kWh (table)'),
    column('pue', 'PUE applied (table)'),
  ],
  displayText: (q) =>
    join(
      'PromQL energy',
      q.unit ?? 'watts',
      q.expr ? shorten(q.expr) : 'no expression',
      q.region && `region ${q.provider ? `${q.provider}:` : ''}${q.region}`
    ),
});
