/**
 * Kepler's release from its build-info series, against a real Prometheus. Kepler 0.8 and 0.9 print
 * 0.7's metrics, so only `kepler_exporter_build_info` tells them apart; 0.7.10 and older print it
 * with an empty version (the metric names then say 0.7); Kepler 0.10+ prints `kepler_build_info`.
 * The fixtures print each as that release does (exposition/kepler07.ts); expected names and lines
 * are written by hand from the release tags and Kepler's cmd/exporter/exporter.go.
 */
import { discoverExporters } from '../../src/backend/sources/prometheus/discovery';
import { PromClient } from '../../src/backend/sources/prometheus/promClient';
import { logger } from '../../src/backend/core/logger';
import { generateKepler07 } from '../fixtures/exporters/kepler07';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import { standardScenario } from '../fixtures/exporters/scenario';
import { startPrometheus, type PrometheusServer } from '../helpers/prometheus';
import type { Kepler07Release } from '../../src/backend/sources/prometheus/exporters/exposition/kepler07';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});
jest.setTimeout(60_000);

const sc = standardScenario({ hours: 0.25 });
const range = { fromMs: sc.start * 1000, toMs: sc.end * 1000 };

interface Case {
  release: Kepler07Release;
  /** The first build-info sample as Kepler prints it (before Prometheus adds job and instance). */
  printed: string;
  name: string;
  detail?: string;
}
const CASES: Case[] = [
  {
    release: 'v0.7.10',
    printed:
      'kepler_exporter_build_info{branch="",goarch="amd64",goos="linux",goversion="go1.21.12",' +
      'revision="54f3613ea76d50ac4bff3a830f1d69e4ffa5c513",' +
      'tags="include_gcs,include_oss,containers_image_openpgp,gssapi,providerless,netgo,osusergo,libbpf,linux,gpu",version=""',
    name: 'Kepler 0.7',
  },
  {
    release: 'v0.7.12',
    printed:
      'kepler_exporter_build_info{arch="amd64",branch="HEAD",os="linux",revision="3eb6297d872453f3cb52c0596ed5bd05315fed3b",version="v0.7.12"',
    name: 'Kepler 0.7',
    detail: 'version v0.7.12',
  },
  {
    release: 'v0.8.0',
    printed:
      'kepler_exporter_build_info{arch="amd64",branch="HEAD",os="linux",revision="bfae0a73afbd53f895b3be7643eb0c95ecd6e94f",version="v0.8.0"',
    name: 'Kepler 0.8',
    detail: 'version v0.8.0',
  },
  {
    release: 'v0.9.0',
    printed:
      'kepler_exporter_build_info{arch="amd64",branch="HEAD",os="linux",revision="9c21c99bccab65a77aaa2c7a984765a58aa8c187",version="v0.9.0"',
    name: 'Kepler 0.9',
    detail: 'version v0.9.0',
  },
];

const servers: PrometheusServer[] = [];
const clients: PromClient[] = [];
afterAll(async () => {
  clients.forEach((c) => c.close());
  await Promise.all(servers.map((s) => s.stop()));
});

async function discover(openMetrics: string) {
  const server = await startPrometheus([openMetrics]);
  servers.push(server);
  const client = new PromClient({ url: server.url, logger });
  clients.push(client);
  return discoverExporters(client, range);
}

describe.each(CASES)('Kepler $release', ({ release, printed, name, detail }) => {
  const fx = generateKepler07(sc, { version: release });

  it('prints its build info as that release does', () => {
    expect(fx.openMetrics).toContain(`\n${printed},job="kepler",instance=`);
    expect(fx.openMetrics).not.toMatch(/^kepler_build_info/m);
  });

  it(`is reported as ${name}${detail ? ` (${detail})` : ', from its metric names'}`, async () => {
    const found = await discover(fx.openMetrics);
    const report = found.exporters.find((e) => e.id === 'kepler-0.7')!;
    expect(report).toMatchObject({ present: true, name });
    expect(report.detail).toBe(detail);
    expect(found.findings.kepler.generations).toEqual(['0.7']);
    expect(found.findings.kepler.versions['0.7']).toEqual(detail ? [release] : []);
    expect(found.summary).toContain(detail ? `${name} (${detail}) found` : `${name} found`);
  });
});

describe('Kepler 0.10+ with kepler_build_info', () => {
  it('is reported with the release line its build info gives', async () => {
    const fx = generateKepler010(sc, { version: 'v0.11.2' });
    expect(fx.openMetrics).toMatch(
      /\nkepler_build_info\{arch="amd64",branch="[^"]*",goversion="go[0-9.]+",revision="[0-9a-f]+",version="v0\.11\.2"/
    );
    const found = await discover(fx.openMetrics);
    const report = found.exporters.find((e) => e.id === 'kepler-0.10')!;
    expect(report).toMatchObject({ present: true, name: 'Kepler 0.11' });
    expect(report.detail).toMatch(/^zones [a-z, ]+, version v0\.11\.2$/);
    expect(found.exporters.find((e) => e.id === 'kepler-0.7')!.present).toBe(false);
  });
});
