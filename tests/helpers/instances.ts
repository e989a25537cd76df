/**
 * Datasource instances for tests that hold settings objects: one instance per settings object, as
 * the backend's instance manager keeps one per datasource version, so a test that runs several
 * queries with the same settings shares clients and caches between them as Grafana's would.
 */
import { DatasourceInstance } from '../../src/backend/core/instance';
import type { DataSourceSettings } from '../../src/backend/core/settings';

const instances = new WeakMap<DataSourceSettings, DatasourceInstance>();

export function instanceFor(settings: DataSourceSettings): DatasourceInstance {
  let instance = instances.get(settings);
  if (!instance) {
    instance = new DatasourceInstance(settings);
    instances.set(settings, instance);
  }
  return instance;
}
