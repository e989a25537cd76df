/** The exact PromQL over kube-state-metrics, cAdvisor and OpenCost. */
import {
  cpuRequestedSeconds,
  cpuRequests,
  cpuUsedSeconds,
  ksmRegions,
  nodeShare,
  nodeShareSeconds,
  opencostCostByStep,
  opencostRegions,
  ownerQueries,
} from './clusterQueries';
import { timing } from './promqlParts';

const t1h = timing(3_600_000, 60_000);
const REQ = (ns = '') =>
  `(kube_pod_container_resource_requests{resource="cpu"${ns}} unless on (namespace, pod) (kube_pod_status_phase{phase=~"Succeeded|Failed"} == 1))`;
const REQ_DEDUPED = (ns = '') =>
  `(max by (namespace, pod, container, node) (kube_pod_container_resource_requests{resource="cpu"${ns}}) unless on (namespace, pod) (kube_pod_status_phase{phase=~"Succeeded|Failed"} == 1))`;
const CAD = (ns = '') => `container_cpu_usage_seconds_total{container!="",container!="POD"${ns}}`;

describe('shares of a node', () => {
  it('requests: completed pods out, denominator over every namespace', () => {
    expect(cpuRequests(['shop'])).toBe(REQ(',namespace=~"shop"'));
    expect(nodeShare('byRequest', ['namespace'], ['shop'], t1h)).toBe(
      `sum by (namespace, node) (${REQ(',namespace=~"shop"')}) / on (node) group_left () sum by (node) (${REQ()})`
    );
  });

  it('usage: cAdvisor containers only, rate over the window', () => {
    expect(nodeShare('byUsage', ['namespace', 'pod'], undefined, t1h)).toBe(
      `sum by (namespace, pod, node) (rate(${CAD()}[2m])) / on (node) group_left () sum by (node) (rate(${CAD()}[2m]))`
    );
  });

  it('share-seconds over the range: a Riemann sum in Prometheus', () => {
    expect(nodeShareSeconds('byAllocation', [], undefined, t1h)).toBe(
      'sum_over_time((sum by (node) (max by (namespace, pod, container, node) (container_cpu_allocation)) / on (node) group_left () sum by (node) (max by (namespace, pod, container, node) (container_cpu_allocation)))[59m59s999ms:1m]) * 60'
    );
  });
});

describe('efficiency inputs', () => {
  it('used and requested core-seconds per namespace and node (requests deduplicated)', () => {
    expect(cpuUsedSeconds(undefined, t1h)).toBe(`sum by (namespace, node) (increase(${CAD()}[1h]))`);
    expect(cpuRequestedSeconds('kube-state-metrics', ['ml'], t1h)).toBe(
      `sum_over_time((sum by (namespace, node) (${REQ_DEDUPED(',namespace=~"ml"')}))[59m59s999ms:1m]) * 60`
    );
  });
});

describe('OpenCost', () => {
  it('cost: allocations × node prices (on node) + PVCs × volume prices, integrated in hours', () => {
    expect(opencostCostByStep(['shop'], t1h)).toBe(
      'sum_over_time((sum by (namespace, node) (' +
        'label_replace(container_cpu_allocation{namespace=~"shop"} * on (node) group_left () max by (node) (node_cpu_hourly_cost), "part", "cpu", "__name__", ".*")' +
        ' or label_replace(container_memory_allocation_bytes{namespace=~"shop"} / 1073741824 * on (node) group_left () max by (node) (node_ram_hourly_cost), "part", "ram", "__name__", ".*")' +
        ' or label_replace(container_gpu_allocation{namespace=~"shop"} * on (node) group_left () max by (node) (node_gpu_hourly_cost), "part", "gpu", "__name__", ".*")' +
        ' or label_replace(pod_pvc_allocation{namespace=~"shop"} / 1073741824 * on (persistentvolume) group_left () max by (persistentvolume) (pv_hourly_cost)' +
        ' * on (namespace, pod) group_left (node) group by (namespace, pod, node) (container_cpu_allocation{namespace=~"shop"}), "part", "storage", "__name__", ".*")' +
        '))[59m59s999ms:1m]) * 60 / 3600'
    );
  });

  it('regions from OpenCost node prices and kube-state-metrics node labels', () => {
    expect(opencostRegions(t1h)).toBe('group by (node, region) (last_over_time(node_cpu_hourly_cost[1h]))');
    expect(ksmRegions(t1h)).toBe(
      'group by (node, label_topology_kubernetes_io_region, label_failure_domain_beta_kubernetes_io_region) (last_over_time(kube_node_labels[1h]))'
    );
  });
});

it('owners over the range', () => {
  expect(ownerQueries(['a|b'], t1h)).toEqual({
    pods: 'group by (namespace, pod, owner_kind, owner_name) (last_over_time(kube_pod_owner{namespace=~"a\\\\|b"}[1h]))',
    replicasets:
      'group by (namespace, replicaset, owner_kind, owner_name) (last_over_time(kube_replicaset_owner{namespace=~"a\\\\|b"}[1h]))',
    jobs: 'group by (namespace, job_name, owner_kind, owner_name) (last_over_time(kube_job_owner{namespace=~"a\\\\|b"}[1h]))',
  });
});
