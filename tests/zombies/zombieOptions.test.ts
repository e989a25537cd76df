/**
 * zombieInstances options against the zombie scenario in a real Prometheus: thresholds, window,
 * kinds and namespaces change the result as the scenario's construction says they must; the
 * summary form adds up to the table; malformed options fail that query only, with a message
 * naming the option; an unreachable Prometheus is a downstream error.
 */
import { zombieInstancesHandler } from '../../src/backend/queries/zombies/zombieInstances';
import { QueryError } from '../../src/backend/core/errors';
import { EC2_HOST, ZOMBIE_NODES } from '../fixtures/exporters/zombieScenario';
import { freePort, type PrometheusServer } from '../helpers/prometheus';
import { expectSummaryIsTableSums } from '../helpers/zombieSummary';
import { byId, IDLE_14D, rowsOf, runZombies, settingsFor, startZombiePrometheus, START_TIMEOUT } from './zombieHarness';

jest.setTimeout(60_000);

let prom: PrometheusServer;
beforeAll(async () => {
  prom = await startZombiePrometheus();
}, START_TIMEOUT);
afterAll(() => prom?.stop());

const settings = () => settingsFor({ prometheus: { url: prom.url } });
const ids = async (json: Record<string, unknown>) => [...byId((await runZombies(settings(), json))[0]).keys()].sort();
const without = (...gone: string[]) => IDLE_14D.filter((id) => !gone.includes(id)).sort();

describe('zombieInstances thresholds and filters', () => {
  it('a 3-day window adds the workload idle for its last 3 days (idleDays 3) and drops the Job that ended 5 days ago', async () => {
    const frame = (await runZombies(settings(), { windowDays: 3 }))[0];
    const rows = byId(frame);
    expect([...rows.keys()].sort()).toEqual(
      [...without('terminatedWorkload:batch/nightly-report'), 'workload:shop/search'].sort()
    );
    expect(rows.get('workload:shop/search')).toMatchObject({ idleDays: 3, windowDays: 3 });
    expect(rows.get(`kubernetesNode:${ZOMBIE_NODES.D}`)).toMatchObject({ idleDays: 3, windowDays: 3 });
  });

  it('a 0.9 % CPU peak keeps only what peaked below it (workloads at 0.8 %), a 1 TB/day network limit adds the CPU-idle proxy', async () => {
    expect(await ids({ cpuPeakPercent: 0.9 })).toEqual(
      without(`kubernetesNode:${ZOMBIE_NODES.D}`, `cloudInstance:${EC2_HOST.instanceId}`, 'cloudInstance:nas-01')
    );
    expect(await ids({ networkMBPerDay: 1_000_000 })).toEqual([...IDLE_14D, 'workload:edge/proxy'].sort());
  });

  it('a 2 MB/day network limit drops what moved 3.5-4.3 MB/day', async () => {
    expect(await ids({ networkMBPerDay: 2 })).toEqual(
      without(`kubernetesNode:${ZOMBIE_NODES.D}`, 'workload:legacy/reports-api', 'cloudInstance:nas-01')
    );
  });

  it('kinds and namespace regexes narrow the result', async () => {
    expect(await ids({ kinds: ['volume', 'terminatedWorkload'] })).toEqual(
      ['volume:pvc-3e4f5a6b', 'volume:pvc-7c8d9e0f', 'terminatedWorkload:batch/nightly-report'].sort()
    );
    // Namespaces filter namespaced kinds only; a Released volume has no namespace.
    expect(await ids({ namespaces: ['leg.*'], kinds: ['workload', 'volume', 'terminatedWorkload'] })).toEqual(
      ['workload:legacy/reports-api', 'volume:pvc-3e4f5a6b'].sort()
    );
  });

  it('several namespace regexes: any one matching keeps a row, and Prometheus filters each kind by its namespace label', async () => {
    const [frame] = await runZombies(settings(), {
      namespaces: ['batch', 'm.'],
      kinds: ['workload', 'volume', 'terminatedWorkload'],
    });
    // The scenario: ml/notebook idle; the CronJob's run in batch terminated 5 days ago; ml's volume
    // pvc-5a6b7c8d is mounted by the notebook pod (not unattached); pvc-7c8d9e0f has no claim.
    expect([...byId(frame).keys()].sort()).toEqual(
      ['workload:ml/notebook', 'terminatedWorkload:batch/nightly-report'].sort()
    );
    const sent = (frame.meta?.executedQueryString ?? '').split('\n\n');
    const either = '"(?:batch)|(?:m.)"';
    expect(sent.filter((q) => q.includes(`pod_namespace=~${either}`))).toHaveLength(1);
    expect(sent.filter((q) => q.includes(`claim_namespace=~${either}`))).toHaveLength(1);
    // Requests, peak, mean, network and daily peak/network of pods: each selector narrowed.
    expect(sent.filter((q) => q.includes(`,namespace=~${either}`)).length).toBeGreaterThanOrEqual(5);
  });

  it('the summary has one row per kind, 0 for none, and its totals equal the table', async () => {
    const [table] = await runZombies(settings());
    const [summary] = await runZombies(settings(), { format: 'summary' });
    const rows = rowsOf(table);
    const sums = rowsOf(summary);
    expect(sums.map((s) => s.kind)).toEqual([
      'cloudInstance',
      'kubernetesNode',
      'workload',
      'volume',
      'terminatedWorkload',
    ]);
    expectSummaryIsTableSums(rows, sums);
    expect(sums.find((s) => s.kind === 'terminatedWorkload')).toMatchObject({
      count: 1,
      monthlyCost: 0,
      monthlyKWh: 0,
    });
    // Unknowns counted as 0 are said: Prometheus prices no cloud instance (EC2 host, nas-01) and
    // the bare-metal nas-01 has no energy; a terminated workload's 0 a month is its true figure.
    const gaps = (summary.meta?.notices ?? []).filter((n) => n.text.includes('summary counts'));
    expect(gaps).toEqual([
      {
        severity: 'info',
        text: 'cloudInstance: of 2 row(s), 2 no cost, 1 no energy estimate, 1 no CO2e estimate; the summary counts each as 0.',
      },
    ]);
    expect(rows.filter((r) => r.kind === 'cloudInstance').map((r) => r.resourceId)).toHaveLength(2);
    const [empty] = await runZombies(settings(), {
      format: 'summary',
      namespaces: ['no-such-namespace'],
      kinds: ['workload'],
    });
    expect(rowsOf(empty)).toEqual([{ kind: 'workload', count: 0, monthlyCost: 0, monthlyKWh: 0, monthlyKgCO2e: 0 }]);
    expect((empty.meta?.notices ?? []).filter((n) => n.text.includes('summary counts'))).toEqual([]);
  });
});

