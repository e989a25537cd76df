/**
 * The grid factor and PUE of the usage year, by hand from the cited values (docs/methodology.md 3.3):
 * - us-east-1 = Electricity Maps zone US-MIDA-PJM: 439 g/kWh (2021) … 418 (2025); westeurope = NL:
 *   253 (2025) (@tgwf/co2 0.19.0, dist/esm/data/electricity-maps/yearly_<year>.js)
 * - AWS PUE 1.15 (2023), 1.15 (2024), 1.14 (2025); Microsoft 1.18 (as of 2024)
 * - CCF (the `ccf` methodology, unchanged): us-east-1 379.069 g/kWh (eGRID2020 SERC), AWS PUE 1.135;
 *   westeurope 328.4 g/kWh (EEA), Azure PUE 1.185
 * - m5.large: Teads 14.1 W at 50 %; embodied 1610.3792 kg × (24 / 35,040) × (2 / 96)
 * - grid band 0.0865 × sqrt(max(1, |usage year − factor year|)) (uncertainty.json gridFactor)
 */
import { classifyUsage } from '../classify';
import { estimateCcf } from '../ccf';
import type { UsageRow } from '../usage';
import { awsRow, estimateOne, statedInterval } from './testRows';

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-12 + 1e-15);
}

const DAY_MS = 86_400_000;
const june = (year: number) => ({ start: Date.UTC(year, 5, 1), end: Date.UTC(year, 5, 1) + DAY_MS });
const m5InUsEast1 = (year: number): UsageRow =>
  awsRow('BoxUsage:m5.large', 'Hrs', 24, { region: 'us-east-1', ...june(year) });
const embodiedKg = 1610.3792 * (24 / 35_040) * (2 / 96);
// m5.large's Teads curve at 90 %: 14.1 + 0.8 × (20.0 − 14.1) W, the energy band's high end.
const AT_90_OVER_50 = (14.1 + 0.8 * (20.0 - 14.1)) / 14.1;
/** The stated 90 % interval's high end (testRows.statedInterval) for `kWh` at the central 50 %. */
const highOf = (kWh: number, grams: number, gridBand: number) =>
  statedInterval({
    kWh,
    kWhLow: kWh,
    kWhHigh: kWh * AT_90_OVER_50,
    kgPerKWh: grams / 1000,
    gridBand,
    embodiedKg,
    embodiedLowKg: embodiedKg * (4 / 6),
  }).high;

describe('greenops: the grid factor and PUE of the usage year', () => {
  it('AWS us-east-1, 2025: PJM 418 g/kWh, PUE 1.14, same-year band', () => {
    const e = estimateOne(m5InUsEast1(2025));
    const kWh = (14.1 * 24 * 1.14) / 1000; // 0.385776
    expectClose(e.kWh, kWh);
    expectClose(e.operationalKg, (kWh * 418) / 1000); // 0.161254368
    expectClose(e.co2eKg, (kWh * 418) / 1000 + embodiedKg);
    // High end (section 4): Teads at 90 % is the higher power model; grid band 0.0865 × sqrt(max(1, 0)).
    expectClose(e.co2eHighKg, highOf(kWh, 418, 0.0865));
  });

  it('AWS us-east-1, 2026 (above both series): the 2025 factor and PUE, band of one year', () => {
    const e = estimateOne(m5InUsEast1(2026));
    const kWh = (14.1 * 24 * 1.14) / 1000;
    expectClose(e.operationalKg, (kWh * 418) / 1000);
    expectClose(e.co2eHighKg, highOf(kWh, 418, 0.0865));
  });

  it("AWS us-east-1, 2019 (below both series): 2021's factor 439, 2023's PUE 1.15, band of two years", () => {
    const e = estimateOne(m5InUsEast1(2019));
    const kWh = (14.1 * 24 * 1.15) / 1000;
    expectClose(e.kWh, kWh);
    expectClose(e.operationalKg, (kWh * 439) / 1000);
    expectClose(e.co2eHighKg, highOf(kWh, 439, 0.0865 * Math.sqrt(2)));
  });

  const azureDisk2025: UsageRow = {
    ...awsRow('Premium SSD Managed Disks', 'GB-Months', 128, june(2025)),
    provider: 'Microsoft',
    region: 'westeurope',
    service: 'Storage',
    serviceCategory: 'Storage',
  };

  it('Azure westeurope, 2025: NL 253 g/kWh, PUE 1.18', () => {
    const e = estimateOne(azureDisk2025);
    // 128 GB-months × 720 h (June) = 92.16 TB-h × 1.2 Wh/TB-h (SSD) × 1.18 / 1000.
    const kWh = (128 * 720 * 1.2 * 1.18) / 1e6; // 0.13049856
    expectClose(e.kWh, kWh);
    expectClose(e.operationalKg, (kWh * 253) / 1000);
  });

  it("ccf keeps CCF's factor and PUE for the same rows", () => {
    // CCF's Azure estimator does not recognise 'Premium SSD Managed Disks' (no disk size, no storage
    // usage type): a blob line it does recognise shows its PUE 1.185 and westeurope 328.4 g/kWh.
    // CCF Azure: GB-months read as GB for 24 h (128 / 1000 × 24 TB-h), SSD 1.2, LRS 3 copies.
    const blob2025: UsageRow = { ...azureDisk2025, usageType: 'Hot LRS Data Stored' };
    const rows = [m5InUsEast1(2025), blob2025];
    const [m5, disk] = estimateCcf(rows, rows.map(classifyUsage));
    const ccfKWh = ((128 / 1000) * 24 * 1.2 * 1.185 * 3) / 1000;
    expectClose(disk.kWh, ccfKWh);
    expectClose(disk.co2eKg, (ccfKWh * 328.4) / 1000);
    // AWS: CCF's compute (Skylake 0.65–4.26 W at 50 %, 48 vCPU-h) at PUE 1.135 and SERC 379.069 g/kWh.
    const cpuKWh = ((0.65 + 0.5 * (4.26 - 0.65)) * 48 * 1.135) / 1000;
    expectClose(m5.energy.compute, cpuKWh);
    expectClose(m5.operationalKg, ((m5.energy.compute + m5.energy.memory) * 379.069) / 1000);
  });
});
