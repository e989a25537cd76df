/**
 * The demo's fictional cluster "acme-prod": four EC2 nodes in eu-west-1 and us-east-1 (one idle,
 * one with a GPU) and one bare-metal node (EKS hybrid node) whose RAPL sensors Scaphandre reads,
 * with six namespaces, two abandoned Deployments, an hourly CronJob, an unattached volume and a
 * busy-looping host process (the energy leak). Prices are EC2 on-demand Linux list prices split
 * the way OpenCost splits them; power figures are typical of the instance families.
 */
import type { NodeSpec, ProcessSpec } from './clusterTypes';

export const CLUSTER_NAME = 'acme-prod';
export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;

/** Background work: steady, a little noise. */
export const quiet = (base: number) => ({ base, daily: 0.1, peakHourUtc: 12, jitter: 0.2 });

export const IDLE_NODE = 'ip-10-0-2-57.eu-west-1.compute.internal';
export const GPU_NODE = 'ip-10-1-4-12.ec2.internal';
export const METAL_NODE = 'metal-01';

export const NODES: NodeSpec[] = [
  {
    name: 'ip-10-0-1-23.eu-west-1.compute.internal',
    ip: '10.0.1.23',
    cores: 8,
    memoryBytes: 32 * GiB,
    provider: 'aws',
    region: 'eu-west-1',
    zone: 'eu-west-1a',
    instanceType: 'm5.2xlarge',
    providerId: 'aws:///eu-west-1a/i-0a1b2c3d4e5f60123',
    power: { packageIdleW: 28, packagePerCoreW: 9.5, dramIdleW: 4, dramPerCoreW: 0.9 },
    systemCores: quiet(0.12),
    prices: { cpu: 0.038, ramGiB: 0.0051 },
    netDevice: 'ens5',
    hostNetBytesPerS: 900,
  },
  {
    // Idle by AWS Compute Optimizer's rule: peak CPU < 5 %, network < 5 MB/day. Only DaemonSets run here.
    name: IDLE_NODE,
    ip: '10.0.2.57',
    cores: 4,
    memoryBytes: 16 * GiB,
    provider: 'aws',
    region: 'eu-west-1',
    zone: 'eu-west-1b',
    instanceType: 'm5.xlarge',
    providerId: 'aws:///eu-west-1b/i-0f9e8d7c6b5a40321',
    power: { packageIdleW: 17, packagePerCoreW: 9.5, dramIdleW: 2.5, dramPerCoreW: 0.9 },
    systemCores: quiet(0.035),
    prices: { cpu: 0.038, ramGiB: 0.0051 },
    netDevice: 'ens5',
    hostNetBytesPerS: 12,
  },
  {
    name: 'ip-10-1-3-88.ec2.internal',
    ip: '10.1.3.88',
    cores: 8,
    memoryBytes: 16 * GiB,
    provider: 'aws',
    region: 'us-east-1',
    zone: 'us-east-1a',
    instanceType: 'c5.2xlarge',
    providerId: 'aws:///us-east-1a/i-07c4d2e1f0a9b8765',
    power: { packageIdleW: 30, packagePerCoreW: 10.5, dramIdleW: 3, dramPerCoreW: 0.7 },
    systemCores: quiet(0.15),
    prices: { cpu: 0.0364, ramGiB: 0.0043 },
    netDevice: 'ens5',
    hostNetBytesPerS: 700,
  },
  {
    name: GPU_NODE,
    ip: '10.1.4.12',
    cores: 4,
    memoryBytes: 16 * GiB,
    provider: 'aws',
    region: 'us-east-1',
    zone: 'us-east-1b',
    instanceType: 'g4dn.xlarge',
    providerId: 'aws:///us-east-1b/i-0d3c2b1a0f9e87654',
    power: { packageIdleW: 22, packagePerCoreW: 10, dramIdleW: 2.5, dramPerCoreW: 0.8 },
    systemCores: quiet(0.1),
    prices: { cpu: 0.0368, ramGiB: 0.0049, gpu: 0.3052 },
    gpu: {
      model: 'Tesla T4',
      uuid: 'GPU-6a1f3c5e-2b7d-4e90-8c41-93d2f0b7a615',
      pciBusId: '00000000:00:1E.0',
      idleW: 14,
      maxW: 70,
      memoryMiB: 15360,
    },
    netDevice: 'ens5',
    hostNetBytesPerS: 500,
  },
  {
    // EKS hybrid node in the company's own rack: RAPL is readable, so Scaphandre runs here too.
    name: METAL_NODE,
    ip: '192.168.40.11',
    cores: 16,
    memoryBytes: 128 * GiB,
    provider: 'onprem',
    region: '',
    zone: '',
    instanceType: 'PowerEdge R650',
    providerId: '',
    power: { packageIdleW: 55, packagePerCoreW: 8, dramIdleW: 9, dramPerCoreW: 1.1 },
    systemCores: quiet(0.08),
    // OpenCost's default custom prices.
    prices: { cpu: 0.031611, ramGiB: 0.004237 },
    netDevice: 'eno1',
    hostNetBytesPerS: 1500,
    scaphandre: true,
    hostProcesses: [
      {
        comm: 'systemd',
        exe: '/usr/lib/systemd/systemd',
        argv: ['/sbin/init'],
        pid: 1,
        cores: quiet(0.004),
        memoryBytes: 14 * MiB,
      },
      {
        comm: 'kubelet',
        exe: '/usr/bin/kubelet',
        argv: ['/usr/bin/kubelet', '--config=/etc/kubernetes/kubelet/config.json', '--hostname-override=metal-01'],
        pid: 1187,
        cores: quiet(0.045),
        memoryBytes: 96 * MiB,
      },
      {
        comm: 'containerd',
        exe: '/usr/bin/containerd',
        argv: ['/usr/bin/containerd'],
        pid: 1021,
        cores: quiet(0.02),
        memoryBytes: 64 * MiB,
      },
      {
        comm: 'sshd',
        exe: '/usr/sbin/sshd',
        argv: ['sshd:', '/usr/sbin/sshd', '-D'],
        pid: 1102,
        cores: quiet(0.001),
        memoryBytes: 6 * MiB,
      },
    ],
  },
];

