/**
 * The `ccf` methodology on Google Cloud lines against CCF's published GCP formulas and constants
 * (cloud-carbon-footprint/cloud-carbon-footprint at b7a049c7, packages/gcp/src:
 * domain/GcpFootprintEstimationConstants.ts, lib/BillingExportTable.ts, lib/MachineTypes.ts).
 * Expected values are worked out by hand below from those files, not from our output.
 *
 * Constants used (GcpFootprintEstimationConstants.ts):
 *   Cascade Lake min 0.64, max 3.97 W/vCPU; unknown processor: medians 0.68 and 4.11 W/vCPU;
 *   AVG_CPU_UTILIZATION_2020 50 %; PUE_TRAILING_TWELVE_MONTH europe-west1 1.09, PUE_AVG 1.1;
 *   MEMORY_COEFFICIENT 0.000392 kWh/GB-h; SSDCOEFFICIENT 1.2 Wh/TB-h; NETWORKING 0.001 kWh/GB;
 *   getGCPEmissionsFactors() without CFE: europe-west1 0.00011 t/kWh, Unknown 0.0003171470588.
 * MachineTypes.ts: n2 → [Cascade Lake]; n2-standard-8 [8 vCPUs, 1.8879 t]; n2-standard-128 last.
 */
import { estimateUsage } from '../estimate';
import type { UsageRow } from '../usage';

const JUNE = Date.UTC(2024, 5, 1); // 30 days
const row = (usageType: string, unit: string, amount: number, extra: Partial<UsageRow> = {}): UsageRow => ({
  start: JUNE,
  end: Date.UTC(2024, 6, 1),
  provider: 'gcp',
  account: 'project',
  region: 'europe-west1',
  service: 'Compute Engine',
  serviceCategory: 'Compute',
  usageType,
  unit,
  amount,
  cost: 10,
  currency: 'USD',
  ...extra,
});

const N2_CORES = row('N2 Instance Core running in Belgium', 'hour', 2880);

function one(r: UsageRow) {
  return estimateUsage([r], 'ccf')[0];
}

