/**
 * The Prometheus source of one datasource instance: its client (built from jsonData.prometheus and
 * the secrets, logging with the instance's logger), exporter discovery with a short cache (editors
 * and queries ask often; exporters change rarely) and "Save & test". Loaded lazily through ./index.ts.
 */
import type { SourceHealth } from '../billingSource';
import { badQuery } from '../../core/errors';
import type { DatasourceInstance } from '../../core/instance';
import type { Logger } from '../../core/logger';
import type { DataSourceSettings } from '../../core/settings';
import { discoverExporters, type DiscoveryRange, type ExporterDiscovery } from './discovery';
import { PromClient, type PromAuth, type PromClientOptions } from './promClient';

/** Discovery without an explicit range is reused this long. */
const DISCOVERY_TTL_MS = 60_000;

export class PrometheusSourceImpl {
  readonly client: PromClient;
  #discovery?: { at: number; result: Promise<ExporterDiscovery> };

  constructor(options: PromClientOptions) {
    this.client = new PromClient(options);
  }

  /** What the exporters are; without a range, the last hour, cached for a minute. */
  discover(range?: DiscoveryRange, signal?: AbortSignal): Promise<ExporterDiscovery> {
    if (range) {
      return discoverExporters(this.client, range, signal);
    }
    const now = Date.now();
    if (!this.#discovery || now - this.#discovery.at > DISCOVERY_TTL_MS) {
      const result = discoverExporters(this.client);
      this.#discovery = { at: now, result };
      // A failure is not remembered: the next call asks again.
      result.catch(() => {
        if (this.#discovery?.result === result) {
          this.#discovery = undefined;
        }
      });
    }
    return this.#discovery.result;
  }

  /**
   * Reachable (a trivial query, since buildinfo is not among the APIs used), then the exporters
   * found. Messages are scrubbed again: a failure that is not the client's own QueryError has not been.
   */
  async checkHealth(): Promise<SourceHealth> {
    const scrub = this.client.scrub;
    try {
      await this.client.query('1', Date.now());
    } catch (err) {
      return { ok: false, message: scrub((err as Error).message) };
    }
    try {
      const found = await discoverExporters(this.client);
      return { ok: true, message: scrub(`${this.client.url} is reachable. ${found.summary}`) };
    } catch (err) {
      return {
        ok: false,
        message: scrub(
          `${this.client.url} answers queries, but discovering exporters failed: ${(err as Error).message}`
        ),
      };
    }
  }
}

/** Client options from jsonData.prometheus and the secrets; errors say which setting to fix. */
export function clientOptionsFromSettings(settings: DataSourceSettings, logger: Logger): PromClientOptions {
  const prometheus = settings.jsonData.prometheus;
  if (!prometheus?.url) {
    throw badQuery('Prometheus is not configured: add its URL in the datasource settings (Prometheus section).');
  }
  return {
    url: prometheus.url,
    auth: authFromSettings(settings),
    ...customHeaders(settings),
    tlsSkipVerify: prometheus.tlsSkipVerify,
    caCert: settings.secrets.get('prometheusCaCert') || undefined,
    clientCert: settings.secrets.get('prometheusClientCert') || undefined,
    clientKey: settings.secrets.get('prometheusClientKey') || undefined,
    serverName: prometheus.tlsServerName,
    timeoutSeconds: prometheus.timeoutSeconds,
    seriesLimit: prometheus.seriesLimit,
    responseLimitBytes:
      prometheus.responseLimitMiB !== undefined ? prometheus.responseLimitMiB * 1024 * 1024 : undefined,
    logger,
  };
}

const HEADER_NAME_KEY = /^httpHeaderName(\d+)$/;

/**
 * Custom headers: named by jsonData.httpHeaderNameN with their values in the secure
 * httpHeaderValueN, as Grafana's HTTP datasources keep them; the plain jsonData.prometheus.headers
 * of the first settings shape still apply, below a secure header of the same name.
 */
export function customHeaders(settings: DataSourceSettings): {
  headers?: Record<string, string>;
  secretHeaders?: Record<string, string>;
} {
  const secretHeaders: Record<string, string> = {};
  const jsonData: Record<string, unknown> = { ...settings.jsonData };
  for (const [key, rawName] of Object.entries(jsonData)) {
    const index = HEADER_NAME_KEY.exec(key)?.[1];
    const name = typeof rawName === 'string' ? rawName.trim() : '';
    if (index === undefined || !name) {
      continue;
    }
    const value = settings.secrets.get(`httpHeaderValue${index}`) ?? '';
    if (/[\r\n]/.test(value)) {
      // The value is a secret: name the header, never quote it.
      throw badQuery(
        `The value of the custom header ${name} contains a line break: enter it again in the datasource settings.`
      );
    }
    secretHeaders[name] = value;
  }
  const secretNames = new Set(Object.keys(secretHeaders).map((n) => n.toLowerCase()));
  const legacy = Object.entries(settings.jsonData.prometheus?.headers ?? {}).filter(
    ([name]) => !secretNames.has(name.toLowerCase())
  );
  return {
    ...(legacy.length ? { headers: Object.fromEntries(legacy) } : {}),
    ...(secretNames.size ? { secretHeaders } : {}),
  };
}

function authFromSettings(settings: DataSourceSettings): PromAuth {
  const prometheus = settings.jsonData.prometheus!;
  switch (prometheus.authType ?? 'none') {
    case 'basic':
      if (!prometheus.basicAuthUser || !settings.secrets.has('prometheusPassword')) {
        throw badQuery(
          'Prometheus basic authentication needs a user and a password: set both in the datasource settings.'
        );
      }
      return { type: 'basic', user: prometheus.basicAuthUser, password: settings.secrets.get('prometheusPassword')! };
    case 'bearer':
      if (!settings.secrets.has('prometheusToken')) {
        throw badQuery('Prometheus bearer authentication needs a token: set it in the datasource settings.');
      }
      return { type: 'bearer', token: settings.secrets.get('prometheusToken')! };
    default:
      return { type: 'none' };
  }
}

export function createPrometheusSource(instance: DatasourceInstance): PrometheusSourceImpl {
  return new PrometheusSourceImpl(clientOptionsFromSettings(instance.settings, instance.log));
}
