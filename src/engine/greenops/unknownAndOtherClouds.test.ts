/**
 * Corrections 8 (unknown usage from a fixed reference bill), 9 (non-AWS FOCUS rows) and 10 (trend units),
 * computed by hand:
 * - m5.large Teads 14.1 W at 50%; AWS PUE 1.15 (AWS, 2024); eu-west-1 352 g/kWh (Electricity Maps IE, 2024)
 * - Unknown processor, CCF AWS average 0.74–3.5 W per vCPU (SPECpower, 2021): 2.12 W at 50%
 * - Azure PUE 1.18 (Microsoft's fleet PUE, as of 2024); westeurope 251 g/kWh (Electricity Maps NL, 2024;
 *   both via pue.json / grid-intensity.json, values as published, CO2.js 0.19.0 for the grid)
 * - Oracle: no PUE or grid factor in our tables: PUE 1.185 (greenops.json unknownProviderPue) and
 *   CCF's unknown-region average 392.78188 g/kWh (2021); 1 OCPU = 2 vCPUs (Oracle docs)
 * - Usage in June 2024 (720 hours in the month)
 */
import type { UsageRow } from '../usage';
import { isUnestimated } from '../aggregate';
import reference from '../data/unknown-usage.json';
import { awsRow, estimate, statedInterval } from './testRows';

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-12 + 1e-15);
}

const unknownCpuW = 0.74 + 0.5 * (3.5 - 0.74);

describe("8. unknown usage: cost × the reference bill's kWh per USD, whatever else is in the query", () => {
  // data/unknown-usage.json (FOCUS 1.0 sample, scripts/derive-unknown-usage.mjs): kWh per USD of the
  // sample's known usage, per normalised unit, else the whole bill's.
  const total = (e: (typeof reference)['all']) => Object.values(e.kWhPerUsd).reduce((a, b) => a + b, 0);
  const hours = reference.byUnit.hours;
  const nat = (extra: Partial<UsageRow> = {}) => awsRow('EUW1-NatGateway-Hours', 'Hrs', 24, { cost: 1.08, ...extra });

  it('a NAT gateway alone in a query: 1.08 USD × the hour-priced reference, its mix and its band', () => {
    const [alone] = estimate([nat()]);
    expect(alone.category).toBe('unknown');
    expectClose(alone.kWh, 1.08 * total(hours));
    expectClose(alone.energy.compute, 1.08 * hours.kWhPerUsd.compute);
    expectClose(alone.energy.gpu, 1.08 * hours.kWhPerUsd.gpu);
    // CO2e with the row's own region; no embodied emissions.
    expectClose(alone.operationalKg, (1.08 * total(hours) * 352) / 1000);
    expect(alone.embodiedKg).toBe(0);
    const expected = statedInterval({
      kWh: 1.08 * total(hours),
      kWhLow: 1.08 * hours.lowKWhPerUsd,
      kWhHigh: 1.08 * hours.highKWhPerUsd,
      kgPerKWh: 0.352,
      gridBand: 0.0865,
    });
    expectClose(alone.co2eLowKg, expected.low);
    expectClose(alone.co2eHighKg, expected.high);
  });

  it('is the same alone and next to other usage (v1 used the batch: 0 kWh alone)', () => {
    const [alone] = estimate([nat()]);
    const [, , inBatch] = estimate([
      awsRow('EUW1-BoxUsage:m5.large', 'Hrs', 24, { cost: 2.304 }),
      awsRow('EUW1-EBS:VolumeUsage.gp3', 'GB-Mo', 100, { cost: 8 }),
      nat(),
    ]);
    expect(inBatch).toEqual(alone);
    expect(alone.kWh).toBeGreaterThan(0);
  });

  it('a unit the reference has too few rows of uses the whole bill (ELB LCU-hours)', () => {
    const [lcu] = estimate([awsRow('EUW1-LCUUsage', 'LCU-Hrs', 5, { service: 'AWSELB', cost: 0.04 })]);
    expect(reference.byUnit).not.toHaveProperty('other');
    expectClose(lcu.kWh, 0.04 * total(reference.all));
  });

  it('stays unestimated (unknown, not 0) when not priced in USD or without a positive cost', () => {
    for (const row of [nat({ currency: 'EUR' }), nat({ cost: 0 }), nat({ cost: -1.08 })]) {
      const [e] = estimate([row]);
      expect(isUnestimated(e)).toBe(true);
      expect(e.co2eKg).toBe(0);
    }
    // Currency codes are compared without case.
    expect(isUnestimated(estimate([nat({ currency: 'usd' })])[0])).toBe(false);
  });
});

