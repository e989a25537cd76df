/**
 * namespaceEnergy per workload on a Prometheus holding Kepler 0.10+ and OpenCost only: OpenCost
 * re-exports kube_pod_owner (pod → ReplicaSet / Job / StatefulSet / DaemonSet) but neither
 * kube_replicaset_owner nor kube_job_owner, so Deployments and CronJobs come from the ReplicaSet
 * and Job names, with a notice saying so. Expected workloads are the scenario spec's owners (top
 * of the chain), values the Kepler fixture's truth; tolerances as in namespaceEnergy.test.ts.
 */
import { namespaceEnergyHandler } from '../../src/backend/queries/energy/namespaceEnergy';
import type { PodTruth } from '../fixtures/exporters/cluster';
import { generateKepler010 } from '../fixtures/exporters/kepler010';
import { generateOpenCost } from '../fixtures/exporters/opencost';
import {
  column,
  edgeAllowance,
  expectClose,
  relTol,
  run,
  sc,
  settingsFor,
  useClusterPrometheus,
  W1,
} from './clusterEnergyHarness';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});

const kepler = generateKepler010(sc);
const truth = kepler.truth;
const pkg = (p: PodTruth) => p.zoneW.package;
const prom = useClusterPrometheus([kepler.openMetrics, generateOpenCost(sc).openMetrics]);

describe('workloads from OpenCost kube_pod_owner alone', () => {
  test('ReplicaSet → Deployment and Job → CronJob from their names, StatefulSet and DaemonSet as owned', async () => {
    const [frame] = await run(
      namespaceEnergyHandler,
      { groupBy: 'workload', metric: 'energy' },
      settingsFor({ url: prom.url }),
      W1
    );
    const owner = new Map(sc.pods.map((p) => [p.uid, p.owner!.parent ?? p.owner!]));
    const uidOf = new Map([...truth.pods].map(([uid, p]) => [p, uid]));
    const key = (p: PodTruth) => {
      const o = owner.get(uidOf.get(p)!)!;
      return `${p.namespace}/${o.kind}/${o.name}`;
    };
    const want = truth.sumBy(pkg, W1.from, W1.to, key);
    expect(Object.keys(want)).toEqual(
      expect.arrayContaining(['shop/Deployment/api', 'jobs/CronJob/report', 'monitoring/DaemonSet/node-exporter'])
    );
    expectClose(
      column(frame, 'cpu', 'namespace', 'kind', 'workload'),
      want,
      relTol(1e-6, 0.01, edgeAllowance(truth, pkg, W1.from, W1.to, key))
    );
    const notices = (frame.meta?.notices ?? []).map((n) => n.text).join('\n');
    expect(notices).toMatch(/kube_pod_owner without kube_replicaset_owner \/ kube_job_owner/);
    expect(notices).toContain('ReplicaSet shop/api-7d9c6 → Deployment api');
    expect(notices).toContain('Job jobs/report-28950120 → CronJob report');
    expect(notices).toMatch(/created directly/);
    expect(notices).not.toMatch(/inferred from pod names/);
  });
});
