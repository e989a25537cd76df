import { energyUnknown, groupTotals, isUnestimated } from './aggregate';
import type { RowEstimate, UsageRow } from './usage';

const row = (service: string, cost: number): UsageRow => ({
  start: 0,
  end: 1,
  provider: 'aws',
  account: '1',
  region: 'eu-west-1',
  service,
  usageType: 'x',
  unit: 'Hrs',
  amount: 1,
  cost,
  currency: 'USD',
});
const estimate = (kWh: number): RowEstimate => ({
  category: 'compute',
  energy: { compute: kWh, memory: 0, gpu: 0, storage: 0, networking: 0 },
  kWh,
  operationalKg: kWh / 2,
  embodiedKg: 1,
  co2eKg: kWh / 2 + 1,
  co2eLowKg: kWh / 4,
  co2eHighKg: kWh,
  operationalLowKg: kWh / 4,
  operationalHighKg: kWh,
  vCpuHours: 2,
  gbMonths: 0,
});

it('sums estimates and cost per group key', () => {
  const groups = groupTotals(
    [row('ec2', 1.5), row('s3', 2), row('ec2', 0.5)],
    [estimate(4), estimate(1), estimate(6)],
    (r) => r.service
  );
  expect(groups.get('ec2')).toMatchObject({
    kWh: 10,
    computeKWh: 10,
    operationalKg: 5,
    embodiedKg: 2,
    co2eKg: 7,
    cost: 2,
    vCpuHours: 4,
  });
  expect(groups.get('s3')).toMatchObject({ kWh: 1, cost: 2 });
  expect(groups.size).toBe(2);
});

describe('unestimated rows', () => {
  const unknown = (kWh: number): RowEstimate => ({ ...estimate(kWh), category: 'unknown' });

  it('are unknown usage with 0 kWh only: unknown usage with energy, and known usage at 0 kWh, are estimates', () => {
    expect(isUnestimated(unknown(0))).toBe(true);
    expect(isUnestimated(unknown(1e-9))).toBe(false);
    expect(isUnestimated(estimate(0))).toBe(false);
  });

  it('make a group unknown only when every row of it is', () => {
    const rows = [row('elb', 0.04), row('elb', 0.06), row('ec2', 2), row('ec2', 0.5)];
    const groups = groupTotals(rows, [unknown(0), unknown(0), estimate(3), unknown(0)], (r) => r.service);
    const elb = groups.get('elb')!;
    const ec2 = groups.get('ec2')!;
    expect([elb.estimatedRows, elb.unestimatedRows, energyUnknown(elb)]).toEqual([0, 2, true]);
    expect(elb.unestimatedCost).toBeCloseTo(0.1, 12);
    expect([ec2.estimatedRows, ec2.unestimatedRows, ec2.unestimatedCost, energyUnknown(ec2)]).toEqual([
      1,
      1,
      0.5,
      false,
    ]);
    expect(ec2.kWh).toBe(3);
  });
});
