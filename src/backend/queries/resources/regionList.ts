/**
 * `regions`: the cloud regions with grid intensity data, optionally of one provider (`provider=`).
 * Its own module, free of the billing and Prometheus sources, so the frontend tests can run the
 * editors against this very route.
 */
import { CLOUD_PROVIDERS, type CloudProvider, type RegionInfo } from '../../../datasource/types';
import { listRegions } from '../../../engine/gridIntensity';
import { echo } from '../../core/echo';
import { ok, ParamError, type ResourceRequest, type ResourceResult } from './http';

export function regionsRoute(request: ResourceRequest): ResourceResult {
  const provider = request.query.get('provider') || undefined;
  if (provider && !(CLOUD_PROVIDERS as readonly string[]).includes(provider)) {
    throw new ParamError(`Unknown provider ${echo(provider)}. Use one of: ${CLOUD_PROVIDERS.join(', ')}.`);
  }
  const regions: RegionInfo[] = listRegions(provider as CloudProvider | undefined).map((r) => ({
    provider: r.provider,
    region: r.region,
    location: r.location,
  }));
  return ok(regions);
}
