/**
 * JSON routes the editors and dashboard variables call through CallResource
 * (`/api/datasources/uid/<uid>/resources/<path>`). Transport-free: the protocol layer maps these
 * results onto the gRPC stream. The lists live in ./resources/ (billing, Kubernetes); this module
 * only routes, checks the method and turns parameter and upstream errors into answers.
 */
import { isPrometheusConfigured, openPrometheus } from '../sources';
import { servedQueryTypes } from './registry';
import { billingValues, listProviders, type BillingListOptions } from './resources/billingLists';
import { errorResult, ok, ParamError, rangeParam, type ResourceRequest, type ResourceResult } from './resources/http';
import { listNamespaces, listNodes, listProcesses, listWorkloads } from './resources/kubernetesLists';
import { regionsRoute } from './resources/regionList';
import type { DataSourceSettings } from './settings';

export type { ListedValue, ResourceRequest, ResourceResult } from './resources/http';

/** Test seams passed to the routes that need them (Cost Explorer endpoint options, clocks). */
export type ResourceOptions = BillingListOptions;

type Route = (
  request: ResourceRequest,
  settings: DataSourceSettings,
  options: ResourceOptions
) => ResourceResult | Promise<ResourceResult>;

const routes: Record<string, Route> = {
  'query-types': () => ok(servedQueryTypes()),
  /** Regions with grid data, optionally of one provider (`provider=`). */
  regions: regionsRoute,
  /** Cloud providers with grid data; with `source=`, those in that billing source's data instead. */
  providers: listProviders,
  /** Accounts with usage in the billing source (`source=`, `from`/`to`, default last 30 days). */
  accounts: billingValues('account'),
  /** Services with usage in the billing source, spelled as its filters expect. */
  services: billingValues('service'),
  /** Namespaces any known exporter reports (`from`/`to`, default last 24 h). */
  namespaces: listNamespaces,
  /** Owner workloads, optionally in the namespaces matching the `namespace=` regex. */
  workloads: listWorkloads,
  nodes: listNodes,
  /** Scaphandre executables, optionally of processes in the namespaces matching `namespace=`. */
  processes: listProcesses,
  /** Exporters in the configured Prometheus and the query types they enable; `from`/`to` (epoch ms) optional. */
  exporters: async (request, settings) => {
    if (!isPrometheusConfigured(settings)) {
      throw new ParamError(
        'Prometheus is not configured: add its URL in the datasource settings (Prometheus section) to discover exporters.'
      );
    }
    return ok(await openPrometheus(settings).discoverExporters(rangeParam(request.query)));
  },
};

const routePath = (path: string) => path.replace(/^\/+|\/+$/g, '');

export async function handleResource(
  request: ResourceRequest,
  settings: DataSourceSettings,
  options: ResourceOptions = {}
): Promise<ResourceResult> {
  const route = routes[routePath(request.path)];
  if (!route) {
    return {
      status: 404,
      body: { message: `No resource "${request.path}". Available: ${Object.keys(routes).join(', ')}.` },
    };
  }
  if (request.method.toUpperCase() !== 'GET') {
    return { status: 405, body: { message: `Resource "${request.path}" only answers GET.` } };
  }
  try {
    return await route(request, settings, options);
  } catch (err) {
    return errorResult(err);
  }
}
