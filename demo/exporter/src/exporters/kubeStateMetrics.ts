/**
 * kube-state-metrics (v2.13, `:8080/metrics`): nodes (info, labels, capacity), pods (info, owner,
 * labels, phase, containers, requests, limits), the owner chain (ReplicaSet → Deployment, Job →
 * CronJob) and persistent volumes and claims. Finished Job pods stay listed, phase Succeeded, until
 * the CronJob's history limit removes them. Labels in KSM's order (identity first).
 */
import type { Registry } from 'prom-client';

import { UNATTACHED_VOLUME } from '../clusterSpec';
import { WORKLOADS } from '../workloads';
import type { NodeSpec } from '../clusterTypes';
import { hexId } from '../ids';
import { MODEL_EPOCH_S, type PodInstance } from '../model';
import { addFamily, type ExportContext, type Labels, type Sample, target } from './family';

const PHASES = ['Pending', 'Succeeded', 'Failed', 'Unknown', 'Running'];
const tgt = () => target('kube-state-metrics', '10.0.1.150:8080');

function owner(p: PodInstance): { kind: string; name: string } {
  const w = p.workload;
  switch (w.kind) {
    case 'Deployment':
      return { kind: 'ReplicaSet', name: `${w.name}-${w.templateHash}` };
    case 'CronJob':
      return { kind: 'Job', name: p.job! };
    default:
      return { kind: w.kind, name: w.name };
  }
}

