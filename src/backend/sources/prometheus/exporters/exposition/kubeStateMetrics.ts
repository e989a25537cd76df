/**
 * kube-state-metrics v2 as it prints (docs/metrics/workload/pod-metrics.md, node-metrics.md,
 * storage/persistentvolume-metrics.md), scraped with `honor_labels: true`.
 *
 * - Labels in KSM's own order, not sorted: the object's identity first (`namespace`, `pod`, `uid`;
 *   `node` for nodes; `persistentvolume` for volumes), then the metric's labels.
 * - HELP texts carry the stability level (`[STABLE] `).
 * - Kubernetes labels become `label_<name>` with every character outside [a-zA-Z0-9_] as `_`,
 *   exported when allow-listed (`--metric-labels-allowlist`).
 * - A missing owner is written `<none>`; `container_id` carries the runtime prefix.
 */
import { labels, metrics, NO_OWNER } from '../kubeStateMetrics';
import { family, type FamilyDescription, type LabelPairs, type MetricType, type ScrapeDefaults } from './family';

export const KSM_SCRAPE: ScrapeDefaults = { job: 'kube-state-metrics', port: 8080 };

const stable = (name: string, help: string, type: MetricType = 'gauge'): FamilyDescription =>
  family(name, `[STABLE] ${help}`, type);
const K8S_LABELS_HELP = 'Kubernetes labels converted to Prometheus labels.';

export const KSM = {
  nodeInfo: stable(metrics.nodeInfo, 'Information about a cluster node.'),
  nodeLabels: stable(metrics.nodeLabels, K8S_LABELS_HELP),
  nodeCapacity: stable(metrics.nodeStatusCapacity, 'The capacity for different resources of a node.'),
  podInfo: stable(metrics.podInfo, 'Information about pod.'),
  podOwner: stable(metrics.podOwner, "Information about the Pod's owner."),
  podLabels: stable('kube_pod_labels', K8S_LABELS_HELP),
  podCreated: stable('kube_pod_created', 'Unix creation timestamp'),
  podPhase: stable(metrics.podStatusPhase, 'The pods current phase.'),
  containerInfo: stable('kube_pod_container_info', 'Information about a container in a pod.'),
  requests: stable(
    metrics.containerResourceRequests,
    'The number of requested request resource by a container. It is recommended to use the kube_pod_resource_requests metric exposed by kube-scheduler instead, as it is more precise.'
  ),
  limits: stable(
    'kube_pod_container_resource_limits',
    'The number of requested limit resource by a container. It is recommended to use the kube_pod_resource_limits metric exposed by kube-scheduler instead, as it is more precise.'
  ),
  restarts: stable(
    'kube_pod_container_status_restarts_total',
    'The number of container restarts per container.',
    'counter'
  ),
  podClaims: stable(
    'kube_pod_spec_volumes_persistentvolumeclaims_info',
    'Information about persistentvolumeclaim volumes in a pod.'
  ),
  replicasetOwner: stable(metrics.replicasetOwner, "Information about the ReplicaSet's owner."),
  jobOwner: stable(metrics.jobOwner, "Information about the Job's owner."),
  pvCapacity: stable(metrics.persistentVolumeCapacityBytes, 'Persistentvolume capacity in bytes.'),
  pvClaimRef: stable(metrics.persistentVolumeClaimRef, 'Information about the Persistent Volume Claim Reference.'),
  pvPhase: stable(
    'kube_persistentvolume_status_phase',
    'The phase indicates if a volume is available, bound to a claim, or released by a claim.'
  ),
  pvLabels: stable(metrics.persistentVolumeLabels, K8S_LABELS_HELP),
  pvInfo: stable('kube_persistentvolume_info', 'Information about persistentvolume.'),
  pvcInfo: stable('kube_persistentvolumeclaim_info', 'Information about persistent volume claim.'),
};

/** One series per phase, 1 for the current one. */
export const POD_PHASES = ['Pending', 'Succeeded', 'Failed', 'Unknown', 'Running'] as const;
export const PV_PHASES = ['Pending', 'Available', 'Bound', 'Released', 'Failed'] as const;

/** `resource` and `unit` of capacity, request and limit series. */
export const KSM_RESOURCES = {
  cpu: ['cpu', 'core'],
  memory: ['memory', 'byte'],
  pods: ['pods', 'integer'],
  gpu: ['nvidia_com_gpu', 'integer'],
} as const;
export type KsmResource = keyof typeof KSM_RESOURCES;

/** A Kubernetes label as KSM names it: `app.kubernetes.io/name` → `label_app_kubernetes_io_name`. */
export function ksmLabelName(k8sLabel: string): string {
  return `label_${k8sLabel.replace(/[^a-zA-Z0-9_]/g, '_')}`;
}

