/**
 * Every panel query of every bundled dashboard, run through the PACKAGED backend under go-plugin
 * (as Grafana runs it) against the demo data: a real Prometheus loaded with the demo exporter's
 * series (tests/demo/demoStack.ts) and the public FOCUS sample (demo/focus/). Variables are
 * resolved first the way a dashboard opens: each query variable's list comes from the backend's
 * resource route of its kind, `All` stands for every listed value, single-value variables take
 * the first; targets are then interpolated as the datasource frontend does. Each panel's frames
 * then go through its transformations with Grafana's @grafana/data, and every number field the
 * panel draws must carry the unit the panel declares.
 *
 * Needs `npm run build` first (dist/datasource/gpx_greenops_carbon_linux_amd64).
 * Run: npx jest tests/dashboards/dashboardQueries.test.ts --selectProjects integration
 */
import type { CheckedFrame } from '../conformance/arrowRules';
import {
  dataPanels,
  interpolateRegex,
  interpolateTarget,
  loadDashboards,
  type Panel,
  type Target,
  type VariableValues,
} from './dashboardModel';
import {
  focusMonth,
  intervalFor,
  rangeForKind,
  rangeForQuery,
  startDemo,
  type DemoStack,
  type Range,
} from './demoInputs';
import { panelData, shownNumberFields } from './grafanaPanels';
import { listedValues, PackagedBackend, type BackendQuery, type QueryResult } from './packagedBackend';

const dashboards = loadDashboards();

interface RunTarget {
  dashboard: string;
  panel: Panel;
  target: Target;
  refId: string;
}

let demo: DemoStack | undefined;
let backend: PackagedBackend | undefined;
let setupError: Error | undefined;
const variables: Record<string, VariableValues> = {};
/** Multi-value variables with All, which open set to All. */
const allSelected: Record<string, Set<string>> = {};
const results: Record<string, QueryResult> = {};
const frames: Record<string, CheckedFrame[]> = {};
let frameErrors: string[] = [];
const runTargets: RunTarget[] = [];

const rangeQuery = (r: Range | undefined) => (r ? `from=${r.from}&to=${r.to}` : '');

/** Each dashboard's variables, in order, from the backend's resource routes (later ones see earlier values). */
async function resolveVariables(demoRange: Range, billing: Range): Promise<void> {
  for (const { file, dashboard } of dashboards) {
    const values: VariableValues = {};
    const all = new Set<string>();
    for (const v of dashboard.templating.list) {
      if (v.type === 'datasource') {
        values[v.name] = 'greenops-carbon';
        continue;
      }
      if (v.type !== 'query') {
        values[v.name] = String(v.current?.value ?? '');
        continue;
      }
      const q = v.query as { kind?: string; provider?: string; namespace?: string; source?: string };
      const kind = q.kind ?? 'regions';
      const params = new URLSearchParams();
      for (const key of ['provider', 'namespace', 'source'] as const) {
        const raw = q[key];
        if (raw) {
          // variables.ts: `namespace` is read as a regex, `(a|b)`; the others take Grafana's default (glob) format.
          const text =
            key === 'namespace'
              ? interpolateRegex(raw, values)
              : String(interpolateTarget({ refId: 'v', x: raw }, values).x);
          if (text) {
            params.set(key, text);
          }
        }
      }
      const url = [
        kind,
        [params.toString(), rangeQuery(rangeForKind(kind, demoRange, billing))].filter(Boolean).join('&'),
      ]
        .filter(Boolean)
        .join('?');
      const answer = (await backend!.run(demo!.jsonData, [], [{ name: `${file}/${v.name}`, url }])).resources[
        `${file}/${v.name}`
      ];
      if (!answer || answer.code !== 200) {
        throw new Error(
          `variable ${v.name} of ${file}: GET ${url} answered ${answer?.code}: ${JSON.stringify(answer?.body)}`
        );
      }
      const listed = listedValues(answer.body);
      // `All` is every listed value; a single-value variable opens on the first.
      values[v.name] = v.multi ? (v.includeAll ? listed : listed.slice(0, 1)) : (listed[0] ?? '');
      if (v.multi && v.includeAll) {
        all.add(v.name);
      }
    }
    variables[file] = values;
    allSelected[file] = all;
  }
}

