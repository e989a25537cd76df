/**
 * Each exporter metric name the backend reads is spelled in one backend source file, its
 * exporter's module; everything else (discovery, queries, the output descriptions in
 * exposition/) imports it. And the folder imports nothing from outside: the demo exporter's image
 * copies only this folder (docker/demo-exporter.Dockerfile).
 */
import fs from 'fs';
import path from 'path';

import * as exporters from '.';

const BACKEND = path.resolve(__dirname, '../../..');
const FOLDER = __dirname;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      return sourceFiles(full);
    }
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const files = sourceFiles(BACKEND).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
const spelledIn = (name: string) =>
  files
    .filter(({ text }) => new RegExp(`(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|$)`).test(text))
    .map(({ file }) => path.relative(BACKEND, file));

const modules = Object.entries(exporters) as Array<[string, { metrics: Record<string, string> }]>;

describe('exporter modules', () => {
  it.each(modules)('every metric name of %s is spelled in that module only', (id, module) => {
    const names = Object.values(module.metrics);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect({ name, files: spelledIn(name) }).toEqual({
        name,
        files: [path.relative(BACKEND, path.join(FOLDER, `${id}.ts`))],
      });
    }
  });

  it('spells no Kepler, Scaphandre, DCGM or kube-state-metrics name outside the exporters folder', () => {
    const outside = files.filter(({ file }) => !file.startsWith(FOLDER + path.sep));
    const found = outside.flatMap(({ file, text }) =>
      [...text.matchAll(/\b(kepler_[a-z_]+|scaph_[a-z_]+|DCGM_[A-Z_]+|kube_[a-z_]+)/g)].map(
        (m) => `${path.relative(BACKEND, file)}: ${m[1]}`
      )
    );
    expect(found).toEqual([]);
  });

  it("Kepler 0.7's per-component node counters are named by its module only", () => {
    const { components, nodeComponentJoules, metrics } = exporters.kepler07;
    for (const c of components) {
      expect(spelledIn(nodeComponentJoules(c)).filter((f) => !f.endsWith('exporters/kepler07.ts'))).toEqual([]);
    }
    expect(nodeComponentJoules('package')).toBe(metrics.nodePackageJoules);
  });

  it('import nothing from outside the folder', () => {
    const imports = sourceFiles(FOLDER).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => ({
        file: path.relative(FOLDER, file),
        target: path.resolve(path.dirname(file), m[1]),
      }))
    );
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter(({ target }) => !target.startsWith(FOLDER))).toEqual([]);
  });
});
