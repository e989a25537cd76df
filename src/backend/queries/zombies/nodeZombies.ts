/**
 * Idle machines from node_exporter, by AWS Compute Optimizer's rule: peak CPU (5-minute steps of
 * 10-minute rates) under `cpuPeakPercent` and eth0-like traffic under `networkMBPerDay` over the
 * window. A target that is a Kubernetes node is a `kubernetesNode` (identity, region and price
 * from kube-state-metrics and OpenCost, power from Kepler); any other is a `cloudInstance`, with
 * a provider when its labels or DMI data name one, else none (a host).
 *
 * Fetch (hostEvidence.ts, nodePower.ts), rule (engine/recommendations/idleRules.ts), rows
 * (machineRows.ts).
 */
import { machineVerdict, trailingIdleDays } from '../../../engine/recommendations/idleRules';
import { fetchHostDays, fetchHosts, hostEvidence } from './hostEvidence';
import { matchKubeNode } from './hostIdentity';
import { machineRow } from './machineRows';
import { kubeNodesOf } from './nodeInstances';
import { nodeWatts } from './nodePower';
import { nodeRegions } from './zombieRegions';
import { metrics as nodeExporterMetrics } from '../../sources/prometheus/exporters/nodeExporter';
import type { PromZombieRow, ZombieWindow } from './zombieWindow';

export async function nodeZombies(w: ZombieWindow): Promise<PromZombieRow[]> {
  const { ctx } = w;
  const [hosts, nodes] = await Promise.all([fetchHosts(w), kubeNodesOf(w)]);
  if (hosts.length === 0) {
    ctx.notice(
      'info',
      `node_exporter (${nodeExporterMetrics.cpuSeconds}) not found: idle nodes and instances were not looked for.`
    );
    return [];
  }
  const days = w.opts.windowDays;
  const idle = hosts.filter((h) => {
    const verdict = machineVerdict(hostEvidence(h, days), w.idle);
    if (verdict === 'noEvidence') {
      ctx.notice(
        'info',
        `No network counters for ${h.labels.instance ?? h.key}: not judged (no evidence is not idleness).`
      );
    }
    return verdict === 'idle';
  });
  const judged = idle
    .map((h) => ({ h, node: matchKubeNode(h.labels, h.nodename, nodes) }))
    .filter(({ node }) => w.opts.kinds.has(node ? 'kubernetesNode' : 'cloudInstance'));
  if (judged.length === 0) {
    return [];
  }
  const [dayEvidence, watts, regions] = await Promise.all([
    fetchHostDays(w),
    nodeWatts(w),
    nodeRegions(
      w,
      judged.flatMap(({ node }) => (node ? [node.name] : []))
    ),
  ]);
  return judged.map(({ h, node }) => {
    const idleDays = trailingIdleDays(w, (t) => machineVerdict(dayEvidence(h.key, t), w.idle) === 'idle');
    return machineRow(w, h, node, idleDays, { watts, regions });
  });
}
