/**
 * Small OpenMetrics fixtures for the Prometheus source tests: two clusters as Prometheus would
 * store them after scraping, with linear counters so expected values are easy to state.
 * - KEPLER_010_OPENCOST: Kepler 0.10+ (zones package, dram) and OpenCost, plus label values that
 *   look like PromQL (`"}) or vector(1) #`, `a|b`, `.*`, backslashes, quotes) for injection tests.
 * - KEPLER_07_SCAPHANDRE: Kepler 0.7 (mode label), Scaphandre 1.0.2 with --containers,
 *   kube-state-metrics and cAdvisor.
 */
import { Secrets, type DataSourceSettings } from '../../src/backend/core/settings';
import type { PrometheusSettings } from '../../src/datasource/types';

/** First sample, unix seconds; then one sample a minute for 30 minutes. */
export const T0 = 1_700_000_000;
export const STEPS = 30;
export const T_END = T0 + STEPS * 60;

export const INJECTION = '"}) or vector(1) #';
export const LITERAL_VALUES = [INJECTION, 'a|b', 'a', 'b', '.*', 'x', 'back\\slash', 'say "x"'];

type Labels = Record<string, string>;

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const render = (labels: Labels) =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${escape(v)}"`)
    .join(',')}}`;

/** `metric{labels} value t` every minute from T0; `value(i)` for sample i. */
function series(metric: string, labels: Labels, value: (i: number) => number): string {
  let out = '';
  for (let i = 0; i <= STEPS; i++) {
    out += `${metric}${render(labels)} ${value(i)} ${T0 + i * 60}\n`;
  }
  return out;
}

const node = 'worker-1';
const keplerPod = (ns: string, pod: string, zone: string, jPerMin: number) =>
  series(
    'kepler_pod_cpu_joules_total',
    { node_name: node, pod_id: `${pod}-uid`, pod_name: pod, pod_namespace: ns, state: 'running', zone },
    (i) => jPerMin * i
  );

export const KEPLER_010_OPENCOST = [
  series(
    'kepler_node_cpu_joules_total',
    { node_name: node, path: 'aggregated-package', zone: 'package' },
    (i) => 1000 + 100 * i
  ),
  series(
    'kepler_node_cpu_joules_total',
    { node_name: node, path: 'aggregated-dram', zone: 'dram' },
    (i) => 200 + 10 * i
  ),
  keplerPod('shop', 'api-1', 'package', 50),
  keplerPod('jobs', 'batch-1', 'package', 20),
  keplerPod('shop', 'api-1', 'dram', 5),
  series(
    'node_cpu_hourly_cost',
    { arch: 'amd64', instance: node, instance_type: 'm5.xlarge', node, provider_id: 'i-0abc', region: 'eu-west-1' },
    () => 0.031611
  ),
  series(
    'container_cpu_allocation',
    { container: 'api', instance: node, namespace: 'shop', node, pod: 'api-1' },
    () => 0.25
  ),
  ...LITERAL_VALUES.map((v, i) => series('greenops_literal_test', { value: v }, () => i + 1)),
  '# EOF\n',
].join('');

const scaphContainer = {
  container_id: '9b2f4c1d7e8a',
  container_runtime: 'containerd',
  container_scheduler: 'kubernetes',
  kubernetes_node_name: node,
  kubernetes_pod_name: 'api-1',
  kubernetes_pod_namespace: 'shop',
};

export const KEPLER_07_SCAPHANDRE = [
  series(
    'kepler_container_joules_total',
    { container_id: 'c1', container_name: 'api', container_namespace: 'shop', mode: 'dynamic', pod_name: 'api-1' },
    (i) => 60 * i
  ),
  series(
    'kepler_container_joules_total',
    { container_id: 'c1', container_name: 'api', container_namespace: 'shop', mode: 'idle', pod_name: 'api-1' },
    () => 0
  ),
  series(
    'kepler_node_package_joules_total',
    { exported_instance: node, mode: 'dynamic', package: '0', source: 'rapl-sysfs' },
    (i) => 900 * i
  ),
  series(
    'kepler_node_dram_joules_total',
    { exported_instance: node, mode: 'dynamic', package: '0', source: 'rapl-sysfs' },
    (i) => 90 * i
  ),
  series('scaph_host_power_microwatts', { value_source: 'powercap_rapl_pkg' }, () => 48211022),
  series(
    'scaph_process_power_consumption_microwatts',
    { cmdline: '/app/server--port=8080', exe: '/app/server', pid: '90211', ...scaphContainer },
    () => 5012349.7
  ),
  series(
    'scaph_process_power_consumption_microwatts',
    { cmdline: '/usr/bin/python3-mhttp.server8000', exe: '/usr/bin/python3.11', pid: '48211' },
    () => 1283766.4
  ),
  series('scaph_self_version', {}, () => 1.02),
  series(
    'kube_pod_container_resource_requests',
    { container: 'api', namespace: 'shop', node, pod: 'api-1', resource: 'cpu', uid: 'api-1-uid', unit: 'core' },
    () => 0.25
  ),
  series(
    'container_cpu_usage_seconds_total',
    { container: 'api', cpu: 'total', namespace: 'shop', pod: 'api-1' },
    (i) => 6 * i
  ),
  '# EOF\n',
].join('');

export function settingsFor(prometheus: PrometheusSettings, secrets: Record<string, string> = {}): DataSourceSettings {
  return {
    uid: 'prom-test',
    name: 'prom-test',
    jsonData: { prometheus },
    secrets: new Secrets(secrets),
    lastUpdatedMS: 1,
  };
}
