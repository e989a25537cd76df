/**
 * Opens the Prometheus source of a datasource instance. The client and discovery modules load on
 * first use (as billing sources do in ../index.ts), and the instance keeps one source, so its
 * queries share the keep-alive connections; disposing the instance (a saved change) closes them.
 */
import { type DatasourceInstance, perInstance } from '../../core/instance';
import type { DataSourceSettings } from '../../core/settings';
import type { SourceHealth } from '../billingSource';
import type { DiscoveryRange, ExporterDiscovery } from './discovery';
import type { PromClient } from './promClient';
import type { PrometheusSourceImpl } from './prometheusSource';

export type { DiscoveryRange, ExporterDiscovery } from './discovery';
export type { CallOptions, PromClient } from './promClient';
export type { Labels, MatrixResult, PromResponse, QueryResult, VectorResult } from './promResponse';

export interface PrometheusSource {
  /** The client, for query modules. Throws a bad-query error when Prometheus is not configured. */
  client(): Promise<PromClient>;
  /** Exporters present (last hour unless `range`), their generations and the query types they enable. */
  discoverExporters(range?: DiscoveryRange, signal?: AbortSignal): Promise<ExporterDiscovery>;
  /** "Save & test": reachable, then the discovery summary. */
  checkHealth(): Promise<SourceHealth>;
}

export function isPrometheusConfigured(settings: DataSourceSettings): boolean {
  return !!settings.jsonData.prometheus?.url;
}

class LazyPrometheusSource implements PrometheusSource {
  #impl?: Promise<PrometheusSourceImpl>;

  constructor(private readonly instance: DatasourceInstance) {}

  async client(): Promise<PromClient> {
    return (await this.impl()).client;
  }

  async discoverExporters(range?: DiscoveryRange, signal?: AbortSignal): Promise<ExporterDiscovery> {
    return (await this.impl()).discover(range, signal);
  }

  async checkHealth(): Promise<SourceHealth> {
    return (await this.impl()).checkHealth();
  }

  private impl(): Promise<PrometheusSourceImpl> {
    if (!this.#impl) {
      this.#impl = import('./prometheusSource').then((m) => m.createPrometheusSource(this.instance));
      // Bad settings are reported on every call, not cached as a rejected promise forever.
      this.#impl.catch(() => (this.#impl = undefined));
    }
    return this.#impl;
  }

  /** Closes the client's keep-alive connections, once it has loaded. */
  close(): void {
    void this.#impl?.then(
      (impl) => impl.client.close(),
      () => undefined
    );
  }
}

const heldSource = perInstance(
  'Prometheus source',
  (instance) => new LazyPrometheusSource(instance),
  (source) => source.close()
);

export function openPrometheus(instance: DatasourceInstance): PrometheusSource {
  return instance.get(heldSource);
}
