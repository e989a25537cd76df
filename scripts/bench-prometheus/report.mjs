/**
 * Report formatting of scripts/bench-prometheus.mjs: one case's numbers from its runs, its console
 * line, and the markdown section written into docs/benchmarks.md.
 */
import { INTERVAL_MS, MAX_DATA_POINTS, TARGET } from './cases.mjs';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
export const fmtMiB = (kib) => (kib / 1024).toFixed(1);
/** Frame shapes, identical ones counted: `20 × (2 fields × 999 rows)`. */
export const shapes = (list) => {
  const counts = new Map();
  list.forEach((s) =>
    counts.set(`${s.fields} fields × ${s.rows} rows`, (counts.get(`${s.fields} fields × ${s.rows} rows`) ?? 0) + 1)
  );
  return [...counts].map(([k, n]) => (n > 1 ? `${n} × (${k})` : k)).join(', ');
};

/** One case's result: its setup answers (p0 plugin, r0 raw), timed runs and memory answers (pm, rm). */
export function resultRow(c, { p0, r0, pluginMs, rawMs, pm, rm }) {
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
    pluginPeakKiB: pm.maxRssKiB - pm.baseline,
    rawPeakKiB: rm.maxRssKiB - rm.baseline,
    exprs: p0.exprs,
  };
  row.ratio = row.pluginMed / row.rawMed;
  return row;
}

/** The console line of one case's result. */
export function caseLine(row) {
  return (
    `${row.label}: ${row.promql} PromQL; plugin ${fmtMs(row.pluginMed)} ms, raw ${fmtMs(row.rawMed)} ms, ` +
    `×${row.ratio.toFixed(2)}; peak +${fmtMiB(row.pluginPeakKiB)} MiB vs +${fmtMiB(row.rawPeakKiB)} MiB ` +
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
  const allPass = results.every((r) => r.ratio <= TARGET);
  const table = markdownTable(
    [
      'Case',
      'PromQL (instant + range)',
      'Plugin median',
      'Raw PromQL median',
      'Ratio',
      'Plugin peak RSS Δ',
      'Raw client peak RSS Δ',
      `≤ ${TARGET}×`,
    ],
    results.map((r) => [
      r.label,
      `${r.promql} (${r.instant} + ${r.rangeQ})`,
      `${fmtMs(r.pluginMed)} ms`,
      `${fmtMs(r.rawMed)} ms`,
      `${r.ratio.toFixed(2)}×`,
      `${fmtMiB(r.pluginPeakKiB)} MiB`,
      `${fmtMiB(r.rawPeakKiB)} MiB`,
      r.ratio <= TARGET ? 'pass' : '**fail**',
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left']
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
      `${days} days at ${truth.step} s, exporters Kepler 0.10, kube-state-metrics, OpenCost, cAdvisor: ` +
      `${truth.series.toLocaleString('en-US')} series, ${truth.samples.toLocaleString('en-US')} samples, imported with promtool ` +
      `(fixture version ${LARGE_FIXTURE_VERSION}). Query range: the whole ${days} days ` +
      `(${new Date(timeRange.from).toISOString()} to ${new Date(timeRange.to).toISOString()}), intervalMs ${INTERVAL_MS}, maxDataPoints ${MAX_DATA_POINTS}.`,
    '',
    table,
    '',
    `**Target**: plugin at most ${TARGET}× the raw PromQL time — ${allPass ? '**met** in every case' : '**missed** where marked'}.`,
    '',
    `**Method**: per case, one child process runs the plugin's handler (\`handler.run()\`, bundled with esbuild) and another the raw client; ` +
      `after one warm-up each, the parent alternates plugin and raw ${runs} times; medians shown. ` +
      `The raw client sends exactly the requests behind the frames' \`executedQueryString\` (recorded from the plugin's warm-up: same endpoint, expression, time or start/end/step), ` +
      `all concurrently, as plain \`fetch\` POST form requests, and parses the JSON answers; so the ratio is the plugin's own work (client, parsing, joins, frame building) on top of Prometheus's. ` +
      `Datasource settings: Prometheus URL, defaultRegion eu-west-1 and timeoutSeconds 600 (the default 30 s is too short for costVsCarbon's 7-day cost query here). ` +
      `Exporter discovery is cached per datasource in the plugin (60 s) and kept warm, untimed, before each plugin run. ` +
      `Peak RSS Δ: the child's \`process.resourceUsage().maxRSS\` after all runs minus its RSS after setup (bundle loaded, discovery done, full GC).`,
    '',
    ...results.map(
      (r) =>
        `- ${r.label}: plugin runs ${r.pluginMs.map(fmtMs).join(', ')} ms; raw ${r.rawMs.map(fmtMs).join(', ')} ms; ` +
        `warm-up ${fmtMs(r.warm.plugin)} / ${fmtMs(r.warm.raw)} ms; frames ${shapes(r.shape)}` +
        (r.extra ? `; ${r.extra} other request(s) not in executedQueryString` : '') +
        (r.notices.length ? `; notices: ${r.notices.map((n) => JSON.stringify(n)).join(' ')}` : '')
    ),
  ].join('\n');
}