describe('ccf on GCP: CCF GCP formulas and constants', () => {
  it('N2 core-hours in europe-west1: Cascade Lake watts, Belgium PUE and factor', () => {
    // W = 0.64 + 0.5 × (3.97 − 0.64) = 2.305 W per vCPU
    // kWh = 2.305 × 2,880 × 1.09 / 1000 = 7.235856; CO2e = 7.235856 × 0.00011 t = 0.79594416 kg
    const e = one(N2_CORES);
    expect(e.kWh).toBeCloseTo(7.235856, 9);
    expect(e.co2eKg).toBeCloseTo(0.79594416, 9);
    expect(e.embodiedKg).toBe(0); // CCF: no machine type, no embodied emissions
  });

  it('a named machine type adds its embodied emissions (n2-standard-8, a month)', () => {
    // 720 h × 8 vCPUs = 5,760 core-hours. Compute: 2.305 × 5,760 × 1.09 / 1000 = 14.471712 kWh.
    // Embodied t = 1.8879 × (5,760 / 8 h / 35,040) × (8 / 128) = 1.8879 × 720 / 35,040 / 16
    //            = 0.002424529109589041 t; CCF adds it to kWh as t / 0.00011 = 22.04117372353674 kWh.
    const e = one(row('N2 Instance Core running in Belgium', 'hour', 5760, { instanceType: 'n2-standard-8' }));
    expect(e.embodiedKg).toBeCloseTo(2.424529109589041, 9);
    expect(e.kWh).toBeCloseTo(14.471712 + 22.04117372353674, 9);
    expect(e.co2eKg).toBeCloseTo(14.471712 * 0.11 + 2.424529109589041, 9);
  });

  it('a machine-hour row of a known machine type counts its vCPUs (720 h of n2-standard-8 = 5,760 core-hours)', () => {
    const e = one(row('Compute Engine', 'hour', 720, { instanceType: 'n2-standard-8' }));
    expect(e.vCpuHours).toBeCloseTo(5760, 9);
    expect(e.kWh).toBeCloseTo(14.471712 + 22.04117372353674, 9);
  });

  it('RAM GiB-hours: memory coefficient and PUE, no replication', () => {
    // 32 GiB × 720 h = 23,040 GiB-h; kWh = 23,040 × 0.000392 × 1.09 = 9.8445312
    const e = one(row('N2 Instance Ram running in Belgium', 'gibibyte hour', 23040));
    expect(e.kWh).toBeCloseTo(9.8445312, 9);
    expect(e.energy.memory).toBeCloseTo(9.8445312, 9);
    expect(e.co2eKg).toBeCloseTo(9.8445312 * 0.11, 9);
  });

  it('PD SSD GiB-months: byte-seconds to TiB-hours, SSD coefficient', () => {
    // 100 GiB-months of June = 100 × 2^30 B × 30 × 86,400 s; / 2^40 / 3600 = 100 × 720 / 1024 = 70.3125 TiB-h
    // kWh = 70.3125 × 1.2 × 1.09 × 1 (Compute Engine, not regional) / 1000 = 0.09196875
    const e = one(row('SSD backed PD Capacity in Belgium', 'gibibyte month', 100, { serviceCategory: 'Storage' }));
    expect(e.kWh).toBeCloseTo(0.09196875, 12);
  });

  it('regional PD counts two copies (COMPUTE_ENGINE_REGIONAL_DISKS)', () => {
    const e = one(
      row('Regional SSD backed PD Capacity in Belgium', 'gibibyte month', 100, { serviceCategory: 'Storage' })
    );
    expect(e.kWh).toBeCloseTo(2 * 0.09196875, 12);
  });

  it('egress GiB: networking coefficient and PUE', () => {
    // 50 GiB × 0.001 × 1.09 = 0.0545 kWh
    const e = one(
      row('Network Internet Egress from EMEA to Americas', 'gibibyte', 50, { serviceCategory: 'Networking' })
    );
    expect(e.kWh).toBeCloseTo(0.0545, 12);
    expect(e.co2eKg).toBeCloseTo(0.0545 * 0.11, 12);
  });

  it("no region: GCP's fleet PUE and GCP's average factor, not AWS's", () => {
    // 2.305 × 2,880 × 1.1 / 1000 = 7.30224 kWh; × 0.0003171470588 t = 2.315878 kg
    const e = one({ ...N2_CORES, region: '' });
    expect(e.kWh).toBeCloseTo(7.30224, 9);
    expect(e.co2eKg).toBeCloseTo(7.30224 * 0.3171470588, 9);
  });

  it('a core SKU without a known family uses the GCP medians (0.68 / 4.11 W)', () => {
    // W = 0.68 + 0.5 × 3.43 = 2.395; kWh = 2.395 × 100 × 1.09 / 1000 = 0.261055
    const e = one(row('Custom Instance Core running in Belgium', 'hour', 100));
    expect(e.kWh).toBeCloseTo(0.261055, 9);
  });

  it('unknown usage gets the batch kWh per second of the same unit (USAGE_AMOUNT)', () => {
    // NAT Gateway is one of CCF's UNKNOWN_USAGE_TYPES; with the N2 row alone in the batch:
    // 7.235856 kWh / (2,880 × 3,600 s) × (720 × 3,600 s) = 1.808964 kWh
    const [, nat] = estimateUsage([N2_CORES, row('Networking Cloud NAT Gateway Uptime', 'hour', 720)], 'ccf');
    expect(nat.kWh).toBeCloseTo(1.808964, 9);
    expect(nat.co2eKg).toBeCloseTo(1.808964 * 0.11, 9);
  });

  it('fees are not estimated', () => {
    expect(one(row('Licensing Fee for Windows Server', 'hour', 720)).kWh).toBe(0);
  });
});
