import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { BUNDLED_DASHBOARDS, dashboardUrl } from './dashboards';

/** The repository root: dashboards/ and the app manifest live there. */
const ROOT = path.resolve(__dirname, '../../../..');
const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));

describe('BUNDLED_DASHBOARDS', () => {
  const files = readdirSync(path.join(ROOT, 'dashboards'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `dashboards/${f}`)
    .sort();

  it('lists every dashboard file once, with the uid and title in the file', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(BUNDLED_DASHBOARDS.map((d) => d.path).sort()).toEqual(files);
    for (const file of files) {
      const json = read(file);
      expect(BUNDLED_DASHBOARDS.find((d) => d.path === file)).toMatchObject({ uid: json.uid, title: json.title });
    }
  });

  it('lists exactly the dashboards of the manifest', () => {
    const manifest = read('plugin.json') as { includes: Array<{ type: string; path?: string }> };
    const included = manifest.includes.filter((i) => i.type === 'dashboard').map((i) => i.path);
    expect([...included].sort()).toEqual(BUNDLED_DASHBOARDS.map((d) => d.path).sort());
  });

  it('links to each dashboard by its uid', () => {
    expect(dashboardUrl('greenops-cost-vs-carbon')).toBe('/d/greenops-cost-vs-carbon');
  });
});
