/** carbonEfficiency: CPU used over requested, and the energy and CO2e of requested-but-idle capacity. */
import { z } from 'zod';

import { column, defineQueryType } from './definition';
import { join, namespacesText } from './displayText';
import { energyBoundaryField, namespacesField } from './fields';

const schema = z.object({
  queryType: z.literal('carbonEfficiency'),
  /** IT (default), facility, or measured: what the energy and kWh columns hold (docs/methodology.md §9). */
  energyBoundary: energyBoundaryField,
  namespaces: namespacesField,
});

export const carbonEfficiency = defineQueryType(schema)({
  family: 'prometheus',
  label: 'Carbon efficiency (requested vs used)',
  description: 'CPU used over requested, and the energy and CO2e of requested-but-idle capacity',
  defaults: () => ({ queryType: 'carbonEfficiency' }),
  columns: [
    column('cpuUsed', 'CPU cores used (mean)'),
    column('cpuRequested', 'CPU cores requested (mean)'),
    column('efficiency', 'CPU used / requested'),
    column('energy', 'Joules, IT (whole server) or facility as energyBoundary says'),
    column('idleShare', 'Joules of node idle power shared by request, IT or facility as energyBoundary says'),
    column('wastedEnergy', 'Joules of requested-but-idle capacity, IT or facility as energyBoundary says'),
    column('wastedKWh', 'kWh of requested-but-idle capacity, IT or facility as energyBoundary says'),
    column('wastedCo2e', 'Grams CO2e of requested-but-idle capacity: IT energy × PUE (facility) × grid'),
  ],
  displayText: (q) => join('Carbon efficiency', namespacesText(q.namespaces) ?? 'all namespaces'),
});
