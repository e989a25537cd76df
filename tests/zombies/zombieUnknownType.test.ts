/**
 * A Kubernetes node whose instance type the engine has no data for: the zombie scenario over 2
 * days (a 1-day window and a day of lead-in) with idle node D relabelled as a trn2.48xlarge (Trainium2,
 * 2024: not in CCF's pinned tables, and left out of the engine's 2026 list with every accelerated type,
 * whose accelerators the list does not describe), loaded into a real Prometheus. Its
 * measured power still gives operational kWh and CO2e; embodied is left out and the method says
 * why; the workload reserving it gets no embodied share from it either.
 */
import fs from 'fs';
import path from 'path';

import { zombieInstancesHandler } from '../../src/backend/queries/zombies/zombieInstances';
import newerInstances from '../../src/engine/data/aws-instances-2026.json';
import ccfInstances from '../../src/engine/data/ccf/aws-instances.json';
import teads from '../../src/engine/data/teads-aws-instances.json';
import { Simulation } from '../fixtures/exporters/clusterSimulation';
import { prepareZombieTsdb } from '../fixtures/exporters/zombieFixture';
import { ZOMBIE_NODES, zombieScenario } from '../fixtures/exporters/zombieScenario';
import { ZombieTruth } from '../fixtures/exporters/zombieTruth';
import { runHandler } from '../energy/energyTestKit';
import { makeScratchDir, SCRATCH_ROOT, startPrometheus, type PrometheusServer } from '../helpers/prometheus';
import { embodiedBounds, embodiedKg } from './embodiedByHand';
import {
  byId,
  END,
  gridBandOf,
  HOURS_PER_MONTH,
  itWatts,
  type Row,
  serverFactor,
  settingsFor,
  sumBounds,
  upliftOf,
} from './zombieHarness';

jest.setTimeout(60_000);

const UNKNOWN_TYPE = 'trn2.48xlarge';
const zs = zombieScenario({ days: 2 });
const sc = zs.scenario;
const D = sc.nodes.find((n) => n.name === ZOMBIE_NODES.D)!;
D.instanceType = UNKNOWN_TYPE;
const dHost = zs.network.hosts.find((h) => h.node === ZOMBIE_NODES.D)!;
dHost.dmi = { ...dHost.dmi, product_name: UNKNOWN_TYPE };
const [FROM, TO] = [sc.end - 86_400, sc.end];

let prom: PrometheusServer;
let copy = '';
let rows: Map<string, Row>;

beforeAll(async () => {
  const tsdb = await prepareZombieTsdb(zs, path.join(SCRATCH_ROOT, `zombie-tsdb-${UNKNOWN_TYPE}`));
  copy = makeScratchDir('zombie-unknown-type-');
  fs.cpSync(tsdb.dataDir, copy, { recursive: true });
  prom = await startPrometheus('', { dataDir: copy, lookbackDelta: '299s', startTimeoutMs: 60_000 });
  const frames = await runHandler(
    zombieInstancesHandler,
    { windowDays: 1 },
    settingsFor({ prometheus: { url: prom.url } }),
    {
      from: TO - 6 * 3600,
      to: TO,
      stepS: 300,
    }
  );
  rows = byId(frames[0]);
}, 180_000);
afterAll(async () => {
  await prom?.stop();
  fs.rmSync(copy, { recursive: true, force: true });
});

const near = (actual: unknown, expected: number, rel: number) => {
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(Math.abs(expected) * rel + 1e-12);
};

describe('zombieInstances: a node of an instance type the engine does not know', () => {
  it('is a type neither CCF nor Teads lists, in the year the harness reads factors and bands for', () => {
    expect(new Date(TO * 1000).getUTCFullYear()).toBe(new Date(END * 1000).getUTCFullYear());
    expect((ccfInstances.ec2InstanceTypes.values as Record<string, unknown>).trn2).toBeUndefined();
    expect((newerInstances.families as Record<string, unknown>).trn2).toBeUndefined();
    expect((teads.instances as Record<string, unknown>)[UNKNOWN_TYPE]).toBeUndefined();
  });

  it('keeps the measured operational CO2e and its grid band, with no embodied, and says why', () => {
    const truth = new ZombieTruth(new Simulation(sc), zs);
    const r = rows.get(`kubernetesNode:${ZOMBIE_NODES.D}`)!;
    expect(r).toMatchObject({ instanceType: UNKNOWN_TYPE, region: 'us-east-1' });
    const f = serverFactor('us-east-1');
    const serverKWh = (itWatts(truth, ZOMBIE_NODES.D, FROM, TO) * HOURS_PER_MONTH) / 1000;
    const kg = (serverKWh * f.grams) / 1000;
    near(r.monthlyKWh, serverKWh * f.pue, 1e-6);
    near(r.monthlyKgCO2e, kg, 1e-6);
    const b = gridBandOf('us-east-1', upliftOf(truth, ZOMBIE_NODES.D));
    near(r.monthlyKgCO2eLow, kg * b.low, 1e-6);
    near(r.monthlyKgCO2eHigh, kg * b.high, 1e-6);
    expect(r.method).toContain(
      `CO2e: operational ${Number(kg.toPrecision(3))} kg; embodied unknown (instance type ${UNKNOWN_TYPE} is not known to the engine).`
    );
  });

  it("gives the workload on it the node's power share only, and an m5.large node's embodied share elsewhere", () => {
    const truth = new ZombieTruth(new Simulation(sc), zs);
    const r = rows.get('workload:legacy/reports-api')!;
    let kg = 0;
    let low = 0;
    let high = 0;
    for (const p of sc.pods.filter((x) => x.name.startsWith('reports-api-'))) {
      const node = sc.nodes.find((n) => n.name === p.node)!;
      const request = p.containers.reduce((a, c) => a + (c.requests.cpu ?? 0), 0);
      const share = request / node.cores;
      const podKg =
        ((share * itWatts(truth, node.name, FROM, TO) * HOURS_PER_MONTH) / 1000) *
        (serverFactor(node.region).grams / 1000);
      const known = node.instanceType !== UNKNOWN_TYPE;
      kg += podKg + (known ? share * embodiedKg(node.instanceType) : 0);
      // Each pod: measured interval + its embodied share's, as a sum (none on the unknown type).
      const g = gridBandOf(node.region, upliftOf(truth, node.name));
      const em = known ? share * embodiedKg(node.instanceType) : 0;
      const eb = known ? embodiedBounds(node.instanceType) : { low: 0, high: 0 };
      const pod = known
        ? sumBounds(podKg, podKg * g.low, podKg * g.high, em, share * eb.low, share * eb.high)
        : { low: podKg * g.low, high: podKg * g.high };
      low += pod.low;
      high += pod.high;
    }
    expect(sc.pods.some((p) => p.name.startsWith('reports-api-') && p.node === ZOMBIE_NODES.D)).toBe(true);
    near(r.monthlyKgCO2e, kg, 1e-6);
    near(r.monthlyKgCO2eLow, low, 1e-6);
    near(r.monthlyKgCO2eHigh, high, 1e-6);
    expect(r.method).toContain(
      `none for node ${ZOMBIE_NODES.D}: instance type ${UNKNOWN_TYPE} is not known to the engine`
    );
  });
});
