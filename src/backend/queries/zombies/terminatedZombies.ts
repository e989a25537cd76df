/**
 * Terminated workloads: pods Kepler 0.10+ exported with `state="terminated"` during the window
 * (it keeps a stopped workload's frozen counter for a scrape or more). What they used in the
 * window is that frozen counter, minus what the pod had already counted when the window began
 * if it was running then. They cost nothing any more, so the monthly figures are null; the
 * window's energy and CO2e are the row's windowKWh / windowKgCO2e.
 */
import { loadWorkloads } from '../energy/workloads';
import { fromJoules } from './zombieEnergy';
import { runningJoulesAtStart, terminatedJoules } from './zombiePromql';
import { factorNote, nodeRegions } from './zombieRegions';
import { keplerZones, type PromZombieRow, type ZombieWindow } from './zombieWindow';

export async function terminatedZombies(w: ZombieWindow): Promise<PromZombieRow[]> {
  const { ctx, range } = w;
  const zones = keplerZones(w);
  if (zones.length === 0) {
    ctx.notice('info', 'Terminated workloads need Kepler 0.10+ (state="terminated" series): not looked for.');
    return [];
  }
  const [stopped, workloadOf] = await Promise.all([
    ctx.instant(terminatedJoules(zones, range)),
    w.once('workloads', () => loadWorkloads(ctx, undefined)),
  ]);
  const pods = stopped.filter((s) => w.namespaceOk(s.labels.pod_namespace ?? ''));
  if (pods.length === 0) {
    return [];
  }
  const offset = range.slice(1, -1);
  const ids = pods.map((s) => s.labels.pod_id ?? '');
  const before = await ctx.instant(runningJoulesAtStart(zones, offset, ids));
  const baseline = new Map(before.map((s) => [s.labels.pod_id ?? '', s.value]));
  const regions = await nodeRegions(w, [...new Set(pods.map((s) => s.labels.node_name ?? ''))]);
  return pods.map((s) => {
    const { node_name: node = '', pod_name: pod = '', pod_namespace: namespace = '', pod_id: id = '' } = s.labels;
    const joules = Math.max(0, s.value - (baseline.get(id) ?? 0));
    const factor = regions.factor(node);
    const used = fromJoules(joules, factor, w.endMs);
    const owner = workloadOf(namespace, pod);
    return {
      kind: 'terminatedWorkload' as const,
      source: 'prometheus' as const,
      provider: factor?.provider ?? '',
      account: '',
      region: regions.region(node) ?? '',
      resourceId: `${namespace}/${pod}`,
      name: pod,
      instanceType: '',
      cluster: '',
      namespace,
      workload: `${owner.kind}/${owner.name}`,
      peakCpuPercent: null,
      avgCpuPercent: null,
      networkBytesPerDay: null,
      windowDays: w.opts.windowDays,
      idleDays: null,
      monthlyCost: null,
      currency: '',
      monthlyKWh: null,
      monthlyKgCO2e: null,
      monthlyKgCO2eLow: null,
      monthlyKgCO2eHigh: null,
      windowKWh: used.kWh,
      windowKgCO2e: used.kg,
      action: `Nothing to stop: pod ${namespace}/${pod} ran on ${node} and terminated in the last ${w.opts.windowDays} days; check it finished its work.`,
      method:
        `Kepler 0.10 state="terminated" counter (zones ${zones.join(' + ')}) minus what the pod had counted when the window began: ` +
        `energy used in the window, ${factorNote(factor)}. windowKgCO2e is operational only: the pod held no ` +
        `reservation any more, so no share of a node's embodied. Monthly figures are null: it no longer runs.`,
    };
  });
}
