/**
 * Local HTTP(S) servers that misbehave on purpose, for the Prometheus client's failure tests: each
 * records the requests it got and answers through a handler the test writes.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
export type Handler = (req: Recorded, res: http.ServerResponse) => void;

export interface LocalServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1; `started` collects it so the suite can close them all. */
export async function serve(
  started: LocalServer[],
  handler: Handler,
  tls?: { key: string; cert: string }
): Promise<LocalServer> {
  const requests: Recorded[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      handler(recorded, res);
    });
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const local: LocalServer = {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  started.push(local);
  return local;
}

/** Answers every request with `status` and `body` as JSON. */
export const json =
  (status: number, body: unknown): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
