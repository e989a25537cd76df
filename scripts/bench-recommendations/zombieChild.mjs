/**
 * The child processes of the zombieInstances case of scripts/bench-recommendations.mjs (forked by
 * startChild of bench-prometheus/child.mjs, which calls back into zombieChildMain):
 *
 * - `plugin` runs the bundled zombieInstances handler. Every request it sends goes through
 *   PromTransport.send, which is wrapped to record the request (path, form body) and when it was in
 *   flight; the union of those intervals is the time spent waiting on Prometheus (sending, Prometheus's
 *   work, receiving the body), the rest of the wall time is ours alone (parsing, joining, engine, frames).
 * - `raw` sends the recorded requests with plain fetch and parses the JSON answers, either in the
 *   handler's order (a request starts once every request that had finished before it started in
 *   the handler's run has finished: its stages, with the same concurrency inside a stage) or all at
 *   once (the lower bound no client can beat).
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

import { postRecorded } from '../bench-common.mjs';

/** Total length of the union of [start, end] intervals. */
export function unionMs(intervals) {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  let total = 0;
  let curStart = -Infinity;
  let curEnd = -Infinity;
  for (const { start, end } of sorted) {
    if (start > curEnd) {
      total += curEnd - curStart > 0 ? curEnd - curStart : 0;
      curStart = start;
      curEnd = end;
    } else if (end > curEnd) {
      curEnd = end;
    }
  }
  return total + (curEnd - curStart > 0 ? curEnd - curStart : 0);
}

/**
 * Each request's prerequisites: the requests that had finished before it started. Also the
 * number of stages (longest chain of prerequisites), which is how many round trips follow each other.
 */
export function scheduleOf(requests) {
  const deps = requests.map((r) => requests.flatMap((o, i) => (o.end <= r.start ? [i] : [])));
  const depth = [];
  const order = requests.map((_, i) => i).sort((a, b) => requests[a].start - requests[b].start);
  for (const i of order) {
    depth[i] = 1 + Math.max(0, ...deps[i].map((d) => depth[d]));
  }
  return { deps, stages: Math.max(0, ...depth) };
}

async function pluginSetup(msg) {
  const mod = createRequire(msg.bundle)(msg.bundle);
  const settings = {
    uid: 'bench-zombies',
    name: 'bench-zombies',
    jsonData: { prometheus: { url: msg.url, timeoutSeconds: 600 } },
    secrets: new mod.Secrets(),
    lastUpdatedMS: 1,
  };
  const handler = mod.zombieInstancesHandler;
  const query = handler.parse({ refId: 'A', ...msg.query });
  const request = {
    refId: 'A',
    query,
    timeRange: msg.timeRange,
    intervalMs: msg.intervalMs,
    maxDataPoints: msg.maxDataPoints,
    settings,
    instance: new mod.DatasourceInstance(settings),
  };
  // Discovery is cached per datasource for a minute (the evidence window is what it covers), as
  // on a refreshing dashboard: kept warm, untimed, before each run.
  const windowFrom = msg.timeRange.to - msg.query.windowDays * 86_400_000;
  const warmDiscovery = () => mod.discoverFor(request.instance, windowFrom, msg.timeRange.to);
  await warmDiscovery();

  let log;
  const send = mod.PromTransport.prototype.send;
  mod.PromTransport.prototype.send = function (raw, signal) {
    const entry = { path: raw.path, body: raw.params.toString(), start: performance.now(), end: NaN };
    log?.push(entry);
    return send.call(this, raw, signal).finally(() => (entry.end = performance.now()));
  };
  const run = async () => {
    await warmDiscovery();
    log = [];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const frames = await handler.run(request);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const requests = log;
    log = undefined;
    const waitMs = unionMs(requests);
    return { frames, requests, ms, waitMs, cpuMs: (cpu.user + cpu.system) / 1000, t0 };
  };
  return { run };
}

function rawSetup(msg) {
  const post = (r) => postRecorded(msg.url, r);
  const { deps } = scheduleOf(msg.requests);
  const runners = {
    concurrent: () => Promise.all(msg.requests.map(post)),
    ordered: () => {
      const done = [];
      const start = (i) => (done[i] ??= Promise.all(deps[i].map(start)).then(() => post(msg.requests[i])));
      return Promise.all(msg.requests.map((_, i) => start(i)));
    },
  };
  return {
    async run(mode) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await runners[mode]();
      const cpu = process.cpuUsage(cpu0);
      return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
    },
  };
}

/** The child's side: answers `setup` and `run` messages. */
export function zombieChildMain(role) {
  const gc = globalThis.gc ?? (() => {});
  let state;
  const reply = (m) => process.send(m);
  process.on('message', async (msg) => {
    try {
      if (msg.cmd === 'setup' && role === 'plugin') {
        state = await pluginSetup(msg);
        gc();
        // Warm-up run, untimed: its requests are what the raw client replays.
        const warm = await state.run();
        const frame = warm.frames[0];
        const exprs = (frame?.meta?.executedQueryString ?? '').split('\n\n').filter(Boolean);
        const rows = frame?.fields?.[0]?.values?.length ?? 0;
        const byKind = {};
        for (const k of frame?.fields?.find((f) => f.name === 'kind')?.values ?? []) {
          byKind[k] = (byKind[k] ?? 0) + 1;
        }
        const requests = warm.requests.map((r) => ({
          path: r.path,
          body: r.body,
          start: r.start - warm.t0,
          end: r.end - warm.t0,
        }));
        const inExecuted = requests.filter((r) => exprs.includes(new URLSearchParams(r.body).get('query'))).length;
        reply({
          ok: true,
          warmMs: warm.ms,
          exprs,
          requests,
          inExecuted,
          rows,
          byKind,
          notices: (frame?.meta?.notices ?? []).map((n) => n.text),
          stages: scheduleOf(requests).stages,
        });
      } else if (msg.cmd === 'setup' && role === 'raw') {
        state = rawSetup(msg);
        gc();
        const warm = await state.run('ordered');
        reply({ ok: true, warmMs: warm.ms });
      } else if (msg.cmd === 'run' && role === 'plugin') {
        gc();
        const r = await state.run();
        reply({ ok: true, ms: r.ms, waitMs: r.waitMs, cpuMs: r.cpuMs, requests: r.requests.length });
      } else if (msg.cmd === 'run' && role === 'raw') {
        gc();
        reply({ ok: true, ...(await state.run(msg.mode)) });
      }
    } catch (err) {
      reply({ ok: false, error: String(err?.stack ?? err) });
    }
  });
  reply({ ready: true });
}
