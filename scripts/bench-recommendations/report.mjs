/**
 * Report of scripts/bench-recommendations.mjs: the console lines and the markdown body of the
 * `## Recommendations and zombies` section of docs/benchmarks.md.
 */
import { median } from './focusCase.mjs';

/** zombieInstances may take at most this many times the raw PromQL (in the handler's order). */
export const ZOMBIE_TARGET = 1.5;

export const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const pct = (part, whole) => `${((100 * part) / whole).toFixed(0)}%`;
const list = (xs) => xs.map(fmtMs).join(', ');

/** The zombie case's numbers from the setup answers and the timed runs. */
export function zombieSummary({ p0, plugin, ordered, concurrent }) {
  const s = {
    p0,
    pluginMs: plugin.map((r) => r.ms),
    orderedMs: ordered.map((r) => r.ms),
    concurrentMs: concurrent.map((r) => r.ms),
    pluginMed: median(plugin.map((r) => r.ms)),
    waitMed: median(plugin.map((r) => r.waitMs)),
    cpuMed: median(plugin.map((r) => r.cpuMs)),
    orderedMed: median(ordered.map((r) => r.ms)),
    orderedCpuMed: median(ordered.map((r) => r.cpuMs)),
    concurrentMed: median(concurrent.map((r) => r.ms)),
    requestsPerRun: [...new Set(plugin.map((r) => r.requests))],
  };
  s.oursMed = median(plugin.map((r) => r.ms - r.waitMs));
  s.ratio = s.pluginMed / s.orderedMed;
  s.ratioConcurrent = s.pluginMed / s.concurrentMed;
  return s;
}

export function zombieLine(z) {
  return (
    `zombieInstances: ${z.p0.requests.length} PromQL requests in ${z.p0.stages} stages; plugin ${fmtMs(z.pluginMed)} ms ` +
    `(waiting on Prometheus ${fmtMs(z.waitMed)} ms, ours alone ${fmtMs(z.oursMed)} ms, CPU ${fmtMs(z.cpuMed)} ms), ` +
    `raw in the handler's order ${fmtMs(z.orderedMed)} ms (×${z.ratio.toFixed(2)}), all at once ${fmtMs(z.concurrentMed)} ms (×${z.ratioConcurrent.toFixed(2)})`
  );
}

export function focusLine(f) {
  return (
    `focus: cloudRecommendations ${fmtMs(f.recMed)} ms, cloudEmissions ${fmtMs(f.emiMed)} ms, ×${(f.recMed / f.emiMed).toFixed(2)}; ` +
    `parts: read ${fmtMs(f.parts.read)}, estimate ${fmtMs(f.parts.estimate)}, region switch ${fmtMs(f.parts.regionSwitch)}, groupTotals ${fmtMs(f.parts.groupTotals)} ms`
  );
}

/** What dominates the zombie run, in words, from the measured shares. */
function zombieReading(z) {
  const waitShare = z.waitMed / z.pluginMed;
  const words = [
    `Of the handler's ${fmtMs(z.pluginMed)} ms, ${pct(z.waitMed, z.pluginMed)} is spent with at least one request to Prometheus in flight ` +
      `(sending it, Prometheus's evaluation, receiving the answer) and ${pct(z.oursMed, z.pluginMed)} (${fmtMs(z.oursMed)} ms) with none: ` +
      `that part is ours alone (parsing the JSON answers, joining series, the engine's energy and CO2e, frames). ` +
      `Its process used ${fmtMs(z.cpuMed)} ms of CPU in all (the raw client ${fmtMs(z.orderedCpuMed)} ms for fetch and JSON.parse of the same answers), ` +
      `some of it while requests were in flight.`,
  ];
  if (z.ratio < ZOMBIE_TARGET) {
    words.push(
      waitShare >= 0.5
        ? `Prometheus's evaluation of the ${z.p0.requests.length} queries dominates; ${z.pluginMed > z.orderedMed ? `the handler adds ${pct(z.pluginMed - z.orderedMed, z.orderedMed)} to the raw queries sent in the same order.` : 'the handler is no slower than the raw queries sent in the same order (the difference is run-to-run noise).'}`
        : `Our own work is the larger part here, yet the whole stays within ${ZOMBIE_TARGET}× the raw queries.`
    );
  } else {
    words.push(
      `The target is missed: ${waitShare >= 0.5 ? 'the time waiting on Prometheus is longer than the raw client needs for the same requests, i.e. the handler starts its requests later (its stages wait on parsing and joining the previous ones)' : 'our own work (parsing, joining, engine) dominates'}.`
    );
  }
  const slowest = [...z.p0.requests]
    .map((r) => ({ ms: r.end - r.start, expr: new URLSearchParams(r.body).get('query') ?? r.path }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3);
  words.push(
    `Slowest requests of the untimed first run (cold, concurrent with others; they set the critical path): ${slowest.map((r) => `${fmtMs(r.ms)} ms \`${r.expr}\``).join('; ')}.`
  );
  const distinct = new Set(z.p0.exprs).size;
  if (distinct < z.p0.exprs.length) {
    words.push(
      `${z.p0.exprs.length - distinct} of the ${z.p0.exprs.length} expressions repeat an earlier one of the same run (the raw client repeats them too).`
    );
  }
  words.push(
    `Sending every request at once instead of in the handler's ${z.p0.stages} stages takes ${fmtMs(z.concurrentMed)} ms (${z.orderedMed > z.concurrentMed ? `${pct(z.orderedMed - z.concurrentMed, z.orderedMed)} less than in order` : 'no less than in order, within noise'}), ` +
      "in principle a lower bound, since some later queries are built from earlier answers (the terminated pods' pod_id regex, for one). " +
      'The stages are inferred from the timing of the untimed run, so their count can vary by one between runs of this script.'
  );
  return words.join(' ');
}

