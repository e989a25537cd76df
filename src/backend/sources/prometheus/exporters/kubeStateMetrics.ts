/**
 * kube-state-metrics v2 as the plugin reads it: CPU requests, pod phases and owners, node
 * identity and labels, PersistentVolumes. What the exporter prints in full is
 * exposition/kubeStateMetrics.ts.
 *
 * Series follow the API object: a finished Job pod keeps its requests until it is deleted, so
 * request totals leave out pods whose phase is one of completedPhases.
 */
export const metrics = {
  containerResourceRequests: 'kube_pod_container_resource_requests',
  podStatusPhase: 'kube_pod_status_phase',
  podInfo: 'kube_pod_info',
  podOwner: 'kube_pod_owner',
  replicasetOwner: 'kube_replicaset_owner',
  jobOwner: 'kube_job_owner',
  nodeInfo: 'kube_node_info',
  nodeLabels: 'kube_node_labels',
  nodeStatusCapacity: 'kube_node_status_capacity',
  persistentVolumeCapacityBytes: 'kube_persistentvolume_capacity_bytes',
  persistentVolumeClaimRef: 'kube_persistentvolume_claim_ref',
  persistentVolumeLabels: 'kube_persistentvolume_labels',
} as const;

export const labels = {
  namespace: 'namespace',
  pod: 'pod',
  node: 'node',
  resource: 'resource',
  phase: 'phase',
  ownerKind: 'owner_kind',
  ownerName: 'owner_name',
  replicaset: 'replicaset',
  jobName: 'job_name',
  providerId: 'provider_id',
  internalIp: 'internal_ip',
  /** Node and volume labels, exported when allow-listed (`--metric-labels-allowlist`). */
  region: 'label_topology_kubernetes_io_region',
  legacyRegion: 'label_failure_domain_beta_kubernetes_io_region',
  instanceType: 'label_node_kubernetes_io_instance_type',
  persistentVolume: 'persistentvolume',
  claimNamespace: 'claim_namespace',
  claimName: 'name',
} as const;

/** Phases of pods that no longer run. */
export const completedPhases: readonly string[] = ['Succeeded', 'Failed'];

/** Written for a missing owner. */
export const NO_OWNER = '<none>';

/** CPU requests or node labels mean kube-state-metrics. */
export const detectedBy: readonly string[] = [metrics.containerResourceRequests, metrics.nodeLabels];
