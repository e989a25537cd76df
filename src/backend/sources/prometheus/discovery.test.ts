import { discoverExporters } from './discovery';
import { keplerName } from './discoveryReport';
import type { PromClient } from './promClient';

/** A client answering from a fixed index: metric → label names, and label values per metric. */
function fakeClient(index: Record<string, Record<string, string[]>>, scaphVersion?: number) {
  const calls: string[] = [];
  const metricsOf = (matchers: readonly string[]) => matchers.filter((m) => m in index);
  const client = {
    labelValues: async (name: string, matchers: readonly string[] = []) => {
      calls.push(`values ${name} ${matchers.join(' ')}`);
      if (name === '__name__') {
        return { data: Object.keys(index), warnings: [], infos: [] };
      }
      return { data: [...new Set(metricsOf(matchers).flatMap((m) => index[m][name] ?? []))], warnings: [], infos: [] };
    },
    labelNames: async (matchers: readonly string[] = []) => {
      calls.push(`names ${matchers.join(' ')}`);
      return { data: [...new Set(metricsOf(matchers).flatMap((m) => Object.keys(index[m])))], warnings: [], infos: [] };
    },
    query: async (expr: string) => {
      calls.push(`query ${expr}`);
      const series = scaphVersion === undefined ? [] : [{ labels: {}, timeMs: 0, value: scaphVersion }];
      return { data: { resultType: 'vector', series }, warnings: [], infos: [] };
    },
  };
  return { client: client as unknown as PromClient, calls };
}

const range = { fromMs: 0, toMs: 3_600_000 };

