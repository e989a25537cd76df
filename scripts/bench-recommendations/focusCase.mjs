/**
 * The FOCUS case of scripts/bench-recommendations.mjs: a large FOCUS CSV built from the public
 * sample, and cloudRecommendations (region switch) against cloudEmissions over it, in this process.
 *
 * bench-focus.mjs's generator only shifts dates (and is not exported): region switching groups by
 * account and region, so here copy k of the sample's 1,000 rows keeps its dates (September 2024)
 * and moves instead to other accounts (numeric sub-account ids get k in their first digits) and,
 * for AWS rows, to the region k places further in the list of AWS regions with grid data (RegionId
 * and RegionName together). The estate then grows like a multi-account, multi-region export.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

export const FOCUS_RANGE = { from: Date.UTC(2024, 8, 1), to: Date.UTC(2024, 9, 1) };

/** Splits one CSV line into raw fields (quotes kept), so rewritten lines keep the sample's quoting. */
function splitRaw(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      quoted = !quoted; // a doubled quote toggles twice: stays inside
    } else if (c === ',' && !quoted) {
      out.push(field);
      field = '';
      continue;
    }
    field += c;
  }
  out.push(field);
  return out;
}

const unquote = (raw) => (raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
const quote = (value) => `"${value.replace(/"/g, '""')}"`;

/**
 * Writes `copies` copies of the sample's data rows to `file` (see the header). `awsRegions`:
 * [{ region, location }] of AWS regions. Returns the byte and row counts.
 */
export function buildFocusInput(sampleFile, file, copies, awsRegions) {
  const text = fs.readFileSync(sampleFile, 'utf8');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0];
  const names = splitRaw(header).map(unquote);
  const col = (name) => {
    const i = names.indexOf(name);
    if (i < 0) {
      throw new Error(`the FOCUS sample has no ${name} column`);
    }
    return i;
  };
  const [sub, regionId, regionName, provider] = ['SubAccountId', 'RegionId', 'RegionName', 'ProviderName'].map(col);
  const rows = lines.slice(1).map(splitRaw);
  for (const r of rows) {
    if (r.length !== names.length) {
      throw new Error(`a sample row has ${r.length} fields for ${names.length} columns: it spans lines?`);
    }
  }
  const regionIndex = new Map(awsRegions.map((r, i) => [r.region, i]));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  let bytes = fs.writeSync(fd, `${header}\n`);
  for (let k = 0; k < copies; k++) {
    const chunk = [];
    for (const original of rows) {
      const r = [...original];
      const account = unquote(r[sub]);
      if (k > 0 && /^\d{6,}$/.test(account)) {
        const prefix = String(k).padStart(3, '0');
        r[sub] = quote(prefix + account.slice(prefix.length));
      }
      const at = regionIndex.get(unquote(r[regionId]));
      if (k > 0 && unquote(r[provider]) === 'AWS' && at !== undefined) {
        const target = awsRegions[(at + k) % awsRegions.length];
        r[regionId] = quote(target.region);
        r[regionName] = quote(target.location);
      }
      chunk.push(r.join(','));
    }
    bytes += fs.writeSync(fd, `${chunk.join('\n')}\n`);
  }
  fs.closeSync(fd);
  return { bytes, rows: copies * rows.length, copies };
}

// A full collection before each timed run, so one handler's garbage is not collected on the other's clock.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function timed(fn) {
  collectGarbage();
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/**
 * `runs` alternating timed runs of both handlers over `file` (after one untimed run each), then the
 * parts of the work timed on their own: reading (fetchUsage), estimating, the region switch engine,
 * and cloudEmissions' grouping.
 */
export async function runFocusCase(mod, file, runs, log = console.log) {
  const settings = {
    uid: 'bench-focus-rec',
    name: 'bench-focus-rec',
    jsonData: { focus: { paths: [file] } },
    secrets: new mod.Secrets(),
    lastUpdatedMS: 1,
  };
  const instance = new mod.DatasourceInstance(settings);
  const request = (handler, json) => ({
    refId: 'A',
    query: handler.parse({ refId: 'A', ...json }),
    timeRange: FOCUS_RANGE,
    intervalMs: 86_400_000,
    maxDataPoints: 1000,
    settings,
    instance,
  });
  const rec = mod.cloudRecommendationsHandler;
  const emi = mod.cloudEmissionsHandler;
  const recRequest = request(rec, {
    queryType: 'cloudRecommendations',
    source: 'focus',
    kinds: ['regionSwitch'],
    methodology: 'greenops',
    format: 'table',
  });
  // The same ingestion and estimate, grouped like region switch groups (account, region, service).
  const emiRequest = request(emi, {
    queryType: 'cloudEmissions',
    source: 'focus',
    metrics: ['co2e', 'energy', 'cost'],
    groupBy: ['account', 'region', 'service'],
    methodology: 'greenops',
    format: 'table',
  });
  const warmRec = await timed(() => rec.run(recRequest));
  const warmEmi = await timed(() => emi.run(emiRequest));
  const recMs = [];
  const emiMs = [];
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so neither always runs on a freshly collected heap after the other.
    const order = i % 2 ? ['emi', 'rec'] : ['rec', 'emi'];
    for (const which of order) {
      if (which === 'rec') {
        recMs.push((await timed(() => rec.run(recRequest))).ms);
      } else {
        emiMs.push((await timed(() => emi.run(emiRequest))).ms);
      }
    }
    log(
      `  focus run ${i + 1}: cloudRecommendations ${recMs[i].toFixed(0)} ms, cloudEmissions ${emiMs[i].toFixed(0)} ms`
    );
  }

  // The parts, each timed alone (medians of `runs`; reading once more per run).
  const source = mod.createFocusSource(settings);
  const usageReq = { ...FOCUS_RANGE, granularity: mod.resolveGranularity('auto', FOCUS_RANGE, true), filters: {} };
  const parts = { read: [], estimate: [], regionSwitch: [], groupTotals: [] };
  let usage;
  let switches;
  for (let i = 0; i < runs; i++) {
    const read = await timed(() => source.fetchUsage(usageReq));
    usage = read.value;
    parts.read.push(read.ms);
    const est = await timed(() => mod.estimateUsage(usage.rows, 'greenops'));
    parts.estimate.push(est.ms);
    const scale = 730 / ((FOCUS_RANGE.to - FOCUS_RANGE.from) / 3_600_000);
    const sw = await timed(() => mod.regionSwitchesOfBill(usage.rows, est.value, { methodology: 'greenops', scale }));
    switches = sw.value.switches;
    parts.regionSwitch.push(sw.ms);
    const key = (row) => `${row.account}\u0000${row.region}\u0000${row.service}`;
    parts.groupTotals.push((await timed(() => mod.groupTotals(usage.rows, est.value, key))).ms);
  }
  const recFrame = warmRec.value[0];
  return {
    recMs,
    emiMs,
    recMed: median(recMs),
    emiMed: median(emiMs),
    warm: { rec: warmRec.ms, emi: warmEmi.ms },
    recRows: recFrame.fields[0]?.values.length ?? 0,
    emiRows: warmEmi.value[0].fields[0]?.values.length ?? 0,
    usageRows: usage.rows.length,
    switches: switches.length,
    granularity: usageReq.granularity,
    parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, median(v)])),
    notices: (recFrame.meta?.notices ?? []).map((n) => n.text),
  };
}
