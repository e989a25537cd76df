/** cloudTrend: the range against the previous range of equal length ("usage +50%, carbon +10%"). */
import { z } from 'zod';

import { column, defineQueryType, type OutputColumn } from './definition';
import { filtersText, join, methodologyText, sourceName, basisText } from './displayText';
import { accountingBasisField, billingSourceField, filtersField, methodologyField } from './fields';
import { defaultBillingSource } from './settingsSummary';

/** The measures compared; each comes as this range, the previous one and the growth between them. */
export const TREND_MEASURES = [
  ['vcpu_hours', 'vCPU-hours'],
  ['gb_months', 'GB-months'],
  ['cost', 'cost'],
  ['energy', 'facility kWh (IT energy × PUE)'],
  ['co2e', 'kg CO2e'],
  ['co2e_per_cost', 'kg CO2e per unit of currency'],
  ['co2e_per_vcpu_hour', 'kg CO2e per vCPU-hour'],
] as const;
export type TrendMeasure = (typeof TREND_MEASURES)[number][0];

const schema = z.object({
  queryType: z.literal('cloudTrend'),
  source: billingSourceField,
  methodology: methodologyField,
  /** GHG Protocol Scope 2 basis of the grid factor (docs/methodology.md section 6b). */
  accountingBasis: accountingBasisField,
  filters: filtersField,
});

export const cloudTrend = defineQueryType(schema)({
  family: 'billing',
  label: 'Cloud trend (this vs previous period)',
  description: 'Growth of usage, cost, energy and CO2e in the time range against the previous range of equal length',
  defaults: (settings) => ({
    queryType: 'cloudTrend',
    source: defaultBillingSource(settings),
    methodology: 'greenops',
  }),
  columns: TREND_MEASURES.flatMap(([name, what]): OutputColumn[] => [
    column(name, `This range: ${what}`),
    column(`${name}_previous`, `Previous range: ${what}`),
    column(`${name}_growth`, `Growth of ${what} (0.1 = +10 %)`),
  ]),
  displayText: (q) =>
    join(
      'Cloud trend',
      sourceName(q.source),
      'vs previous period',
      methodologyText(q.methodology),
      basisText(q.accountingBasis),
      filtersText(q.filters)
    ),
});
