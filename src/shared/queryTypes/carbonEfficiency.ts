/** carbonEfficiency: CPU used over requested, and the energy and CO2e of requested-but-idle capacity. */
import { z } from 'zod';

import { column, defineQueryType } from './definition';
import { join, namespacesText } from './displayText';
import { namespacesField } from './fields';

const schema = z.object({
  queryType: z.literal('carbonEfficiency'),
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
    column('energy', 'Measured joules'),
    column('idleShare', 'Joules of node idle power shared by request'),
    column('wastedEnergy', 'Joules of requested-but-idle capacity'),
    column('wastedKWh', 'kWh of requested-but-idle capacity'),
    column('wastedCo2e', 'Grams CO2e of requested-but-idle capacity'),
  ],
  displayText: (q) => join('Carbon efficiency', namespacesText(q.namespaces) ?? 'all namespaces'),
});
