/** CallResource: maps the editors' HTTP-style calls onto the JSON routes in queries/resources.ts. */
import { handleResource } from '../queries/resources';
import type { Logger } from './logger';
import type { CallResourceRequestMessage, CallResourceResponseMessage } from './messages';

export class ResourceService {
  constructor(private readonly log: Logger) {}

  callResource(request: CallResourceRequestMessage): CallResourceResponseMessage {
    const queryString = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    try {
      const result = handleResource({
        method: request.method || 'GET',
        path: request.path,
        query: new URLSearchParams(queryString),
      });
      return jsonResponse(result.status, result.body);
    } catch (err) {
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
