/**
 * OpenCost's cost-model metrics as they print (`:9003/metrics`, pkg/costmodel/metrics.go, Oct 2024
 * labels: no `uid` yet), scraped with `honor_labels: true`. All gauges; client_golang sorts labels.
 *
 * - `instance` and `node` both hold the node name on node and container series (honor_labels
 *   keeps it over the target's address); series without `instance` (volume prices, the cluster
 *   management fee) get the OpenCost target's address.
 * - Allocations are max(request, usage), for Running pods only.
 * - provider_id is the instance ID parsed from the node's providerID (`i-…`).
 * - HELP repeats the metric name.
 */
import { labels as ksmLabels, metrics as ksmMetrics } from '../kubeStateMetrics';
import { labels, metrics } from '../opencost';
import { family, type FamilyDescription, goSorted, type LabelPairs } from './family';

export const OPENCOST_SCRAPE = { job: 'opencost', instance: 'opencost.opencost.svc:9003' };

/** OpenCost's HELP texts start with the metric's name. */
const gauge = (name: string, help: string): FamilyDescription => family(name, `${name} ${help}`);

export const OPENCOST = {
  nodeCpu: gauge(metrics.nodeCpuHourlyCost, 'hourly cost for each cpu on this node'),
  nodeRam: gauge(metrics.nodeRamHourlyCost, 'hourly cost for each gb of ram on this node'),
  nodeGpu: gauge(metrics.nodeGpuHourlyCost, 'hourly cost for each gpu on this node'),
  nodeGpuCount: gauge('node_gpu_count', 'count of gpu on this node'),
  nodeTotal: gauge(metrics.nodeTotalHourlyCost, 'Total node cost per hour'),
  spot: gauge('kubecost_node_is_spot', 'Cloud provider info about node preemptibility'),
  pv: gauge(metrics.pvHourlyCost, 'Cost per GB per hour on a persistent disk'),
  cpuAlloc: gauge(metrics.cpuAllocation, 'Percent of a single CPU used in a minute'),
  memAlloc: gauge(metrics.memoryAllocationBytes, 'Bytes of RAM used'),
  gpuAlloc: gauge(metrics.gpuAllocation, 'GPU used'),
  pvcAlloc: gauge(metrics.pvcAllocation, 'Bytes used by a PVC attached to a pod'),
  management: gauge('kubecost_cluster_management_cost', 'Hourly cost paid as a cluster management fee.'),
  zoneEgress: gauge('kubecost_network_zone_egress_cost', 'Total cost per GB egress across zones'),
  regionEgress: gauge('kubecost_network_region_egress_cost', 'Total cost per GB egress across regions'),
  internetEgress: gauge('kubecost_network_internet_egress_cost', 'Total cost per GB of internet egress.'),
  /**
   * KSM-style series OpenCost re-exports by default (EmitKubeStateMetrics, pkg/metrics/kubemetrics.go):
   * the pod-owner series, one per owner reference of every pod in its cluster cache, whatever the phase,
   * but neither the ReplicaSet nor the Job owner series (opencost/opencost pkg/metrics/podmetrics.go
   * KubePodOwnerMetric, commit 163b87366b82696f03d86a0a978671a20ad03133).
   */
  podOwner: gauge(ksmMetrics.podOwner, "Information about the Pod's owner"),
};

/** The instance ID at the end of a node's providerID (`aws:///eu-west-1a/i-…` → `i-…`). */
export function opencostProviderId(providerId: string): string {
  return providerId.slice(providerId.lastIndexOf('/') + 1);
}

export const OPENCOST_LABELS = {
  node: (n: { name: string; instanceType: string; region: string; providerId: string; arch: string }): LabelPairs =>
    goSorted([
      ['instance', n.name],
      [labels.node, n.name],
      [labels.instanceType, n.instanceType],
      [labels.region, n.region],
      [labels.providerId, opencostProviderId(n.providerId)],
      ['arch', n.arch],
    ]),
  container: (namespace: string, pod: string, container: string, node: string): LabelPairs =>
    goSorted([
      ['namespace', namespace],
      ['pod', pod],
      ['container', container],
      ['instance', node],
      [labels.node, node],
    ]),
  pvc: (namespace: string, pod: string, claim: string, volume: string): LabelPairs =>
    goSorted([
      ['namespace', namespace],
      ['pod', pod],
      ['persistentvolumeclaim', claim],
      [labels.persistentVolume, volume],
    ]),
  pv: (volume: string, providerId: string): LabelPairs =>
    goSorted([
      ['volumename', volume],
      [labels.persistentVolume, volume],
      [labels.providerId, providerId],
    ]),
  management: (provisioner: string): LabelPairs => [['provisioner_name', provisioner]],
  /**
   * In KubePodOwnerMetric.Write's order (not sorted, no `uid`); owner_is_controller is
   * `owner.Controller != nil`, "true" for the references controllers set.
   */
  podOwner: (namespace: string, pod: string, owner: { kind: string; name: string }): LabelPairs => [
    [ksmLabels.namespace, namespace],
    [ksmLabels.pod, pod],
    [ksmLabels.ownerName, owner.name],
    [ksmLabels.ownerKind, owner.kind],
    ['owner_is_controller', 'true'],
  ],
};
