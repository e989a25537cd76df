/** cloudRecommendations: region switch and rightsizing, ranked by CO2e saved. */
import { z } from 'zod';

import { RECOMMENDATION_FORMATS, RECOMMENDATION_KINDS } from '../vocabulary';
import { column, defineQueryType } from './definition';
import { filtersText, join, list, methodologyText, sourceName } from './displayText';
import { billingSourceField, filtersField, methodologyField } from './fields';

const KIND_NAMES: Record<string, string> = { regionSwitch: 'region switch', rightsizing: 'rightsizing' };

const schema = z.object({
  queryType: z.literal('cloudRecommendations'),
  /** Kinds to return; all that the configured sources support when absent or empty. */
  kinds: z
    .array(
      z.enum(RECOMMENDATION_KINDS, {
        errorMap: () => ({ message: `kinds must be among ${RECOMMENDATION_KINDS.join(', ')}` }),
      })
    )
    .default([]),
  /** Billing usage for region switch; the first configured billing source when absent. */
  source: billingSourceField.optional(),
  methodology: methodologyField,
  filters: filtersField,
  format: z
    .enum(RECOMMENDATION_FORMATS, {
      errorMap: () => ({ message: `format must be one of ${RECOMMENDATION_FORMATS.join(', ')}` }),
    })
    .default('table'),
});

export const cloudRecommendations = defineQueryType(schema)({
  family: 'recommendations',
  label: 'Carbon recommendations',
  description: 'Region switches and rightsizing ranked by CO2e saved, with the kWh and cost saved per month',
  defaults: () => ({ queryType: 'cloudRecommendations', methodology: 'greenops', format: 'table' }),
  columns: [
    column('count', 'Recommendations per kind (format summary)'),
    column('monthlyKgCO2eSaved', 'kg CO2e saved per month'),
    column('monthlyKWhSaved', 'kWh saved per month'),
    column('monthlyCostSaved', 'Cost saved per month'),
    column('currentMonthlyKWh', 'kWh per month now (format table)'),
    column('currentMonthlyKgCO2e', 'kg CO2e per month now (format table)'),
    column('projectedMonthlyKWh', 'kWh per month after the change (format table)'),
    column('projectedMonthlyKgCO2e', 'kg CO2e per month after the change (format table)'),
  ],
  displayText: (q) =>
    join(
      'Cloud recommendations',
      q.kinds?.length ? list(q.kinds.map((k) => KIND_NAMES[k] ?? k)) : 'all kinds',
      sourceName(q.source),
      methodologyText(q.methodology),
      filtersText(q.filters),
      q.format ?? 'table'
    ),
});