beforeAll(async () => {
  try {
    demo = await startDemo();
    backend = await PackagedBackend.start('dashboard-queries-');
    const demoRange = { from: demo.from, to: demo.to };
    const billing = focusMonth();
    await resolveVariables(demoRange, billing);
    const queries: BackendQuery[] = [];
    dashboards.forEach(({ file, dashboard }, d) => {
      dataPanels(dashboard).forEach((panel, p) => {
        (panel.targets ?? []).forEach((target, t) => {
          const refId = `d${d}p${p}t${t}`;
          const model = interpolateTarget(target, variables[file], allSelected[file]);
          const range = rangeForQuery(String(model.queryType), demoRange, billing);
          queries.push({ refId, model, ...range, intervalMs: intervalFor(range), maxDataPoints: 1000 });
          runTargets.push({ dashboard: file, panel, target, refId });
        });
      });
    });
    const answers = await backend.run(demo.jsonData, queries);
    Object.assign(results, answers.queries);
    Object.assign(frames, answers.frames);
    frameErrors = answers.frameErrors;
  } catch (e) {
    setupError = e as Error;
  }
}, 900_000);

afterAll(async () => {
  backend?.dispose();
  await demo?.stop();
});

function ready(): void {
  if (setupError) {
    throw setupError;
  }
}

test('every frame the dashboards receive passes the Grafana decoder rules (data/arrow.go)', () => {
  ready();
  expect(frameErrors).toEqual([]);
});

test('every query variable lists at least one value from the demo data', () => {
  ready();
  for (const { file, dashboard } of dashboards) {
    for (const v of dashboard.templating.list.filter((x) => x.type === 'query')) {
      expect({ file, variable: v.name, values: variables[file][v.name].length > 0 }).toEqual({
        file,
        variable: v.name,
        values: true,
      });
    }
  }
});

describe.each(dashboards.map((d) => d.file))('%s', (file) => {
  const mine = () => runTargets.filter((r) => r.dashboard === file);

  test('every panel query succeeds with non-empty frames', () => {
    ready();
    for (const { panel, target, refId } of mine()) {
      const r = results[refId];
      const where = `${panel.title} (${target.queryType})`;
      expect({ where, error: r?.error ?? 'no response', rpcError: r?.rpcError ?? '' }).toEqual({
        where,
        error: '',
        rpcError: '',
      });
      const rows = (frames[refId] ?? []).reduce((n, f) => n + f.rowCount, 0);
      expect({ where, rows: rows > 0 }).toEqual({ where, rows: true });
    }
  });

  test('every number field a panel draws carries the unit the panel declares', async () => {
    ready();
    for (const { panel, refId } of mine()) {
      const data = await panelData(panel, frames[refId] ?? []);
      const shown = shownNumberFields(panel, data);
      // The transformations and field selection leave something to draw.
      expect({ panel: panel.title, drawn: shown.length > 0 }).toEqual({ panel: panel.title, drawn: true });
      for (const f of shown) {
        const where = `${panel.title}: ${f.displayName}`;
        // Every drawn number has a unit; where the backend sends one, the panel declares the same.
        expect({ where, declared: f.declared !== undefined }).toEqual({ where, declared: true });
        if (f.dataUnit !== undefined) {
          expect({ where, unit: f.declared }).toEqual({ where, unit: f.dataUnit });
        }
      }
    }
  });

  test('fields the panel refers to by name (overrides, sorting) exist in what the backend returns', async () => {
    ready();
    for (const { panel, refId } of mine()) {
      const data = await panelData(panel, frames[refId] ?? []);
      const raw = await panelData({ ...panel, transformations: [] }, frames[refId] ?? []);
      const names = new Set(
        [...raw, ...data].flatMap((frame) =>
          frame.fields.flatMap((f) => [f.name, f.config?.displayNameFromDS ?? '', f.state?.displayName ?? ''])
        )
      );
      const referenced = [
        ...(panel.fieldConfig?.overrides ?? [])
          .filter((o) => o.matcher.id === 'byName')
          .map((o) => String(o.matcher.options)),
        ...((panel.options?.sortBy as Array<{ displayName: string }> | undefined) ?? []).map((s) => s.displayName),
      ];
      for (const name of referenced) {
        expect({ panel: panel.title, name, known: names.has(name) }).toEqual({ panel: panel.title, name, known: true });
      }
    }
  });
});
