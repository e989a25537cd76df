/** gridIntensity: gCO2e/kWh of the grid behind cloud regions, with the provider's PUE and each value's source and year. */
import { z } from 'zod';

import { CLOUD_PROVIDERS, RESULT_FORMATS } from '../vocabulary';
import { column, defineQueryType } from './definition';
import { join, list } from './displayText';

const schema = z.object({
  queryType: z.literal('gridIntensity'),
  /** Limit to one provider; all providers when absent. */
  provider: z.enum(CLOUD_PROVIDERS).optional(),
  /** Limit to these region ids (e.g. `eu-west-1`, `us-central1`, `westeurope`); all when absent or empty. */
  regions: z.array(z.string().trim().min(1, 'region ids cannot be empty')).optional(),
  /** Defaults to `table`. */
  format: z.enum(RESULT_FORMATS).optional(),
});

export const gridIntensity = defineQueryType(schema)({
  family: 'grid',
  label: 'Grid carbon intensity',
  description: 'gCO2e/kWh of the electricity grid behind cloud regions, with the source and year of each value',
  defaults: (settings) =>
    settings.defaultProvider
      ? { queryType: 'gridIntensity', format: 'table', provider: settings.defaultProvider }
      : { queryType: 'gridIntensity', format: 'table' },
  columns: [
    column('intensity', 'Grid carbon intensity, gCO2e/kWh'),
    column('pue', 'Power usage effectiveness of the region (table)'),
    column('year', 'Year of the intensity value (table)'),
  ],
  displayText: (q) =>
    join(
      'Grid intensity',
      q.provider ?? 'all providers',
      q.regions?.length ? list(q.regions) : 'all regions',
      q.format
    ),
});
