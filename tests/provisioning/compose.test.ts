/**
 * No Docker engine runs here, so the compose file is validated by docker-compose itself
 * (`docker-compose config` parses and normalises it against the compose schema) and its contents
 * are checked against the plugin manifests and provisioning files they must agree with.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');
const appManifest = JSON.parse(read('plugin.json'));
const dsManifest = JSON.parse(read('src/datasource/plugin.json'));

describe('docker-compose.yaml', () => {
  const normalised = parse(execFileSync('docker-compose', ['-f', 'docker-compose.yaml', 'config'], { cwd: root, encoding: 'utf8' }));

  it('builds the plugin before Grafana starts', () => {
    expect(normalised.services['plugin-build'].build.dockerfile).toBe('docker/plugin-build.Dockerfile');
    expect(normalised.services.grafana.depends_on['plugin-build'].condition).toBe('service_completed_successfully');
    const dockerfile = read('docker/plugin-build.Dockerfile');
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/RUN npm run build/);
  });

  it('runs the default (Alpine) grafana/grafana image at a pinned version', () => {
    expect(normalised.services.grafana.image).toMatch(/^grafana\/grafana:\d+\.\d+\.\d+$/);
  });

  it('mounts dist/ as the app and the provisioning folder', () => {
    const volumes: Array<{ source: string; target: string }> = normalised.services.grafana.volumes.map((v: any) =>
      typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : v
    );
    expect(volumes).toContainEqual(
      expect.objectContaining({ source: path.join(root, 'dist'), target: `/var/lib/grafana/plugins/${appManifest.id}` })
    );
    expect(volumes).toContainEqual(expect.objectContaining({ source: path.join(root, 'provisioning'), target: '/etc/grafana/provisioning' }));
    expect(volumes).toContainEqual(expect.objectContaining({ source: path.join(root, 'demo/focus'), target: '/var/lib/greenops-demo/focus' }));
    expect(normalised.services.grafana.ports[0]).toMatchObject({ published: 3000, target: 3000 });
  });

  it('allows both plugin ids unsigned (the nested datasource is checked under its own id)', () => {
    const allowed = String(normalised.services.grafana.environment.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).split(',');
    expect(allowed.sort()).toEqual([appManifest.id, dsManifest.id].sort());
  });
});

describe('provisioning', () => {
  it('enables the app by its id', () => {
    const apps = parse(read('provisioning/plugins/apps.yaml'));
    expect(apps.apps).toEqual([expect.objectContaining({ type: appManifest.id, disabled: false })]);
  });

  it('provisions a datasource of the nested plugin type with valid settings', () => {
    const { datasources } = parse(read('provisioning/datasources/datasources.yaml'));
    expect(datasources).toHaveLength(1);
    expect(datasources[0]).toMatchObject({ type: dsManifest.id, uid: 'greenops-carbon', access: 'proxy' });
    expect(['aws', 'gcp', 'azure']).toContain(datasources[0].jsonData.defaultProvider);
    // The demo FOCUS path is the folder docker-compose.yaml mounts, and it holds the sample.
    expect(datasources[0].jsonData.focus.paths).toEqual(['/var/lib/greenops-demo/focus']);
    expect(read('demo/focus/focus_sample_1000.csv').split('\n')[0]).toContain('ChargePeriodStart');
  });
});

describe('plugin manifests', () => {
  it('declare an app that includes the backend datasource', () => {
    expect(appManifest).toMatchObject({ type: 'app', id: 'greenops-carbon-app' });
    expect(appManifest.includes).toContainEqual(expect.objectContaining({ type: 'datasource', name: dsManifest.name }));
    expect(appManifest.dependencies.grafanaDependency).toMatch(/^>=\d+\.\d+\.\d+$/);
    expect(dsManifest).toMatchObject({
      type: 'datasource',
      id: 'greenops-carbon-datasource',
      backend: true,
      alerting: true,
      metrics: true,
      annotations: true,
      executable: 'gpx_greenops_carbon',
    });
  });
});
