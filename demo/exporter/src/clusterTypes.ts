/** Shapes of the fictional cluster's static description (clusterSpec.ts). */
import type { DailyShape } from './signal';

export interface PowerModel {
  /** RAPL package zone: W at rest, W per busy core. */
  packageIdleW: number;
  packagePerCoreW: number;
  /** RAPL dram zone. */
  dramIdleW: number;
  dramPerCoreW: number;
}

export interface GpuSpec {
  model: string;
  uuid: string;
  pciBusId: string;
  idleW: number;
  /** W at 100 % utilisation. */
  maxW: number;
  memoryMiB: number;
}

export interface NodeSpec {
  name: string;
  ip: string;
  cores: number;
  memoryBytes: number;
  /** `aws` nodes carry a region, zone, instance id; the bare-metal host has none of them. */
  provider: 'aws' | 'onprem';
  region: string;
  zone: string;
  instanceType: string;
  /** Kubernetes providerID (`aws:///eu-west-1a/i-…`), '' on bare metal. */
  providerId: string;
  power: PowerModel;
  /** Cores busy outside pods (kernel, kubelet, containerd, the OS). */
  systemCores: DailyShape;
  /** OpenCost prices: $ per vCPU-hour, per GiB-hour, per GPU-hour. */
  prices: { cpu: number; ramGiB: number; gpu?: number };
  gpu?: GpuSpec;
  /** node_exporter's network device and its traffic outside pods, bytes/s each way. */
  netDevice: string;
  hostNetBytesPerS: number;
  /** Runs Scaphandre (bare metal with RAPL exposed). */
  scaphandre?: boolean;
  /** Processes outside pods that Scaphandre lists (host only). */
  hostProcesses?: ProcessSpec[];
}

export interface ProcessSpec {
  comm: string;
  exe: string;
  argv: string[];
  /** Fixed PID (host daemons); container processes get one per pod. */
  pid?: number;
  /** Share of the owner's (pod's or, for host processes, its own) cores. */
  cores?: DailyShape;
  /** Of the pod's cores, when in a pod (the shares of a pod's processes add up to 1). */
  share?: number;
  memoryBytes: number;
}

export interface ContainerSpec {
  name: string;
  image: string;
  requests: { cpu: number; memoryBytes: number };
  limits?: { cpu?: number; memoryBytes?: number };
  /** Working set. */
  memoryBytes: number;
  processes: ProcessSpec[];
}

export interface HttpSpec {
  requestsPerS: DailyShape;
  /** Fraction of requests answered with 500. */
  errorRatio: number;
  requestBytes: number;
  responseBytes: number;
}

export interface VolumeSpec {
  claim: string;
  volume: string;
  sizeBytes: number;
  storageClass: string;
  /** EBS volume id (OpenCost's provider_id); '' for local volumes. */
  providerId: string;
  /** $ per GiB-hour (OpenCost pv_hourly_cost); undefined: not priced (local disk). */
  hourlyPerGiB?: number;
}

export interface CronSpec {
  /** Schedule: every `periodS`, starting `offsetS` into each period (e.g. minute 5 of each hour). */
  periodS: number;
  offsetS: number;
  /** How long each run's pod runs. */
  durationS: number;
  /** Cores while running. */
  cores: number;
  /** successfulJobsHistoryLimit: finished pods kube-state-metrics keeps listing. */
  historyLimit: number;
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'CronJob';

export interface WorkloadSpec {
  namespace: string;
  name: string;
  kind: WorkloadKind;
  /** Node of each replica (DaemonSet: every node listed). */
  nodes: string[];
  /** ReplicaSet hash of a Deployment's pods. */
  templateHash?: string;
  container: ContainerSpec;
  /** Cores per replica (CronJob: `cron.cores` while running). */
  load?: DailyShape;
  cron?: CronSpec;
  /** GPU utilisation 0..1 of the GPU it holds. */
  gpuUtil?: DailyShape;
  http?: HttpSpec;
  /** Pod network traffic besides HTTP, bytes/s each way (0 and no series for host-network pods). */
  netBytesPerS: number;
  hostNetwork?: boolean;
  volumes?: VolumeSpec[];
  /** Why it is in the demo (idle, abandoned...), for readers of the spec. */
  story?: string;
}
