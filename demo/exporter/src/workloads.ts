/**
 * The workloads of the demo cluster (clusterSpec.ts has the nodes): six namespaces, two abandoned
 * Deployments with big requests and no traffic, an hourly CronJob on the bare-metal node, the GPU
 * inference service and the exporters' own DaemonSets.
 */
import { GiB, GPU_NODE, METAL_NODE, MiB, NODES, quiet } from './clusterSpec';
import type { ProcessSpec, WorkloadSpec } from './clusterTypes';

const ALL_NODES = NODES.map((n) => n.name);
const proc = (comm: string, exe: string, argv: string[], share = 1, memoryBytes = 64 * MiB): ProcessSpec => ({
  comm,
  exe,
  argv,
  share,
  memoryBytes,
});

export const WORKLOADS: WorkloadSpec[] = [
  // shop: the web shop in eu-west-1, busy in European business hours.
  {
    namespace: 'shop',
    name: 'frontend',
    kind: 'Deployment',
    templateHash: '7d9c6f5b8',
    nodes: ['ip-10-0-1-23.eu-west-1.compute.internal', 'ip-10-0-1-23.eu-west-1.compute.internal'],
    container: {
      name: 'frontend',
      image: 'ghcr.io/acme/shop-frontend:3.14.1',
      requests: { cpu: 0.5, memoryBytes: 512 * MiB },
      limits: { memoryBytes: 512 * MiB },
      memoryBytes: 310 * MiB,
      processes: [proc('node', '/usr/local/bin/node', ['node', 'server.js'])],
    },
    load: { base: 0.32, daily: 0.52, peakHourUtc: 13, weekly: 0.15, jitter: 0.25 },
    http: {
      requestsPerS: { base: 38, daily: 0.52, peakHourUtc: 13, weekly: 0.15, jitter: 0.25 },
      errorRatio: 0.002,
      requestBytes: 900,
      responseBytes: 14_000,
    },
    netBytesPerS: 200,
  },
  {
    namespace: 'shop',
    name: 'api',
    kind: 'Deployment',
    templateHash: '5c8f7d4b9',
    nodes: ['ip-10-0-1-23.eu-west-1.compute.internal', 'ip-10-0-1-23.eu-west-1.compute.internal'],
    container: {
      name: 'api',
      image: 'ghcr.io/acme/shop-api:2.9.0',
      requests: { cpu: 1, memoryBytes: 1 * GiB },
      limits: { memoryBytes: 1 * GiB },
      memoryBytes: 690 * MiB,
      processes: [proc('java', '/opt/java/openjdk/bin/java', ['java', '-Xmx768m', '-jar', '/app/api.jar'])],
    },
    load: { base: 0.55, daily: 0.52, peakHourUtc: 13, weekly: 0.15, jitter: 0.25 },
    http: {
      requestsPerS: { base: 110, daily: 0.52, peakHourUtc: 13, weekly: 0.15, jitter: 0.25 },
      errorRatio: 0.004,
      requestBytes: 1_200,
      responseBytes: 3_500,
    },
    netBytesPerS: 400,
  },
  {
    namespace: 'shop',
    name: 'postgres',
    kind: 'StatefulSet',
    nodes: ['ip-10-0-1-23.eu-west-1.compute.internal'],
    container: {
      name: 'postgres',
      image: 'docker.io/library/postgres:16.4',
      requests: { cpu: 1, memoryBytes: 4 * GiB },
      memoryBytes: 3.1 * GiB,
      processes: [
        proc('postgres', '/usr/lib/postgresql/16/bin/postgres', [
          'postgres',
          '-c',
          'config_file=/etc/postgresql/postgresql.conf',
        ]),
      ],
    },
    load: { base: 0.4, daily: 0.6, peakHourUtc: 13, weekly: 0.1, jitter: 0.2 },
    netBytesPerS: 90_000,
    volumes: [
      {
        claim: 'data-postgres-0',
        volume: 'pvc-3f6d2b1a-8c4e-4d7a-9b21-5e0c7a9f3d14',
        sizeBytes: 100 * GiB,
        storageClass: 'gp3',
        providerId: 'vol-0c5e8f2a9d1b34567',
        // gp3 in eu-west-1: $0.088 per GB-month / 730 h.
        hourlyPerGiB: 0.088 / 730,
      },
    ],
  },
  // payments: in us-east-1, busy in American business hours.
  {
    namespace: 'payments',
    name: 'payments-api',
    kind: 'Deployment',
    templateHash: '6b7f9c8d5',
    nodes: ['ip-10-1-3-88.ec2.internal', 'ip-10-1-3-88.ec2.internal'],
    container: {
      name: 'payments-api',
      image: 'ghcr.io/acme/payments-api:1.22.3',
      requests: { cpu: 0.5, memoryBytes: 768 * MiB },
      memoryBytes: 420 * MiB,
      processes: [proc('payments-api', '/app/payments-api', ['/app/payments-api', '--port=8080'])],
    },
    load: { base: 0.28, daily: 0.6, peakHourUtc: 18, weekly: 0.1, jitter: 0.2 },
    http: {
      requestsPerS: { base: 14, daily: 0.6, peakHourUtc: 18, weekly: 0.1, jitter: 0.2 },
      errorRatio: 0.001,
      requestBytes: 2_000,
      responseBytes: 1_500,
    },
    netBytesPerS: 300,
  },
  {
    namespace: 'payments',
    name: 'fraud-scorer',
    kind: 'Deployment',
    templateHash: '8d5f6c7b4',
    nodes: ['ip-10-1-3-88.ec2.internal'],
    container: {
      name: 'scorer',
      image: 'ghcr.io/acme/fraud-scorer:0.9.7',
      requests: { cpu: 2, memoryBytes: 3 * GiB },
      memoryBytes: 2.2 * GiB,
      processes: [proc('python3', '/usr/local/bin/python3.12', ['python3', '-m', 'scorer.serve'])],
    },
    load: { base: 1.1, daily: 0.52, peakHourUtc: 18, weekly: 0.2, jitter: 0.2 },
    netBytesPerS: 6_000,
  },
  // analytics: batch work on the bare-metal node, and a forgotten reporting service.
  {
    namespace: 'analytics',
    name: 'etl-hourly',
    kind: 'CronJob',
    nodes: [METAL_NODE],
    container: {
      name: 'etl',
      image: 'ghcr.io/acme/etl:2024.11.2',
      requests: { cpu: 3, memoryBytes: 6 * GiB },
      memoryBytes: 4.5 * GiB,
      processes: [proc('python3', '/usr/local/bin/python3.12', ['python3', '-m', 'etl.run', '--window=1h'])],
    },
    cron: { periodS: 3600, offsetS: 5 * 60, durationS: 9 * 60, cores: 2.8, historyLimit: 3 },
    netBytesPerS: 2_500_000,
  },
  {
    namespace: 'analytics',
    name: 'clickhouse',
    kind: 'StatefulSet',
    nodes: [METAL_NODE],
    container: {
      name: 'clickhouse',
      image: 'docker.io/clickhouse/clickhouse-server:24.8',
      requests: { cpu: 2, memoryBytes: 16 * GiB },
      memoryBytes: 11 * GiB,
      processes: [
        proc('clickhouse-serv', '/usr/bin/clickhouse', [
          '/usr/bin/clickhouse-server',
          '--config-file=/etc/clickhouse-server/config.xml',
        ]),
      ],
    },
    load: { base: 1.3, daily: 0.5, peakHourUtc: 10, weekly: 0.1, jitter: 0.3 },
    netBytesPerS: 40_000,
    volumes: [
      {
        claim: 'data-clickhouse-0',
        volume: 'local-pv-7e2a9c41',
        sizeBytes: 1024 * GiB,
        storageClass: 'local-nvme',
        providerId: '',
      },
    ],
  },
  {
    namespace: 'analytics',
    name: 'reporting',
    kind: 'Deployment',
    templateHash: '59d8c7f6b',
    nodes: ['ip-10-1-3-88.ec2.internal'],
    container: {
      name: 'reporting',
      image: 'ghcr.io/acme/reporting:1.3.0',
      requests: { cpu: 2, memoryBytes: 4 * GiB },
      memoryBytes: 380 * MiB,
      processes: [proc('java', '/opt/java/openjdk/bin/java', ['java', '-jar', '/app/reporting.jar'])],
    },
    load: { base: 0.025, daily: 0.1, peakHourUtc: 12, jitter: 0.2 },
    netBytesPerS: 7,
    story: 'abandoned: the dashboards it fed moved to ClickHouse in 2024; 2 cores and 4 GiB requested, no traffic',
  },
  // ml: inference on the GPU node.
  {
    namespace: 'ml',
    name: 'inference',
    kind: 'Deployment',
    templateHash: '7f4c9b6d8',
    nodes: [GPU_NODE],
    container: {
      name: 'triton',
      image: 'nvcr.io/nvidia/tritonserver:24.08-py3',
      requests: { cpu: 2, memoryBytes: 8 * GiB },
      limits: { memoryBytes: 8 * GiB },
      memoryBytes: 6.4 * GiB,
      processes: [
        proc('tritonserver', '/opt/tritonserver/bin/tritonserver', ['tritonserver', '--model-repository=/models']),
      ],
    },
    load: { base: 0.9, daily: 0.52, peakHourUtc: 16, weekly: 0.15, jitter: 0.25 },
    gpuUtil: { base: 0.42, daily: 0.57, peakHourUtc: 16, weekly: 0.15, jitter: 0.2 },
    http: {
      requestsPerS: { base: 9, daily: 0.52, peakHourUtc: 16, weekly: 0.15, jitter: 0.25 },
      errorRatio: 0.003,
      requestBytes: 6_000,
      responseBytes: 2_000,
    },
    netBytesPerS: 500,
  },
  // legacy: what is left of the old search stack.
  {
    namespace: 'legacy',
    name: 'old-search',
    kind: 'Deployment',
    templateHash: '6c9d8f7b5',
    nodes: ['ip-10-1-3-88.ec2.internal'],
    container: {
      name: 'search',
      image: 'docker.io/library/elasticsearch:7.17.9',
      requests: { cpu: 1.5, memoryBytes: 6 * GiB },
      memoryBytes: 2.8 * GiB,
      processes: [
        proc('java', '/usr/share/elasticsearch/jdk/bin/java', [
          '/usr/share/elasticsearch/jdk/bin/java',
          '-Xms2g',
          '-Xmx2g',
        ]),
      ],
    },
    load: { base: 0.018, daily: 0.1, peakHourUtc: 12, jitter: 0.2 },
    netBytesPerS: 6,
    story: 'abandoned: replaced by the shop api search endpoint; 1.5 cores and 6 GiB requested, no traffic',
  },
  // monitoring: the exporters themselves.
  {
    namespace: 'monitoring',
    name: 'kepler',
    kind: 'DaemonSet',
    nodes: ALL_NODES,
    container: {
      name: 'kepler',
      image: 'quay.io/sustainable_computing_io/kepler:v0.10.0',
      requests: { cpu: 0.1, memoryBytes: 200 * MiB },
      limits: { memoryBytes: 400 * MiB },
      memoryBytes: 130 * MiB,
      processes: [proc('kepler', '/usr/bin/kepler', ['/usr/bin/kepler', '--config.file=/etc/kepler/config.yaml'])],
    },
    load: quiet(0.012),
    netBytesPerS: 0,
    hostNetwork: true,
  },
  {
    namespace: 'monitoring',
    name: 'node-exporter',
    kind: 'DaemonSet',
    nodes: ALL_NODES,
    container: {
      name: 'node-exporter',
      image: 'quay.io/prometheus/node-exporter:v1.8.2',
      requests: { cpu: 0.05, memoryBytes: 64 * MiB },
      limits: { memoryBytes: 128 * MiB },
      memoryBytes: 22 * MiB,
      processes: [proc('node_exporter', '/bin/node_exporter', ['/bin/node_exporter', '--path.rootfs=/host'])],
    },
    load: quiet(0.004),
    netBytesPerS: 0,
    hostNetwork: true,
  },
  {
    namespace: 'monitoring',
    name: 'scaphandre',
    kind: 'DaemonSet',
    nodes: [METAL_NODE],
    container: {
      name: 'scaphandre',
      image: 'hubblo/scaphandre:1.0.2',
      requests: { cpu: 0.1, memoryBytes: 128 * MiB },
      memoryBytes: 48 * MiB,
      processes: [
        proc('scaphandre', '/usr/local/bin/scaphandre', ['/usr/local/bin/scaphandre', 'prometheus', '--containers']),
      ],
    },
    load: quiet(0.02),
    netBytesPerS: 0,
    hostNetwork: true,
  },
  {
    namespace: 'monitoring',
    name: 'dcgm-exporter',
    kind: 'DaemonSet',
    nodes: [GPU_NODE],
    container: {
      name: 'nvidia-dcgm-exporter',
      image: 'nvcr.io/nvidia/k8s/dcgm-exporter:3.3.8-3.6.0-ubuntu22.04',
      requests: { cpu: 0.1, memoryBytes: 128 * MiB },
      memoryBytes: 90 * MiB,
      processes: [
        proc('dcgm-exporter', '/usr/bin/dcgm-exporter', [
          '/usr/bin/dcgm-exporter',
          '-f',
          '/etc/dcgm-exporter/dcp-metrics-included.csv',
        ]),
      ],
    },
    load: quiet(0.015),
    netBytesPerS: 0,
    hostNetwork: true,
  },
];