export function registerKubeStateMetrics(registry: Registry, ctx: ExportContext): void {
  const { model } = ctx;
  const family = (
    name: string,
    help: string,
    labelNames: string[],
    samples: (t: number) => Iterable<Sample>,
    type: 'gauge' | 'counter' = 'gauge'
  ) =>
    addFamily(registry, ctx, {
      name: `kube_${name}`,
      help: `[STABLE] ${help}`,
      type,
      labelNames: ['job', 'instance', ...labelNames],
      samples,
    });
  const perNode = (rows: (n: NodeSpec) => Array<[Labels, number]>) =>
    function* (): Iterable<Sample> {
      for (const { spec } of model.nodes) {
        for (const [labels, v] of rows(spec)) {
          yield [{ ...tgt(), node: spec.name, ...labels }, v];
        }
      }
    };
  const perPod = (rows: (p: PodInstance, t: number) => Array<[Labels, number]>) =>
    function* (t: number): Iterable<Sample> {
      for (const p of model.podsListedAt(t)) {
        for (const [labels, v] of rows(p, t)) {
          yield [{ ...tgt(), namespace: p.workload.namespace, pod: p.name, uid: p.uid, ...labels }, v];
        }
      }
    };
  const aws = (n: NodeSpec) => n.provider === 'aws';

  family(
    'node_info',
    'Information about a cluster node.',
    [
      'node',
      'kernel_version',
      'os_image',
      'container_runtime_version',
      'kubelet_version',
      'kubeproxy_version',
      'provider_id',
      'pod_cidr',
      'system_uuid',
      'internal_ip',
    ],
    perNode((n) => [
      [
        {
          kernel_version: aws(n) ? '6.1.115-126.197.amzn2023.x86_64' : '6.8.0-49-generic',
          os_image: aws(n) ? 'Amazon Linux 2023.6.20241121' : 'Ubuntu 24.04.1 LTS',
          container_runtime_version: 'containerd://1.7.23',
          kubelet_version: 'v1.31.2-eks-94953ac',
          kubeproxy_version: 'v1.31.2-eks-94953ac',
          provider_id: n.providerId,
          pod_cidr: '',
          system_uuid: `ec2${hexId(`system/${n.name}`, 29)}`,
          internal_ip: n.ip,
        },
        1,
      ],
    ])
  );
  family(
    'node_labels',
    'Kubernetes labels converted to Prometheus labels.',
    [
      'node',
      'label_node_kubernetes_io_instance_type',
      'label_topology_kubernetes_io_region',
      'label_topology_kubernetes_io_zone',
      'label_eks_amazonaws_com_compute_type',
    ],
    perNode((n) => [
      [
        (aws(n)
          ? {
              label_node_kubernetes_io_instance_type: n.instanceType,
              label_topology_kubernetes_io_region: n.region,
              label_topology_kubernetes_io_zone: n.zone,
            }
          : { label_eks_amazonaws_com_compute_type: 'hybrid' }) as Labels,
        1,
      ],
    ])
  );
  family(
    'node_status_capacity',
    'The capacity for different resources of a node.',
    ['node', 'resource', 'unit'],
    perNode((n) => [
      [{ resource: 'cpu', unit: 'core' }, n.cores],
      [{ resource: 'memory', unit: 'byte' }, n.memoryBytes],
      [{ resource: 'pods', unit: 'integer' }, n.provider === 'aws' ? 58 : 110],
      ...(n.gpu ? [[{ resource: 'nvidia_com_gpu', unit: 'integer' }, 1] as [Labels, number]] : []),
    ])
  );

  family(
    'pod_info',
    'Information about pod.',
    [
      'namespace',
      'pod',
      'uid',
      'host_ip',
      'pod_ip',
      'node',
      'created_by_kind',
      'created_by_name',
      'priority_class',
      'host_network',
    ],
    perPod((p) => {
      const o = owner(p);
      return [
        [
          {
            host_ip: p.node.ip,
            pod_ip: p.ip,
            node: p.node.name,
            created_by_kind: o.kind,
            created_by_name: o.name,
            priority_class: p.workload.kind === 'DaemonSet' ? 'system-node-critical' : '',
            host_network: String(!!p.workload.hostNetwork),
          },
          1,
        ],
      ];
    })
  );
  family(
    'pod_owner',
    "Information about the Pod's owner.",
    ['namespace', 'pod', 'uid', 'owner_kind', 'owner_name', 'owner_is_controller'],
    perPod((p) => [[{ owner_kind: owner(p).kind, owner_name: owner(p).name, owner_is_controller: 'true' }, 1]])
  );
  family(
    'pod_labels',
    'Kubernetes labels converted to Prometheus labels.',
    ['namespace', 'pod', 'uid', 'label_app_kubernetes_io_name'],
    perPod((p) => [[{ label_app_kubernetes_io_name: p.workload.name }, 1]])
  );
  family(
    'pod_created',
    'Unix creation timestamp',
    ['namespace', 'pod', 'uid'],
    perPod((p) => [[{}, p.createdS + MODEL_EPOCH_S]])
  );
  family(
    'pod_status_phase',
    'The pods current phase.',
    ['namespace', 'pod', 'uid', 'phase'],
    perPod((p, t) => {
      const phase = t < p.endS ? 'Running' : 'Succeeded';
      return PHASES.map((x) => [{ phase: x }, x === phase ? 1 : 0] as [Labels, number]);
    })
  );
  const image = (p: PodInstance) => p.workload.container.image;
  family(
    'pod_container_info',
    'Information about a container in a pod.',
    ['namespace', 'pod', 'uid', 'container', 'image_spec', 'image', 'image_id', 'container_id'],
    perPod((p) => [
      [
        {
          container: p.workload.container.name,
          image_spec: image(p),
          image: image(p),
          image_id: `${image(p).split(':')[0]}@sha256:${hexId(`image/${image(p)}`, 64)}`,
          container_id: `containerd://${p.containerId}`,
        },
        1,
      ],
    ])
  );
  const resources = (kind: 'requests' | 'limits') =>
    perPod((p) => {
      const r = kind === 'requests' ? p.workload.container.requests : (p.workload.container.limits ?? {});
      const base = { container: p.workload.container.name, node: p.node.name };
      const rows: Array<[Labels, number]> = [];
      if (r.cpu !== undefined) {
        rows.push([{ ...base, resource: 'cpu', unit: 'core' }, r.cpu]);
      }
      if (r.memoryBytes !== undefined) {
        rows.push([{ ...base, resource: 'memory', unit: 'byte' }, r.memoryBytes]);
      }
      if (p.gpuUtil) {
        rows.push([{ ...base, resource: 'nvidia_com_gpu', unit: 'integer' }, 1]);
      }
      return rows;
    });
  const resourceLabels = ['namespace', 'pod', 'uid', 'container', 'node', 'resource', 'unit'];
  family(
    'pod_container_resource_requests',
    'The number of requested request resource by a container. It is recommended to use the kube_pod_resource_requests metric exposed by kube-scheduler instead, as it is more precise.',
    resourceLabels,
    resources('requests')
  );
  family(
    'pod_container_resource_limits',
    'The number of requested limit resource by a container. It is recommended to use the kube_pod_resource_limits metric exposed by kube-scheduler instead, as it is more precise.',
    resourceLabels,
    resources('limits')
  );
  family(
    'pod_container_status_restarts_total',
    'The number of container restarts per container.',
    ['namespace', 'pod', 'uid', 'container'],
    perPod((p) => [[{ container: p.workload.container.name }, 0]]),
    'counter'
  );
  family(
    'pod_spec_volumes_persistentvolumeclaims_info',
    'Information about persistentvolumeclaim volumes in a pod.',
    ['namespace', 'pod', 'uid', 'volume', 'persistentvolumeclaim'],
    perPod((p) =>
      (p.workload.volumes ?? []).map((v) => [{ volume: 'data', persistentvolumeclaim: v.claim }, 1] as [Labels, number])
    )
  );

  family(
    'replicaset_owner',
    "Information about the ReplicaSet's owner.",
    ['namespace', 'replicaset', 'owner_kind', 'owner_name', 'owner_is_controller'],
    function* (): Iterable<Sample> {
      for (const w of WORKLOADS.filter((x) => x.kind === 'Deployment')) {
        yield [
          {
            ...tgt(),
            namespace: w.namespace,
            replicaset: `${w.name}-${w.templateHash}`,
            owner_kind: 'Deployment',
            owner_name: w.name,
            owner_is_controller: 'true',
          },
          1,
        ];
      }
    }
  );
  family(
    'job_owner',
    "Information about the Job's owner.",
    ['namespace', 'job_name', 'owner_kind', 'owner_name', 'owner_is_controller'],
    function* (t): Iterable<Sample> {
      for (const p of model.podsListedAt(t).filter((x) => x.job)) {
        yield [
          {
            ...tgt(),
            namespace: p.workload.namespace,
            job_name: p.job!,
            owner_kind: 'CronJob',
            owner_name: p.workload.name,
            owner_is_controller: 'true',
          },
          1,
        ];
      }
    }
  );

  // Volumes: the claimed ones are Bound; the old search cluster's volume was Released (Retain).
  const claimed = WORKLOADS.flatMap((w) =>
    (w.volumes ?? []).map((v) => ({ ...v, namespace: w.namespace, phase: 'Bound' }))
  );
  const volumes = [
    ...claimed,
    {
      volume: UNATTACHED_VOLUME.volume,
      claim: UNATTACHED_VOLUME.formerClaim,
      namespace: UNATTACHED_VOLUME.formerNamespace,
      sizeBytes: UNATTACHED_VOLUME.sizeBytes,
      storageClass: UNATTACHED_VOLUME.storageClass,
      providerId: UNATTACHED_VOLUME.providerId,
      phase: 'Released',
    },
  ];
  const perVolume = (rows: (v: (typeof volumes)[number]) => Array<[Labels, number]>) =>
    function* (): Iterable<Sample> {
      for (const v of volumes) {
        for (const [labels, value] of rows(v)) {
          yield [{ ...tgt(), persistentvolume: v.volume, ...labels }, value];
        }
      }
    };
  family(
    'persistentvolume_capacity_bytes',
    'Persistentvolume capacity in bytes.',
    ['persistentvolume'],
    perVolume((v) => [[{}, v.sizeBytes]])
  );
  family(
    'persistentvolume_status_phase',
    'The phase indicates if a volume is available, bound to a claim, or released by a claim.',
    ['persistentvolume', 'phase'],
    perVolume((v) =>
      ['Pending', 'Available', 'Bound', 'Released', 'Failed'].map(
        (x) => [{ phase: x }, x === v.phase ? 1 : 0] as [Labels, number]
      )
    )
  );
  family(
    'persistentvolume_claim_ref',
    'Information about the Persistent Volume Claim Reference.',
    ['persistentvolume', 'name', 'claim_namespace'],
    perVolume((v) => [[{ name: v.claim, claim_namespace: v.namespace }, 1]])
  );
  family(
    'persistentvolume_info',
    'Information about persistentvolume.',
    ['persistentvolume', 'storageclass', 'ebs_volume_id'],
    perVolume((v) => [[{ storageclass: v.storageClass, ebs_volume_id: v.providerId }, 1]])
  );
  family(
    'persistentvolumeclaim_info',
    'Information about persistent volume claim.',
    ['namespace', 'persistentvolumeclaim', 'storageclass', 'volumename'],
    function* (): Iterable<Sample> {
      for (const v of claimed) {
        yield [
          {
            ...tgt(),
            namespace: v.namespace,
            persistentvolumeclaim: v.claim,
            storageclass: v.storageClass,
            volumename: v.volume,
          },
          1,
        ];
      }
    }
  );
}
