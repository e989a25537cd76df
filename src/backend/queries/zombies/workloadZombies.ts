/**
 * Abandoned workloads (Kubecost's term): workloads that still request CPU but whose every pod
 * peaked under `cpuPeakPercent` of its request over the window, and whose pods together moved
 * under `networkMBPerDay` (cAdvisor pod network). Pods are rolled up to their owner (pod →
 * ReplicaSet → Deployment, Job → CronJob). A pod without network counters (hostNetwork) gives no
 * evidence, so its workload is not judged. Completed Job pods, which kube-state-metrics keeps
 * exporting with their requests, are left out.
 *
 * Fetch (workloadEvidence.ts), rule (engine/recommendations/idleRules.ts), rows (workloadRows.ts).
 */
import { type PodEvidence, trailingIdleDays, workloadVerdict } from '../../../engine/recommendations/idleRules';
import { fetchReservedNodes, fetchWorkloads } from './workloadEvidence';
import { missingEnergyNotice, workloadRow } from './workloadRows';
import type { PromZombieRow, ZombieWindow } from './zombieWindow';

export async function workloadZombies(w: ZombieWindow): Promise<PromZombieRow[]> {
  const { ctx } = w;
  const { kubeStateMetrics, cadvisor } = ctx.discovery.findings;
  if (!kubeStateMetrics.found || !cadvisor.found) {
    ctx.notice(
      'info',
      'Abandoned workloads need kube-state-metrics (CPU requests) and cAdvisor (CPU and network use): not looked for.'
    );
    return [];
  }
  const { pods, groups } = await fetchWorkloads(w);
  const days = w.opts.windowDays;
  const unjudged: string[] = [];
  const idle = groups.filter((g) => {
    const verdict = workloadVerdict(g.pods, days, w.idle);
    if (verdict === 'noEvidence') {
      unjudged.push(`${g.namespace}/${g.owner.name}`);
    }
    return verdict === 'idle';
  });
  if (unjudged.length) {
    ctx.notice(
      'info',
      `Not judged (no CPU or pod network counters, e.g. hostNetwork pods): ${unjudged.sort().join(', ')}.`
    );
  }
  if (idle.length === 0) {
    return [];
  }
  const reserved = await fetchReservedNodes(w, [...new Set(idle.flatMap((g) => g.pods.map((p) => p.node)))], pods);
  return idle.map((g) => {
    // A day counts when the pods with figures that day were idle together.
    const idleDays = trailingIdleDays(w, (t) => {
      const present = g.pods.map((p) => reserved.podDay(p, t)).filter((d): d is PodEvidence => d !== undefined);
      return workloadVerdict(present, 1, w.idle) === 'idle';
    });
    const noEnergy = missingEnergyNotice(g, reserved);
    if (noEnergy) {
      ctx.notice('warning', noEnergy);
    }
    return workloadRow(w, g, reserved, idleDays);
  });
}
