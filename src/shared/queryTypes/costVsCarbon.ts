/** costVsCarbon: OpenCost cost next to measured CO2e, with shares and a divergence index. */
import { z } from 'zod';

import { COST_CARBON_GROUP_BY } from '../vocabulary';
import { column, defineQueryType } from './definition';
import { join, namespacesText } from './displayText';
import { energyBoundaryField, namespacesField } from './fields';

const schema = z.object({
  queryType: z.literal('costVsCarbon'),
  /** IT (default), facility, or measured: what the energy and kWh columns hold (docs/methodology.md §9). */
  energyBoundary: energyBoundaryField,
  groupBy: z.enum(COST_CARBON_GROUP_BY),
  namespaces: namespacesField,
});

export const costVsCarbon = defineQueryType(schema)({
  family: 'prometheus',
  label: 'Cost vs carbon (OpenCost)',
  description: 'OpenCost cost next to measured CO2e per namespace, node or region, with shares and a divergence index',
  defaults: () => ({ queryType: 'costVsCarbon', groupBy: 'namespace' }),
  columns: [
    column('cost', 'OpenCost cost, USD'),
    column('co2e', 'Grams CO2e: IT energy × PUE (facility energy) × grid intensity'),
    column('kWh', 'kWh, IT (whole server) or facility (× PUE) as energyBoundary says'),
    column('costShare', 'Share of the total cost'),
    column('carbonShare', 'Share of the total CO2e'),
    column('divergence', 'Share of CO2e − share of cost (−1 to 1)'),
  ],
  displayText: (q) => join('Cost vs carbon', `by ${q.groupBy ?? 'namespace'}`, namespacesText(q.namespaces)),
});
