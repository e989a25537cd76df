/**
 * Bundled dashboards are checked against Grafana's published dashboard types (@grafana/schema,
 * through the TypeScript compiler) and every panel query is run through the backend's own query
 * path, so a dashboard cannot ship with a query the backend rejects or a field name it never emits.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as ts from 'typescript';
import { findHandler } from '../../src/backend/queries/registry';
import { EMPTY_SETTINGS } from '../../src/backend/queries/settings';

const root = path.resolve(__dirname, '../..');
const dashboardDir = path.join(root, 'dashboards');
const files = readdirSync(dashboardDir).filter((f) => f.endsWith('.json'));
const appManifest = JSON.parse(readFileSync(path.join(root, 'plugin.json'), 'utf8'));
const DATASOURCE_TYPE = 'greenops-carbon-datasource';

/** Sample values for dashboard variables, as Grafana would interpolate them. */
const VARIABLES: Record<string, string> = { provider: 'aws', region: 'eu-west-1', datasource: 'greenops-carbon' };
function interpolate(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{?(\w+)\}?/g, (m, name) => VARIABLES[name] ?? m);
  }
  if (Array.isArray(value)) {
    return value.map(interpolate);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v)]));
  }
  return value;
}

describe.each(files)('dashboard %s', (file) => {
  const dashboard = JSON.parse(readFileSync(path.join(dashboardDir, file), 'utf8'));

  it("type-checks as @grafana/schema's Dashboard", () => {
    const scratch = path.join(root, '.tmp', 'dashboard-types');
    mkdirSync(scratch, { recursive: true });
    const probe = path.join(scratch, `${path.basename(file, '.json')}.ts`);
    writeFileSync(probe, [
        "import type { Dashboard } from '@grafana/schema';",
        // JSON holds enum values as plain strings: compare against the enums' literal values.
        'type Json<T> = T extends string ? `${T}` : T extends Array<infer U> ? Array<Json<U>> : T extends object ? { [K in keyof T]: Json<T[K]> } : T;',
        `export const d: Json<Dashboard> = ${JSON.stringify(dashboard, null, 2)};`,
      ].join('\n'));
    const program = ts.createProgram([probe], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2020,
      baseUrl: root,
      typeRoots: [path.join(root, 'node_modules/@types')],
      types: [],
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.start ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });

  it('is listed in the app manifest', () => {
    expect(appManifest.includes).toContainEqual(expect.objectContaining({ type: 'dashboard', path: `dashboards/${file}` }));
  });

  const panels: any[] = dashboard.panels ?? [];
  const targets = panels.flatMap((panel) => (panel.targets ?? []).map((target: any) => [panel.title, panel, target]));

  it.each(targets)('panel "%s" queries the GreenOps datasource with a query the backend accepts', async (_title, panel, target) => {
    expect(panel.datasource.type).toBe(DATASOURCE_TYPE);
    expect(target.datasource.type).toBe(DATASOURCE_TYPE);
    const query = interpolate(target) as Record<string, unknown>;
    const handler = findHandler(String(query.queryType));
    expect(handler).toBeDefined();
    const frames = await handler!.run({
      refId: target.refId,
      query: handler!.parse(query),
      timeRange: { from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 0, 8) },
      intervalMs: 3_600_000,
      maxDataPoints: 500,
      settings: EMPTY_SETTINGS,
    });
    expect(frames.length).toBeGreaterThan(0);
    // Field names and display names the panel refers to must exist in what the backend returns.
    const names = new Set(
      frames.flatMap((f) => f.fields.flatMap((field) => [field.name, field.config?.displayNameFromDS].filter(Boolean)))
    );
    const referenced = [
      ...(panel.fieldConfig?.overrides ?? []).filter((o: any) => o.matcher.id === 'byName').map((o: any) => o.matcher.options),
      ...(panel.options?.sortBy ?? []).map((s: any) => s.displayName),
      ...(panel.transformations ?? []).flatMap((t: any) => (t.options?.sort ?? []).map((s: any) => s.field)),
    ];
    for (const name of referenced) {
      expect(names).toContain(name);
    }
  });
});
