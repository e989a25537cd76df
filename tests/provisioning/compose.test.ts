/**
 * No Docker engine runs here, so the compose file is validated by docker-compose itself
 * (`docker-compose config` parses and normalises it against the compose schema) and its contents
 * are checked against the plugin manifests and provisioning files they must agree with.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

import { parseInstanceSettings } from '../../src/backend/protocol/settings';
import { resolveRegion } from '../../src/engine/measuredEnergy';

const root = path.resolve(__dirname, '../..');
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');
const appManifest = JSON.parse(read('plugin.json'));
const dsManifest = JSON.parse(read('src/datasource/plugin.json'));

describe('docker-compose.yaml', () => {
  const normalised = parse(
    execFileSync('docker-compose', ['-f', 'docker-compose.yaml', 'config'], { cwd: root, encoding: 'utf8' })
  );

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
    expect(volumes).toContainEqual(
      expect.objectContaining({ source: path.join(root, 'provisioning'), target: '/etc/grafana/provisioning' })
    );
    expect(normalised.services.grafana.ports[0]).toMatchObject({ published: 3000, target: 3000 });
  });

  it('allows both plugin ids unsigned (the nested datasource is checked under its own id)', () => {
    const allowed = String(normalised.services.grafana.environment.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).split(
      ','
    );
    expect(allowed.sort()).toEqual([appManifest.id, dsManifest.id].sort());
  });
});

describe('docker-compose.yaml demo stack', () => {
  const normalised = parse(
    execFileSync('docker-compose', ['-f', 'docker-compose.yaml', 'config'], { cwd: root, encoding: 'utf8' })
  );
  const services = normalised.services;
  const mounts = (service: string): Array<{ source: string; target: string; read_only?: boolean }> =>
    services[service].volumes.map((v: any) => {
      if (typeof v !== 'string') {
        return v;
      }
      const [source, target, mode] = v.split(':');
      return { source, target, read_only: mode === 'ro' };
    });
  const PINNED_PROMETHEUS = /^prom\/prometheus:v\d+\.\d+\.\d+$/;

  it('builds the demo exporter from its Dockerfile: npm ci at the root, esbuild bundles of main, backfill and the re-dater', () => {
    for (const name of ['demo-exporter', 'demo-backfill-data', 'demo-focus-recent']) {
      expect(services[name].build.dockerfile).toBe('docker/demo-exporter.Dockerfile');
      expect(services[name].image).toBe(services['demo-exporter'].image);
    }
    const dockerfile = read('docker/demo-exporter.Dockerfile');
    expect(dockerfile).toMatch(/COPY package\.json package-lock\.json/);
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(
      /esbuild demo\/exporter\/src\/main\.ts demo\/exporter\/src\/backfill\.ts demo\/exporter\/src\/billing\/redateCli\.ts --bundle/
    );
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*9105\/-\/healthy/);
    expect(dockerfile).toMatch(/CMD \["node", "\/app\/main\.js"\]/);
  });

  it("writes 14 days of history at 5 min, then imports it with the pinned Prometheus image's promtool", () => {
    const data = services['demo-backfill-data'];
    expect(data.command.slice(0, 2)).toEqual(['node', '/app/backfill.js']);
    const arg = (name: string) => data.command[data.command.indexOf(`--${name}`) + 1];
    expect([arg('days'), arg('step'), arg('out')]).toEqual(['14', '300', '/backfill/openmetrics']);

    const importer = services['demo-backfill'];
    expect(importer.image).toMatch(PINNED_PROMETHEUS);
    expect(importer.depends_on['demo-backfill-data'].condition).toBe('service_completed_successfully');
    expect(importer.command.join('\n')).toMatch(
      /promtool tsdb create-blocks-from openmetrics --quiet "\$+f" \/prometheus/
    );
    // Shared volumes: the files between the two, the TSDB between importer and Prometheus.
    const history = mounts('demo-backfill-data').find((m) => m.target === '/backfill')!.source;
    expect(mounts('demo-backfill')).toContainEqual(expect.objectContaining({ source: history, target: '/backfill' }));
    expect(mounts('demo-backfill')).toContainEqual(
      expect.objectContaining({ source: 'prometheus-data', target: '/prometheus' })
    );
    const recent = mounts('demo-focus-recent').find((m) => m.target === '/focus-recent')!.source;
    const parquet = mounts('demo-focus-recent').find((m) => m.target === '/focus-parquet')!.source;
    expect(Object.keys(normalised.volumes).sort()).toEqual([history, 'prometheus-data', recent, parquet].sort());
  });

  it('re-dates the FOCUS sample into named volumes (CSV, Parquet partitions) before Grafana starts, which mounts them read-only', () => {
    const redate = services['demo-focus-recent'];
    // esbuild keeps the entry's folder under src/: billing/redateCli.ts -> /app/billing/redateCli.js.
    expect(redate.command.slice(0, 2)).toEqual(['node', '/app/billing/redateCli.js']);
    const arg = (name: string) => redate.command[redate.command.indexOf(`--${name}`) + 1];
    expect(arg('months')).toBe('3');
    // --sample is the published sample, through a read-only bind mount of demo/focus.
    const sampleMount = mounts('demo-focus-recent').find((m) => arg('sample').startsWith(`${m.target}/`))!;
    expect(sampleMount).toMatchObject({ source: path.join(root, 'demo/focus'), read_only: true });
    const sampleFile = path.join('demo/focus', arg('sample').slice(sampleMount.target.length + 1));
    expect(read(sampleFile).split('\n')[0]).toContain('ChargePeriodStart');
    // --out (CSV) and --parquet-out are two named volumes (a fresh one takes its mount point's
    // owner: the image's node user).
    const [csv, parquet] = ['out', 'parquet-out'].map((name) =>
      mounts('demo-focus-recent').find((m) => m.target === arg(name))!
    );
    expect(csv.source).not.toBe(parquet.source);
    for (const out of [csv, parquet]) {
      expect(normalised.volumes).toHaveProperty(out.source);
      expect(out.read_only).toBeFalsy();
      expect(read('docker/demo-exporter.Dockerfile')).toMatch(new RegExp(`chown node:node [^\\n]*${out.target}\\b`));
    }
    // Grafana waits for it and mounts both volumes read-only.
    expect(services.grafana.depends_on['demo-focus-recent'].condition).toBe('service_completed_successfully');
    const csvInGrafana = mounts('grafana').find((m) => m.source === csv.source)!;
    const parquetInGrafana = mounts('grafana').find((m) => m.source === parquet.source)!;
    expect(csvInGrafana).toMatchObject({ target: '/var/lib/greenops-demo/focus-recent', read_only: true });
    expect(parquetInGrafana).toMatchObject({ target: '/var/lib/greenops-demo/focus-parquet', read_only: true });
    // The datasource reads the Parquet partitions only: the CSV copies hold the same rows.
    const { datasources } = parse(read('provisioning/datasources/datasources.yaml'));
    expect(datasources[0].jsonData.focus.paths).toEqual([parquetInGrafana.target]);
    // The provisioned path is inside the FOCUS allow-list the mounted grafana.ini sets for the plugin.
    const ini = mounts('grafana').find((m) => m.target === '/etc/grafana/grafana.ini')!;
    expect(ini).toMatchObject({ source: path.join(root, 'demo/grafana/grafana.ini'), read_only: true });
    const section = read('demo/grafana/grafana.ini').split('[plugin.greenops-carbon-datasource]')[1];
    const allowed = /^focus_allowed_paths\s*=\s*(.+)$/m
      .exec(section)![1]
      .split(',')
      .map((p) => p.trim());
    expect(allowed.some((folder) => parquetInGrafana.target.startsWith(`${folder}/`))).toBe(true);
    // Only the re-dated copies: the September 2024 original is not mounted into Grafana.
    expect(mounts('grafana').filter((m) => m.source === path.join(root, 'demo/focus'))).toEqual([]);
  });

  it('runs Prometheus on the imported history, scraping the exporter, before Grafana starts', () => {
    const prom = services.prometheus;
    expect(prom.image).toBe(services['demo-backfill'].image);
    expect(prom.depends_on['demo-backfill'].condition).toBe('service_completed_successfully');
    expect(prom.depends_on['demo-exporter'].condition).toBe('service_healthy');
    expect(services.grafana.depends_on.prometheus.condition).toBe('service_healthy');
    expect(services.grafana.depends_on['plugin-build'].condition).toBe('service_completed_successfully');
    expect(prom.healthcheck.test.join(' ')).toContain('http://127.0.0.1:9090/-/ready');
    expect(mounts('prometheus')).toContainEqual(
      expect.objectContaining({ source: 'prometheus-data', target: '/prometheus' })
    );
    // Time retention longer than the 14 days written.
    const retention = prom.command.find((c: string) => c.startsWith('--storage.tsdb.retention.time='));
    expect(Number(/=(\d+)d$/.exec(retention)![1])).toBeGreaterThanOrEqual(14);
    // The config it mounts scrapes the exporter service on the port it listens on.
    const config = mounts('prometheus').find((m) => m.target === prom.command[0].split('=')[1])!;
    expect(config.source).toBe(path.join(root, 'demo/prometheus/prometheus.yml'));
    const scrape = parse(read('demo/prometheus/prometheus.yml')).scrape_configs;
    expect(scrape).toHaveLength(1);
    expect(scrape[0]).toMatchObject({ honor_labels: true, static_configs: [{ targets: ['demo-exporter:9105'] }] });
    expect(services['demo-exporter'].ports[0]).toMatchObject({ target: 9105 });
    // A stopped pod shows as terminated for one interval: the exporter must know the scrape interval.
    expect(`${services['demo-exporter'].environment.SCRAPE_INTERVAL_SECONDS}s`).toBe(scrape[0].scrape_interval);
  });

  it('provisions the datasource with that Prometheus, a known default region and the FOCUS folder', () => {
    const { datasources } = parse(read('provisioning/datasources/datasources.yaml'));
    const { prometheus } = datasources[0].jsonData;
    const url = new URL(prometheus.url);
    expect(services[url.hostname]).toBeDefined();
    expect(services[url.hostname].image).toMatch(PINNED_PROMETHEUS);
    expect(url.port).toBe('9090');
    expect(resolveRegion(prometheus.defaultRegion)).toBeDefined();
    // The backend's own settings parser accepts the whole jsonData.
    const settings = parseInstanceSettings({
      id: 1,
      name: datasources[0].name,
      url: '',
      uid: datasources[0].uid,
      jsonData: Buffer.from(JSON.stringify(datasources[0].jsonData)),
      decryptedSecureJsonData: {},
      lastUpdatedMS: 1,
    });
    expect(settings.jsonData.prometheus).toMatchObject({ url: 'http://prometheus:9090', defaultRegion: 'eu-west-1' });
    expect(settings.jsonData.focus).toEqual({ paths: ['/var/lib/greenops-demo/focus-parquet'] });
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
    // The demo FOCUS path is the re-dated Parquet partitions' folder docker-compose.yaml mounts
    // (checked above).
    expect(datasources[0].jsonData.focus.paths).toEqual(['/var/lib/greenops-demo/focus-parquet']);
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
