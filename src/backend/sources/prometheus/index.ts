/**
 * Opens the Prometheus source of a datasource. The client and discovery modules load on first use
 * (as billing sources do in ../index.ts), and one source is kept per settings object: the settings
 * cache hands out one object per datasource version, so queries share the keep-alive connections,
 * and a saved change (a new object) gets a new client while the old one is garbage-collected.
 */
import type { SourceHealth } from '../billingSource';
import type { DataSourceSettings } from '../../core/settings';
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

  constructor(private readonly settings: DataSourceSettings) {}

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
      this.#impl = import('./prometheusSource').then((m) => m.createPrometheusSource(this.settings));
      // Bad settings are reported on every call, not cached as a rejected promise forever.
      this.#impl.catch(() => (this.#impl = undefined));
    }
    return this.#impl;
  }
}

const sources = new WeakMap<DataSourceSettings, PrometheusSource>();

export function openPrometheus(settings: DataSourceSettings): PrometheusSource {
  let source = sources.get(settings);
  if (!source) {
    source = new LazyPrometheusSource(settings);
    sources.set(settings, source);
  }
  return source;
}
