import { estimateUsage } from './estimate';
import type { UsageRow } from './usage';

const day = Date.UTC(2024, 1, 10);
const row = (over: Partial<UsageRow>): UsageRow => ({
  start: day,
  end: day + 86_400_000,
  provider: 'aws',
  account: '1',
  region: 'us-east-1',
  service: 'AmazonEC2',
  usageType: 'BoxUsage:m5.large',
  unit: 'Hrs',
  vCpus: 2,
  amount: 24,
  cost: 2.3,
  currency: 'USD',
  ...over,
});

describe('estimateUsage, ccf', () => {
  it('returns one estimate per row, in order, CO2e in kg', () => {
    const rows = [
      row({}),
      row({ usageType: 'EBS:VolumeUsage.gp2', unit: 'GB-Mo', vCpus: undefined, amount: 100, cost: 10 }),
      row({ usageType: 'NatGateway-Hours', vCpus: undefined, cost: 1 }),
      row({ usageType: 'HostBoxUsage:mac1.metal' }),
    ];
    const [box, volume, nat, host] = estimateUsage(rows, 'ccf');
    expect([box.category, volume.category, nat.category, host.category]).toEqual([
      'compute',
      'storage',
      'unknown',
      'unsupported',
    ]);
    // m5.large: Skylake 0.65..4.26 W at 50%, PUE 1.135, SERC 0.000379069 t/kWh.
    const cpuKWh = ((0.65 + 0.5 * (4.26 - 0.65)) * 48 * 1.135) / 1000;
    expect(box.energy.compute).toBeCloseTo(cpuKWh, 12);
    expect(box.operationalKg).toBeCloseTo((cpuKWh + box.energy.memory) * 0.379069, 12);
    expect(box.co2eKg).toBeCloseTo(box.operationalKg + box.embodiedKg, 12);
    // gp2: 100 GB-Mo in February 2024 (29 days) → 69.6 TBh × 1.2 Wh × PUE × 2 copies.
    expect(volume.kWh).toBeCloseTo(((100 / 1000) * 24 * 29 * 1.2 * 1.135 * 2) / 1000, 15);
    // Unknown: kWh per cost of the known Hrs lines of this batch.
    expect(nat.kWh).toBeCloseTo((box.kWh / 2.3) * 1, 15);
    expect(host.kWh).toBe(0);
  });

  it('depends only on the batch', () => {
    const rows = [row({}), row({ usageType: 'NatGateway-Hours', vCpus: undefined })];
    const first = estimateUsage(rows, 'ccf');
    estimateUsage([row({ cost: 1000, amount: 1 }), row({ usageType: 'LoadBalancerUsage' })], 'ccf');
    expect(estimateUsage(rows, 'ccf')).toEqual(first);
  });

  it('reports 0, not NaN, where CCF yields NaN CO2e', () => {
    const [e] = estimateUsage([row({ usageType: 'BoxUsage:m5.xl', vCpus: undefined })], 'ccf');
    expect([e.kWh, e.co2eKg]).toEqual([0, 0]);
  });

  it('estimates lines of other clouds with finite values', () => {
    const estimates = estimateUsage(
      [
        row({
          provider: 'Microsoft',
          region: 'westeurope',
          serviceCategory: 'Storage',
          usageType: 'P10 LRS Disk',
          unit: 'GB-Months',
          amount: 128,
        }),
        row({
          provider: 'Microsoft',
          region: 'westeurope',
          serviceCategory: 'Compute',
          usageType: 'D2s v3',
          unit: 'Hours',
          vCpus: 2,
        }),
        row({
          provider: 'Microsoft',
          region: 'westeurope',
          serviceCategory: 'Security',
          usageType: 'Key Vault',
          unit: 'Operations',
          cost: 3,
        }),
      ],
      'ccf'
    );
    expect(estimates.map((e) => e.category)).toEqual(['storage', 'compute', 'unknown']);
    expect(estimates[0].co2eKg).toBeGreaterThan(0);
    expect(estimates[1].co2eKg).toBeGreaterThan(0);
    // As in CCF: no known line with that unit in the batch, nothing to scale from.
    expect(estimates[2].co2eKg).toBe(0);
  });

  it('rejects an unknown methodology', () => {
    expect(() => estimateUsage([], 'nope' as never)).toThrow(RangeError);
  });
});
