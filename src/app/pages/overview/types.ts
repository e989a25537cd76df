import type { DataSourceInstanceSettings } from '@grafana/data';

import type { CarbonDataSourceOptions } from '../../../datasource/types';

/** What the overview reads of a GreenOps datasource: its id, name and non-secret settings. */
export type OverviewDatasource = Pick<
  DataSourceInstanceSettings<CarbonDataSourceOptions>,
  'uid' | 'type' | 'name' | 'jsonData'
>;
