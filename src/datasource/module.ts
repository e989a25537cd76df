import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { CarbonDataSource } from './datasource';
import { CarbonDataSourceOptions, CarbonQuery, CarbonSecureJsonData } from './types';

export const plugin = new DataSourcePlugin<
  CarbonDataSource,
  CarbonQuery,
  CarbonDataSourceOptions,
  CarbonSecureJsonData
>(CarbonDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
