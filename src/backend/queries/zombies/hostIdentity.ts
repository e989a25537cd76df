/**
 * Who a node_exporter target is: a Kubernetes node (matched on the uname nodename, the target's
 * address or its `instance` label), a cloud instance (EC2 service discovery labels kept by
 * relabelling, or DMI: EC2 Nitro's `system_vendor="Amazon EC2"`, `product_name` = instance type,
 * `board_asset_tag` = instance id), or a host with no cloud identity.
 */
import type { Labels, VectorSample } from '../../sources/prometheus/promResponse';
import { labels as ksmLabels } from '../../sources/prometheus/exporters/kubeStateMetrics';

export interface CloudIdentity {
  /** `aws`, `gcp`, `azure`, or '' for a host without a cloud identity. */
  provider: string;
  instanceId: string;
  instanceType: string;
  region: string;
  account: string;
}

export interface KubeNode {
  name: string;
  providerId: string;
  internalIp: string;
  instanceType: string;
  region: string;
  /** OpenCost's mean $/h over the window. */
  hourlyCost?: number;
}

/** `aws:///eu-west-1a/i-0abc`, `gce://project/zone/name`, `azure:///subscriptions/…`, or OpenCost's bare `i-0abc`. */
export function parseProviderId(providerId: string): { provider: string; instanceId: string } {
  const m = /^([a-z]+):\/\/(.*)$/.exec(providerId);
  const scheme = m?.[1] ?? '';
  const last = providerId.slice(providerId.lastIndexOf('/') + 1);
  if (scheme === 'aws' || /^i-[0-9a-f]+$/.test(providerId)) {
    return { provider: 'aws', instanceId: last };
  }
  if (scheme === 'gce') {
    return { provider: 'gcp', instanceId: last };
  }
  if (scheme === 'azure') {
    return { provider: 'azure', instanceId: last };
  }
  return { provider: '', instanceId: providerId };
}

/** `eu-west-1a` → `eu-west-1` (AWS zones are the region plus a letter). */
function regionOfZone(zone: string): string {
  return /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/.test(zone) ? zone.slice(0, -1) : '';
}

/** The cloud identity a target's labels and DMI data carry. */
export function cloudIdentity(target: Labels, dmi: Labels | undefined): CloudIdentity {
  const vendor = dmi?.system_vendor ?? '';
  const labelledId = target.instance_id ?? '';
  const aws = vendor === 'Amazon EC2' || /^i-[0-9a-f]+$/.test(labelledId);
  const gcp = vendor === 'Google' || /Google Compute Engine/.test(dmi?.product_name ?? '');
  const azure = vendor === 'Microsoft Corporation' && dmi?.chassis_asset_tag === '7783-7084-3265-9085-8269-3286-77';
  const provider = aws ? 'aws' : gcp ? 'gcp' : azure ? 'azure' : '';
  if (!provider) {
    return { provider: '', instanceId: '', instanceType: '', region: '', account: '' };
  }
  const assetTag = dmi?.board_asset_tag ?? '';
  return {
    provider,
    instanceId: labelledId || (aws && /^i-[0-9a-f]+$/.test(assetTag) ? assetTag : ''),
    instanceType: target.instance_type || (aws ? (dmi?.product_name ?? '') : ''),
    region: target.region || regionOfZone(target.availability_zone ?? ''),
    account: target.account_id ?? '',
  };
}

/** Kubernetes nodes from kube-state-metrics and OpenCost, by node name. */
export function kubeNodes(
  info: VectorSample[],
  labels: VectorSample[],
  opencost: VectorSample[]
): Map<string, KubeNode> {
  const nodes = new Map<string, KubeNode>();
  const node = (name: string) =>
    nodes.get(name) ??
    nodes.set(name, { name, providerId: '', internalIp: '', instanceType: '', region: '' }).get(name)!;
  for (const s of info) {
    if (s.labels.node) {
      const n = node(s.labels.node);
      n.providerId ||= s.labels.provider_id ?? '';
      n.internalIp ||= s.labels.internal_ip ?? '';
    }
  }
  for (const s of labels) {
    if (s.labels.node) {
      const n = node(s.labels.node);
      n.instanceType ||= s.labels[ksmLabels.instanceType] ?? '';
      n.region ||= s.labels[ksmLabels.region] ?? '';
    }
  }
  // OpenCost's labels win: its prices use them.
  for (const s of opencost) {
    if (s.labels.node) {
      const n = node(s.labels.node);
      n.instanceType = s.labels.instance_type || n.instanceType;
      n.region = s.labels.region || n.region;
      n.providerId ||= s.labels.provider_id ?? '';
      n.hourlyCost = s.value;
    }
  }
  return nodes;
}

/** The Kubernetes node a node_exporter target is, if any. */
export function matchKubeNode(target: Labels, nodename: string, nodes: Map<string, KubeNode>): KubeNode | undefined {
  const address = (target.instance ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return (
    nodes.get(nodename) ??
    nodes.get(target.instance ?? '') ??
    nodes.get(target.node ?? '') ??
    [...nodes.values()].find((n) => n.internalIp !== '' && n.internalIp === address)
  );
}
