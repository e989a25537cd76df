import type { CarbonSettings } from '../shared/dataSources';

/** A GreenOps datasource's settings as Grafana's boot data has them (the overview also queries through it). */
export type OverviewDatasource = CarbonSettings;
