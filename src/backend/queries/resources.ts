/**
 * JSON routes the editors call through CallResource (`/api/datasources/uid/<uid>/resources/<path>`).
 * Transport-free: the protocol layer maps these results onto the gRPC stream.
 */
import { CLOUD_PROVIDERS, CloudProvider, RegionInfo } from '../../datasource/types';
import { listRegions } from '../../engine/gridIntensity';
import { isPrometheusConfigured, openPrometheus } from '../sources';
import { QueryError } from './queryError';
import { servedQueryTypes } from './registry';
import type { DataSourceSettings } from './settings';

export interface ResourceRequest {
  method: string;
  /** Path without the leading slash, e.g. `regions`. */
  path: string;
  query: URLSearchParams;
}

export interface ResourceResult {
  status: number;
  body: unknown;
}

/** The namespace label of each exporter family, with a metric that carries it. */
const NAMESPACE_LABELS: Array<[string, string]> = [
  ['pod_namespace', 'kepler_pod_cpu_joules_total'],
  ['container_namespace', 'kepler_container_joules_total'],
  ['kubernetes_pod_namespace', 'scaph_process_power_consumption_microwatts'],
  ['namespace', 'kube_pod_info'],
  ['namespace', 'container_cpu_allocation'],
];

/** Routes get the datasource's settings; those that read Prometheus are async. */
type Route = (request: ResourceRequest, settings: DataSourceSettings) => ResourceResult | Promise<ResourceResult>;

const routes: Record<string, Route> = {
  'query-types': () => ({ status: 200, body: servedQueryTypes() }),
  regions: (request) => {
    const provider = request.query.get('provider') || undefined;
    if (provider && !(CLOUD_PROVIDERS as readonly string[]).includes(provider)) {
      return { status: 400, body: { message: `Unknown provider "${provider}". Use one of: ${CLOUD_PROVIDERS.join(', ')}.` } };
    }
    const regions: RegionInfo[] = listRegions(provider as CloudProvider | undefined).map((r) => ({
      provider: r.provider,
      region: r.region,
      location: r.location,
    }));
    return { status: 200, body: regions };
  },
  /** Namespaces any known exporter reports, for the editors' namespace pickers (`from`/`to`, default last 24 h). */
  namespaces: async (request, settings) => {
    if (!isPrometheusConfigured(settings)) {
      return { status: 400, body: { message: 'Prometheus is not configured: add its URL in the datasource settings.' } };
    }
    const range = rangeParam(request.query);
    if (typeof range === 'string') {
      return { status: 400, body: { message: range } };
    }
    const endMs = range?.toMs ?? Date.now();
    const startMs = range?.fromMs ?? endMs - 86_400_000;
    try {
      const client = await openPrometheus(settings).client();
      // Each exporter names the namespace label differently; one label-values call per name.
      const lists = await Promise.all(
        NAMESPACE_LABELS.map(([label, metric]) => client.labelValues(label, [metric], { startMs, endMs }).then((r) => r.data))
      );
      return { status: 200, body: [...new Set(lists.flat())].sort() };
    } catch (err) {
      if (err instanceof QueryError) {
        return { status: err.status, body: { message: err.message, source: err.source } };
      }
      throw err;
    }
  },
  /** Exporters in the configured Prometheus and the query types they enable; `from`/`to` (epoch ms) optional. */
  exporters: async (request, settings) => {
    if (!isPrometheusConfigured(settings)) {
      return {
        status: 400,
        body: { message: 'Prometheus is not configured: add its URL in the datasource settings (Prometheus section) to discover exporters.' },
      };
    }
    const range = rangeParam(request.query);
    if (typeof range === 'string') {
      return { status: 400, body: { message: range } };
    }
    try {
      return { status: 200, body: await openPrometheus(settings).discoverExporters(range) };
    } catch (err) {
      if (err instanceof QueryError) {
        return { status: err.status, body: { message: err.message, source: err.source } };
      }
      throw err;
    }
  },
};

/** Optional `from`/`to` in epoch ms; a message when they are unusable. */
function rangeParam(query: URLSearchParams): { fromMs: number; toMs: number } | undefined | string {
  const from = query.get('from');
  const to = query.get('to');
  if (!from && !to) {
    return undefined;
  }
  const fromMs = Number(from);
  const toMs = to ? Number(to) : Date.now();
  if (!from || !Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs >= toMs) {
    return `"from" and "to" must be epoch milliseconds with from before to, got from=${from ?? ''} to=${to ?? ''}.`;
  }
  return { fromMs, toMs };
}

const routePath = (path: string) => path.replace(/^\/+|\/+$/g, '');

export async function handleResource(request: ResourceRequest, settings: DataSourceSettings): Promise<ResourceResult> {
  const route = routes[routePath(request.path)];
  if (!route) {
    return { status: 404, body: { message: `No resource "${request.path}". Available: ${Object.keys(routes).join(', ')}.` } };
  }
  if (request.method.toUpperCase() !== 'GET') {
    return { status: 405, body: { message: `Resource "${request.path}" only answers GET.` } };
  }
  return route(request, settings);
}
