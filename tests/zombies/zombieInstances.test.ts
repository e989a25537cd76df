/**
 * zombieInstances against a real Prometheus loaded with the zombie scenario (15 days at 5 minutes,
 * tests/fixtures/exporters/zombieScenario.ts): with no options it reports exactly the resources
 * idle by construction over the default 14-day window, none of the near misses, and monthly
 * energy, CO2e and cost equal to the ground truth (the generators' truth arrays, the scenario's
 * prices, the grid/PUE/Teads/CCF data files).
 *
 * Tolerances: node_exporter counters are sampled on the scrape grid, so CPU and network figures
 * are exact (1e-9 relative). Kepler keeps whole µJ per interval: 1e-6 relative on measured
 * energy. cAdvisor's lagged timestamps make a 10-minute CPU rate mix neighbouring intervals, so a
 * pod's peak lies between the largest two-interval mean and the largest single interval.
 */
import type { Frame } from '../../src/backend/frames/frame';
import { GIB } from '../fixtures/exporters/clusterModel';
import { nodeTotalHourly } from '../fixtures/exporters/clusterTruth';
import { EC2_HOST, ZOMBIE_NODES } from '../fixtures/exporters/zombieScenario';
import type { PrometheusServer } from '../helpers/prometheus';
import teads from '../../src/engine/data/teads-aws-instances.json';
import ccfConstants from '../../src/engine/data/ccf/aws-constants.json';
import { ccfEmbodiedKg, embodiedBounds, embodiedKg } from './embodiedByHand';
import {
  byId,
  END,
  gridBandOf,
  HOURS_PER_MONTH,
  IDLE_14D,
  itWatts,
  upliftOf,
  rowsOf,
  runZombies,
  type Row,
  sc,
  sumBounds,
  serverFactor,
  settingsFor,
  startZombiePrometheus,
  START_TIMEOUT,
  zombieTruth,
  zs,
} from './zombieHarness';

jest.setTimeout(60_000);

let prom: PrometheusServer;
let frame: Frame;
let rows: Map<string, Row>;
const [FROM, TO] = [END - 14 * 86_400, END];

beforeAll(async () => {
  prom = await startZombiePrometheus();
  frame = (await runZombies(settingsFor({ prometheus: { url: prom.url } })))[0];
  rows = byId(frame);
}, START_TIMEOUT);
afterAll(() => prom?.stop());

const row = (id: string) => {
  const r = rows.get(id);
  if (!r) {
    throw new Error(`no row ${id} among ${[...rows.keys()].join(', ')}`);
  }
  return r;
};
const near = (actual: unknown, expected: number, rel: number) => {
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(Math.abs(expected) * rel + 1e-12);
};
/** The method texts' kg, to 3 significant digits. */
const sig = (x: number) => Number(x.toPrecision(3));
const podsOf = (prefix: string) => sc.pods.filter((p) => p.name.startsWith(prefix));

/**
 * Pods of CronJob batch/nightly-report that ended in (from, to] (by their specs), and what they
 * used: the generator's Kepler zone power (package + dram) integrated over their run, at their
 * node's region (us-east-1).
 */
function cronRuns(from: number, to: number): { pods: string[]; kWh: number; kg: number } {
  const t = zombieTruth();
  const f = serverFactor('us-east-1');
  const runs = sc.pods.filter(
    (p) => p.namespace === 'batch' && p.owner?.parent?.name === 'nightly-report' && p.end! > from && p.end! <= to
  );
  // IT energy: the pod's zones of its node's whole-server reading × that reading's uplift.
  const joules = runs.reduce((a, p) => {
    const z = t.cluster.pods.get(p.uid)!.zoneW;
    const zones = t.cluster.serverZones(p.node!);
    const measured = zones.reduce((b, zone) => b + t.cluster.integrate(z[zone]!, from, to), 0);
    return a + measured * upliftOf(t, p.node!).central;
  }, 0);
  return { pods: runs.map((p) => p.name), kWh: (joules / 3.6e6) * f.pue, kg: ((joules / 3.6e6) * f.grams) / 1000 };
}