describe('9. non-AWS FOCUS rows: what the classification gives, with the provider PUE and region factor', () => {
  const azure = (usageType: string, unit: string, amount: number, extra: Partial<UsageRow>): UsageRow => ({
    ...awsRow(usageType, unit, amount),
    provider: 'Microsoft',
    region: 'westeurope',
    service: 'Virtual Machines',
    serviceCategory: 'Compute',
    ...extra,
  });

  // CCF's Azure table (azure-vm-sizes.json): Dsv3 series, host 1.4829 t CO2e, largest size 64 vCPUs.
  const dsv3EmbodiedKg = (hours: number, vCpus: number) => 1482.9 * (hours / 35_040) * (vCpus / 64);

  // CCF's Azure memory model (data/ccf/azure.json): the series' last size D64s v3 has 256 GB on one
  // chip; Cascade Lake, Skylake, Broadwell, Haswell average 69.2 GB per chip: (256 − 69.2) GB per
  // chip above SPECpower, times the size's share of 256 GB, × 0.392 W per GB.
  const dsv3MemoryW = (memoryGb: number) => ((256 - 69.2) / (256 / memoryGb)) * 0.392;

  it('Azure VM hours with the vCPUs the export gives, memory and embodied from the VM size', () => {
    const [vm] = estimate([azure('D2s v3', '1 Hour', 24, { vCpus: 2 })]);
    const kWh = ((unknownCpuW * 48 + dsv3MemoryW(8) * 24) * 1.18) / 1000;
    expectClose(vm.kWh, kWh);
    expectClose(vm.vCpuHours, 48);
    expectClose(vm.operationalKg, (kWh * 251) / 1000);
    expectClose(vm.embodiedKg, dsv3EmbodiedKg(24, 2));
  });

  it.each([
    ['the SKU details', { instanceType: 'Standard_D4s_v3' }, 'Virtual Machines'],
    ['the meter name', {}, 'D4s v3 Low Priority'],
    ['the charge description', {}, 'Virtual Machines Dsv3 Series - D4s v3 - US East'],
  ])(
    'a month of one Azure D4s v3 alone in a query, named in %s: 4 vCPUs from the VM size, not 0 kWh',
    (_, extra, usageType) => {
      const [vm] = estimate([azure(usageType, '1 Hour', 720, extra)]);
      expect(vm.category).toBe('compute');
      const kWh = ((unknownCpuW * 4 + dsv3MemoryW(16)) * 720 * 1.18) / 1000;
      expectClose(vm.kWh, kWh);
      expectClose(vm.vCpuHours, 4 * 720);
      expectClose(vm.embodiedKg, dsv3EmbodiedKg(720, 4));
    }
  );

  it('a VM size no catalogue knows stays unknown, estimated from the hour-priced reference', () => {
    const [, unknown] = estimate([
      azure('D2s v3', '1 Hour', 24, { vCpus: 2, cost: 2 }),
      azure('Z99 v9', '1 Hour', 24, { cost: 4 }),
    ]);
    expect(unknown.category).toBe('unknown');
    expectClose(unknown.kWh, 4 * Object.values(reference.byUnit.hours.kWhPerUsd).reduce((a, b) => a + b, 0));
  });

  // CCF ccf-coefficients (gcp-machine-families.json): n2 platform 128 vCPUs, 1,888.46 kg;
  // e2 platform 32 vCPUs, 1,230.46 kg. A core-hour reserves 1 / platform vCPUs of the host.
  it.each([
    ['N2 Instance Core running in Belgium', 'Hours', 1888.46 / 128],
    ['Spot Preemptible E2 Instance Core running in Americas', 'Hour', 1230.46 / 32],
  ])('GCP "%s" alone in a query: the amount is vCPU-hours (2,880), not 0 kWh', (sku, unit, kgPerVCpu) => {
    const [core] = estimate([
      {
        ...awsRow(sku, unit, 2880),
        provider: 'Google Cloud',
        region: 'europe-west1',
        service: 'Compute Engine',
        serviceCategory: 'Compute',
      },
    ]);
    expect(core.category).toBe('compute');
    expectClose(core.vCpuHours, 2880);
    // Per vCPU at 50 %, × Google's europe-west1 PUE 1.09 (CCF).
    expectClose(core.kWh, (unknownCpuW * 2880 * 1.09) / 1000);
    // Embodied: the family host's kg per vCPU × 2,880 h / 35,040 h.
    expectClose(core.embodiedKg, kgPerVCpu * (2880 / 35_040));
  });

  it('GCP GPU and licence SKUs are not read as cores', () => {
    const gcp = (sku: string): UsageRow => ({
      ...awsRow(sku, 'Hours', 10),
      provider: 'Google Cloud',
      region: 'europe-west1',
      service: 'Compute Engine',
      serviceCategory: 'Compute',
    });
    const [gpu, licence] = estimate([
      gcp('Nvidia Tesla T4 GPU running in Belgium'),
      gcp('Licensing Fee for Windows Server 2019 Datacenter Edition on VM with 4 VCPU'),
    ]);
    expect(gpu.vCpuHours).toBe(0);
    expect(licence.vCpuHours).toBe(0);
  });

  it('Azure premium SSD disk GB-months', () => {
    const [disk] = estimate([
      azure('Premium SSD Managed Disks', 'GB-Months', 128, { service: 'Storage', serviceCategory: 'Storage' }),
    ]);
    const kWh = (128 * 720 * 1.2 * 1.18) / 1e6;
    expectClose(disk.energy.storage, kWh);
    expectClose(disk.gbMonths, 128);
  });

  it('Oracle OCPU-hours: provider without PUE or grid data gets the documented fallbacks', () => {
    const [oci] = estimate([
      {
        ...awsRow('E4 OCPU', 'OCPU Hours', 24),
        provider: 'Oracle',
        region: 'eu-frankfurt-1',
        service: 'Compute',
        serviceCategory: 'Compute',
      },
    ]);
    const kWh = (unknownCpuW * 24 * 2 * 1.185) / 1000;
    expectClose(oci.kWh, kWh);
    expectClose(oci.operationalKg, (kWh * 392.78188) / 1000);
    // Factor of 2021, usage of 2024: band 0.0865 × sqrt(3); per-vCPU watts at 10 % and 90 % utilisation.
    const at = (u: number) => ((0.74 + (u / 100) * (3.5 - 0.74)) * 24 * 2 * 1.185) / 1000;
    const expected = statedInterval({
      kWh,
      kWhLow: at(10),
      kWhHigh: at(90),
      kgPerKWh: 0.39278188,
      gridBand: 0.0865 * Math.sqrt(3),
    });
    expectClose(oci.co2eHighKg, expected.high);
    expectClose(oci.co2eLowKg, expected.low);
  });
});

