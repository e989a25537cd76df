import { groupTotals } from './aggregate';
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
  vCpuHours: 2,
  gbMonths: 0,
});

it('sums estimates and cost per group key', () => {
  const groups = groupTotals([row('ec2', 1.5), row('s3', 2), row('ec2', 0.5)], [estimate(4), estimate(1), estimate(6)], (r) => r.service);
  expect(groups.get('ec2')).toMatchObject({ kWh: 10, computeKWh: 10, operationalKg: 5, embodiedKg: 2, co2eKg: 7, cost: 2, vCpuHours: 4 });
  expect(groups.get('s3')).toMatchObject({ kWh: 1, cost: 2 });
  expect(groups.size).toBe(2);
});
