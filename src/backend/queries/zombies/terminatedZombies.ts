/**
 * Terminated workloads: pods Kepler 0.10+ exported with `state="terminated"` during the window
 * (it keeps a stopped workload's frozen counter for a scrape or more), one row per owner workload
 * (pod → ReplicaSet → Deployment, Job → CronJob, as abandoned workloads group them), so an hourly
 * CronJob is one row, not one per run. A pod without an owner keeps its own row.
 *
 * What a pod used in the window is its frozen counter, minus what it had already counted when the
 * window began if it was running then; a row adds its pods. They cost nothing any more, so the
 * monthly figures are null; the window's energy and CO2e are the row's windowKWh / windowKgCO2e.
 */
import { type Workload, loadWorkloads } from '../../measured/workloads';
import { usedInWindow } from '../../../engine/recommendations/idleRules';
import { terminatedAction } from './terminatedAction';
import { type EnergyEstimate, fromJoules, sumEstimates } from '../../../engine/recommendations/zombieMonth';
import { runningJoulesAtStart, terminatedJoules } from './zombiePromql';
import { labels as keplerLabels } from '../../sources/prometheus/exporters/kepler010';
import { factorNote, nodeRegions, placeOfNodes } from './zombieRegions';
import { keplerZones, type PromZombieRow, type ZombieWindow } from './zombieWindow';

interface Group {
  namespace: string;
  owner: Workload;
  pods: Array<{ node: string; used: EnergyEstimate }>;
}

export async function terminatedZombies(w: ZombieWindow): Promise<PromZombieRow[]> {
  const { ctx, range } = w;
  const zones = keplerZones(w);
  if (zones.length === 0) {
    ctx.notice('info', 'Terminated workloads need Kepler 0.10+ (state="terminated" series): not looked for.');
    return [];
  }
  const [pods, workloadOf] = await Promise.all([
    ctx.instant(terminatedJoules(zones, range, w.namespaceMatchers(keplerLabels.namespace))),
    w.once('workloads', () => loadWorkloads(ctx, undefined)),
  ]);
  if (pods.length === 0) {
    return [];
  }
  const offset = range.slice(1, -1);
  const ids = pods.map((s) => s.labels[keplerLabels.podId] ?? '');
  const before = await ctx.instant(runningJoulesAtStart(zones, offset, ids));
  const baseline = new Map(before.map((s) => [s.labels[keplerLabels.podId] ?? '', s.value]));
  const regions = await nodeRegions(w, [...new Set(pods.map((s) => s.labels[keplerLabels.node] ?? ''))]);

  const groups = new Map<string, Group>();
  for (const s of pods) {
    const {
      [keplerLabels.node]: node = '',
      [keplerLabels.pod]: pod = '',
      [keplerLabels.namespace]: namespace = '',
      [keplerLabels.podId]: id = '',
    } = s.labels;
    const joules = usedInWindow(s.value, baseline.get(id));
    const owner = workloadOf(namespace, pod);
    // Kind in the key: a Deployment and a CronJob may share a name.
    const key = `${namespace}/${owner.kind}/${owner.name}`;
    const g = groups.get(key) ?? groups.set(key, { namespace, owner, pods: [] }).get(key)!;
    g.pods.push({ node, used: fromJoules(joules, regions.factor(node), w.endMs) });
  }

  const days = w.opts.windowDays;
  return [...groups.values()].map((g) => {
    const used = sumEstimates(g.pods.map((p) => p.used));
    const nodes = [...new Set(g.pods.map((p) => p.node))].sort();
    const { provider, region, factors } = placeOfNodes(regions, nodes);
    const { namespace, owner } = g;
    return {
      kind: 'terminatedWorkload' as const,
      source: 'prometheus' as const,
      provider,
      account: '',
      region,
      // As abandoned workload rows name theirs; a pod without an owner is its own workload.
      resourceId: `${namespace}/${owner.name}`,
      name: owner.name,
      instanceType: '',
      cluster: '',
      namespace,
      workload: `${owner.kind}/${owner.name}`,
      peakCpuPercent: null,
      avgCpuPercent: null,
      networkBytesPerDay: null,
      windowDays: days,
      idleDays: null,
      monthlyCost: null,
      currency: '',
      monthlyKWh: null,
      monthlyKgCO2e: null,
      monthlyKgCO2eLow: null,
      monthlyKgCO2eHigh: null,
      windowKWh: used.kWh,
      windowKgCO2e: used.kg,
      action: terminatedAction({ namespace, owner, pods: g.pods.length, nodes, kWh: used.kWh, windowDays: days }),
      method:
        `${g.pods.length} pod(s) on ${nodes.join(', ')}: Kepler 0.10 state="terminated" counter (zones ${zones.join(' + ')}) ` +
        `minus what each pod had counted when the window began, added up: energy used in the window, ` +
        `${factors.map(factorNote).join('; ')}. windowKgCO2e is operational only: the pods held no ` +
        `reservation any more, so no share of a node's embodied. Monthly figures are null: these pods no longer run (a CronJob's next runs are not forecast).`,
    };
  });
}
