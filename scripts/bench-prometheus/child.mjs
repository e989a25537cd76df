/**
 * The child processes of scripts/bench-prometheus.mjs, one per side and case: `plugin` runs the
 * bundled handler (recording the requests it sends during its warm-up), `raw` sends those requests
 * straight to Prometheus with fetch. The parent talks to them over IPC (startChild).
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

import { postRecorded } from '../bench-common.mjs';

/** The child's side: answers `setup`, `run` and `memory` messages. */
export async function childMain(role) {
  const gc = globalThis.gc ?? (() => {});
  let state;
  const reply = (msg) => process.send(msg);
  const rssKiB = () => process.memoryUsage().rss / 1024;

  process.on('message', async (msg) => {
    try {
      if (msg.cmd === 'setup' && role === 'plugin') {
        const mod = createRequire(msg.bundle)(msg.bundle);
        const settings = {
          uid: 'bench',
          name: 'bench',
          // 7 days of 1,000 pods: OpenCost's cost integral takes longer than the default 30 s here.
          jsonData: { prometheus: { url: msg.url, defaultRegion: 'eu-west-1', timeoutSeconds: 600 } },
          secrets: new mod.Secrets(),
          lastUpdatedMS: 1,
        };
        const instance = new mod.DatasourceInstance(settings);
        const handler = mod[msg.case.handler];
        const timeRange = msg.timeRange;
        const warmDiscovery = () => mod.discoverFor(instance, timeRange.from, timeRange.to);
        await warmDiscovery();
        // Record what the handler sends over node:http (body written with end() or write()).
        const http = await import('node:http');
        const recorded = [];
        let recording = false;
        const origRequest = http.default.request;
        http.default.request = function (url, options, cb) {
          const req = origRequest.call(this, url, options, cb);
          if (recording) {
            const u = new URL(String(url));
            const entry = { method: options?.method ?? 'GET', path: u.pathname, search: u.search, body: '' };
            recorded.push(entry);
            const write = req.write.bind(req);
            const end = req.end.bind(req);
            req.write = (chunk, ...rest) => {
              if (chunk && typeof chunk !== 'function') {
                entry.body += chunk.toString();
              }
              return write(chunk, ...rest);
            };
            req.end = (chunk, ...rest) => {
              if (chunk && typeof chunk !== 'function') {
                entry.body += chunk.toString();
              }
              return end(chunk, ...rest);
            };
          }
          return req;
        };
        const c = msg.case;
        const run =
          c.kind === 'resource'
            ? () =>
                mod[c.route](
                  {
                    method: 'GET',
                    path: c.path,
                    query: new URLSearchParams({
                      from: String(timeRange.from),
                      to: String(timeRange.to),
                      ...c.params,
                    }),
                  },
                  instance
                ).then((result) => {
                  if (result.status !== 200) {
                    throw new Error(`${c.path}: HTTP ${result.status} ${JSON.stringify(result.body)}`);
                  }
                  return result;
                })
            : () =>
                handler.run({
                  refId: 'A',
                  query: handler.parse(c.query),
                  timeRange,
                  intervalMs: msg.intervalMs,
                  maxDataPoints: msg.maxDataPoints,
                  settings,
                  instance,
                });
        gc();
        const baseline = rssKiB();
        // Warm-up, recorded.
        recording = true;
        const t0 = performance.now();
        const answer = await run();
        const warmMs = performance.now() - t0;
        recording = false;
        http.default.request = origRequest;
        const frames = c.kind === 'resource' ? [] : answer;
        // A handler's requests: those behind its frames' executedQueryString; a route's: all of them.
        const executed = frames[0]?.meta?.executedQueryString ?? '';
        const exprs =
          c.kind === 'resource'
            ? recorded.map(
                (r) => new URLSearchParams(r.body).get('query') ?? `${r.path}${decodeURIComponent(r.search)}`
              )
            : executed.split('\n\n').filter(Boolean);
        const requests =
          c.kind === 'resource'
            ? recorded
            : recorded.filter((r) => {
                // Label-value lookups are named in prose ("label values of ..."): replayed as sent.
                const q = new URLSearchParams(r.body).get('query');
                return r.method === 'GET' || (q !== null && exprs.includes(q));
              });
        const listed = c.kind === 'resource' ? (answer.body?.length ?? 0) : undefined;
        const shape = frames.map((f) => ({ fields: f.fields?.length ?? 0, rows: f.fields?.[0]?.values?.length ?? 0 }));
        const notices = frames.flatMap((f) => f.meta?.notices ?? []).map((n) => n.text);
        state = { run, warmDiscovery, baseline };
        reply({
          ok: true,
          warmMs,
          exprs,
          requests,
          extra: recorded.length - requests.length,
          listed,
          shape,
          notices,
          baseline,
        });
      } else if (msg.cmd === 'setup' && role === 'raw') {
        const requests = msg.requests;
        const run = () => Promise.all(requests.map((r) => postRecorded(msg.url, r)));
        // One scan of the case's series: every sample read once, nothing joined.
        const scan = () => (msg.scan ? postRecorded(msg.url, msg.scan) : Promise.resolve());
        // Load fetch (undici) before the baseline, as discovery loads node:http on the plugin side.
        await (await fetch(`${msg.url}/api/v1/status/buildinfo`)).json();
        gc();
        const baseline = rssKiB();
        const t0 = performance.now();
        await run();
        state = { run, scan, hasScan: !!msg.scan, baseline };
        await scan();
        reply({ ok: true, warmMs: performance.now() - t0, baseline });
      } else if (msg.cmd === 'run') {
        if (state.warmDiscovery) {
          await state.warmDiscovery();
        }
        const t0 = performance.now();
        await state.run();
        reply({ ok: true, ms: performance.now() - t0 });
      } else if (msg.cmd === 'scan') {
        const t0 = performance.now();
        await state.scan();
        reply({ ok: true, ms: state.hasScan ? performance.now() - t0 : NaN });
      } else if (msg.cmd === 'memory') {
        reply({ ok: true, maxRssKiB: process.resourceUsage().maxRSS, baseline: state.baseline });
      }
    } catch (err) {
      reply({ ok: false, error: String(err?.stack ?? err) });
    }
  });
  reply({ ready: true });
}

/** Forks `script --child <role>` (which calls childMain) with --expose-gc; call() sends a message and awaits its answer. */
export function startChild(script, role) {
  const child = fork(script, ['--child', role], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  // The plugin's logger writes JSON lines to stderr (debug: one per request): keep only the rest.
  let partial = '';
  child.stderr.on('data', (chunk) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!/^\{.*"@level":"(debug|info)"/.test(line)) {
        process.stderr.write(`${line}\n`);
      }
    }
  });
  const pending = [];
  child.on('message', (m) => pending.shift()?.(m));
  const next = () => new Promise((resolve) => pending.push(resolve));
  const ready = next();
  return {
    ready,
    async call(msg) {
      const p = next();
      child.send(msg);
      const r = await p;
      if (r.ok === false) {
        throw new Error(`${role} child: ${r.error}`);
      }
      return r;
    },
    stop() {
      child.kill('SIGTERM');
    },
  };
}
