/**
 * kube-state-metrics (v2.13, `:8080/metrics`): nodes (info, labels, capacity), pods (info, owner,
 * labels, phase, containers, requests, limits), the owner chain (ReplicaSet → Deployment, Job →
 * CronJob) and persistent volumes and claims. Finished Job pods stay listed, phase Succeeded, until
 * the CronJob's history limit removes them. Labels in KSM's order (identity first).
 */
import type { Registry } from 'prom-client';

import type {
  FamilyDescription,
  LabelPairs,
} from '../../../../src/backend/sources/prometheus/exporters/exposition/family';
import {
  KSM,
  KSM_LABELS,
  KSM_SCRAPE,
  ksmImageId,
  type KsmResource,
  POD_PHASES,
  PV_PHASES,
} from '../../../../src/backend/sources/prometheus/exporters/exposition/kubeStateMetrics';
import { UNATTACHED_VOLUME } from '../clusterSpec';
import { WORKLOADS } from '../workloads';
import type { NodeSpec } from '../clusterTypes';
import { hexId } from '../ids';
import { MODEL_EPOCH_S, type PodInstance } from '../model';
import { addFamily, type ExportContext, labelsOf, type Sample, target } from './family';

const tgt = () => target(KSM_SCRAPE.job, `10.0.1.150:${KSM_SCRAPE.port}`);

