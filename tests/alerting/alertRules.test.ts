/**
 * The example alert rules (provisioning/alerting/) and the provisioning files they depend on:
 * they parse, reference the provisioned datasource uid and the plugin ids, every expression
 * refers to queries that exist, and every query passes the backend's parse(). Then each rule's
 * datasource queries run through the PACKAGED backend under go-plugin against the demo data
 * (tests/demo/demoStack.ts, "now" = the end of its data), and the frames must be what Grafana's
 * alerting can evaluate: numeric tables or timeseries-multi series, with rows, and every value
 * told apart by its labels (alertFrames.ts).
 *
 * Needs `npm run build` first. Run: npx jest tests/alerting --selectProjects integration
 */
import fs from 'node:fs';
import path from 'node:path';

import { parse as parseYaml } from 'yaml';

import { findHandler } from '../../src/backend/queries/registry';
import { QUERY_TYPES } from '../../src/datasource/types';
import { DATASOURCE_TYPE, DATASOURCE_UID, ROOT } from '../dashboards/dashboardModel';
import { intervalFor, startDemo } from '../dashboards/demoInputs';
import { PackagedBackend, type BackendQuery } from '../dashboards/packagedBackend';
import { suiteSetUp } from '../helpers/suiteSetUp';
import { alertItems } from './alertFrames';

interface RuleData {
  refId: string;
  datasourceUid: string;
  relativeTimeRange?: { from: number; to: number };
  model: Record<string, any>;
}
interface Rule {
  uid: string;
  title: string;
  condition: string;
  data: RuleData[];
  for?: string;
  noDataState?: string;
  execErrState?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface Group {
  orgId: number;
  name: string;
  folder: string;
  interval: string;
  rules: Rule[];
}

const ALERTING_DIR = path.join(ROOT, 'provisioning/alerting');
const ruleFiles = fs.readdirSync(ALERTING_DIR).filter((f) => /\.ya?ml$/.test(f));
const groups: Group[] = ruleFiles.flatMap((f) => {
  const doc = parseYaml(fs.readFileSync(path.join(ALERTING_DIR, f), 'utf8'));
  if (doc?.apiVersion !== 1 || !Array.isArray(doc.groups)) {
    throw new Error(`${f}: not a Grafana alerting provisioning file (apiVersion 1 with groups)`);
  }
  return doc.groups as Group[];
});
const rules = groups.flatMap((g) => g.rules);
const readYaml = (rel: string) => parseYaml(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
const readJson = (rel: string) => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));

/** Seconds of a Grafana duration such as `1h`, `24h`, `90s`, `2h30m`. */
function seconds(duration: string): number {
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  const parts = [...duration.matchAll(/(\d+)([smhdw])/g)];
  expect(parts.map((p) => p[0]).join('')).toBe(duration);
  return parts.reduce((s, [, n, u]) => s + Number(n) * units[u], 0);
}

describe('provisioning files', () => {
  test('the datasource, app and alert rules name the same plugin ids and datasource uid', () => {
    const app = readJson('plugin.json');
    const datasourcePlugin = readJson('src/datasource/plugin.json');
    const ds = readYaml('provisioning/datasources/datasources.yaml').datasources;
    const apps = readYaml('provisioning/plugins/apps.yaml').apps;
    expect(datasourcePlugin.id).toBe(DATASOURCE_TYPE);
    expect(datasourcePlugin.alerting).toBe(true);
    expect(ds).toContainEqual(expect.objectContaining({ uid: DATASOURCE_UID, type: DATASOURCE_TYPE }));
    expect(apps).toContainEqual(expect.objectContaining({ type: app.id }));
    expect(fs.readdirSync(path.join(ROOT, 'provisioning/dashboards')).filter((f) => /\.ya?ml$/.test(f))).toEqual([]);
  });

  test('alert groups have an org, folder and an interval Grafana accepts; rule uids are unique', () => {
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      expect(g.orgId).toBe(1);
      expect(g.folder).toBeTruthy();
      expect(g.name).toBeTruthy();
      // Evaluation intervals are multiples of Grafana's 10 s base interval.
      expect(seconds(g.interval) % 10).toBe(0);
    }
    const uids = rules.map((r) => r.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(rules.map((r) => r.uid).sort()).toEqual(
      [
        'greenops-energy-per-unit-regression',
        'greenops-grid-intensity-high',
        'greenops-namespace-hourly-co2e',
        'greenops-zombie-waste',
      ].sort()
    );
  });
});

