/**
 * Abandoned workloads on the zombie scenario's Prometheus with kube_node_status_capacity deleted
 * (admin API tombstones, as on a cluster whose kube-state-metrics does not export it): the rows
 * stay, with OpenCost's cost (the truth's $/h × 730 h) and no energy or CO2e, and each row gets a
 * notice naming every node of its pods and the metric that would give the missing cores. Node
 * power is still measured (Kepler), so no notice blames it.
 */
import type { Frame } from '../../src/backend/frames/frame';
import type { PrometheusServer } from '../helpers/prometheus';
import {
  byId,
  HOURS_PER_MONTH,
  runZombies,
  type Row,
  sc,
  settingsFor,
  startZombiePrometheus,
  START_TIMEOUT,
  zombieTruth,
} from './zombieHarness';

jest.setTimeout(60_000);

let prom: PrometheusServer;
let frame: Frame;
let rows: Map<string, Row>;

beforeAll(async () => {
  prom = await startZombiePrometheus(['--web.enable-admin-api']);
  const res = await fetch(`${prom.url}/api/v1/admin/tsdb/delete_series?match[]=kube_node_status_capacity`, {
    method: 'POST',
  });
  expect(res.status).toBe(204);
  frame = (await runZombies(settingsFor({ prometheus: { url: prom.url } })))[0];
  rows = byId(frame);
}, START_TIMEOUT);
afterAll(() => prom?.stop());

const WORKLOADS: Array<[id: string, prefix: string, label: string]> = [
  ['workload:legacy/reports-api', 'reports-api-', 'Deployment legacy/reports-api'],
  ['workload:ml/notebook', 'notebook-', 'StatefulSet ml/notebook'],
];

describe('abandoned workloads without kube_node_status_capacity', () => {
  it.each(WORKLOADS)('%s keeps its cost, has no energy, and a notice says why', (id, prefix, label) => {
    const r = rows.get(id)!;
    expect(r).toMatchObject({ monthlyKWh: null, monthlyKgCO2e: null });
    const t = zombieTruth();
    const pods = sc.pods.filter((p) => p.name.startsWith(prefix));
    const cost = pods.reduce((a, p) => {
      const hourly = t.cluster.pods.get(p.uid)!.costPerHour;
      return a + hourly[hourly.length - 1] * HOURS_PER_MONTH;
    }, 0);
    expect(r.monthlyCost as number).toBeCloseTo(cost, 9);
    const notice = (frame.meta?.notices ?? []).map((n) => n.text).find((t) => t.includes(`abandoned ${label} `));
    expect(notice).toBeDefined();
    const nodes = [...new Set(pods.map((p) => p.node))].sort();
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(notice).toContain(
        `node ${node} has no CPU capacity, which kube_node_status_capacity{resource="cpu"} (kube-state-metrics) gives`
      );
    }
    expect(notice).not.toMatch(/no measured power/);
  });
});
