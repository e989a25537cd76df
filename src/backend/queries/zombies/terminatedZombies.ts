/**
 * Terminated workloads: pods Kepler 0.10+ exported with `state="terminated"` during the window
 * (it keeps a stopped workload's frozen counter for a scrape or more), one row per owner workload
 * (pod → ReplicaSet → Deployment, Job → CronJob, as abandoned workloads group them), so an hourly
 * CronJob is one row, not one per run. A pod without an owner keeps its own row.
 *
 * What a pod used in the window is its frozen counter, minus what it had already counted when the
 * window began if it was running then, zone by zone, weighed into whole-server IT energy by its
 * node's reading (psys, else package + DRAM, else package, × the uplift: nodePower.ts wholeServer,
 * as node power and every energy query type); a row adds its pods. They cost nothing any more, so the
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
import { wholeServer, wholeServerText } from './nodePower';
import { upliftSpread } from '../../../engine/serverEnergy';

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
  const [samples, workloadOf, server] = await Promise.all([
    ctx.instant(terminatedJoules(zones, range, w.namespaceMatchers(keplerLabels.namespace))),
    w.once('workloads', () => loadWorkloads(ctx, undefined)),
    wholeServer(w),
  ]);
  if (samples.length === 0) {
    return [];
  }
  const offset = range.slice(1, -1);
  const podZone = (l: Record<string, string>) => `${l[keplerLabels.podId] ?? ''}\u0000${l[keplerLabels.zone] ?? ''}`;
  const ids = [...new Set(samples.map((s) => s.labels[keplerLabels.podId] ?? ''))];
  const before = await ctx.instant(runningJoulesAtStart(zones, offset, ids));
  const baseline = new Map(before.map((s) => [podZone(s.labels), s.value]));
  // Per pod: its IT Joules in the window, its zones each weighed by its node's reading.
  const pods = new Map<string, { labels: Record<string, string>; node: string; joules: number }>();
  for (const s of samples) {
    const id = s.labels[keplerLabels.podId] ?? '';
    const node = server.name(s.labels[keplerLabels.node] ?? '');
    const it = usedInWindow(s.value, baseline.get(podZone(s.labels))) * server.weigh(s.labels, node);
    const pod = pods.get(id) ?? pods.set(id, { labels: s.labels, node, joules: 0 }).get(id)!;
    pod.joules += it;
  }
  const regions = await nodeRegions(w, [...new Set([...pods.values()].map((p) => p.node))]);

  const groups = new Map<string, Group>();
  for (const { labels, node, joules } of pods.values()) {
    const { [keplerLabels.pod]: pod = '', [keplerLabels.namespace]: namespace = '' } = labels;
    const owner = workloadOf(namespace, pod);
    // Kind in the key: a Deployment and a CronJob may share a name.
    const key = `${namespace}/${owner.kind}/${owner.name}`;
    const g = groups.get(key) ?? groups.set(key, { namespace, owner, pods: [] }).get(key)!;
    const reading = server.reading(node);
    const spread = reading ? upliftSpread(reading) : undefined;
    g.pods.push({ node, used: fromJoules(joules, regions.factor(node), w.endMs, spread) });
  }
  const cpuName = server.sources.cpu?.name ?? 'Kepler 0.10+';
  const readingText = (nodes: string[]) =>
    nodes
      .map((n) => {
        const r = server.reading(n);
        return r ? `node ${n}: ${wholeServerText(cpuName, r)}` : `node ${n}: as read`;
      })
      .join('; ');

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
        `${g.pods.length} pod(s) on ${nodes.join(', ')}: Kepler 0.10 state="terminated" counter ` +
        `minus what each pod had counted when the window began, added up, as whole-server IT energy ` +
        `(${readingText(nodes)}) × PUE: facility energy used in the window, ` +
        `${factors.map(factorNote).join('; ')}. windowKgCO2e is operational only: the pods held no ` +
        `reservation any more, so no share of a node's embodied. Monthly figures are null: these pods no longer run (a CronJob's next runs are not forecast).`,
    };
  });
}
