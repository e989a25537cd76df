/**
 * A local HTTP server on 127.0.0.1 that answers AWS SDK clients with recorded responses, so tests
 * drive the real SDK (signing, serialisation, error parsing) offline. Generic over services:
 *
 *  - JSON protocols (Cost Explorer, awsJson1_1) are routed on the `x-amz-target` header, e.g.
 *    `AWSInsightsIndexService.GetCostAndUsage`;
 *  - query protocols (STS) on the form body's `Action`, e.g. `AssumeRole`.
 *
 * Signatures are not checked. Every request is recorded (headers, body, parsed JSON or form).
 */
import fs from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The route key: x-amz-target, else the form's Action. */
  operation: string;
  json?: any;
  form?: URLSearchParams;
}

export interface ReplayResponse {
  status?: number;
  /** Objects are sent as JSON (application/x-amz-json-1.1), strings as they are (text/xml). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

/** One response for every call, a sequence (the last one repeats), or a function of the request. */
export type ReplayRoute =
  ReplayResponse | ReplayResponse[] | ((request: RecordedRequest) => ReplayResponse | Promise<ReplayResponse>);

export interface AwsReplayServer {
  /** `http://127.0.0.1:<port>`, for the client's `endpoint`. */
  url: string;
  requests: RecordedRequest[];
  route(operation: string, route: ReplayRoute): void;
  requestsFor(operation: string): RecordedRequest[];
  /** Forgets routes and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** An AWS JSON-protocol error as the service sends it (HTTP 400 unless told). */
export function awsJsonError(type: string, message: string, status = 400): ReplayResponse {
  return { status, body: { __type: type, Message: message } };
}

/** An AWS query-protocol (STS) error document. */
export function awsQueryError(code: string, message: string, status = 403): ReplayResponse {
  const body =
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>` +
    `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>replay</RequestId></ErrorResponse>`;
  return { status, body };
}

/** A JSON or text fixture from a folder (JSON is parsed). */
export function loadFixture(dir: string, name: string): any {
  const text = fs.readFileSync(path.join(dir, name), 'utf8');
  return name.endsWith('.json') ? JSON.parse(text) : text;
}

export async function startAwsReplayServer(routes: Record<string, ReplayRoute> = {}): Promise<AwsReplayServer> {
  const table = new Map<string, { route: ReplayRoute; calls: number }>();
  const requests: RecordedRequest[] = [];
  const route = (operation: string, r: ReplayRoute) => table.set(operation, { route: r, calls: 0 });
  Object.entries(routes).forEach(([op, r]) => route(op, r));

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body,
      operation: '',
    };
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string') {
      recorded.operation = target;
      recorded.json = body ? JSON.parse(body) : undefined;
    } else {
      recorded.form = new URLSearchParams(body);
      recorded.operation = recorded.form.get('Action') ?? '';
    }
    requests.push(recorded);

    const entry = table.get(recorded.operation);
    let response: ReplayResponse;
    if (!entry) {
      response = awsJsonError('UnknownOperationException', `replay server has no route for "${recorded.operation}"`);
    } else if (typeof entry.route === 'function') {
      response = await entry.route(recorded);
    } else if (Array.isArray(entry.route)) {
      response = entry.route[Math.min(entry.calls, entry.route.length - 1)];
    } else {
      response = entry.route;
    }
    if (entry) {
      entry.calls++;
    }
    if (response.delayMs) {
      // Stop waiting as soon as the client gives up, so no timer outlives the test.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, response.delayMs);
        res.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (res.destroyed || res.writableEnded) {
        return;
      }
    }
    const isText = typeof response.body === 'string';
    const payload =
      response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body);
    res.writeHead(response.status ?? 200, {
      'content-type': isText ? 'text/xml' : JSON_CONTENT_TYPE,
      'x-amzn-requestid': `replay-${requests.length}`,
      ...response.headers,
    });
    res.end(payload);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route,
    requestsFor: (operation) => requests.filter((r) => r.operation === operation),
    reset() {
      table.clear();
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
