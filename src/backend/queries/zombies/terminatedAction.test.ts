import { type TerminatedGroup, terminatedAction } from './terminatedAction';

const group = (kind: string, name: string, pods: number, kWh: number | null = 1.23456): TerminatedGroup => ({
  namespace: 'analytics',
  owner: { kind, name },
  pods,
  nodes: ['node-a', 'node-b'],
  kWh,
  windowDays: 14,
});

describe('terminatedAction', () => {
  it('a CronJob: nothing to stop, its runs and energy, check the schedule', () => {
    expect(terminatedAction(group('CronJob', 'etl-hourly', 336))).toBe(
      'Nothing to stop: 336 pods of CronJob analytics/etl-hourly finished in the last 14 days, using 1.23 kWh; check the schedule is still needed.'
    );
  });

  it('a Job: one pod, singular', () => {
    expect(terminatedAction(group('Job', 'migrate', 1))).toBe(
      'Nothing to stop: 1 pod of Job analytics/migrate finished in the last 14 days, using 1.23 kWh; check the Job is still needed and finished its work.'
    );
  });

  it("a Deployment's or StatefulSet's pods did not finish: says what stops them", () => {
    for (const kind of ['Deployment', 'StatefulSet']) {
      const text = terminatedAction(group(kind, 'api', 2));
      expect(text).toContain(`2 pods of ${kind} analytics/api terminated in the last 14 days, using 1.23 kWh.`);
      expect(text).toContain('eviction');
      expect(text).not.toContain('finished');
    }
  });

  it('a pod without an owner names its nodes; unknown energy is left out, not 0', () => {
    expect(terminatedAction(group('Pod', 'debug', 1, null))).toBe(
      'Nothing to stop: pod analytics/debug ran on node-a, node-b and terminated in the last 14 days; check it finished its work.'
    );
  });

  it('an owner it cannot place (DaemonSet or Job by name) claims no cause', () => {
    expect(terminatedAction(group('DaemonSet/Job', 'sync', 3))).toBe(
      'Nothing to stop: 3 pods of DaemonSet/Job analytics/sync terminated in the last 14 days, using 1.23 kWh; check they finished their work.'
    );
  });
});
