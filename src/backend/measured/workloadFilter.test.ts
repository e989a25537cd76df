/**
 * The workloads filter: the pod pattern pushed into each exporter's selector (a superset: name
 * prefixes plus pods kube-state-metrics owns under odd names), and the exact test on rows.
 */
import type { EnergyContext } from './energyContext';
import { dcgmSource, kepler07Source, scaphandreSource } from './exporterQueries';
import { timing } from './promqlParts';
import { workloadFilter } from './workloadFilter';
import { workloadFromName, type WorkloadLookup } from './workloads';

const t1h = timing(3_600_000, 30_000);

/** Owners as kube-state-metrics would give them: a Spark executor owned by its driver pod. */
function lookup(owners: Record<string, string>): WorkloadLookup {
  const of = (ns: string, pod: string) =>
    owners[`${ns}/${pod}`] ? { kind: 'Pod', name: owners[`${ns}/${pod}`] } : workloadFromName(pod);
  return Object.assign(of, {
    knownPods: Object.keys(owners).map((k) => k.split('/') as [string, string]),
  });
}

describe('workloadFilter', () => {
  const owners = { 'spark/etl-exec-1': 'etl-driver', 'spark/etl-driver': 'etl-driver', 'shop/x': 'other' };

  it('pushes name prefixes and the oddly named pods of the workloads, escaped', () => {
    const f = workloadFilter(['etl-driver', 'a.b'], lookup(owners));
    expect(f.podPattern).toBe('etl-driver(?:-.+)?|a\\.b(?:-.+)?|etl-exec-1');
  });

  it('keeps rows of the named workloads only, and says which names matched nothing', () => {
    const f = workloadFilter(['api', 'gone'], lookup({}));
    const kept = ['api-7d9c6-x2x8k', 'api-gateway-5f6d8-abcde', 'web-5f6d8-abcde'].filter((pod) =>
      f.keep({ namespace: 'shop', pod })
    );
    expect(kept).toEqual(['api-7d9c6-x2x8k']);
    const notices: string[] = [];
    f.notice({ notice: (_severity: string, text: string) => notices.push(text) } as unknown as EnergyContext);
    expect(notices).toEqual([
      'Only pods of the workloads "api", "gone" count (in every namespace that has them).',
      'No energy series for pods of the workloads "gone" in this range.',
    ]);
  });
});

describe('the pod pattern in each exporter', () => {
  const pods = 'api(?:-.+)?';

  it('Kepler 0.7: on pod_name, next to the pseudo-pod exclusion, in both halves of the GPU subtraction', () => {
    const q = kepler07Source(['package', 'gpu'], true).energy('pod', ['shop'], t1h, pods);
    // `(all - gpu) or all`: three selectors, each narrowed.
    expect(q.match(/pod_name=~"api\(\?:-\.\+\)\?"/g)).toHaveLength(3);
    expect(q).toContain('pod_name!~"system_processes|kernel_processes",container_namespace=~"shop",pod_name=~');
  });

  it('Scaphandre: on kubernetes_pod_name', () => {
    expect(scaphandreSource().power('namespace', undefined, t1h, pods)).toBe(
      'sum by (kubernetes_pod_namespace, kubernetes_node_name) (scaph_process_power_consumption_microwatts{kubernetes_pod_namespace!="",kubernetes_pod_name=~"api(?:-.+)?"}) / 1e6'
    );
  });

  it('DCGM: on the pod label of every pair a series may carry it in', () => {
    const q = dcgmSource('exported_', true).energy('node', undefined, t1h, pods);
    expect(q).toMatch(/^sum by \(Hostname\) \(/);
    for (const m of ['exported_pod=~"api(?:-.+)?"', 'pod_name=~"api(?:-.+)?"', 'pod!="",pod=~"api(?:-.+)?"']) {
      expect(q).toContain(m);
    }
  });
});
