/** Shared by the datasource tests; not bundled (nothing in the plugin imports it). */
import { DataSourceInstanceSettings, PluginType, ScopedVars } from '@grafana/data';

import { CarbonDataSource } from './datasource';
import type { CarbonDataSourceOptions } from './types';

/** A data source as Grafana creates one from its saved settings. */
export function makeDataSource(jsonData: CarbonDataSourceOptions = {}): CarbonDataSource {
  const settings = {
    id: 1,
    uid: 'carbon-uid',
    type: 'greenops-carbon-datasource',
    name: 'GreenOps Carbon',
    access: 'proxy',
    readOnly: false,
    jsonData,
    meta: { id: 'greenops-carbon-datasource', name: 'GreenOps Carbon', type: PluginType.datasource },
  } as unknown as DataSourceInstanceSettings<CarbonDataSourceOptions>;
  return new CarbonDataSource(settings);
}

/**
 * A stand-in for Grafana's TemplateSrv with the behaviour the datasource relies on: `$name` is replaced from
 * scopedVars first, then dashboard variables; a multi-value variable is passed to a format function as an array
 * and joined as `{a,b}` by the default format; unknown variables are left as they are.
 */
export function fakeTemplateSrv(dashboardVars: Record<string, string | string[]>) {
  return {
    getVariables: jest.fn(() => Object.keys(dashboardVars).map((name) => ({ name }))),
    replace: jest.fn((target?: string, scopedVars?: ScopedVars, format?: unknown) =>
      (target ?? '').replace(/\$(\w+)/g, (match, name: string) => {
        const value = scopedVars?.[name]?.value ?? dashboardVars[name];
        if (value === undefined) {
          return match;
        }
        if (typeof format === 'function') {
          return format(value);
        }
        return Array.isArray(value) ? `{${value.join(',')}}` : String(value);
      })
    ),
  };
}
