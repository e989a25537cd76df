/**
 * The exact PromQL each exporter generation sends: aggregation is pushed into Prometheus (`sum by`
 * around `increase`/`rate`/subqueries), namespaces are escaped literals, zones are never summed.
 */
import { dcgmSource, kepler010Source, kepler07Source, scaphandreSource } from './exporterQueries';
import { compoundDuration, subqueryOf, timing } from './promqlParts';

const t3h = timing(3 * 3_600_000, 30_000);
const INJECTION = '"}) or vector(1) #';

describe('Kepler 0.10+', () => {
  const k = kepler010Source(['package']);

  it('sums one zone of the running pod counters per namespace and node', () => {
    expect(k.energy('namespace', undefined, t3h)).toBe(
      'sum by (pod_namespace, node_name) (increase(kepler_pod_cpu_joules_total{zone="package",state="running"}[3h]))'
    );
    expect(k.energy('pod', ['shop', 'ml'], t3h)).toBe(
      'sum by (pod_namespace, pod_name, node_name) (increase(kepler_pod_cpu_joules_total{zone="package",state="running",pod_namespace=~"shop|ml"}[3h]))'
    );
    expect(k.energy('node', undefined, t3h)).toBe(
      'sum by (node_name) (increase(kepler_pod_cpu_joules_total{zone="package",state="running"}[3h]))'
    );
  });

  it('watts: rate over the step, at least 2 minutes', () => {
    expect(k.power('namespace', undefined, timing(3_600_000, 30_000))).toBe(
      'sum by (pod_namespace, node_name) (rate(kepler_pod_cpu_joules_total{zone="package",state="running"}[2m]))'
    );
    expect(k.power('namespace', undefined, timing(86_400_000, 600_000))).toBe(
      'sum by (pod_namespace, node_name) (rate(kepler_pod_cpu_joules_total{zone="package",state="running"}[10m]))'
    );
  });

  it('node totals of the same zone', () => {
    expect(k.nodeEnergy(t3h)).toBe('sum by (node_name) (increase(kepler_node_cpu_joules_total{zone="package"}[3h]))');
    expect(k.nodePower(t3h)).toBe('sum by (node_name) (rate(kepler_node_cpu_joules_total{zone="package"}[2m]))');
  });

  it('keeps template-variable values and zones inside quoted literals', () => {
    expect(k.energy('namespace', [INJECTION], t3h)).toBe(
      'sum by (pod_namespace, node_name) (increase(kepler_pod_cpu_joules_total{zone="package",state="running",pod_namespace=~"\\"\\\\}\\\\) or vector\\\\(1\\\\) #"}[3h]))'
    );
    expect(kepler010Source(['x"}or']).nodeEnergy(t3h)).toContain('{zone="x\\"}or"}');
  });
});

describe('Kepler 0.7', () => {
  it('dynamic energy of containers, without the host/kernel pseudo-containers, keyed by target instance', () => {
    const k = kepler07Source(['package', 'core', 'uncore', 'dram', 'other'], false);
    expect(k.energy('namespace', ['shop'], t3h)).toBe(
      'sum by (container_namespace, instance) (increase(kepler_container_joules_total{mode="dynamic",pod_name!~"system_processes|kernel_processes",container_namespace=~"shop"}[3h]))'
    );
    expect(k.nodeEnergy(t3h)).toBe(
      'sum by (instance) (label_replace(increase(kepler_node_package_joules_total[3h]), "component", "package", "__name__", ".*")' +
        ' or label_replace(increase(kepler_node_dram_joules_total[3h]), "component", "dram", "__name__", ".*")' +
        ' or label_replace(increase(kepler_node_other_joules_total[3h]), "component", "other", "__name__", ".*"))'
    );
    expect(k.nodeNames!.expr(t3h)).toBe(
      'group by (instance, exported_instance) (last_over_time(kepler_node_package_joules_total[3h]))'
    );
  });

  it("takes Kepler's gpu component out when DCGM supplies GPU energy", () => {
    const k = kepler07Source(['package', 'dram', 'other', 'gpu'], true);
    const sel = 'mode="dynamic",pod_name!~"system_processes|kernel_processes"';
    const a = `sum by (container_namespace, instance) (rate(kepler_container_joules_total{${sel}}[2m]))`;
    const b = `sum by (container_namespace, instance) (rate(kepler_container_gpu_joules_total{${sel}}[2m]))`;
    expect(k.power('namespace', undefined, t3h)).toBe(`(${a} - ${b}) or ${a}`);
    expect(k.nodePower(t3h)).not.toContain('gpu');
    expect(kepler07Source(['package', 'gpu'], false).nodePower(t3h)).toContain('kepler_node_gpu_joules_total');
  });
});

