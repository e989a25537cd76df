/**
 * Opens the billing source a query names. The SDK and Parquet modules load on first use, not at
 * start-up: together they add ~27 MB and ~70 ms, which a datasource that only serves Prometheus
 * or grid-intensity queries should not pay. Prometheus is opened the same way, from ./prometheus.
 */
import type { BillingSource } from '../../datasource/types';
import type { DataSourceSettings } from '../core/settings';
import type { BillingRequest, BillingResult, BillingSourceClient, SourceHealth } from './billingSource';

export { isPrometheusConfigured, openPrometheus } from './prometheus';
export type { PrometheusSource } from './prometheus';

type Loader = (settings: DataSourceSettings) => Promise<BillingSourceClient>;

const LOADERS: Record<BillingSource, Loader> = {
  awsCostExplorer: async (settings) => (await import('./aws/costExplorerSource')).createCostExplorerSource(settings),
  focus: async (settings) => (await import('./focus/focusSource')).createFocusSource(settings),
};

const HOURLY: Record<BillingSource, (settings: DataSourceSettings) => boolean> = {
  awsCostExplorer: (settings) => settings.jsonData.aws?.hourlyEnabled === true,
  focus: () => true,
};

class LazyBillingSource implements BillingSourceClient {
  #client?: Promise<BillingSourceClient>;

  constructor(
    private readonly kind: BillingSource,
    private readonly settings: DataSourceSettings
  ) {}

  get hourlyAvailable(): boolean {
    return HOURLY[this.kind](this.settings);
  }

  async fetchUsage(request: BillingRequest): Promise<BillingResult> {
    return (await this.client()).fetchUsage(request);
  }

  async checkHealth(): Promise<SourceHealth> {
    return (await this.client()).checkHealth();
  }

  private client(): Promise<BillingSourceClient> {
    this.#client ??= LOADERS[this.kind](this.settings);
    return this.#client;
  }
}

export function openBillingSource(kind: BillingSource, settings: DataSourceSettings): BillingSourceClient {
  return new LazyBillingSource(kind, settings);
}
