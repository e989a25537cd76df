/** CallResource: maps the editors' HTTP-style calls onto the JSON routes in queries/resources.ts. */
import { handleResource } from '../queries/resources';
import type { Logger } from '../core/logger';
import type { CallResourceRequestMessage, CallResourceResponseMessage } from './messages';
import type { InstanceManager } from '../core/instance';
import { resolveInstance, SettingsError } from './settings';

export class ResourceService {
  constructor(
    private readonly instances: InstanceManager,
    private readonly log: Logger
  ) {}

  async callResource(request: CallResourceRequestMessage): Promise<CallResourceResponseMessage> {
    const queryString = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    try {
      const instance = resolveInstance(this.instances, request.pluginContext);
      const result = await instance.use((inst) =>
        handleResource(
          { method: request.method || 'GET', path: request.path, query: new URLSearchParams(queryString) },
          inst
        )
      );
      return jsonResponse(result.status, result.body);
    } catch (err) {
      if (err instanceof SettingsError) {
        return jsonResponse(400, { message: err.message });
      }
      this.log.error('resource call crashed', { path: request.path, error: err });
      return jsonResponse(500, { message: `Internal error in resource "${request.path}": ${(err as Error).message}` });
    }
  }
}

function jsonResponse(code: number, body: unknown): CallResourceResponseMessage {
  return {
    code,
    headers: { 'Content-Type': { values: ['application/json'] } },
    body: Buffer.from(JSON.stringify(body)),
  };
}