describe('zombieInstances bad options and failures', () => {
  const parse = (json: Record<string, unknown>) => () =>
    zombieInstancesHandler.parse({ refId: 'A', queryType: 'zombieInstances', ...json });

  it.each([
    [{ windowDays: 0 }, /windowDays must be at least 1/],
    [{ windowDays: 91 }, /windowDays must be at most 90/],
    [{ windowDays: 2.5 }, /windowDays must be a whole number/],
    [{ windowDays: '14' }, /windowDays must be a number/],
    [{ cpuPeakPercent: 0 }, /cpuPeakPercent must be greater than 0/],
    [{ networkMBPerDay: -5 }, /networkMBPerDay must be greater than 0/],
    [{ kinds: ['vm'] }, /kinds must be among cloudInstance, kubernetesNode/],
    [{ sources: ['gcp'] }, /sources must be among awsCostExplorer, prometheus/],
    [{ namespaces: ['(legacy'] }, /namespaces.0: "\(legacy"/],
    [{ format: 'chart' }, /format/],
  ])('%j is a bad query with a message naming the option', (json, message) => {
    let err: unknown;
    try {
      parse(json)();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QueryError);
    expect((err as QueryError).status).toBe(400);
    expect((err as QueryError).message).toMatch(/^Invalid zombieInstances query: /);
    expect((err as QueryError).message).toMatch(message);
  });

  it('a bad query fails alone: the next one on the same datasource answers', async () => {
    const s = settings();
    const bad = Promise.resolve()
      .then(() => runZombies(s, { windowDays: 0 }))
      .then(
        () => undefined,
        (e: unknown) => e
      );
    const good = runZombies(s, { kinds: ['volume'] });
    expect(await bad).toBeInstanceOf(QueryError);
    expect(rowsOf((await good)[0])).toHaveLength(2);
  });

  it('asking for a source that is not configured, or having none, says what to configure', async () => {
    const notConfigured = await runZombies(settings(), { sources: ['awsCostExplorer'] }).catch((e: unknown) => e);
    expect((notConfigured as QueryError).status).toBe(400);
    expect(notConfigured).toBeInstanceOf(QueryError);
    expect((notConfigured as QueryError).message).toMatch(/AWS Cost Explorer is not configured/);
    const none = await runZombies(settingsFor({}), {}).catch((e: unknown) => e);
    expect((none as QueryError).status).toBe(400);
    expect((none as QueryError).message).toMatch(/needs Prometheus or AWS Cost Explorer/);
  });

  it('an unreachable Prometheus (the only source) is a downstream error', async () => {
    const port = await freePort();
    const err = await runZombies(settingsFor({ prometheus: { url: `http://127.0.0.1:${port}` } })).catch(
      (e: unknown) => e
    );
    expect(err).toBeInstanceOf(QueryError);
    expect((err as QueryError).source).toBe('downstream');
  }, 60_000);
});