/** The energy leak: a sensor poller started with a 0 s interval busy-loops on one core, day and night. */
export const LEAK_PROCESS: ProcessSpec = {
  comm: 'python3',
  exe: '/usr/bin/python3.11',
  argv: ['/usr/bin/python3', '/opt/acme/bin/sensor_sync.py', '--poll-interval=0'],
  pid: 48211,
  cores: { base: 1.0, daily: 0, peakHourUtc: 0, jitter: 0.01 },
  memoryBytes: 42 * MiB,
};
NODES.find((n) => n.name === METAL_NODE)!.hostProcesses!.push(LEAK_PROCESS);

/**
 * A 200 GiB EBS volume whose claim (legacy/data-elasticsearch-0) was deleted with the old search
 * cluster: reclaim policy Retain, so it is Released, still billed, attached to nothing.
 */
export const UNATTACHED_VOLUME = {
  volume: 'pvc-9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  formerClaim: 'data-elasticsearch-0',
  formerNamespace: 'legacy',
  sizeBytes: 200 * GiB,
  storageClass: 'gp3',
  providerId: 'vol-0e7d6c5b4a3f21098',
  region: 'us-east-1',
  // gp3 in us-east-1: $0.08 per GB-month / 730 h.
  hourlyPerGiB: 0.08 / 730,
};

/** Names dashboards and tests can point at. */
export const DEMO_NAMES = {
  cluster: CLUSTER_NAME,
  idleNode: IDLE_NODE,
  gpuNode: GPU_NODE,
  bareMetalNode: METAL_NODE,
  abandonedWorkloads: [
    { namespace: 'legacy', workload: 'old-search', kind: 'Deployment' },
    { namespace: 'analytics', workload: 'reporting', kind: 'Deployment' },
  ],
  cronJob: { namespace: 'analytics', name: 'etl-hourly' },
  unattachedVolume: UNATTACHED_VOLUME.volume,
  leakProcess: { host: METAL_NODE, pid: LEAK_PROCESS.pid!, exe: LEAK_PROCESS.exe, cmdline: LEAK_PROCESS.argv.join('') },
  namespaces: ['shop', 'payments', 'analytics', 'ml', 'legacy', 'monitoring'],
} as const;
