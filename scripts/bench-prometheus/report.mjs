/**
 * Report formatting of scripts/bench-prometheus.mjs: one case's numbers from its runs, its console
 * line, and the markdown section written into docs/benchmarks.md.
 */
import { INTERVAL_MS, MAX_DATA_POINTS, SLOW_MS, TARGET } from './cases.mjs';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
export const fmtMiB = (kib) => (kib / 1024).toFixed(1);
/** The scan's median and the plugin's time over it, or a dash without series to scan. */
const fmtScan = (r) => (Number.isFinite(r.scanMed) ? `${fmtMs(r.scanMed)} ms (×${r.scanRatio.toFixed(2)})` : '—');
/** Under TARGET × raw, or within NOISE_MS of it (a route answering in milliseconds). */
const NOISE_MS = 10;
const passes = (r) => r.ratio <= TARGET || r.pluginMed - r.rawMed <= NOISE_MS;
/** Within the time goal: the case's own (costVsCarbon: 3 s) or SLOW_MS. */
const goalOf = (r) => r.goalMs ?? SLOW_MS;
/** Frame shapes, identical ones counted: `20 × (2 fields × 999 rows)`. */
export const shapes = (list) => {
  const counts = new Map();
  list.forEach((s) =>
    counts.set(`${s.fields} fields × ${s.rows} rows`, (counts.get(`${s.fields} fields × ${s.rows} rows`) ?? 0) + 1)
  );
  return [...counts].map(([k, n]) => (n > 1 ? `${n} × (${k})` : k)).join(', ');
};

/** One case's result: its setup answers (p0 plugin, r0 raw), timed runs and memory answers (pm, rm). */
export function resultRow(c, { p0, r0, pluginMs, rawMs, scanMs, scanned, pm, rm }) {
  const row = {
    ...c,
    promql: p0.exprs.length,
    instant: p0.requests.filter((r) => r.path.endsWith('/query')).length,
    rangeQ: p0.requests.filter((r) => r.path.endsWith('/query_range')).length,
    extra: p0.extra,
    shape: p0.shape,
    notices: p0.notices,
    warm: { plugin: p0.warmMs, raw: r0.warmMs },
    pluginMs,
    rawMs,
    pluginMed: median(pluginMs),
    rawMed: median(rawMs),
    scanMs,
    scanned,
    scanMed: median(scanMs),
    listed: p0.listed,
    pluginPeakKiB: pm.maxRssKiB - pm.baseline,
    rawPeakKiB: rm.maxRssKiB - rm.baseline,
    exprs: p0.exprs,
  };
  row.ratio = row.pluginMed / row.rawMed;
  row.scanRatio = row.pluginMed / row.scanMed;
  return row;
}

/** The console line of one case's result. */
export function caseLine(row) {
  return (
    `${row.label}: ${row.promql} PromQL; plugin ${fmtMs(row.pluginMed)} ms, raw ${fmtMs(row.rawMed)} ms, ` +
    `×${row.ratio.toFixed(2)}; scan ${fmtScan(row)}; peak +${fmtMiB(row.pluginPeakKiB)} MiB vs +${fmtMiB(row.rawPeakKiB)} MiB ` +
    `(plugin runs ${row.pluginMs.map(fmtMs).join(', ')}; raw ${row.rawMs.map(fmtMs).join(', ')})`
  );
}

/**
 * The markdown body of the `## Measured energy queries` section. `env`: machineDescription and
 * markdownTable (scripts/bench.mjs), prometheusVersion and LARGE_FIXTURE_VERSION (fixture bundle).
 */
