/**
 * Everything idle Prometheus can show over the evidence window: machines (node_exporter),
 * abandoned workloads (kube-state-metrics + cAdvisor), unattached volumes (OpenCost) and
 * terminated workloads (Kepler 0.10+), for the kinds the query asks for. Each concern is its own
 * module; they share one window (and its discovery, node power and owner lookups).
 */
import type { QueryRequest } from '../queryHandler';
import { nodeZombies } from './nodeZombies';
import { terminatedZombies } from './terminatedZombies';
import { volumeZombies } from './volumeZombies';
import { workloadZombies } from './workloadZombies';
import type { ZombieFindings } from './zombieRow';
import { openZombieWindow, type PromZombieRow, type ZombieOptions } from './zombieWindow';

export interface PrometheusZombieFindings extends ZombieFindings {
  rows: PromZombieRow[];
}

export async function prometheusZombies(
  request: QueryRequest<unknown>,
  opts: ZombieOptions
): Promise<PrometheusZombieFindings> {
  const w = await openZombieWindow(request, opts);
  const { kinds } = opts;
  const parts: Array<Promise<PromZombieRow[]>> = [];
  if (kinds.has('kubernetesNode') || kinds.has('cloudInstance')) {
    parts.push(nodeZombies(w));
  }
  if (kinds.has('workload')) {
    parts.push(workloadZombies(w));
  }
  if (kinds.has('volume')) {
    parts.push(volumeZombies(w));
  }
  if (kinds.has('terminatedWorkload')) {
    parts.push(terminatedZombies(w));
  }
  const rows = (await Promise.all(parts)).flat();
  return { rows, notices: w.ctx.notices, executed: w.ctx.executed };
}