describe.each(rules.map((r) => [r.uid, r] as const))('rule %s', (_uid, rule) => {
  const refIds = rule.data.map((d) => d.refId);

  test('is well formed: uid, title, condition, states, labels and summary', () => {
    expect(rule.uid).toMatch(/^[a-zA-Z0-9-_]{1,40}$/);
    expect(rule.title).toBeTruthy();
    expect(refIds).toContain(rule.condition);
    expect(new Set(refIds).size).toBe(refIds.length);
    expect(['OK', 'NoData', 'Alerting', 'KeepLast']).toContain(rule.noDataState);
    expect(['OK', 'Error', 'Alerting', 'KeepLast']).toContain(rule.execErrState);
    seconds(rule.for ?? '0s');
    expect(rule.labels?.greenops).toBe('carbon');
    expect(rule.annotations?.summary).toBeTruthy();
  });

  test('datasource queries target the provisioned datasource and pass the backend parse()', async () => {
    const queries = rule.data.filter((d) => d.datasourceUid !== '__expr__');
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      expect(q.datasourceUid).toBe(DATASOURCE_UID);
      expect(q.model.datasource).toEqual({ type: DATASOURCE_TYPE, uid: DATASOURCE_UID });
      expect(q.model.refId).toBe(q.refId);
      expect(q.relativeTimeRange!.from).toBeGreaterThan(q.relativeTimeRange!.to);
      expect(q.relativeTimeRange!.to).toBeGreaterThanOrEqual(0);
      expect(QUERY_TYPES).toContain(q.model.queryType);
      const handler = await findHandler(q.model.queryType);
      expect(handler).toBeDefined();
      expect(() => handler!.parse(q.model)).not.toThrow();
    }
  });

  test('expressions are reduce, math or threshold over refIds defined in the rule', () => {
    for (const e of rule.data.filter((d) => d.datasourceUid === '__expr__')) {
      expect(e.model.refId).toBe(e.refId);
      expect(e.model.datasource).toEqual({ type: '__expr__', uid: '__expr__' });
      expect(['reduce', 'math', 'threshold']).toContain(e.model.type);
      const used =
        e.model.type === 'math'
          ? [...String(e.model.expression).matchAll(/\$\{?(\w+)\}?/g)].map((m) => m[1])
          : [String(e.model.expression)];
      expect(used.length).toBeGreaterThan(0);
      for (const ref of used) {
        expect(refIds.filter((r) => r !== e.refId)).toContain(ref);
      }
      if (e.model.type === 'reduce') {
        expect(['last', 'mean', 'max', 'min', 'sum', 'count']).toContain(e.model.reducer);
      }
      if (e.model.type === 'threshold') {
        const ev = e.model.conditions[0].evaluator;
        expect(['gt', 'lt', 'within_range', 'outside_range']).toContain(ev.type);
        expect(ev.params.every((p: unknown) => typeof p === 'number')).toBe(true);
      }
    }
  });
});

describe('rule queries through the packaged backend against the demo data', () => {
  const key = (rule: Rule, d: RuleData) => `${rule.uid.replace(/[^a-z0-9]/gi, '')}${d.refId}`;

  const answers = suiteSetUp(async (atEnd) => {
    // Two weeks and a day: the energy-per-unit rule compares this week with the week before.
    // Five-minute steps keep the fifteen days of series small.
    const demo = await startDemo({ days: 15, stepSeconds: 300 });
    atEnd(() => demo.stop());
    const backend = await PackagedBackend.start('alert-rules-');
    atEnd(() => backend.dispose());
    // The rules evaluated at the moment the demo data ends.
    const now = demo.to;
    const queries: BackendQuery[] = rules.flatMap((rule) =>
      rule.data
        .filter((d) => d.datasourceUid !== '__expr__')
        .map((d) => {
          const range = { from: now - d.relativeTimeRange!.from * 1000, to: now - d.relativeTimeRange!.to * 1000 };
          return {
            refId: key(rule, d),
            model: d.model,
            ...range,
            intervalMs: Number(d.model.intervalMs) || intervalFor(range),
            maxDataPoints: Number(d.model.maxDataPoints) || 1000,
          };
        })
    );
    const { queries: results, frames, frameErrors } = await backend.run(demo.jsonData, queries);
    expect(frameErrors).toEqual([]);
    return { results, frames };
  }, 900_000);

  const dsQueries = rules.flatMap((rule) =>
    rule.data.filter((d) => d.datasourceUid !== '__expr__').map((d) => [`${rule.uid} ${d.refId}`, rule, d] as const)
  );

  test.each(dsQueries)('%s: succeeds with numeric or timeseries-multi frames that have values', (_name, rule, d) => {
    const { results, frames } = answers();
    const r = results[key(rule, d)];
    expect({ error: r?.error ?? 'no response', rpcError: r?.rpcError ?? '' }).toEqual({ error: '', rpcError: '' });
    const got = alertItems(frames[key(rule, d)] ?? []);
    expect(got.items.length).toBeGreaterThan(0);
    expect(got.problems.filter((p) => !p.includes('share the labels'))).toEqual([]);
  });

  for (const [name, rule, d] of dsQueries) {
    test(`${name}: every value is told apart by its labels, as alerting requires`, () => {
      expect(alertItems(answers().frames[key(rule, d)] ?? []).problems).toEqual([]);
    });
  }
});