describe('discoverExporters', () => {
  it('asks for every metric of interest in one request, and nothing more when none is there', async () => {
    const { client, calls } = fakeClient({});
    const found = await discoverExporters(client, range);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(
      /^values __name__ \{__name__=~"kepler_container_joules_total\|kepler_pod_cpu_joules_total\|/
    );
    expect(found.requests).toBe(1);
    expect(found.summary).toBe(
      'No power or cost exporter found; ' +
        'an energy exporter with namespaces (Kepler, Scaphandre --containers or DCGM with pod labels) not found: namespaceEnergy needs it; ' +
        'Scaphandre not found: processPower needs it; ' +
        'OpenCost and a CPU energy exporter (Kepler or Scaphandre --containers) not found: costVsCarbon needs them; ' +
        'kube-state-metrics, cAdvisor and a CPU energy exporter (Kepler or Scaphandre --containers) not found: carbonEfficiency needs them; ' +
        'an energy exporter (Kepler, Scaphandre or DCGM) not found: energyPerUnit needs it.'
    );
    expect(found.queryTypes.promqlEnergy).toEqual({ available: true, by: [] });
  });

  it('reads DCGM pod labels, also when Prometheus renamed them exported_*', async () => {
    const plain = await discoverExporters(
      fakeClient({ DCGM_FI_DEV_POWER_USAGE: { gpu: [], namespace: [], pod: [] } }).client,
      range
    );
    expect(plain.findings.dcgm).toMatchObject({
      found: true,
      energyCounter: false,
      podLabels: true,
      podLabelPrefix: '',
    });
    expect(plain.queryTypes.namespaceEnergy).toEqual({
      available: true,
      by: ['DCGM (GPU only)'],
      reason: 'GPU energy only: no CPU energy exporter (Kepler, Scaphandre --containers) found',
    });
    expect(plain.queryTypes.costVsCarbon.available).toBe(false);
    expect(plain.queryTypes.energyPerUnit).toEqual({ available: true, by: ['DCGM'] });

    const renamed = await discoverExporters(
      fakeClient({
        DCGM_FI_DEV_POWER_USAGE: { namespace: [], pod: [], exported_namespace: [], exported_pod: [] },
        DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION: { exported_namespace: [] },
      }).client,
      range
    );
    expect(renamed.findings.dcgm).toMatchObject({ energyCounter: true, podLabelPrefix: 'exported_' });
    expect(renamed.exporters.find((e) => e.id === 'dcgm')).toMatchObject({ present: true, detail: 'with pod labels' });

    const bare = await discoverExporters(fakeClient({ DCGM_FI_DEV_POWER_USAGE: { gpu: [] } }).client, range);
    expect(bare.findings.dcgm.podLabels).toBe(false);
    expect(bare.queryTypes.namespaceEnergy.available).toBe(false);
  });

  it('tells Scaphandre without --containers apart, and old versions', async () => {
    const { client, calls } = fakeClient(
      {
        scaph_host_power_microwatts: {},
        scaph_process_power_consumption_microwatts: { pid: [], exe: [], cmdline: [] },
        scaph_self_version: {},
      },
      0.5
    );
    const found = await discoverExporters(client, range);
    expect(found.findings.scaphandre).toMatchObject({
      found: true,
      containers: false,
      generation: '0.x',
      version: '0.5',
    });
    expect(found.queryTypes.processPower.available).toBe(true);
    expect(found.queryTypes.namespaceEnergy.available).toBe(false);
    expect(calls).toContain('query max(last_over_time(scaph_self_version[1h]))');
    expect(found.requests).toBe(3);
  });

  it('reports both Kepler generations during a migration', async () => {
    const found = await discoverExporters(
      fakeClient({
        kepler_container_joules_total: { container_namespace: [] },
        kepler_pod_cpu_joules_total: { zone: ['package', 'core'] },
      }).client,
      range
    );
    expect(found.findings.kepler).toMatchObject({
      generations: ['0.7', '0.10+'],
      zones: ['core', 'package'],
      legacyModeLabel: false,
    });
    expect(found.summary).toMatch(/^Kepler 0\.10\+ \(zones core, package\), Kepler 0\.7 \(no mode label\) found;/);
  });

  it('names Kepler by the release its build info gives, by the metric names without one', async () => {
    const { client, calls } = fakeClient({
      kepler_container_joules_total: { mode: [] },
      // An upgrade from 0.8 to 0.9 in the range, and a 0.7.10 pod printing an empty version.
      kepler_exporter_build_info: { version: ['', 'v0.8.0', 'v0.9.0'] },
    });
    const found = await discoverExporters(client, range);
    expect(found.findings.kepler.versions).toEqual({ '0.7': ['v0.8.0', 'v0.9.0'], '0.10+': [] });
    expect(found.exporters.find((e) => e.id === 'kepler-0.7')).toMatchObject({
      name: 'Kepler 0.8, 0.9',
      detail: 'version v0.8.0, v0.9.0',
    });
    expect(calls).toContain('values version kepler_exporter_build_info');

    // A build info left behind without its energy series names no Kepler.
    const stale = await discoverExporters(
      fakeClient({
        kepler_pod_cpu_joules_total: { zone: ['package'] },
        kepler_exporter_build_info: { version: ['v0.9.0'] },
      }).client,
      range
    );
    expect(stale.findings.kepler.versions).toEqual({ '0.7': [], '0.10+': [] });
    expect(stale.exporters.map((e) => [e.name, e.present])).toContainEqual(['Kepler 0.10+', true]);
    expect(stale.exporters.map((e) => [e.name, e.present])).toContainEqual(['Kepler 0.7', false]);
  });

  it('reads the release line from what `git describe` printed, else keeps the generation', () => {
    expect(keplerName('0.7', ['v0.9.0-12-g3abc1de-dirty'])).toBe('Kepler 0.9');
    expect(keplerName('0.10+', ['0.10.2'])).toBe('Kepler 0.10');
    expect(keplerName('0.10+', ['v0.11.0-rc1', 'v0.11.1'])).toBe('Kepler 0.11');
    // `git describe --always` without a tag prints a bare commit.
    expect(keplerName('0.7', ['3eb6297'])).toBe('Kepler 0.7');
    expect(keplerName('0.10+', [])).toBe('Kepler 0.10+');
  });
});
