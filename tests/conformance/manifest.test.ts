/**
 * The app manifest (plugin.json) against the rules Grafana applies to it when the plugin is
 * installed, as its source states them (grafana/grafana and grafana/plugin-validator, read at
 * their main branches in December 2026):
 *
 * - Navigation (pkg/services/navtree/navtreeimpl/applinks.go): a page include's link is
 *   AppSubURL + path, so a path must be absolute; a dashboard include is linked as `/d/<uid>`
 *   (pkg/plugins Includes.DashboardURLPath) and left out of the menu when its `uid` is empty.
 * - Nested plugins (plugin-validator pkg/analysis/passes/includesnested): every plugin.json inside
 *   the archive other than the root one must be declared by an include whose `path` is its path
 *   relative to the root and whose `type` is its type ("nested-plugins-not-declared",
 *   "nested-plugin-type-missmatch" are errors).
 * - Include shape (plugin.schema.json): type one of dashboard, page, panel, datasource,
 *   secretsmanager; role one of Admin, Editor, Viewer.
 *
 * The archive is dist/, which mirrors src/ (webpack copies every plugin.json under src).
 */
import fs from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');

interface Include {
  type: string;
  name: string;
  path?: string;
  uid?: string;
  role?: string;
  addToNav?: boolean;
  defaultNav?: boolean;
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'plugin.json'), 'utf8')) as {
  type: string;
  includes: Include[];
};
const includes = manifest.includes;

/** Every plugin.json under src/ but the root one (src/plugin.json links to ../plugin.json), relative to src/. */
function nestedPluginJsons(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return nestedPluginJsons(full);
    }
    return entry.name === 'plugin.json' && dir !== SRC ? [path.relative(SRC, full)] : [];
  });
}

describe('app manifest against Grafana rules', () => {
  test('every include has a known type, and a known role where it has one', () => {
    for (const include of includes) {
      expect(['dashboard', 'page', 'panel', 'datasource', 'secretsmanager']).toContain(include.type);
      if (include.role !== undefined) {
        expect(['Admin', 'Editor', 'Viewer']).toContain(include.role);
      }
    }
  });

  test('every nested plugin is declared with its path and type (plugin-validator includesnested)', () => {
    const nested = nestedPluginJsons();
    expect(nested).toEqual(['datasource/plugin.json']);
    for (const rel of nested) {
      const { type } = JSON.parse(fs.readFileSync(path.join(SRC, rel), 'utf8')) as { type: string };
      const declared = includes.filter((i) => i.path === rel);
      expect({ rel, declared: declared.map((i) => i.type) }).toEqual({ rel, declared: [type] });
    }
  });

  test('every dashboard include names its file and that file uid, so Grafana links it as /d/<uid>', () => {
    const dashboards = includes.filter((i) => i.type === 'dashboard');
    const files = fs.readdirSync(path.join(ROOT, 'dashboards')).filter((f) => f.endsWith('.json'));
    expect(dashboards.map((d) => d.path).sort()).toEqual(files.map((f) => `dashboards/${f}`).sort());
    for (const d of dashboards) {
      const { uid } = JSON.parse(fs.readFileSync(path.join(ROOT, d.path!), 'utf8')) as { uid: string };
      expect({ path: d.path, uid: d.uid }).toEqual({ path: d.path, uid });
      expect(d.uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/); // Grafana's dashboard uid rule
    }
  });

  test('pages in the menu have absolute paths and are pages, not dashboards', () => {
    const pages = includes.filter((i) => i.type === 'page' && i.addToNav);
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      expect({ name: page.name, path: page.path }).toEqual({
        name: page.name,
        path: expect.stringMatching(/^\/(a|plugins)\//),
      });
      expect(page.path).not.toMatch(/^\/?d\//);
    }
  });

  test('exactly one include is the default page, and it is an app page', () => {
    const defaults = includes.filter((i) => i.defaultNav);
    expect(defaults).toHaveLength(1);
    expect(defaults[0]).toMatchObject({ type: 'page', path: '/a/greenops-carbon-app' });
  });

  test('the menu lists the app pages and all six bundled dashboards', () => {
    const menu = includes.filter((i) => i.addToNav && (i.type === 'page' || i.uid)).map((i) => i.name);
    expect(menu).toEqual(
      expect.arrayContaining([
        'Overview',
        'Recommendations',
        'Configuration',
        'Grid intensity',
        'Multi-cloud carbon trends',
        'Cost versus carbon',
        'Kubernetes energy and carbon',
        'Per-process power',
        'Zombie instances',
      ])
    );
  });

  test('the catalog screenshots are the gallery catalog set, and exist where the build copies them from (src/)', () => {
    const { info } = JSON.parse(fs.readFileSync(path.join(ROOT, 'plugin.json'), 'utf8')) as {
      info: { screenshots: Array<{ name: string; path: string }> };
    };
    const catalog = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/images/gallery/catalog.json'), 'utf8')) as Array<{
      name: string;
      path: string;
    }>;
    expect(info.screenshots).toEqual(catalog.map(({ name, path: p }) => ({ name, path: p })));
    expect(info.screenshots.length).toBeGreaterThan(0);
    for (const shot of info.screenshots) {
      // PNG signature: 89 50 4E 47.
      expect(fs.readFileSync(path.join(SRC, shot.path)).subarray(0, 4).toString('hex')).toBe('89504e47');
    }
  });
});