describe('Scaphandre --containers', () => {
  const s = scaphandreSource();

  it('integrates per-namespace power in Prometheus (µW → W, Riemann sum at the step)', () => {
    expect(s.energy('namespace', undefined, t3h)).toBe(
      'sum_over_time((sum by (kubernetes_pod_namespace, kubernetes_node_name) (scaph_process_power_consumption_microwatts{kubernetes_pod_namespace!=""}))[2h59m59s999ms:30s]) * 30 / 1e6'
    );
    expect(s.power('pod', ['shop'], t3h)).toBe(
      'sum by (kubernetes_pod_namespace, kubernetes_pod_name, kubernetes_node_name) (scaph_process_power_consumption_microwatts{kubernetes_pod_namespace=~"shop"}) / 1e6'
    );
    expect(s.nodeEnergy(t3h)).toBe(
      'sum_over_time((sum by (instance) (scaph_host_power_microwatts))[2h59m59s999ms:30s]) * 30 / 1e6'
    );
  });
});

describe('DCGM', () => {
  // Each series is read through the first pair it has (exported_*, then --use-old-namespace's,
  // then the plain pair unless it is the scrape target's own pod), copied into the source's pair;
  // the node from hostname (main) where printed, else Hostname.
  const E = 'DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION';
  const copy = (expr: string, to: string, from: string) => `label_replace(${expr}, "${to}", "$1", "${from}", "(.*)")`;
  const node = (expr: string) => `label_replace(${expr}, "Hostname", "$1", "hostname", "(.+)")`;

  it('GPU energy from the mJ counter of GPUs held by pods, in whichever pair each series has', () => {
    const inc = (m: string) => `increase(${E}{${m}}[3h])`;
    const attributed = node(
      [
        copy(
          copy(inc('exported_namespace!="",exported_pod!=""'), 'namespace', 'exported_namespace'),
          'pod',
          'exported_pod'
        ),
        copy(
          copy(inc('exported_pod="",pod_namespace!="",pod_name!=""'), 'namespace', 'pod_namespace'),
          'pod',
          'pod_name'
        ),
        `(${inc('exported_pod="",pod_name="",namespace!="",pod!=""')} unless on (job, instance, namespace, pod) ` +
          'group by (job, instance, namespace, pod) (last_over_time(up{pod!=""}[3h])))',
      ].join(' or ')
    );
    expect(dcgmSource('', true).energy('pod', undefined, t3h)).toBe(
      `sum by (namespace, pod, Hostname) (${attributed}) / 1000`
    );
  });

  it("the node's GPU idle: all its GPUs minus what workloads held", () => {
    const idle = dcgmSource('exported_', true).idleEnergy(t3h);
    const all = `sum by (Hostname) (${node(`increase(${E}[3h])`)})`;
    expect(idle.startsWith(`((${all} - sum by (Hostname) (`)).toBe(true);
    expect(idle.endsWith(`) or ${all}) / 1000`)).toBe(true);
  });

  it('integrates power without the counter; namespaces filter every pair', () => {
    const d = dcgmSource('exported_', false);
    const energy = d.energy('namespace', ['ml'], t3h);
    expect(energy).toMatch(/^sum_over_time\(\(sum by \(exported_namespace, Hostname\) \(/);
    expect(energy).toMatch(/\)\[2h59m59s999ms:30s\]\) \* 30$/);
    for (const m of ['exported_namespace=~"ml"', 'pod_namespace=~"ml"', 'namespace=~"ml"']) {
      expect(energy).toContain(m);
    }
    // At each step the target's pods of that step.
    expect(energy).toContain('group by (job, instance, namespace, pod) (up{pod!=""})');
    expect(d.power('node', undefined, t3h)).toMatch(
      /^sum by \(Hostname\) \(label_replace\(DCGM_FI_DEV_POWER_USAGE\{exported_namespace!="",exported_pod!=""\} or /
    );
  });
});

describe('durations', () => {
  it('writes compound durations and subqueries one millisecond short of the range', () => {
    expect(compoundDuration(3 * 3_600_000 - 1)).toBe('2h59m59s999ms');
    expect(compoundDuration(90_061_001)).toBe('1d1h1m1s1ms');
    expect(subqueryOf(3_600_000, 60_000)).toBe('[59m59s999ms:1m]');
  });
});
