import { discoverExporters } from './discovery';
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
});
