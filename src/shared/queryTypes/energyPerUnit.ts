/** energyPerUnit: Joules, gCO2e and the GSF's SCI per unit of work, a scope's energy over a user PromQL counter. */
import { z } from 'zod';

import { ENERGY_SCOPES, IDLE_POWER_MODES } from '../vocabulary';
import { column, defineQueryType } from './definition';
import { energyBoundaryField } from './fields';
import { join, shorten } from './displayText';

const schema = z.object({
  queryType: z.literal('energyPerUnit'),
  /** IT (default), facility, or measured: what the energy and kWh columns hold (docs/methodology.md §9). */
  energyBoundary: energyBoundaryField,
  scope: z.enum(ENERGY_SCOPES),
  /** Regex on the scope's label (namespace, pod, process exe, node); all when empty. */
  selector: z
    .string()
    .optional()
    .transform((s) => (s === undefined || s.trim() === '' ? '.*' : s)),
  /** PromQL counter of units of work, e.g. `sum(http_requests_total{job="api"})`. */
  unitQuery: z
    .string()
    .trim()
    .min(1, 'enter a PromQL counter of units of work, such as http_requests_total{job="api"}'),
  /**
   * Node idle energy in the namespace and pod scopes' energy (SCI's E): shared by CPU request or
   * usage, or left out. Absent: by request with kube-state-metrics, else by usage with cAdvisor.
   */
  idlePower: z.enum(IDLE_POWER_MODES).optional(),
  /** What one unit is called ("request", "token", "job"). */
  unitName: z
    .string()
    .optional()
    .transform((s) => s?.trim() || 'unit'),
});

export const energyPerUnit = defineQueryType(schema)({
  family: 'prometheus',
  label: 'Energy per unit of work',
  description:
    'Joules, gCO2e and SCI per request, token or job: energy and embodied emissions of a scope over a PromQL counter of work',
  defaults: () => ({
    queryType: 'energyPerUnit',
    scope: 'namespace',
    selector: '.*',
    unitQuery: '',
    unitName: 'request',
  }),
  columns: [
    column(
      'joules_per_unit',
      'Joules per unit of work, IT or facility as energyBoundary says (table total; also the series)'
    ),
    column('co2e_per_unit', 'Grams CO2e per unit of work: IT energy × PUE (facility) × grid'),
    column('joules', 'Joules of the scope, IT (whole server) or facility (× PUE) as energyBoundary says'),
    column('kWh', 'kWh of the scope, IT (whole server) or facility (× PUE) as energyBoundary says'),
    column('co2e', 'Grams CO2e of the scope: IT energy × PUE (facility) × grid'),
    column('units', 'Units of work counted'),
    column('gridFactor', 'gCO2e per kWh of the kWh column: grid × PUE for IT, grid alone for facility'),
    column('sci', 'SCI, gCO2e per unit: (E × I + M) per R (R is units)'),
    column('sci_E', "SCI's E: kWh with the scope's idle share, × PUE (facility)"),
    column('sci_I', "SCI's I: location-based grid intensity, gCO2e/kWh"),
    column('sci_O', "SCI's operational gCO2e, E × I"),
    column('sci_M', "SCI's embodied gCO2e, M = TE × (TiR/EL) × (RR/ToR)"),
  ],
  displayText: (q) =>
    join(
      'Energy per unit',
      `${q.scope ?? 'namespace'} ${q.selector ? shorten(q.selector) : '(no selector)'}`,
      `per ${q.unitName || 'unit'}`,
      q.unitQuery ? shorten(q.unitQuery) : 'no unit query'
    ),
});
