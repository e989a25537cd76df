/**
 * Static checks of the bundled dashboards: each type-checks against Grafana's published dashboard
 * types (@grafana/schema, through the TypeScript compiler), is listed in the app manifest, has
 * variables that this datasource's variable support answers, and panels that say what they
 * measure, declare units and send queries the backend's own parse() accepts once variables are
 * interpolated as the frontend does. dashboardQueries.test.ts runs every query against demo data.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as ts from 'typescript';

import { findHandler } from '../../src/backend/queries/registry';
import { QUERY_TYPES, VARIABLE_KINDS } from '../../src/datasource/types';
import {
  dataPanels,
  DATASOURCE_TYPE,
  declaredUnits,
  interpolateTarget,
  loadDashboards,
  referencedVariables,
  ROOT,
  type Dashboard,
  type VariableValues,
} from './dashboardModel';

const dashboards = loadDashboards();
const appManifest = JSON.parse(readFileSync(path.join(ROOT, 'plugin.json'), 'utf8'));

/** Keys of CarbonVariableQuery (src/datasource/types.ts). */
const VARIABLE_QUERY_KEYS = ['refId', 'kind', 'provider', 'namespace', 'source'];
/** A plausible value of each variable kind, to interpolate targets for parse(). */
const SAMPLE: Record<string, string[]> = {
  providers: ['aws'],
  regions: ['eu-west-1', 'us-east-1'],
  accounts: ['123456789012'],
  services: ['AmazonEC2'],
  namespaces: ['shop', 'jobs'],
  workloads: ['api'],
  nodes: ['ip-10-0-1-23.eu-west-1.compute.internal'],
  processes: ['/usr/sbin/nginx', 'postgres'],
};

/** Each variable's default (custom, textbox) or a sample of what its kind lists (query). */
function sampleValues(dashboard: Dashboard): VariableValues {
  const values: VariableValues = {};
  for (const v of dashboard.templating.list) {
    if (v.type === 'datasource') {
      values[v.name] = 'greenops-carbon';
    } else if (v.type === 'query') {
      const listed = SAMPLE[(v.query as { kind?: string }).kind ?? 'regions'];
      values[v.name] = v.multi ? listed : listed[0];
    } else {
      values[v.name] = String(v.current?.value ?? '');
    }
  }
  return values;
}

test('every dashboard uid is unique and every dashboard file is listed once in the manifest', () => {
  const uids = dashboards.map((d) => d.dashboard.uid);
  expect(new Set(uids).size).toBe(uids.length);
  const listed = appManifest.includes
    .filter((i: { type: string }) => i.type === 'dashboard')
    .map((i: { path: string }) => i.path);
  expect([...listed].sort()).toEqual(dashboards.map((d) => `dashboards/${d.file}`).sort());
});

describe.each(dashboards)('dashboard $file', ({ file, dashboard }) => {
  it("type-checks as @grafana/schema's Dashboard", () => {
    const scratch = path.join(ROOT, '.tmp', 'dashboard-types');
    mkdirSync(scratch, { recursive: true });
    const probe = path.join(scratch, `${path.basename(file, '.json')}.ts`);
    writeFileSync(
      probe,
      [
        "import type { Dashboard } from '@grafana/schema';",
        // JSON holds enum values as plain strings: compare against the enums' literal values.
        'type Json<T> = T extends string ? `${T}` : T extends Array<infer U> ? Array<Json<U>> : T extends object ? { [K in keyof T]: Json<T[K]> } : T;',
        `export const d: Json<Dashboard> = ${JSON.stringify(dashboard, null, 2)};`,
      ].join('\n')
    );
    const program = ts.createProgram([probe], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2020,
      baseUrl: ROOT,
      typeRoots: [path.join(ROOT, 'node_modules/@types')],
      types: [],
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.start ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });

  it('has a greenops- uid, the greenops tag, a description and a relative default time range', () => {
    expect(dashboard.uid).toMatch(/^greenops-[a-z0-9-]+$/);
    expect(dashboard.uid.length).toBeLessThanOrEqual(40);
    expect(dashboard.tags).toContain('greenops');
    expect(String(dashboard.description ?? '').length).toBeGreaterThan(40);
    expect((dashboard.time as { from: string }).from).toMatch(/^now-\d+[mhdwMy]$/);
  });

  it('starts with a datasource variable for this datasource type, and every query variable asks it with a known kind', () => {
    const [first, ...rest] = dashboard.templating.list;
    expect(first).toMatchObject({ name: 'datasource', type: 'datasource', query: DATASOURCE_TYPE });
    const seen = new Set(['datasource']);
    for (const v of rest) {
      // Grafana resolves variables in order: one may only refer to those before it.
      for (const name of referencedVariables(v.query)) {
        expect({ variable: v.name, refersTo: name, defined: seen.has(name) }).toEqual({
          variable: v.name,
          refersTo: name,
          defined: true,
        });
      }
      seen.add(v.name);
      if (v.type === 'query') {
        expect(v.datasource).toEqual({ type: DATASOURCE_TYPE, uid: '${datasource}' });
        const q = v.query as Record<string, unknown>;
        expect(typeof q.refId).toBe('string');
        expect(VARIABLE_KINDS).toContain(q.kind);
        expect(Object.keys(q).filter((k) => !VARIABLE_QUERY_KEYS.includes(k))).toEqual([]);
      } else {
        expect(['custom', 'textbox', 'constant', 'interval']).toContain(v.type);
        expect(String(v.query ?? '')).not.toBe('');
      }
    }
  });

  const panels = dataPanels(dashboard);
  it.each(panels.map((p) => [p.title, p] as const))(
    'panel "%s" says what it measures and declares its units',
    (_title, panel) => {
      expect(String(panel.description ?? '').length).toBeGreaterThan(60);
      expect(panel.datasource).toEqual({ type: DATASOURCE_TYPE, uid: '${datasource}' });
      expect(declaredUnits(panel).length).toBeGreaterThan(0);
      expect((panel.targets ?? []).length).toBeGreaterThan(0);
    }
  );

  const targets = panels.flatMap((panel) => (panel.targets ?? []).map((t) => [panel.title, t] as const));
  it.each(targets)('panel "%s": the query is of a served type and the backend parse() accepts it', async (_title, target) => {
    expect(target.datasource).toEqual({ type: DATASOURCE_TYPE, uid: '${datasource}' });
    expect(QUERY_TYPES).toContain(target.queryType);
    const variables = new Set(dashboard.templating.list.map((v) => v.name));
    for (const name of referencedVariables(target)) {
      expect({ refersTo: name, defined: variables.has(name) }).toEqual({ refersTo: name, defined: true });
    }
    const handler = await findHandler(String(target.queryType));
    expect(handler).toBeDefined();
    expect(() => handler!.parse(interpolateTarget(target, sampleValues(dashboard)))).not.toThrow();
  });
});
