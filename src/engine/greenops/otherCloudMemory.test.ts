/**
 * greenops memory energy of Azure VM sizes and GCP machine types billed per machine-hour: CCF's
 * memory model (memory above SPECpower's GB per chip of the microarchitectures, by the instance's
 * share of the host's memory, × 0.000392 kWh/GB-h), worked out by hand from the cited tables.
 */
import { pueFor } from '../gridIntensity';
import type { UsageRow } from '../usage';
import { awsRow, estimateOne } from './testRows';

const HOURS = 720; // June 2024
const KWH_PER_GBH = 0.000392;

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-9);
}

describe('greenops memory for Azure and GCP compute', () => {
  it('a month of Azure D4s v3 in westeurope', () => {
    // CCF azure 1.8.0 (data/ccf/azure.json): series D2s-64s v3, last size D64s v3 (64 vCPUs, 256 GB);
    // D4s v3 has 16 GB; processors Cascade Lake, Skylake, Broadwell, Haswell: GB per chip
    // (98.12 + 81.32 + 69.65 + 27.71) / 4 = 69.2. Chips ceil(64 / 96) = 1.
    // GB per hour = (256 − 69.2) / (256 / 16) = 186.8 / 16 = 11.675.
    const row: UsageRow = {
      ...awsRow('D4s v3', 'Hours', HOURS),
      provider: 'azure',
      region: 'westeurope',
      service: 'Virtual Machines',
      serviceCategory: 'Compute',
    };
    const e = estimateOne(row);
    expect(e.category).toBe('compute');
    const pue = pueFor('azure', 'westeurope', 2024).pue; // the usage year's PUE
    expectClose(e.energy.memory, 11.675 * HOURS * KWH_PER_GBH * pue);
    expect(e.embodiedKg).toBeGreaterThan(0); // already there: CCF's per-size embodied
  });

  it('a GCP n2-standard-8 month billed per machine-hour', () => {
    // ccf-coefficients b0032d9 (gcp-machine-types.json): n2-standard-8 has 8 vCPUs and 32 GB on
    // Ice Lake or Cascade Lake; its platform n2-standard-128 has 128 vCPUs and 512 GB, 2 chips.
    // SPECpower GB per chip: Ice Lake is not in CCF's table, so the unknown value 80.69 applies.
    // GB per hour = (512 / 2 − 80.69) / (512 / 32) = 175.31 / 16 = 10.956875.
    const row: UsageRow = {
      ...awsRow('Compute Engine n2-standard-8 running in Belgium', 'Hours', HOURS),
      provider: 'gcp',
      region: 'europe-west1',
      service: 'Compute Engine',
      serviceCategory: 'Compute',
    };
    const e = estimateOne(row);
    expect(e.category).toBe('compute');
    expect(e.vCpuHours).toBe(8 * HOURS);
    const pue = pueFor('gcp', 'europe-west1', 2024).pue;
    expectClose(e.energy.memory, 10.956875 * HOURS * KWH_PER_GBH * pue);
  });

  it('GCP RAM SKUs are memory rows already: all their GiB-hours count', () => {
    // 32 GiB × 720 h = 23,040 GiB-h = 24,739.011 GB-h × 0.000392 × PUE
    const row: UsageRow = {
      ...awsRow('N2 Instance Ram running in Belgium', 'gibibyte hour', 23040),
      provider: 'gcp',
      region: 'europe-west1',
      service: 'Compute Engine',
      serviceCategory: 'Compute',
    };
    const e = estimateOne(row);
    expect(e.category).toBe('memory');
    expectClose(e.energy.memory, 23040 * 1.073741824 * KWH_PER_GBH * pueFor('gcp', 'europe-west1', 2024).pue);
  });

  it('a host with less memory per chip than SPECpower servers adds none (Azure A0)', () => {
    // CCF azure 1.8.0: A0 is in the As-series (A0-A4), whose last size A4 has 8 vCPUs and 14 GB; no
    // processor listed, so CCF's Azure average 80.47 GB per chip applies: 14 / 1 − 80.47 < 0 → 0.
    const row: UsageRow = {
      ...awsRow('A0', 'Hours', HOURS),
      provider: 'azure',
      region: 'westeurope',
      service: 'Virtual Machines',
      serviceCategory: 'Compute',
    };
    const e = estimateOne(row);
    expect(e.vCpuHours).toBe(HOURS);
    expect(e.energy.memory).toBe(0);
  });
});
