/**
 * JSON routes the editors call through CallResource (`/api/datasources/uid/<uid>/resources/<path>`).
 * Transport-free: the protocol layer maps these results onto the gRPC stream.
 */
import { CLOUD_PROVIDERS, CloudProvider, RegionInfo } from '../../datasource/types';
import { listRegions } from '../../engine/gridIntensity';
import { servedQueryTypes } from './registry';

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

type Route = (request: ResourceRequest) => ResourceResult;

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
};

export function handleResource(request: ResourceRequest): ResourceResult {
  const route = routes[request.path.replace(/^\/+|\/+$/g, '')];
  if (!route) {
    return { status: 404, body: { message: `No resource "${request.path}". Available: ${Object.keys(routes).join(', ')}.` } };
  }
  if (request.method.toUpperCase() !== 'GET') {
    return { status: 405, body: { message: `Resource "${request.path}" only answers GET.` } };
  }
  return route(request);
}
