/**
 * The app's GreenOps Carbon data sources and the datasource object its queries run through.
 *
 * Why not getDataSourceSrv().getList/get: both are deprecated in @grafana/runtime 13 in favour of
 * `@grafana/runtime/unstable` and `/internal`, which Grafana 11 and 12 (plugin.json allows >= 11) do not provide, so
 * importing them would break the app there. `config.datasources` is the boot data DataSourceSrv itself reads, in
 * every version; and the query runs through our own DataSourceWithBackend, built from those settings as Grafana
 * builds it for panels, so headers, template handling and the query service routing are Grafana's, not ours.
 */
import type { DataSourceInstanceSettings } from '@grafana/data';
import { config } from '@grafana/runtime';

import { CarbonDataSource } from '../../../datasource/datasource';
import type { CarbonDataSourceOptions } from '../../../datasource/types';
import { DATASOURCE_TYPE } from '../../constants';

export type CarbonSettings = DataSourceInstanceSettings<CarbonDataSourceOptions>;

const isCarbon = (d: DataSourceInstanceSettings): d is CarbonSettings => d.type === DATASOURCE_TYPE;

/** The GreenOps Carbon data sources the user may query, by name as Grafana's pickers list them. */
export function carbonDataSources(): CarbonSettings[] {
  return Object.values(config.datasources ?? {})
    .filter(isCarbon)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The data source the URL names, else the default one, else the first. */
export function pickDataSource(dataSources: CarbonSettings[], uid: string | null): CarbonSettings | undefined {
  return dataSources.find((d) => d.uid === uid) ?? dataSources.find((d) => d.isDefault) ?? dataSources[0];
}

const instances = new WeakMap<CarbonSettings, CarbonDataSource>();

/** One datasource object per settings object, as Grafana keeps one per data source. */
export function carbonDataSource(settings: CarbonSettings): CarbonDataSource {
  let ds = instances.get(settings);
  if (!ds) {
    ds = new CarbonDataSource(settings);
    instances.set(settings, ds);
  }
  return ds;
}
