import { QueryError } from '../core/errors';
import { windowFor } from './integrationWindow';
import { processScopeJoules } from './scopeEnergy';
import {
  allProcessesJoules,
  allProcessesWatts,
  hostJoules,
  hostWatts,
  leakCondition,
  leakCpuPercent,
  leakJoules,
  processJoules,
  processMatchers,
  processWatts,
  topProcessesByJoules,
} from './scaphandreQueries';

const T = 1_736_121_600_000;
const w = windowFor(T, T + 3 * 3_600_000, 30_000);
const INJECTION = '"}) or vector(1) #';

describe('Scaphandre process PromQL', () => {
  it('filters: exe and cmdline as quoted regexes, namespaces and PIDs as exact values', () => {
    expect(processMatchers({})).toEqual([]);
    expect(
      processMatchers({
        exe: '/usr/bin/python3.*',
        cmdline: '.*http\\.server.*',
        namespaces: ['shop', 'a|b'],
        pids: ['48211'],
        instances: ['10.0.2.41:8080'],
      })
    ).toEqual([
      'exe=~"/usr/bin/python3.*"',
      'cmdline=~".*http\\\\.server.*"',
      'kubernetes_pod_namespace=~"shop|a\\\\|b"',
      'pid=~"48211"',
      'instance=~"10\\\\.0\\\\.2\\\\.41:8080"',
    ]);
  });

  it('keeps a template variable injection inside the selector', () => {
    expect(processMatchers({ namespaces: [INJECTION] })).toEqual([
      'kubernetes_pod_namespace=~"\\"\\\\}\\\\) or vector\\\\(1\\\\) #"',
    ]);
    expect(processMatchers({ exe: '"\\}\\) or vector\\(1\\) #' })).toEqual([
      'exe=~"\\"\\\\}\\\\) or vector\\\\(1\\\\) #"',
    ]);
    expect(() => processMatchers({ cmdline: INJECTION })).toThrow(QueryError);
  });

  it('top N by Joules over the window, and Joules per process', () => {
    expect(topProcessesByJoules({ exe: '.*nginx.*' }, 5, w)).toBe(
      'topk(5, sum_over_time(scaph_process_power_consumption_microwatts{exe=~".*nginx.*"}[10785s:30s])) * 30 / 1e6'
    );
    expect(processJoules({}, w)).toBe(
      'sum_over_time(scaph_process_power_consumption_microwatts[10785s:30s]) * 30 / 1e6'
    );
  });

  it('watts per process, per host and for all processes of the hosts', () => {
    expect(processWatts({ pids: ['1', '2'], instances: ['h:8080'] })).toBe(
      'scaph_process_power_consumption_microwatts{pid=~"1|2",instance=~"h:8080"} / 1e6'
    );
    expect(hostWatts()).toBe('sum by (instance) (scaph_host_power_microwatts) / 1e6');
    expect(hostWatts(['h:8080'])).toBe('sum by (instance) (scaph_host_power_microwatts{instance=~"h:8080"}) / 1e6');
    expect(allProcessesWatts()).toBe('sum by (instance) (scaph_process_power_consumption_microwatts) / 1e6');
  });

  it('host and process Joules per host', () => {
    expect(hostJoules(w)).toBe('sum by (instance) (sum_over_time(scaph_host_power_microwatts[10785s:30s]) * 30 / 1e6)');
    expect(allProcessesJoules(w, ['h:8080'])).toBe(
      'sum by (instance) (sum_over_time(scaph_process_power_consumption_microwatts{instance=~"h:8080"}[10785s:30s]) * 30 / 1e6)'
    );
  });

  it('energy leaks: busy, flat and running from start to end', () => {
    const cpu = 'scaph_process_cpu_usage_percentage{exe=~"/usr/bin/.*"}';
    const condition =
      `(min_over_time(${cpu}[10785s]) >= 1` +
      ` and stddev_over_time(${cpu}[10785s]) <= 0.05 * avg_over_time(${cpu}[10785s])` +
      ` and ${cpu} offset 3h` +
      ` and ${cpu})`;
    expect(leakCondition({ exe: '/usr/bin/.*' }, w)).toBe(condition);
    expect(leakJoules({ exe: '/usr/bin/.*' }, w)).toBe(
      `sum_over_time(scaph_process_power_consumption_microwatts{exe=~"/usr/bin/.*"}[10785s:30s]) * 30 / 1e6 and ${condition}`
    );
    expect(leakCpuPercent({ exe: '/usr/bin/.*' }, w)).toBe(`avg_over_time(${cpu}[10785s]) and ${condition}`);
  });

  it("energyPerUnit's process scope: Joules per Kubernetes node of the processes whose exe matches", () => {
    expect(processScopeJoules('/usr/sbin/nginx', w)).toBe(
      'sum by (kubernetes_node_name) (sum_over_time(scaph_process_power_consumption_microwatts{exe=~"/usr/sbin/nginx"}[10785s:30s])) * 30 / 1e6'
    );
  });
});
