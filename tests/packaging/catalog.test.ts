/**
 * What Grafana's plugin catalog and plugin details page show: src/README.md (copied into dist as the
 * plugin's README) and the info block of both plugin.json files. The page is read on grafana.com
 * and inside Grafana, where a relative link leads nowhere, so every link must be absolute.
 * Run: npx jest tests/packaging/catalog.test.ts --selectProjects integration
 */
import fs from 'fs';
import path from 'path';

import { QUERY_TYPES } from '../../src/shared/queryTypes';

const ROOT = path.resolve(__dirname, '../..');
const README = fs.readFileSync(path.join(ROOT, 'src/README.md'), 'utf8');
const MANIFESTS = ['src/plugin.json', 'src/datasource/plugin.json'];

interface Info {
  author: { name: string; url?: string };
  logos: { small: string; large: string };
  links: Array<{ name: string; url: string }>;
}
const infoOf = (manifest: string): Info => JSON.parse(fs.readFileSync(path.join(ROOT, manifest), 'utf8')).info;

describe('the catalog page (src/README.md)', () => {
  it('lists every query type by its id', () => {
    expect(QUERY_TYPES).toHaveLength(11);
    expect(QUERY_TYPES.filter((id) => !README.includes(`(\`${id}\`)`))).toEqual([]);
  });

  it('links only to absolute https addresses', () => {
    const targets = [...README.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(5);
    expect(targets.filter((t) => !/^https:\/\/[^/]+\.[a-z]+/.test(t))).toEqual([]);
  });

  it('names the IAM permissions and the exporters', () => {
    for (const needed of [
      'ce:GetCostAndUsage',
      'ce:GetDimensionValues',
      'ce:GetRightsizingRecommendation',
      'sts:AssumeRole',
    ]) {
      expect([needed, README.includes(`\`${needed}\``)]).toEqual([needed, true]);
    }
    for (const exporter of [
      'Kepler',
      'Scaphandre',
      'DCGM',
      'OpenCost',
      'kube-state-metrics',
      'cAdvisor',
      'node_exporter',
    ]) {
      expect([exporter, README.includes(exporter)]).toEqual([exporter, true]);
    }
    expect(README).not.toMatch(/will follow/);
  });
});

describe.each(MANIFESTS)('%s info', (manifest) => {
  it('has an author URL and documentation, repository, issues and licence links, all https', () => {
    const info = infoOf(manifest);
    expect(info.author.url).toMatch(/^https:\/\//);
    expect(info.links.map((l) => l.name.split(' ')[0])).toEqual(['Documentation', 'Repository', 'Issues', 'Licence']);
    expect(info.links.filter((l) => !l.url.startsWith('https://'))).toEqual([]);
  });

  it("shows the project's logo, not the create-plugin template's", () => {
    const { logos } = infoOf(manifest);
    const dir = path.dirname(path.join(ROOT, manifest));
    for (const logo of [logos.small, logos.large]) {
      const svg = fs.readFileSync(path.join(dir, logo), 'utf8');
      expect(svg).toMatch(/^<svg [^>]*aria-label="GreenOps Carbon"/);
      // The template's logo: four panels drawn in layers named by its export tool.
      expect(svg).not.toContain('Layer_1');
    }
  });
});

it('both plugins show the same logo', () => {
  const [app, ds] = MANIFESTS.map((m) => {
    const dir = path.dirname(path.join(ROOT, m));
    return fs.readFileSync(path.join(dir, infoOf(m).logos.large), 'utf8');
  });
  expect(ds).toBe(app);
});