export function reportBody({ z, f, opts, runtimeS, env, zombie, focus }) {
  const { machineDescription, markdownTable, prometheusVersion } = env;
  const date = new Date().toISOString().slice(0, 10);
  const zPass = z.ratio < ZOMBIE_TARGET;
  const kinds = Object.entries(z.p0.byKind)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const zombieTable = markdownTable(
    ['Side', 'Median', 'Runs', 'Ratio (handler ÷ side)'],
    [
      ['zombieInstances handler (table, 14-day window)', `${fmtMs(z.pluginMed)} ms`, list(z.pluginMs), ''],
      ['… of which waiting on Prometheus', `${fmtMs(z.waitMed)} ms`, '', ''],
      ['… of which ours alone (no request in flight)', `${fmtMs(z.oursMed)} ms`, '', ''],
      [
        "Raw PromQL, the handler's order (peer)",
        `${fmtMs(z.orderedMed)} ms`,
        list(z.orderedMs),
        `${z.ratio.toFixed(2)}×`,
      ],
      [
        'Raw PromQL, all at once (lower bound)',
        `${fmtMs(z.concurrentMed)} ms`,
        list(z.concurrentMs),
        `${z.ratioConcurrent.toFixed(2)}×`,
      ],
    ],
    ['left', 'right', 'right', 'right']
  );
  const ratioF = f.recMed / f.emiMed;
  const focusTable = markdownTable(
    ['Query', 'Median', 'Runs', 'Output rows'],
    [
      ['cloudRecommendations, regionSwitch, table', `${fmtMs(f.recMed)} ms`, list(f.recMs), String(f.recRows)],
      [
        'cloudEmissions, table by account/region/service (peer)',
        `${fmtMs(f.emiMed)} ms`,
        list(f.emiMs),
        String(f.emiRows),
      ],
      ['Ratio', `${ratioF.toFixed(2)}×`, '', ''],
    ],
    ['left', 'right', 'right', 'right']
  );
  const recParts = f.parts.read + f.parts.estimate + f.parts.regionSwitch;
  const emiParts = f.parts.read + f.parts.estimate + f.parts.groupTotals;
  const partsTable = markdownTable(
    ['Part (timed alone, median)', 'Time', 'Share: cloudRecommendations / cloudEmissions'],
    [
      [
        'Reading the file (FOCUS source fetchUsage)',
        `${fmtMs(f.parts.read)} ms`,
        `${pct(f.parts.read, recParts)} / ${pct(f.parts.read, emiParts)}`,
      ],
      [
        'Estimating (estimateUsage, greenops)',
        `${fmtMs(f.parts.estimate)} ms`,
        `${pct(f.parts.estimate, recParts)} / ${pct(f.parts.estimate, emiParts)}`,
      ],
      [
        'Region switch engine (regionSwitchesOfBill)',
        `${fmtMs(f.parts.regionSwitch)} ms`,
        `${pct(f.parts.regionSwitch, recParts)} / –`,
      ],
      [
        "cloudEmissions' grouping (groupTotals)",
        `${fmtMs(f.parts.groupTotals)} ms`,
        `– / ${pct(f.parts.groupTotals, emiParts)}`,
      ],
    ],
    ['left', 'right', 'right']
  );
  const spread = (xs) => (Math.max(...xs) - Math.min(...xs)) / median(xs);
  const engineDelta = f.parts.regionSwitch - f.parts.groupTotals;
  return [
    `Written by \`node scripts/bench-recommendations.mjs --runs ${opts.runs}\` on ${date} (took ${runtimeS.toFixed(0)} s).`,
    '',
    `Machine: ${machineDescription()}; Node ${process.version}; ${prometheusVersion()}.`,
    '',
    '### zombieInstances against the raw PromQL',
    '',
    `**Fixture**: the zombie scenario (tests/fixtures/exporters/zombieScenario.ts: 4 Kubernetes nodes, an EC2 host and a NAS with node_exporter, ` +
      `idle and busy workloads, volumes, a CronJob; ${zombie.series.toLocaleString('en-US')} series, ${zombie.samples.toLocaleString('en-US')} samples, ` +
      `15 days at 5 min), TSDB from prepareZombieTsdb (cached in .tmp/zombie-tsdb/), a copy served by Prometheus with lookback 299 s as in the tests. ` +
      `**Query**: \`{ sources: ['prometheus'], windowDays: 14, format: 'table' }\` over the 6 h ending at the scenario's end; ` +
      `${z.p0.rows} rows (${kinds}). Cost Explorer is not configured: its rightsizing is not PromQL and has no raw peer here.`,
    '',
    `**Method**: one child process runs the handler (\`handler.run()\`, esbuild bundle), another the raw client; after one untimed run each, ` +
      `the parent alternates handler, raw in order and raw all at once, ${opts.runs} times; medians shown, a full GC before each run. ` +
      `The raw client sends the ${z.p0.requests.length} requests the handler sent in its untimed run (${z.p0.inExecuted} of them are the frame's executedQueryString; ` +
      `same endpoint, expression, time or start/end/step), recorded at PromTransport.send, as plain \`fetch\` POST form requests, and parses the JSON. ` +
      `"The handler's order": a request starts once every request that had finished before it started in the handler's run has finished ` +
      `(${z.p0.stages} stages, the same concurrency within a stage). Waiting on Prometheus = the union of the intervals during which at least one ` +
      `PromTransport.send was pending. Exporter discovery is cached per datasource (60 s) and kept warm, untimed, before each run.`,
    '',
    zombieTable,
    '',
    `**Target**: the handler under ${ZOMBIE_TARGET}× the raw queries in its order — ${zPass ? '**met**' : '**missed**'} (${z.ratio.toFixed(2)}×). ${zombieReading(z)}`,
    '',
    '### cloudRecommendations region switch against cloudEmissions',
    '',
    `**Input**: ${(focus.bytes / 1e6).toFixed(1)} MB FOCUS 1.0 CSV in .tmp/bench-recommendations/ (deleted afterwards), ${focus.copies} copies of the ` +
      `1,000 data rows of the public FOCUS sample (demo/focus/), ${focus.rows.toLocaleString('en-US')} rows: copy k keeps the dates (September 2024) and moves to ` +
      `other accounts (numeric SubAccountId with k in its first digits) and, for AWS rows, to the AWS region k places further in the list of ` +
      `the ${focus.awsRegions} AWS regions with grid data. Range: the whole of September 2024 (${f.granularity} buckets), ${f.usageRows.toLocaleString('en-US')} usage rows after ` +
      `aggregation, ${f.switches.toLocaleString('en-US')} region switches.`,
    '',
    `**Method**: both handlers in this process (esbuild bundle), the same datasource settings, methodology greenops; after one untimed run each, ` +
      `${opts.runs} alternating runs, a full GC before each; medians. The peer reads and estimates the same file the same way and groups by ` +
      'account, region and service, the grouping of region switch; so the ratio is what region switching adds. The parts are then timed alone on the same data.',
    '',
    focusTable,
    '',
    partsTable,
    '',
    `Shares are of the sum of the parts (timed alone, each after a full GC, they need not add up to the handler's median). ` +
      `Reading the CSV dominates both queries (${pct(f.parts.read, recParts)}). Region switching differs from the peer only in the engine step: ` +
      `${fmtMs(f.parts.regionSwitch)} ms for regionSwitchesOfBill against ${fmtMs(f.parts.groupTotals)} ms for groupTotals, ` +
      `${engineDelta >= 0 ? `${fmtMs(engineDelta)} ms more` : `${fmtMs(-engineDelta)} ms less`} (${pct(Math.abs(engineDelta), f.emiMed)} of the query), ` +
      `against a spread of ${pct(spread(f.recMs), 1)} / ${pct(spread(f.emiMs), 1)} between the runs (max − min, of the median). ` +
      (Math.abs(f.recMed - f.emiMed) <= Math.max(spread(f.recMs), spread(f.emiMs)) * f.emiMed
        ? `The ratio of ${ratioF.toFixed(2)}× is inside that spread: region switching adds nothing measurable to the ingestion both share.`
        : `Region switching adds ${fmtMs(f.recMed - f.emiMed)} ms (${ratioF.toFixed(2)}×) to the ingestion both share.`),
  ].join('\n');
}
