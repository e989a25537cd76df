/**
 * OpenCost's cost-model metrics (`:9003/metrics`) as the plugin reads them: hourly prices of
 * nodes and volumes, and allocations (max of request and usage) per container and PVC. Node
 * series carry the node name in `node` (and `instance`, kept by honor_labels) and the cloud
 * `region`. What the exporter prints in full is exposition/opencost.ts.
 */
export const metrics = {
  nodeCpuHourlyCost: 'node_cpu_hourly_cost',
  nodeRamHourlyCost: 'node_ram_hourly_cost',
  nodeGpuHourlyCost: 'node_gpu_hourly_cost',
  nodeTotalHourlyCost: 'node_total_hourly_cost',
  /** $/GiB-h per PersistentVolume. */
  pvHourlyCost: 'pv_hourly_cost',
  cpuAllocation: 'container_cpu_allocation',
  memoryAllocationBytes: 'container_memory_allocation_bytes',
  gpuAllocation: 'container_gpu_allocation',
  /** Bytes of each PVC a pod has attached. */
  pvcAllocation: 'pod_pvc_allocation',
} as const;

export const labels = {
  node: 'node',
  region: 'region',
  instanceType: 'instance_type',
  providerId: 'provider_id',
  persistentVolume: 'persistentvolume',
} as const;

/** Node prices or allocations mean OpenCost. */
export const detectedBy: readonly string[] = [metrics.nodeCpuHourlyCost, metrics.cpuAllocation];
