/** cloudEmissions: billing usage estimated to energy and CO2e, per time bucket and group, next to cost. */
import { z } from 'zod';

import { BILLING_GROUP_BY, EMISSION_METRICS, GRANULARITIES, RESULT_FORMATS } from '../vocabulary';
import { column, defineQueryType } from './definition';
import { filtersText, join, list, methodologyText, sourceName, basisText } from './displayText';
import { accountingBasisField, billingSourceField, filtersField, methodologyField } from './fields';
import { defaultBillingSource } from './settingsSummary';

const schema = z.object({
  queryType: z.literal('cloudEmissions'),
  source: billingSourceField,
  metrics: z.array(z.enum(EMISSION_METRICS)).min(1, 'choose at least one metric'),
  groupBy: z.array(z.enum(BILLING_GROUP_BY)).default([]),
  /** `auto`: hourly up to 2 days, daily up to 93 days, monthly beyond. */
  granularity: z.enum(GRANULARITIES).default('auto'),
  methodology: methodologyField,
  /** GHG Protocol Scope 2 basis of the grid factor (docs/methodology.md section 6b). */
  accountingBasis: accountingBasisField,
  filters: filtersField,
  format: z.enum(RESULT_FORMATS).default('timeseries'),
});

export const cloudEmissions = defineQueryType(schema)({
  family: 'billing',
  label: 'Cloud emissions (billing)',
  description:
    'Energy and CO2e estimated from billing usage (AWS Cost Explorer or FOCUS exports), with cost and usage, ' +
    'per time bucket and group',
  defaults: (settings) => ({
    queryType: 'cloudEmissions',
    source: defaultBillingSource(settings),
    metrics: ['co2e'],
    groupBy: ['service'],
    granularity: 'auto',
    methodology: 'greenops',
    format: 'timeseries',
  }),
  columns: [
    column('co2e', 'kg CO2e (metric co2e)'),
    column('co2e_low', 'kg CO2e, low end of the stated 90 % interval (greenops; = co2e under ccf) (metric co2e)'),
    column('co2e_high', 'kg CO2e, high end of the stated 90 % interval (greenops; = co2e under ccf) (metric co2e)'),
    column('energy', 'Facility kWh: IT energy × PUE, as the CO2e uses it (metric energy)'),
    column('embodied', 'Embodied kg CO2e (metric embodied)'),
    column('cost', 'Billed cost (metric cost)'),
    column('vcpu_hours', 'vCPU-hours (metric usage)'),
    column('gb_months', 'GB-months of storage (metric usage)'),
  ],
  displayText: (q) =>
    join(
      'Cloud emissions',
      sourceName(q.source),
      `${list(q.metrics) || 'no metric'}${q.groupBy?.length ? ` by ${list(q.groupBy)}` : ''}`,
      q.granularity ?? 'auto',
      methodologyText(q.methodology),
      basisText(q.accountingBasis),
      filtersText(q.filters)
    ),
});