/** The pod's owner reference, as the API server holds it (also OpenCost's kube_pod_owner). */
export function owner(p: PodInstance): { kind: string; name: string } {
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
  const family = (f: FamilyDescription, labelNames: string[], samples: (t: number) => Iterable<Sample>) =>
    addFamily(registry, ctx, { ...f, labelNames: ['job', 'instance', ...labelNames], samples });
  /** Rows of label sets (KSM_LABELS, from the object's identity) and values. */
  type Rows = Array<[LabelPairs, number]>;
  const perNode = (rows: (n: NodeSpec, node: LabelPairs) => Rows) =>
    function* (): Iterable<Sample> {
      for (const { spec } of model.nodes) {
        for (const [labels, v] of rows(spec, KSM_LABELS.node(spec.name))) {
          yield [labelsOf(tgt(), labels), v];
        }
      }
    };
  const perPod = (rows: (p: PodInstance, pod: LabelPairs, t: number) => Rows) =>
    function* (t: number): Iterable<Sample> {
      for (const p of model.podsListedAt(t)) {
        for (const [labels, v] of rows(p, KSM_LABELS.pod(p.workload.namespace, p.name, p.uid), t)) {
          yield [labelsOf(tgt(), labels), v];
        }
      }
    };
  const aws = (n: NodeSpec) => n.provider === 'aws';

  family(
    KSM.nodeInfo,
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
        KSM_LABELS.nodeInfo({
          name: n.name,
          kernelVersion: aws(n) ? '6.1.115-126.197.amzn2023.x86_64' : '6.8.0-49-generic',
          osImage: aws(n) ? 'Amazon Linux 2023.6.20241121' : 'Ubuntu 24.04.1 LTS',
          providerId: n.providerId,
          systemUuid: `ec2${hexId(`system/${n.name}`, 29)}`,
          internalIp: n.ip,
        }),
        1,
      ],
    ])
  );
  family(
    KSM.nodeLabels,
    [
      'node',
      'label_node_kubernetes_io_instance_type',
      'label_topology_kubernetes_io_region',
      'label_topology_kubernetes_io_zone',
      'label_eks_amazonaws_com_compute_type',
    ],
    perNode((n, node) => [
      [
        KSM_LABELS.k8sLabels(
          node,
          aws(n)
            ? {
                'node.kubernetes.io/instance-type': n.instanceType,
                'topology.kubernetes.io/region': n.region,
                'topology.kubernetes.io/zone': n.zone,
              }
            : { 'eks.amazonaws.com/compute-type': 'hybrid' }
        ),
        1,
      ],
    ])
  );
  family(
    KSM.nodeCapacity,
    ['node', 'resource', 'unit'],
    perNode((n, node) => [
      [KSM_LABELS.resource(node, 'cpu'), n.cores],
      [KSM_LABELS.resource(node, 'memory'), n.memoryBytes],
      [KSM_LABELS.resource(node, 'pods'), n.provider === 'aws' ? 58 : 110],
      ...(n.gpu ? [[KSM_LABELS.resource(node, 'gpu'), 1] as [LabelPairs, number]] : []),
    ])
  );

  family(
    KSM.podInfo,
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
    perPod((p, pod) => [
      [
        KSM_LABELS.podInfo(pod, {
          hostIp: p.node.ip,
          podIp: p.ip,
          node: p.node.name,
          createdBy: owner(p),
          priorityClass: p.workload.kind === 'DaemonSet' ? 'system-node-critical' : '',
          hostNetwork: !!p.workload.hostNetwork,
        }),
        1,
      ],
    ])
  );
  family(
    KSM.podOwner,
    ['namespace', 'pod', 'uid', 'owner_kind', 'owner_name', 'owner_is_controller'],
    perPod((p, pod) => [[KSM_LABELS.owner(pod, owner(p)), 1]])
  );
  family(
    KSM.podLabels,
    ['namespace', 'pod', 'uid', 'label_app_kubernetes_io_name'],
    perPod((p, pod) => [[KSM_LABELS.k8sLabels(pod, { 'app.kubernetes.io/name': p.workload.name }), 1]])
  );
  family(
    KSM.podCreated,
    ['namespace', 'pod', 'uid'],
    perPod((p, pod) => [[pod, p.createdS + MODEL_EPOCH_S]])
  );
  family(
    KSM.podPhase,
    ['namespace', 'pod', 'uid', 'phase'],
    perPod((p, pod, t) => {
      const phase = t < p.endS ? 'Running' : 'Succeeded';
      return POD_PHASES.map((x) => [KSM_LABELS.phase(pod, x), x === phase ? 1 : 0] as [LabelPairs, number]);
    })
  );
  const image = (p: PodInstance) => p.workload.container.image;
  family(
    KSM.containerInfo,
    ['namespace', 'pod', 'uid', 'container', 'image_spec', 'image', 'image_id', 'container_id'],
    perPod((p, pod) => [
      [
        KSM_LABELS.containerInfo(
          KSM_LABELS.container(pod, p.workload.container.name),
          { spec: image(p), name: image(p), id: ksmImageId(image(p), hexId(`image/${image(p)}`, 64)) },
          p.containerId
        ),
        1,
      ],
    ])
  );
  const resources = (kind: 'requests' | 'limits') =>
    perPod((p, pod) => {
      const r = kind === 'requests' ? p.workload.container.requests : (p.workload.container.limits ?? {});
      const container = KSM_LABELS.container(pod, p.workload.container.name);
      const row = (resource: KsmResource, value: number): [LabelPairs, number] => [
        KSM_LABELS.containerResource(container, p.node.name, resource),
        value,
      ];
      const rows: Rows = [];
      if (r.cpu !== undefined) {
        rows.push(row('cpu', r.cpu));
      }
      if (r.memoryBytes !== undefined) {
        rows.push(row('memory', r.memoryBytes));
      }
      if (p.gpuUtil) {
        rows.push(row('gpu', 1));
      }
      return rows;
    });
  const resourceLabels = ['namespace', 'pod', 'uid', 'container', 'node', 'resource', 'unit'];
  family(KSM.requests, resourceLabels, resources('requests'));
  family(KSM.limits, resourceLabels, resources('limits'));
  family(
    KSM.restarts,
    ['namespace', 'pod', 'uid', 'container'],
    perPod((p, pod) => [[KSM_LABELS.container(pod, p.workload.container.name), 0]])
  );
  family(
    KSM.podClaims,
    ['namespace', 'pod', 'uid', 'volume', 'persistentvolumeclaim'],
    perPod((p, pod) =>
      (p.workload.volumes ?? []).map((v) => [KSM_LABELS.podClaim(pod, 'data', v.claim), 1] as [LabelPairs, number])
    )
  );

  family(
    KSM.replicasetOwner,
    ['namespace', 'replicaset', 'owner_kind', 'owner_name', 'owner_is_controller'],
    function* (): Iterable<Sample> {
      for (const w of WORKLOADS.filter((x) => x.kind === 'Deployment')) {
        const rs = KSM_LABELS.replicaset(w.namespace, `${w.name}-${w.templateHash}`);
        yield [labelsOf(tgt(), KSM_LABELS.owner(rs, { kind: 'Deployment', name: w.name })), 1];
      }
    }
  );
  family(
    KSM.jobOwner,
    ['namespace', 'job_name', 'owner_kind', 'owner_name', 'owner_is_controller'],
    function* (t): Iterable<Sample> {
      for (const p of model.podsListedAt(t).filter((x) => x.job)) {
        const job = KSM_LABELS.job(p.workload.namespace, p.job!);
        yield [labelsOf(tgt(), KSM_LABELS.owner(job, { kind: 'CronJob', name: p.workload.name })), 1];
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
  const perVolume = (rows: (v: (typeof volumes)[number], volume: LabelPairs) => Rows) =>
    function* (): Iterable<Sample> {
      for (const v of volumes) {
        for (const [labels, value] of rows(v, KSM_LABELS.pv(v.volume))) {
          yield [labelsOf(tgt(), labels), value];
        }
      }
    };
  family(
    KSM.pvCapacity,
    ['persistentvolume'],
    perVolume((v, volume) => [[volume, v.sizeBytes]])
  );
  family(
    KSM.pvPhase,
    ['persistentvolume', 'phase'],
    perVolume((v, volume) =>
      PV_PHASES.map((x) => [KSM_LABELS.phase(volume, x), x === v.phase ? 1 : 0] as [LabelPairs, number])
    )
  );
  family(
    KSM.pvClaimRef,
    ['persistentvolume', 'name', 'claim_namespace'],
    perVolume((v) => [[KSM_LABELS.pvClaimRef(v.volume, v.claim, v.namespace), 1]])
  );
  family(
    KSM.pvInfo,
    ['persistentvolume', 'storageclass', 'ebs_volume_id'],
    perVolume((v) => [[KSM_LABELS.pvInfo(v.volume, v.storageClass, v.providerId), 1]])
  );
  family(
    KSM.pvcInfo,
    ['namespace', 'persistentvolumeclaim', 'storageclass', 'volumename'],
    function* (): Iterable<Sample> {
      for (const v of claimed) {
        yield [labelsOf(tgt(), KSM_LABELS.pvcInfo(v.namespace, v.claim, v.storageClass, v.volume)), 1];
      }
    }
  );
}