/** `image_id`: the image without its tag, then the digest. */
export function ksmImageId(image: string, sha256: string): string {
  return `${image.split(':')[0]}@sha256:${sha256}`;
}

export interface KsmNodeInfo {
  name: string;
  kernelVersion: string;
  osImage: string;
  providerId: string;
  systemUuid: string;
  internalIp: string;
}

export interface KsmPodInfo {
  hostIp: string;
  podIp: string;
  node: string;
  createdBy?: { kind: string; name: string };
  priorityClass: string;
  hostNetwork: boolean;
}

const owner = (o: { kind: string; name: string } | undefined): LabelPairs => [
  [labels.ownerKind, o?.kind ?? NO_OWNER],
  [labels.ownerName, o?.name ?? NO_OWNER],
  ['owner_is_controller', o ? 'true' : NO_OWNER],
];

export const KSM_LABELS = {
  node: (node: string): LabelPairs => [[labels.node, node]],
  nodeInfo: (n: KsmNodeInfo): LabelPairs => [
    [labels.node, n.name],
    ['kernel_version', n.kernelVersion],
    ['os_image', n.osImage],
    ['container_runtime_version', 'containerd://1.7.23'],
    ['kubelet_version', 'v1.31.2-eks-94953ac'],
    ['kubeproxy_version', 'v1.31.2-eks-94953ac'],
    [labels.providerId, n.providerId],
    ['pod_cidr', ''],
    ['system_uuid', n.systemUuid],
    [labels.internalIp, n.internalIp],
  ],
  /** The allow-listed Kubernetes labels of an object, after its identity. */
  k8sLabels: (identity: LabelPairs, k8sLabels: Record<string, string>): LabelPairs => [
    ...identity,
    ...Object.entries(k8sLabels).map(([k, v]) => [ksmLabelName(k), v] as const),
  ],
  resource: (identity: LabelPairs, resource: KsmResource): LabelPairs => [
    ...identity,
    [labels.resource, KSM_RESOURCES[resource][0]],
    ['unit', KSM_RESOURCES[resource][1]],
  ],
  pod: (namespace: string, pod: string, uid: string): LabelPairs => [
    [labels.namespace, namespace],
    [labels.pod, pod],
    ['uid', uid],
  ],
  podInfo: (pod: LabelPairs, p: KsmPodInfo): LabelPairs => [
    ...pod,
    ['host_ip', p.hostIp],
    ['pod_ip', p.podIp],
    [labels.node, p.node],
    ['created_by_kind', p.createdBy?.kind ?? NO_OWNER],
    ['created_by_name', p.createdBy?.name ?? NO_OWNER],
    ['priority_class', p.priorityClass],
    ['host_network', String(p.hostNetwork)],
  ],
  owner: (identity: LabelPairs, o: { kind: string; name: string } | undefined): LabelPairs => [
    ...identity,
    ...owner(o),
  ],
  replicaset: (namespace: string, replicaset: string): LabelPairs => [
    [labels.namespace, namespace],
    [labels.replicaset, replicaset],
  ],
  job: (namespace: string, job: string): LabelPairs => [
    [labels.namespace, namespace],
    [labels.jobName, job],
  ],
  phase: (identity: LabelPairs, phase: string): LabelPairs => [...identity, [labels.phase, phase]],
  container: (pod: LabelPairs, container: string): LabelPairs => [...pod, ['container', container]],
  containerInfo: (container: LabelPairs, image: { spec: string; name: string; id: string }, containerId: string) =>
    [
      ...container,
      ['image_spec', image.spec],
      ['image', image.name],
      ['image_id', image.id],
      ['container_id', `containerd://${containerId}`],
    ] as LabelPairs,
  /** Requests and limits: the container, its node, the resource. */
  containerResource: (container: LabelPairs, node: string, resource: KsmResource): LabelPairs =>
    KSM_LABELS.resource([...container, [labels.node, node]], resource),
  podClaim: (pod: LabelPairs, volume: string, claim: string): LabelPairs => [
    ...pod,
    ['volume', volume],
    ['persistentvolumeclaim', claim],
  ],
  pv: (volume: string): LabelPairs => [[labels.persistentVolume, volume]],
  pvClaimRef: (volume: string, claim: string, namespace: string): LabelPairs => [
    [labels.persistentVolume, volume],
    [labels.claimName, claim],
    [labels.claimNamespace, namespace],
  ],
  pvInfo: (volume: string, storageClass: string, ebsVolumeId: string): LabelPairs => [
    [labels.persistentVolume, volume],
    ['storageclass', storageClass],
    ['ebs_volume_id', ebsVolumeId],
  ],
  pvcInfo: (namespace: string, claim: string, storageClass: string, volume: string): LabelPairs => [
    [labels.namespace, namespace],
    ['persistentvolumeclaim', claim],
    ['storageclass', storageClass],
    ['volumename', volume],
  ],
};