describe('zombieInstances with no options (Prometheus, 14 days)', () => {
  it('reports exactly the idle resources, none of the near misses', () => {
    expect([...rows.keys()].sort()).toEqual([...IDLE_14D].sort());
    for (const nearMiss of [
      `kubernetesNode:${ZOMBIE_NODES.A}`,
      `kubernetesNode:${ZOMBIE_NODES.C}`,
      'cloudInstance:build-01',
      'workload:batch/cruncher',
      'workload:edge/proxy',
      'workload:shop/search',
      'workload:tools/debug-shell',
      'workload:monitoring/node-exporter',
      'workload:batch/nightly-report',
      'volume:pvc-5a6b7c8d',
      // Terminated pods are rolled up to their owner, never one row per pod.
      'terminatedWorkload:batch/nightly-report-29000000-x4k7q',
      'terminatedWorkload:batch/nightly-report-28990000-f2g3h',
    ]) {
      expect(rows.has(nearMiss)).toBe(false);
    }
  });

  it("measures the idle node: CPU and network from node_exporter, whole-server power from Kepler, cost from OpenCost, plus its m5.large's embodied", () => {
    const t = zombieTruth();
    const r = row(`kubernetesNode:${ZOMBIE_NODES.D}`);
    const [low, high] = t.peakBusyPercent(ZOMBIE_NODES.D, FROM, TO);
    expect(r.peakCpuPercent as number).toBeGreaterThanOrEqual(low - 1e-9);
    expect(r.peakCpuPercent as number).toBeLessThanOrEqual(high + 1e-9);
    near(r.avgCpuPercent, t.avgBusyPercent(ZOMBIE_NODES.D, FROM, TO), 1e-9);
    // eth0 only: lo (43 MB/day) and the pod's veth (1.7 MB/day) would push it past 5 MB/day.
    near(r.networkBytesPerDay, t.hostBytesPerDay(ZOMBIE_NODES.D, FROM, TO), 1e-9);
    expect(r.networkBytesPerDay as number).toBeLessThan(5e6);
    const spec = sc.nodes.find((n) => n.name === ZOMBIE_NODES.D)!;
    const f = serverFactor('us-east-1');
    // IT energy: the node's package + dram (it has no psys) × the package + DRAM uplift; × PUE: facility.
    expect(t.cluster.serverZones(ZOMBIE_NODES.D)).toEqual(['package', 'dram']);
    expect(upliftOf(t, ZOMBIE_NODES.D)).toEqual({ central: 1.197, low: 1.077, high: 1.886 });
    const serverKWh = (itWatts(t, ZOMBIE_NODES.D, FROM, TO) * HOURS_PER_MONTH) / 1000;
    near(serverKWh, (t.nodeWatts(ZOMBIE_NODES.D, FROM, TO) * 1.197 * HOURS_PER_MONTH) / 1000, 1e-12);
    near(r.monthlyKWh, serverKWh * f.pue, 1e-6);
    const operationalKg = (serverKWh * f.grams) / 1000;
    expect(r.method).toContain(
      'whole-server IT power (Kepler 0.10+ (zones package, dram) read as RAPL package + DRAM × 1.197 whole-server uplift (90 %: 1.077–1.886))'
    );
    near(r.monthlyKgCO2e, operationalKg + embodiedKg('m5.large'), 1e-6);
    expect(r.method).toContain(
      `CO2e: operational ${sig(operationalKg)} kg + embodied ${sig(embodiedKg('m5.large'))} kg.`
    );
    near(r.monthlyCost, nodeTotalHourly(spec) * HOURS_PER_MONTH, 1e-9);
    expect(r).toMatchObject({ provider: 'aws', region: 'us-east-1', instanceType: 'm5.large', currency: 'USD' });
    expect(r.idleDays).toBe(14);
    expect(r.action).toContain('i-0d4e5f6a7b8c90a40');
  });

  it('estimates the EC2 host from its instance type at its measured CPU (Teads curve), and leaves the bare-metal host without energy', () => {
    const t = zombieTruth();
    const r = row(`cloudInstance:${EC2_HOST.instanceId}`);
    const util = t.avgBusyPercent(EC2_HOST.hostname, FROM, TO);
    near(r.avgCpuPercent, util, 1e-9);
    // Teads m5.large instance watts, piecewise linear between its load points.
    const loads = teads.loadPercent;
    const watts = teads.instances['m5.large'].instance;
    const i = loads.findIndex((l) => l >= util);
    const w = watts[i - 1] + ((util - loads[i - 1]) / (loads[i] - loads[i - 1])) * (watts[i] - watts[i - 1]);
    const f = serverFactor('eu-west-1');
    near(r.monthlyKWh, ((w * HOURS_PER_MONTH) / 1000) * f.pue, 1e-9);
    // Operational + embodied, as the Cost Explorer rows count it.
    const operationalKg = (((w * HOURS_PER_MONTH) / 1000) * f.grams) / 1000;
    near(r.monthlyKgCO2e, operationalKg + embodiedKg('m5.large'), 1e-9);
    expect(r.method).toContain(
      `CO2e: operational ${sig(operationalKg)} kg + embodied ${sig(embodiedKg('m5.large'))} kg.`
    );
    expect(r).toMatchObject({ provider: 'aws', account: '123456789012', region: 'eu-west-1', monthlyCost: null });
    near(r.networkBytesPerDay, t.hostBytesPerDay(EC2_HOST.hostname, FROM, TO), 1e-9);

    const nas = row('cloudInstance:nas-01');
    expect(nas).toMatchObject({ provider: '', region: '', monthlyKWh: null, monthlyKgCO2e: null, idleDays: 14 });
    near(nas.peakCpuPercent, 1, 1e-9);
  });

  it("prices abandoned workloads: reserved share of measured node power and of the node's embodied, OpenCost allocation", () => {
    const t = zombieTruth();
    for (const [id, prefix] of [
      ['workload:legacy/reports-api', 'reports-api-'],
      ['workload:ml/notebook', 'notebook-'],
    ]) {
      const r = row(id);
      let kWh = 0;
      let kg = 0;
      let cost = 0;
      let bytes = 0;
      let peakLow = 0;
      let peakHigh = 0;
      for (const p of podsOf(prefix)) {
        const node = sc.nodes.find((n) => n.name === p.node)!;
        const request = p.containers.reduce((a, c) => a + (c.requests.cpu ?? 0), 0);
        const f = serverFactor(node.region);
        const serverKWh = ((request / node.cores) * itWatts(t, node.name, FROM, TO) * HOURS_PER_MONTH) / 1000;
        kWh += serverKWh * f.pue;
        kg += (serverKWh * f.grams) / 1000 + (request / node.cores) * embodiedKg(node.instanceType);
        const truth = t.cluster.pods.get(p.uid)!;
        cost += truth.costPerHour[truth.costPerHour.length - 1] * HOURS_PER_MONTH;
        bytes += t.podBytesPerDay(p.uid, FROM, TO);
        const k0 = (FROM - sc.start) / sc.step;
        for (let k = k0; k < truth.cores.length; k++) {
          peakHigh = Math.max(peakHigh, (truth.cores[k] / request) * 100);
          peakLow = Math.max(peakLow, ((truth.cores[k] + truth.cores[k - 1]) / 2 / request) * 100);
        }
      }
      near(r.monthlyKWh, kWh, 1e-6);
      near(r.monthlyKgCO2e, kg, 1e-6);
      near(r.monthlyCost, cost, 1e-9);
      near(r.networkBytesPerDay, bytes, 1e-6);
      expect(r.peakCpuPercent as number).toBeGreaterThanOrEqual(peakLow * 0.98);
      expect(r.peakCpuPercent as number).toBeLessThanOrEqual(peakHigh + 1e-9);
      expect(r.idleDays).toBe(14);
    }
    expect(row('workload:legacy/reports-api')).toMatchObject({
      namespace: 'legacy',
      workload: 'Deployment/reports-api',
      region: 'eu-west-1, us-east-1',
    });
    expect(row('workload:ml/notebook').workload).toBe('StatefulSet/notebook');
    // Both rows have energy: no notice about a missing one (zombieNoNodeCapacity.test.ts has them).
    expect((frame.meta?.notices ?? []).map((n) => n.text).join('\n')).not.toMatch(/No energy for abandoned/);
  });

  it('prices unattached volumes from OpenCost and the engine storage coefficients', () => {
    const ssd = ccfConstants.ssdWhPerTbHour.value;
    const ebs = ccfConstants.replicationFactors.value.EC2_EBS_VOLUME;
    for (const pv of ['pvc-3e4f5a6b', 'pvc-7c8d9e0f']) {
      const spec = sc.pvs.find((p) => p.name === pv)!;
      const f = serverFactor(zs.pvStates[pv].region);
      const r = row(`volume:${pv}`);
      near(r.monthlyCost, (spec.bytes / GIB) * spec.hourlyPerGiB * HOURS_PER_MONTH, 1e-9);
      const kWh = ((spec.bytes / 1e9 / 1000) * ssd * HOURS_PER_MONTH * ebs * f.pue) / 1000;
      near(r.monthlyKWh, kWh, 1e-9);
      near(r.monthlyKgCO2e, ((kWh / f.pue) * f.grams) / 1000, 1e-9);
      expect(r.idleDays).toBe(14);
    }
    expect(row('volume:pvc-3e4f5a6b')).toMatchObject({ namespace: 'legacy', name: 'vol-03e4f5a6b7c8d9e0f' });
    expect(row('volume:pvc-3e4f5a6b').method).toMatch(/CO2e: operational [\d.]+ kg; embodied not included/);
    expect(row('volume:pvc-7c8d9e0f').namespace).toBe('');
  });

  it('gives a terminated workload one row for its owner: its pods in the window, the energy they used, no monthly figures', () => {
    const r = row('terminatedWorkload:batch/nightly-report');
    const run = cronRuns(FROM, TO);
    // The scenario's runs of the CronJob, worked out from its pod specs: only one ended in the window.
    expect(run.pods).toEqual(['nightly-report-29000000-x4k7q']);
    near(r.windowKWh, run.kWh, 1e-6);
    near(r.windowKgCO2e, run.kg, 1e-6);
    expect(r).toMatchObject({
      name: 'nightly-report',
      namespace: 'batch',
      workload: 'CronJob/nightly-report',
      region: 'us-east-1',
      provider: 'aws',
      monthlyKWh: null,
      monthlyKgCO2e: null,
      monthlyCost: null,
      idleDays: null,
    });
    expect(r.action).toBe(
      `Nothing to stop: 1 pod of CronJob batch/nightly-report finished in the last 14 days, using ${sig(run.kWh)} kWh; check the schedule is still needed.`
    );
    expect(String(r.method).startsWith(`1 pod(s) on ${ZOMBIE_NODES.C}: `)).toBe(true);
    expect(r.method).toMatch(/windowKgCO2e is operational only/);
    expect(r.method).toContain(
      `as whole-server IT energy (node ${ZOMBIE_NODES.C}: Kepler 0.10+ (zones package, dram) read as RAPL package + DRAM × 1.197 whole-server uplift (90 %: 1.077–1.886)) × PUE`
    );
  });

  it('adds up every run of the CronJob in the window (15 days: both runs, one row)', async () => {
    const fifteen = byId((await runZombies(settingsFor({ prometheus: { url: prom.url } }), { windowDays: 15 }))[0]);
    const terminated = [...fifteen.keys()].filter((id) => id.startsWith('terminatedWorkload:'));
    expect(terminated).toEqual(['terminatedWorkload:batch/nightly-report']);
    const r = fifteen.get('terminatedWorkload:batch/nightly-report')!;
    const run = cronRuns(END - 15 * 86_400, END);
    expect(run.pods.sort()).toEqual(['nightly-report-28990000-f2g3h', 'nightly-report-29000000-x4k7q']);
    near(r.windowKWh, run.kWh, 1e-6);
    near(r.windowKgCO2e, run.kg, 1e-6);
    expect(r.action).toBe(
      `Nothing to stop: 2 pods of CronJob batch/nightly-report finished in the last 15 days, using ${sig(run.kWh)} kWh; check the schedule is still needed.`
    );
  });

  it('sorts by monthly CO2e, largest first, unknown last, and labels units', () => {
    const co2 = rowsOf(frame).map((r) => r.monthlyKgCO2e as number | null);
    const known = co2.filter((v): v is number => v !== null);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(co2.slice(known.length).every((v) => v === null)).toBe(true);
    const unit = (name: string) => frame.fields.find((f) => f.name === name)?.config?.unit;
    expect(frame.meta?.type).toBe('numeric-long');
    expect([
      unit('peakCpuPercent'),
      unit('networkBytesPerDay'),
      unit('monthlyCost'),
      unit('monthlyKWh'),
      unit('monthlyKgCO2e'),
    ]).toEqual(['percent', 'bytes', 'currencyUSD', 'kwatth', 'suffix: kgCO2e']);
    expect(frame.meta?.executedQueryString).toContain('node_cpu_seconds_total');
  });

  it('looks node regions up once for the node, workload and terminated rows that all need them', () => {
    // The scenario has OpenCost and kube-state-metrics, and each of those three kinds has an idle row on a node.
    expect(
      ['kubernetesNode', 'workload', 'terminatedWorkload'].every((k) =>
        [...rows.keys()].some((id) => id.startsWith(`${k}:`))
      )
    ).toBe(true);
    const sent = (frame.meta?.executedQueryString ?? '').split('\n\n');
    const count = (re: RegExp) => sent.filter((q) => re.test(q)).length;
    expect(count(/^group by \(node, region\) \(last_over_time\(node_cpu_hourly_cost\[\w+\]\)\)$/)).toBe(1);
    expect(
      count(
        /^group by \(node, label_topology_kubernetes_io_region, label_failure_domain_beta_kubernetes_io_region\) \(last_over_time\(kube_node_labels\[\w+\]\)\)$/
      )
    ).toBe(1);
  });
});

