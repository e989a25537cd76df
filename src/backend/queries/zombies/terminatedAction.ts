/**
 * The action of a terminated-workload row, worded by what made its pods stop. Nothing is left to
 * stop, so the action says what the pods used and what is worth checking, which depends on the
 * owner: CronJob and Job pods end by design, a controller's pods (Deployment, StatefulSet...) end
 * only when replaced, scaled down, evicted or deleted, and a bare pod had no owner to restart it.
 */
import type { Workload } from '../../measured/workloads';

export interface TerminatedGroup {
  namespace: string;
  owner: Workload;
  pods: number;
  nodes: string[];
  /** kWh used in the window (all its pods). */
  kWh: number | null;
  windowDays: number;
}

/** Owners whose pods stay up until something replaces, evicts or deletes them. */
const CONTROLLERS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

export function terminatedAction(g: TerminatedGroup): string {
  const { namespace, owner, windowDays: days } = g;
  const ref = `${owner.kind} ${namespace}/${owner.name}`;
  const pods = g.pods === 1 ? '1 pod' : `${g.pods} pods`;
  const used = g.kWh !== null ? `, using ${Number(g.kWh.toPrecision(3))} kWh` : '';
  if (owner.kind === 'Pod') {
    return `Nothing to stop: pod ${namespace}/${owner.name} ran on ${g.nodes.join(', ')} and terminated in the last ${days} days${used}; check it finished its work.`;
  }
  if (owner.kind === 'CronJob') {
    return `Nothing to stop: ${pods} of ${ref} finished in the last ${days} days${used}; check the schedule is still needed.`;
  }
  if (owner.kind === 'Job') {
    return `Nothing to stop: ${pods} of ${ref} finished in the last ${days} days${used}; check the Job is still needed and finished its work.`;
  }
  if (CONTROLLERS.has(owner.kind)) {
    // Kepler marks a pod terminated when it is gone, not when a container restarts in place.
    return (
      `Nothing to stop: ${pods} of ${ref} terminated in the last ${days} days${used}. Its pods stop only when ` +
      `replaced (rollout, scale-down) or on an eviction, a node failure or a deletion; if there was no rollout, ` +
      `check its events and the node's.`
    );
  }
  // An owner we cannot place (a custom controller, or a name that fits a DaemonSet and a Job alike).
  return `Nothing to stop: ${pods} of ${ref} terminated in the last ${days} days${used}; check they finished their work.`;
}
