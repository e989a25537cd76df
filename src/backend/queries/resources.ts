/**
 * JSON routes the editors and dashboard variables call through CallResource
 * (`/api/datasources/uid/<uid>/resources/<path>`). Transport-free: the protocol layer maps these
 * results onto the gRPC stream. The lists live in ./resources/ (billing, Kubernetes); this module
 * only routes, checks the method and turns parameter and upstream errors into answers.
 */
import type { DatasourceInstance } from '../core/instance';
import { echo } from '../core/echo';
import { isPrometheusConfigured, openPrometheus } from '../sources';
import { servedQueryTypes } from './registry';
import type { BillingListOptions } from './resources/billingLists';
import { errorResult, ok, ParamError, rangeParam, type ResourceRequest, type ResourceResult } from './resources/http';
import { regionsRoute } from './resources/regionList';

export type { ListedValue, ResourceRequest, ResourceResult } from './resources/http';

/** Test seams passed to the routes that need them (Cost Explorer endpoint options, clocks). */
export type ResourceOptions = BillingListOptions;

type Route = (
  request: ResourceRequest,
  instance: DatasourceInstance,
  options: ResourceOptions
) => ResourceResult | Promise<ResourceResult>;

// The billing and Kubernetes lists (and the AWS SDK behind Cost Explorer's) load on first use.
const billing = () => import('./resources/billingLists');
const kubernetes = () => import('./resources/kubernetesLists');

const routes: Record<string, Route> = {
  'query-types': () => ok(servedQueryTypes()),
  /** Regions with grid data, optionally of one provider (`provider=`). */
  regions: regionsRoute,
  /** Cloud providers with grid data; with `source=`, those in that billing source's data instead. */
  providers: async (...args) => (await billing()).listProviders(...args),
  /** Accounts with usage in the billing source (`source=`, `from`/`to`, default last 30 days). */
  accounts: async (...args) => (await billing()).billingValues('account')(...args),
  /** Services with usage in the billing source, spelled as its filters expect. */
  services: async (...args) => (await billing()).billingValues('service')(...args),
  /** Namespaces any known exporter reports (`from`/`to`, default last 24 h). */
  namespaces: async (request, instance) => (await kubernetes()).listNamespaces(request, instance),
  /** Owner workloads, optionally in the namespaces matching the `namespace=` regex. */
  workloads: async (request, instance) => (await kubernetes()).listWorkloads(request, instance),
  nodes: async (request, instance) => (await kubernetes()).listNodes(request, instance),
  /** Scaphandre executables, optionally of processes in the namespaces matching `namespace=`. */
  processes: async (request, instance) => (await kubernetes()).listProcesses(request, instance),
  /** Exporters in the configured Prometheus and the query types they enable; `from`/`to` (epoch ms) optional. */
  exporters: async (request, instance) => {
    if (!isPrometheusConfigured(instance.settings)) {
      throw new ParamError(
        'Prometheus is not configured: add its URL in the datasource settings (Prometheus section) to discover exporters.'
      );
    }
    return ok(await openPrometheus(instance).discoverExporters(rangeParam(request.query)));
  },
};

const routePath = (path: string) => path.replace(/^\/+|\/+$/g, '');

export async function handleResource(
  request: ResourceRequest,
  instance: DatasourceInstance,
  options: ResourceOptions = {}
): Promise<ResourceResult> {
  const route = routes[routePath(request.path)];
  if (!route) {
    return {
      status: 404,
      body: { message: `No resource ${echo(request.path)}. Available: ${Object.keys(routes).join(', ')}.` },
    };
  }
  if (request.method.toUpperCase() !== 'GET') {
    return { status: 405, body: { message: `Resource "${request.path}" only answers GET.` } };
  }
  try {
    return await route(request, instance, options);
  } catch (err) {
    return errorResult(err);
  }
}
