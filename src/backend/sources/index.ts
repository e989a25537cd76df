/**
 * Opens the billing source a query names, kept by the datasource instance. The SDK and Parquet
 * modules load on first use, not at start-up: together they add ~27 MB and ~70 ms, which a
 * datasource that only serves Prometheus or grid-intensity queries should not pay. Prometheus is
 * opened the same way, from ./prometheus.
 */
import type { BillingSource } from '../../datasource/types';
import { type DatasourceInstance, perInstance, type PerInstance } from '../core/instance';
import type { DataSourceSettings } from '../core/settings';
import type { BillingRequest, BillingResult, BillingSourceClient, SourceHealth } from './billingSource';

export { isPrometheusConfigured, openPrometheus } from './prometheus';
export type { PrometheusSource } from './prometheus';

type Loader = (instance: DatasourceInstance) => Promise<BillingSourceClient>;

const LOADERS: Record<BillingSource, Loader> = {
  awsCostExplorer: async (instance) => (await import('./aws/costExplorerSource')).createCostExplorerSource(instance),
  focus: async (instance) => (await import('./focus/focusSource')).createFocusSource(instance),
};

const HOURLY: Record<BillingSource, (settings: DataSourceSettings) => boolean> = {
  awsCostExplorer: (settings) => settings.jsonData.aws?.hourlyEnabled === true,
  focus: () => true,
};

class LazyBillingSource implements BillingSourceClient {
  #client?: Promise<BillingSourceClient>;

  constructor(
    private readonly kind: BillingSource,
    private readonly instance: DatasourceInstance
  ) {}

  get hourlyAvailable(): boolean {
    return HOURLY[this.kind](this.instance.settings);
  }

  async fetchUsage(request: BillingRequest): Promise<BillingResult> {
    return (await this.client()).fetchUsage(request);
  }

  async checkHealth(): Promise<SourceHealth> {
    return (await this.client()).checkHealth();
  }

  private client(): Promise<BillingSourceClient> {
    if (!this.#client) {
      this.#client = LOADERS[this.kind](this.instance);
      // A failed load (a module that did not load) is not kept: the next call tries again.
      this.#client.catch(() => (this.#client = undefined));
    }
    return this.#client;
  }
}

const heldSource = (kind: BillingSource): PerInstance<BillingSourceClient> =>
  perInstance(`billing source ${kind}`, (instance) => new LazyBillingSource(kind, instance));

const BILLING_SOURCES: Record<BillingSource, PerInstance<BillingSourceClient>> = {
  awsCostExplorer: heldSource('awsCostExplorer'),
  focus: heldSource('focus'),
};

export function openBillingSource(kind: BillingSource, instance: DatasourceInstance): BillingSourceClient {
  return instance.get(BILLING_SOURCES[kind]);
}