describe('zombieInstances CO2e ranges (greenops bands)', () => {
  // Both regions' factors are of 2020 and the scenario runs in 2025: band = 0.0865 × √5 = 0.193420.
  it('the scenario pins the band worked out by hand', () => {
    expect(new Date(END * 1000).getUTCFullYear()).toBe(2025);
    // Both factors are Electricity Maps' 2025 values: band 0.0865 × sqrt(max(1, 2025 − 2025)).
    expect(gridBandOf('us-east-1').band).toBeCloseTo(0.0865, 12);
    expect(gridBandOf('eu-west-1').band).toBeCloseTo(0.0865, 12);
  });

  it("measured rows (node, workloads) get the PUE, grid-factor and uplift bands around their measured kg, plus the engine's embodied bounds", () => {
    const t = zombieTruth();
    // Package + DRAM uplift 1.197, 90 %: 1.077-1.886 (measured-server-uplift.json), in quadrature in log space.
    const b = gridBandOf('us-east-1', { central: 1.197, low: 1.077, high: 1.886 });
    const f = serverFactor('us-east-1');
    const kg = (((itWatts(t, ZOMBIE_NODES.D, FROM, TO) * HOURS_PER_MONTH) / 1000) * f.grams) / 1000;
    const node = row(`kubernetesNode:${ZOMBIE_NODES.D}`);
    const e = embodiedBounds('m5.large');
    const em = embodiedKg('m5.large');
    const nodeBounds = sumBounds(kg, kg * b.low, kg * b.high, em, e.low, e.high);
    near(node.monthlyKgCO2eLow, nodeBounds.low, 1e-6);
    near(node.monthlyKgCO2eHigh, nodeBounds.high, 1e-6);
    for (const [id, prefix] of [
      ['workload:legacy/reports-api', 'reports-api-'],
      ['workload:ml/notebook', 'notebook-'],
    ]) {
      let low = 0;
      let high = 0;
      for (const p of podsOf(prefix)) {
        const n = sc.nodes.find((x) => x.name === p.node)!;
        const request = p.containers.reduce((a, c) => a + (c.requests.cpu ?? 0), 0);
        const podKg =
          (((request / n.cores) * itWatts(t, n.name, FROM, TO) * HOURS_PER_MONTH) / 1000) *
          (serverFactor(n.region).grams / 1000);
        const share = request / n.cores;
        // Each pod: its measured interval and its share of embodied, as a sum; pods add as bounds.
        const g = gridBandOf(n.region, upliftOf(t, n.name));
        const eb = embodiedBounds(n.instanceType);
        const em = share * embodiedKg(n.instanceType);
        const pod = sumBounds(podKg, podKg * g.low, podKg * g.high, em, share * eb.low, share * eb.high);
        low += pod.low;
        high += pod.high;
      }
      near(row(id).monthlyKgCO2eLow, low, 1e-6);
      near(row(id).monthlyKgCO2eHigh, high, 1e-6);
    }
  });

  it("engine-estimated rows keep the engine's full range: power models × grid band + embodied bounds; storage × grid band", () => {
    const t = zombieTruth();
    // EC2 host (m5.large, Skylake per CCF) at its measured mean CPU: the low end is the lower of
    // Teads and CCF's per-vCPU model (2 vCPUs + memory above SPECpower: (384 − 81.32) GB per chip ×
    // 8/384 for the m5.large), the high end the higher, each × 730 h × grid × PUE × band.
    const util = t.avgBusyPercent(EC2_HOST.hostname, FROM, TO);
    const loads = teads.loadPercent;
    const curve = teads.instances['m5.large'].instance;
    const i = loads.findIndex((l) => l >= util);
    const teadsW = curve[i - 1] + ((util - loads[i - 1]) / (loads[i] - loads[i - 1])) * (curve[i] - curve[i - 1]);
    const skylake = (k: 'minWattsPerVCpu' | 'maxWattsPerVCpu') =>
      (ccfConstants[k].value as Record<string, number>).Skylake;
    const memoryGb = ((384 - (ccfConstants.memoryGbPerPhysicalChip.value as Record<string, number>).Skylake) * 8) / 384;
    const ccfW =
      2 * (skylake('minWattsPerVCpu') + (util / 100) * (skylake('maxWattsPerVCpu') - skylake('minWattsPerVCpu'))) +
      memoryGb * ccfConstants.memoryKWhPerGbHour.value * 1000;
    const f = serverFactor('eu-west-1');
    const b = gridBandOf('eu-west-1');
    const kgAt = (w: number) => (((w * HOURS_PER_MONTH) / 1000) * f.grams) / 1000;
    const host = row(`cloudInstance:${EC2_HOST.instanceId}`);
    const e = embodiedBounds('m5.large');
    // The energy band (the two models) with PUE and grid as lognormal factors, then + embodied.
    const op = kgAt(teadsW);
    const lnLow = Math.sqrt(Math.log(teadsW / Math.min(teadsW, ccfW)) ** 2 + Math.log(b.low) ** 2);
    const lnHigh = Math.sqrt(Math.log(Math.max(teadsW, ccfW) / teadsW) ** 2 + Math.log(b.high) ** 2);
    const hostBounds = sumBounds(op, op * Math.exp(-lnLow), op * Math.exp(lnHigh), e.high, e.low, e.high);
    near(host.monthlyKgCO2eLow, hostBounds.low, 1e-9);
    near(host.monthlyKgCO2eHigh, hostBounds.high, 1e-9);
    expect(host.monthlyKgCO2eLow as number).toBeLessThan(host.monthlyKgCO2e as number);
    expect(host.monthlyKgCO2eHigh as number).toBeGreaterThan(host.monthlyKgCO2e as number);

    // Volumes: gp3 is SSD, so only the PUE and grid bands remain.
    const ssd = ccfConstants.ssdWhPerTbHour.value;
    const ebs = ccfConstants.replicationFactors.value.EC2_EBS_VOLUME;
    for (const pv of ['pvc-3e4f5a6b', 'pvc-7c8d9e0f']) {
      const spec = sc.pvs.find((p) => p.name === pv)!;
      const region = zs.pvStates[pv].region;
      const serverKWh = ((spec.bytes / 1e9 / 1000) * ssd * HOURS_PER_MONTH * ebs) / 1000;
      const kg = (serverKWh * serverFactor(region).grams) / 1000;
      near(row(`volume:${pv}`).monthlyKgCO2eLow, kg * gridBandOf(region).low, 1e-9);
      near(row(`volume:${pv}`).monthlyKgCO2eHigh, kg * gridBandOf(region).high, 1e-9);
    }
  });

  it('rows without monthly CO2e have no range', () => {
    for (const id of ['cloudInstance:nas-01', 'terminatedWorkload:batch/nightly-report']) {
      expect(row(id)).toMatchObject({ monthlyKgCO2eLow: null, monthlyKgCO2eHigh: null });
    }
  });

  it("ccf: engine rows have no range (low = high = kg), measured rows keep the grid band plus CCF's embodied", async () => {
    const ccf = byId((await runZombies(settingsFor({ prometheus: { url: prom.url } }), { methodology: 'ccf' }))[0]);
    const host = ccf.get(`cloudInstance:${EC2_HOST.instanceId}`)!;
    expect(host.monthlyKgCO2eLow).toBe(host.monthlyKgCO2e);
    expect(host.monthlyKgCO2eHigh).toBe(host.monthlyKgCO2e);
    const node = ccf.get(`kubernetesNode:${ZOMBIE_NODES.D}`)!;
    // CCF's embodied of a month of an m5.large (730 h / 2 vCPUs of its host share), no range.
    const t = zombieTruth();
    const f = serverFactor('us-east-1');
    const kg = (((itWatts(t, ZOMBIE_NODES.D, FROM, TO) * HOURS_PER_MONTH) / 1000) * f.grams) / 1000;
    near(node.monthlyKgCO2e, kg + ccfEmbodiedKg('m5.large'), 1e-6);
    // CCF's embodied has no band: the measured part's interval (PUE, grid, uplift) alone widens the sum.
    const b = gridBandOf('us-east-1', upliftOf(t, ZOMBIE_NODES.D));
    near(node.monthlyKgCO2eLow, kg * b.low + ccfEmbodiedKg('m5.large'), 1e-6);
    near(node.monthlyKgCO2eHigh, kg * b.high + ccfEmbodiedKg('m5.large'), 1e-6);
  });
});