describe('10. vCPU-hours and GB-months for trends', () => {
  it('fills both on the rows they apply to, and leaves them 0 elsewhere', () => {
    const [vm, ebs, fargateMemory, nat] = estimate([
      awsRow('EUW1-BoxUsage:m5.large', 'Hrs', 24),
      awsRow('EUW1-EBS:VolumeUsage.gp3', 'GB-Mo', 100),
      awsRow('EUW1-Fargate-GB-Hours', 'hours', 720, { service: 'AmazonECS' }),
      awsRow('EUW1-NatGateway-Hours', 'Hrs', 24),
    ]);
    expect(vm.vCpuHours).toBe(48);
    expect(vm.gbMonths).toBe(0);
    expect(ebs.gbMonths).toBe(100);
    expect(ebs.vCpuHours).toBe(0);
    // Fargate memory is memory, not storage (CCF files it as SSD storage): 720 GB-h × 0.392 W/GB.
    expect(fargateMemory.category).toBe('memory');
    expectClose(fargateMemory.energy.memory, (720 * 0.392 * 1.15) / 1000);
    expect(fargateMemory.gbMonths).toBe(0);
    expect(nat.vCpuHours).toBe(0);
    expect(nat.gbMonths).toBe(0);
  });

  it('GB-hours of storage count as GB-months of the month they fall in', () => {
    const [disk] = estimate([
      {
        ...awsRow('Standard HDD Managed Disks', 'GB Hours', 7200),
        provider: 'Microsoft',
        region: 'westeurope',
        service: 'Storage',
        serviceCategory: 'Storage',
      },
    ]);
    expectClose(disk.gbMonths, 7200 / 720);
    expectClose(disk.energy.storage, (7200 * 0.65 * 1.18) / 1e6);
  });
});
