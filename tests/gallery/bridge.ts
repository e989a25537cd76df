/**
 * The gallery's stand-in for Grafana's server: serves the harness page and answers the Grafana HTTP API
 * calls a plugin's frontend makes, by sending them to the packaged backend as Grafana would
 * (`/api/ds/query` as QueryData, `/api/datasources/uid/<uid>/resources/*` as CallResource,
 * `/api/datasources/uid/<uid>/health` as CheckHealth). Every API answer is logged, so the test can
 * fail on those the page asked for and did not get.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { arrowFrameToJSON } from './arrowJson';
import type { LiveBackend } from './backendClient';
import type { HarnessBundle } from './bundleHarness';

export interface ApiCall {
  method: string;
  url: string;
  status: number;
  /** The start of the answer, for failure messages. */
  excerpt: string;
}

export interface Bridge {
  url: string;
  calls: ApiCall[];
  close(): Promise<void>;
}

interface QueryBody {
  from?: string;
  to?: string;
  queries?: Array<Record<string, unknown>>;
}

const readBody = (req: http.IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.otf': 'font/otf',
};

/** Grafana's icons as @grafana/ui ships them; Grafana serves them under /public/build/img/icons/. */
const ICONS = path.join(path.dirname(require.resolve('@grafana/ui/package.json')), 'dist/public/img/icons');
/** Grafana's font (Inter) from Debian's fonts-inter, when installed; Grafana serves it as /public/fonts/inter/*.woff2. */
const INTER = '/usr/share/fonts/opentype/inter';

/** The file behind one of Grafana's static URLs, if this machine has it. */
export function staticFile(pathname: string): string | undefined {
  const icon = /^\/public\/build\/img\/icons\/([\w-]+\/[\w-]+\.svg)$/.exec(pathname);
  const font = /^\/public\/fonts\/inter\/(Inter-\w+)\.woff2$/.exec(pathname);
  const file = icon ? path.join(ICONS, icon[1]) : font ? path.join(INTER, `${font[1]}.otf`) : undefined;
  return file && fs.existsSync(file) ? file : undefined;
}

/** /api/ds/query: each query in its own QueryData call, answered as Grafana's JSON (400 when one failed, as Grafana). */
async function dsQuery(backend: LiveBackend, body: QueryBody): Promise<{ status: number; json: unknown }> {
  const from = Number(body.from ?? Date.now() - 6 * 3600_000);
  const to = Number(body.to ?? Date.now());
  const results: Record<string, unknown> = {};
  let status = 200;
  for (const q of body.queries ?? []) {
    const refId = String(q.refId ?? 'A');
    const responses = await backend.query([
      {
        refId,
        queryType: String(q.queryType ?? ''),
        json: q,
        from,
        to,
        intervalMs: Number(q.intervalMs ?? 60_000),
        maxDataPoints: Number(q.maxDataPoints ?? 1000),
      },
    ]);
    const r = responses[refId];
    if (!r) {
      results[refId] = { status: 500, error: 'no response for this refId' };
      status = 400;
      continue;
    }
    const frames = r.frames.map((f) => arrowFrameToJSON(new Uint8Array(f)));
    results[refId] = {
      status: r.status || 200,
      frames,
      ...(r.error ? { error: r.error, errorSource: r.errorSource } : {}),
    };
    if (r.error) {
      status = 400;
    }
  }
  return { status, json: { results } };
}

export async function startBridge(options: {
  backend: LiveBackend;
  bundle: HarnessBundle;
  uid: string;
  settings: unknown;
}): Promise<Bridge> {
  const { backend, bundle, uid, settings } = options;
  const calls: ApiCall[] = [];
  const resourcePrefix = `/api/datasources/uid/${uid}/resources/`;

  const handleApi = async (
    req: http.IncomingMessage,
    url: URL
  ): Promise<{ status: number; body: Buffer | string; type: string }> => {
    const json = (status: number, value: unknown) => ({
      status,
      body: JSON.stringify(value),
      type: 'application/json',
    });
    if (url.pathname === '/api/ds/query' && req.method === 'POST') {
      const r = await dsQuery(backend, JSON.parse((await readBody(req)).toString('utf8') || '{}'));
      return json(r.status, r.json);
    }
    if (url.pathname.startsWith(resourcePrefix)) {
      const pathAndQuery = url.pathname.slice(resourcePrefix.length) + url.search;
      const r = await backend.callResource(req.method ?? 'GET', pathAndQuery, await readBody(req));
      const type = r.headers['Content-Type']?.[0] ?? r.headers['content-type']?.[0] ?? 'application/json';
      return { status: r.code || 200, body: r.body, type };
    }
    if (url.pathname === `/api/datasources/uid/${uid}/health`) {
      const h = await backend.checkHealth();
      const status = h.status === 1 ? 'OK' : h.status === 2 ? 'ERROR' : 'UNKNOWN';
      // Grafana answers a failed check with 400 and the same body.
      return json(h.status === 1 ? 200 : 400, { status, message: h.message, details: h.details });
    }
    return json(404, { message: `the gallery bridge does not serve ${req.method} ${url.pathname}` });
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://gallery');
    if (url.pathname.startsWith('/api/')) {
      handleApi(req, url)
        .catch((e: Error) => ({ status: 502, body: JSON.stringify({ message: e.message }), type: 'application/json' }))
        .then((r) => {
          const text = typeof r.body === 'string' ? r.body : r.body.toString('utf8');
          calls.push({
            method: req.method ?? 'GET',
            url: url.pathname + url.search,
            status: r.status,
            excerpt: text.slice(0, 300),
          });
          res.writeHead(r.status, { 'Content-Type': r.type });
          res.end(r.body);
        });
      return;
    }
    if (url.pathname === '/gallery/settings.json') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(settings));
      return;
    }
    const file = bundle.files[url.pathname] ?? staticFile(url.pathname);
    if (file) {
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream',
      });
      fs.createReadStream(file).pipe(res);
      return;
    }
    if (url.pathname === '/gallery' || url.pathname.startsWith('/a/')) {
      // The page for every view; app pages at their own paths, as Grafana serves them.
      res.writeHead(200, { 'Content-Type': CONTENT_TYPES['.html'] });
      fs.createReadStream(bundle.files['/gallery/index.html']).pipe(res);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
