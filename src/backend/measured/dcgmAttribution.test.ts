/**
 * The rule reading each DCGM series' workload once: the first pair a series has non-empty, and the
 * plain pair only where it is not the scrape target's own pod.
 */
import { attributed, unassigned, withNodeName } from './dcgmAttribution';

const per = { apply: (s: string) => s };
const into = { namespace: 'namespace', pod: 'pod' };

describe('DCGM attribution', () => {
  it('excludes from each pair the series an earlier pair reads', () => {
    const q = attributed('M', per, into);
    const selectors = [...q.matchAll(/M\{([^}]*)\}/g)].map((m) => m[1]);
    expect(selectors).toEqual([
      'exported_namespace!="",exported_pod!=""',
      'exported_pod="",pod_namespace!="",pod_name!=""',
      'exported_pod="",pod_name="",namespace!="",pod!=""',
    ]);
  });

  it("leaves the plain pair out where it is the target's own pod (up of the same job and instance)", () => {
    expect(attributed('M', { apply: (s) => `increase(${s}[1h])`, window: '[1h]' }, into)).toContain(
      'unless on (job, instance, namespace, pod) group by (job, instance, namespace, pod) (last_over_time(up{pod!=""}[1h]))'
    );
  });

  it('copies each pair into the chosen one, not onto itself', () => {
    const q = attributed('M', per, { namespace: 'exported_namespace', pod: 'exported_pod' });
    expect(q).toContain('"exported_namespace", "$1", "pod_namespace", "(.*)"');
    expect(q).toContain('"exported_pod", "$1", "pod", "(.*)"');
    expect(q).not.toContain('"exported_pod", "$1", "exported_pod"');
  });

  it('the node: hostname where printed, else Hostname', () => {
    expect(withNodeName('x')).toBe('label_replace(x, "Hostname", "$1", "hostname", "(.+)")');
  });

  it("unassigned: each node's GPUs minus what workloads held, all of it where none did", () => {
    const q = unassigned('M', per);
    const all = 'sum by (Hostname) (label_replace(M, "Hostname", "$1", "hostname", "(.+)"))';
    expect(q).toBe(
      `(${all} - sum by (Hostname) (${attributed('M', per, { namespace: 'namespace', pod: 'pod' })})) or ${all}`
    );
  });
});