export function reportBody({ results, runs, runtimeS, tsdb, timeRange, env }) {
  const { machineDescription, markdownTable, prometheusVersion, LARGE_FIXTURE_VERSION } = env;
  const truth = tsdb.truth;
  const date = new Date().toISOString().slice(0, 10);
  const allPass = results.every(passes);
  const allFast = results.every((r) => r.pluginMed <= goalOf(r));
  const table = markdownTable(
    [
      'Case',
      'PromQL (instant + range)',
      'Plugin median',
      'Raw PromQL median',
      'Plugin / raw',
      'One scan of its series',
      'Plugin / scan',
      'Plugin peak RSS Δ',
      `≤ ${TARGET}× raw`,
      'Within time goal',
    ],
    results.map((r) => [
      r.label,
      `${r.promql} (${r.instant} + ${r.rangeQ})`,
      `${fmtMs(r.pluginMed)} ms`,
      `${fmtMs(r.rawMed)} ms`,
      `${r.ratio.toFixed(2)}×`,
      Number.isFinite(r.scanMed) ? `${fmtMs(r.scanMed)} ms` : '—',
      Number.isFinite(r.scanMed) ? `${r.scanRatio.toFixed(2)}×` : '—',
      `${fmtMiB(r.pluginPeakKiB)} MiB`,
      r.ratio <= TARGET ? 'pass' : passes(r) ? `pass (within ${NOISE_MS} ms)` : '**fail**',
      r.pluginMed <= goalOf(r) ? `yes (≤ ${goalOf(r) / 1000} s)` : `**no** (> ${goalOf(r) / 1000} s)`,
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left']
  );
  const days = (truth.end - truth.start) / 86400;
  return [
    `Run ${date} on ${machineDescription()}, Node ${process.version}, ${prometheusVersion()}; ` +
      `\`node scripts/bench-prometheus.mjs --runs ${runs}\` took ${runtimeS.toFixed(0)} s` +
      (tsdb.cached
        ? ' (TSDB reused from .tmp/large-tsdb/).'
        : ` (TSDB built in ${(tsdb.buildMs / 1000).toFixed(0)} s).`),
    '',
    `**Fixture**: \`largeScenario()\` at full size — 50 nodes, 1,000 pods (20 namespaces, plus CronJob pods coming and going), ` +
      `${days} days at ${truth.step} s, exporters Kepler 0.10, kube-state-metrics, OpenCost, cAdvisor and Scaphandre (\`--containers\`, on every node): ` +
      `${truth.series.toLocaleString('en-US')} series, ${truth.samples.toLocaleString('en-US')} samples, imported with promtool ` +
      `(fixture version ${LARGE_FIXTURE_VERSION}). Query range: the whole ${days} days ` +
      `(${new Date(timeRange.from).toISOString()} to ${new Date(timeRange.to).toISOString()}), intervalMs ${INTERVAL_MS}, maxDataPoints ${MAX_DATA_POINTS}.`,
    '',
    table,
    '',
    `**Targets**: plugin at most ${TARGET}× the raw PromQL time (or within ${NOISE_MS} ms of it) — ${allPass ? '**met** in every case' : '**missed** where marked'}; ` +
      `every case within ${SLOW_MS / 1000} s on this week, costVsCarbon within 3 s — ${allFast ? '**met**' : '**missed** where marked'}.`,
    '',
    `**Method**: per case, one child process runs the plugin's handler (\`handler.run()\`, bundled with esbuild) and another the raw client; ` +
      `after one warm-up each, the parent alternates plugin and raw ${runs} times; medians shown. ` +
      `The raw client sends exactly the requests behind the frames' \`executedQueryString\` (recorded from the plugin's warm-up: same endpoint, expression, time or start/end/step), ` +
      `all concurrently, as plain \`fetch\` POST form requests, and parses the JSON answers; so the ratio is the plugin's own work (client, parsing, joins, frame building) on top of Prometheus's. ` +
      `Datasource settings: Prometheus URL, defaultRegion eu-west-1 and timeoutSeconds 600 (the default 30 s is too short for costVsCarbon's 7-day cost query here). ` +
      `Exporter discovery is cached per datasource in the plugin (60 s) and kept warm, untimed, before each plugin run. ` +
      `Peak RSS Δ: the child's \`process.resourceUsage().maxRSS\` after all runs minus its RSS after setup (bundle loaded, discovery done, full GC). ` +
      `**One scan of its series**: \`sum(count_over_time(<metric>[<range>]))\` added up over every exporter metric the case's PromQL names, one query at the range's end, timed in the raw child after each raw run: ` +
      `Prometheus reading every sample of those series once and joining nothing, the floor any query over them sits on (zombieInstances: its 14-day window). ` +
      `Resource routes run the route function with from/to of the whole range; their raw side replays every request they sent.`,
    '',
    ...results.map(
      (r) =>
        `- ${r.label}: plugin runs ${r.pluginMs.map(fmtMs).join(', ')} ms; raw ${r.rawMs.map(fmtMs).join(', ')} ms; ` +
        `scan ${r.scanMs.map((x) => (Number.isFinite(x) ? fmtMs(x) : '—')).join(', ')} ms of ${r.scanned.join(', ') || 'no exporter series'}; ` +
        (r.listed !== undefined ? `${r.listed} values listed; ` : '') +
        `warm-up ${fmtMs(r.warm.plugin)} / ${fmtMs(r.warm.raw)} ms; frames ${shapes(r.shape)}` +
        (r.extra ? `; ${r.extra} other request(s) not in executedQueryString` : '') +
        (r.notices.length ? `; notices: ${[...new Set(r.notices)].map((n) => JSON.stringify(n)).join(' ')}` : '')
    ),
  ].join('\n');
}
