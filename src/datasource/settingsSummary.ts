/**
 * What the defaults and editors need to know of the datasource settings, read from `jsonData`. The
 * SettingsSummary type is the shared model's (src/shared/queryTypes/definition.ts): the query type
 * definitions take it in `defaults(settings)`.
 */
import type { SettingsSummary } from '../shared/queryTypes/definition';
import type { CarbonDataSourceOptions } from './types';

export type { SettingsSummary };

export function summariseSettings(jsonData?: CarbonDataSourceOptions): SettingsSummary {
  return {
    defaultProvider: jsonData?.defaultProvider,
    billingSources: {
      awsCostExplorer: Boolean(jsonData?.aws),
      // The config editor may leave blank rows behind; they point at nothing.
      focus: (jsonData?.focus?.paths ?? []).some((p) => typeof p === 'string' && p.trim() !== ''),
    },
    hourlyEnabled: Boolean(jsonData?.aws?.hourlyEnabled),
    prometheus: typeof jsonData?.prometheus?.url === 'string' && jsonData.prometheus.url.trim() !== '',
  };
}
