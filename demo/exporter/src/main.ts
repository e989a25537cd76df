/**
 * The demo exporter: `GET /metrics` serves every exporter of the fictional cluster at this moment
 * (port 9105, or DEMO_EXPORTER_PORT). SCRAPE_INTERVAL_SECONDS (default 30) must match Prometheus's
 * scrape interval: a stopped pod is shown as terminated for that long, so one scrape sees it.
 */
import http from 'node:http';

import { createDemoRegistry } from './registry';

const port = Number(process.env.DEMO_EXPORTER_PORT ?? 9105);
const intervalS = Number(process.env.SCRAPE_INTERVAL_SECONDS ?? 30);
const demo = createDemoRegistry({ intervalS });

const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  if (path === '/-/healthy') {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
    return;
  }
  if (path !== '/metrics') {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('see /metrics\n');
    return;
  }
  demo.render(Date.now() / 1000).then(
    (text) => res.writeHead(200, { 'Content-Type': demo.registry.contentType }).end(text),
    (err: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${String(err)}\n`)
  );
});

server.listen(port, () => process.stderr.write(`demo exporter on :${port}/metrics\n`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
