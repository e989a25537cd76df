/**
 * Parity of the `ccf` methodology on Azure lines with Cloud Carbon Footprint's own Azure
 * estimator (@cloud-carbon-footprint/azure@1.8.0 with core@0.17.3, see ccfAzurePeer.ts): the same
 * consumption rows (VM sizes of several series, a constrained-vCPU size, a GPU size, Spot, managed
 * SSD and HDD disks, blob storage, bandwidth, memory, Redis, SQL vCores, unknown services and
 * units) through both, kWh and CO2e equal to 1e-9 relative per row and day.
 */
import azureTables from '../../src/engine/data/ccf/azure.json';
import { estimateUsage } from '../../src/engine/estimate';
import type { UsageRow } from '../../src/engine/usage';
import { ccfAzureByAccountAndDay, runCcfAzure } from './ccfAzurePeer';

const TOLERANCE = 1e-9;
const DAY = 86_400_000;

type Line = [service: string, usageType: string, unit: string, region: string, amount: number, cost: number];

const LINES: Line[] = [
  ['Virtual Machines', 'D4s v3', '1 Hour', 'westeurope', 24, 4.6],
  ['Virtual Machines', 'D2s v3 Spot', '1 Hour', 'EU West', 20, 0.9],
  ['Virtual Machines', 'D2 v2/DS2 v2', '1 Hour', 'uksouth', 24, 3.1],
  ['Virtual Machines', 'E8-4s v3', '1 Hour', 'eastus', 24, 12],
  ['Virtual Machines', 'M8-2ms', '1 Hour', 'eastus', 3, 5],
  ['Virtual Machines', 'NC6s v3', '1 Hour', 'eastus', 10, 30],
  ['Virtual Machines', 'F4s v2', '1 Hour', 'northeurope', 24, 4],
  ['Virtual Machines', 'D8s v5', '100 Hours', 'westus2', 0.24, 9],
  ['Virtual Machines', 'B2ms', '1 Hour', 'centralindia', 24, 2],
  ['Azure Kubernetes Service', 'Standard vCore', '1 Hour', 'eastus', 48, 3],
  ['SQL Database', 'vCore', '1 Hour', 'westeurope', 24, 8],
  ['Redis Cache', 'C1 Cache Instance', '1 Hour', 'westeurope', 24, 2],
  ['Storage', 'P10 LRS Disk', '1 /Month', 'westeurope', 0.033, 0.6],
  ['Storage', 'S10 Disks', '1 /Month', 'westeurope', 0.033, 0.2],
  ['Storage', 'E4 LRS Disk', '1 /Month', 'westeurope', 0.033, 0.1],
  ['Storage', 'Hot LRS Data Stored', '1 GB/Month', 'westeurope', 120, 2.2],
  ['Storage', 'Hot GRS Data Stored', '10 GB/Month', 'francecentral', 3, 0.5],
  ['Storage', 'Archive Data Stored', '1 TB/Month', 'eastus', 0.5, 1],
  ['Container Registry', 'Standard Registry Unit', '1 /Day', 'westeurope', 1, 0.7],
  ['Bandwidth', 'Standard Data Transfer Out', '1 GB', 'westeurope', 80, 7],
  ['Bandwidth', 'Inter Continent Data Transfer Out - NAM or EU To Any', '1 GB', 'westeurope', 5, 0.4],
  ['Bandwidth', 'Data Transfer In', '1 GB', 'westeurope', 500, 0],
  ['Bandwidth', 'Standard Data Transfer Out', '1 TB', 'japaneast', 0.2, 17],
  ['Container Instances', 'Memory Duration', '1 GB Second', 'westeurope', 86_400, 0.3],
  ['Functions', 'Execution Time', '50000 GB Seconds', 'westeurope', 3, 0.1],
  ['Azure App Service', 'P1 v2', '1 Hour', 'westeurope', 24, 3],
  ['Load Balancer', 'Standard Data Processed', '1 GB', 'westeurope', 200, 1],
  ['Azure Front Door Service', 'Standard Included Requests', '1 Hour', 'westeurope', 24, 1],
  ['Event Hubs', 'Standard Throughput Unit', '1/Hour', 'westeurope', 24, 0.7],
  ['Azure DNS', 'Public Queries', '1M', 'westeurope', 2, 0.8],
  ['Virtual Machines Licenses', 'Windows Server License', '1 Hour', 'westeurope', 24, 1],
];

/** Each line on two days, each its own account (so CCF's output has one group per row and day). */
function rows(lines: Line[], unit = (u: string) => u): UsageRow[] {
  return [0, 1].flatMap((d) =>
    lines.map(([service, usageType, rawUnit, region, amount, cost], i) => {
      const start = Date.UTC(2024, 4, 1) + d * DAY;
      return {
        start,
        end: start + DAY,
        provider: 'azure',
        account: `row-${i}`,
        region,
        service,
        usageType,
        unit: unit(rawUnit),
        amount: amount * (d + 1),
        cost: cost * (d + 1),
        currency: 'USD',
      } satisfies UsageRow;
    })
  );
}

const relativeError = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

function ours(usage: UsageRow[]): Map<string, { kWh: number; co2eKg: number }> {
  const estimates = estimateUsage(usage, 'ccf');
  return new Map(
    usage.map((r, i) => [
      `${r.account}|${new Date(r.start).toISOString().slice(0, 10)}`,
      { kWh: estimates[i].kWh, co2eKg: estimates[i].co2eKg },
    ])
  );
}

describe("CCF's Azure estimator on consumption rows", () => {
  const usage = rows(LINES);

  it('gives the kWh and CO2e CCF gives, row by row and day by day', async () => {
    const ccf = ccfAzureByAccountAndDay(await runCcfAzure(usage));
    const mine = ours(usage);
    let compared = 0;
    for (const [key, theirs] of ccf) {
      const m = mine.get(key)!;
      const ok = relativeError(m.kWh, theirs.kWh) <= TOLERANCE && relativeError(m.co2eKg, theirs.co2eKg) <= TOLERANCE;
      expect({ key, ...m, ok }).toEqual({ key, ...m, ok: true, ...(ok ? {} : { ccf: theirs }) });
      compared++;
    }
    // Rows CCF leaves out of its output (unsupported, dropped storage and transfer) are 0 here.
    for (const [key, m] of mine) {
      if (!ccf.has(key)) {
        expect({ key, kWh: m.kWh, co2eKg: m.co2eKg }).toEqual({ key, kWh: 0, co2eKg: 0 });
      }
    }
    expect(compared).toBeGreaterThan(40);
    // The cases are not trivial: VM, memory, storage, networking and unknown rows all have energy.
    for (const i of [0, 5, 11, 12, 13, 15, 19, 23, 26, 27]) {
      expect({ i, positive: ccf.get(`row-${i}|2024-05-01`)!.kWh > 0 }).toEqual({ i, positive: true });
    }
  });

  it('reads FOCUS unit spellings (Hours, GB/Month, GB) as the same CCF units', async () => {
    const focusUnit = (u: string) => ({ '1 Hour': 'Hours', '1 GB/Month': 'GB-Months', '1 GB': 'GB' })[u] ?? u;
    const ccf = ccfAzureByAccountAndDay(await runCcfAzure(usage));
    const mine = ours(rows(LINES, focusUnit));
    for (const [key, theirs] of ccf) {
      const m = mine.get(key)!;
      expect({ key, ok: relativeError(m.kWh, theirs.kWh) <= TOLERANCE }).toEqual({ key, ok: true });
    }
  });
});

describe('FOCUS rows that name the VM size elsewhere than the meter name', () => {
  it.each([
    ['the charge description', 'Virtual Machines Dsv3 Series - D4s v3 - EU West', {}],
    ['the SKU details', 'Virtual Machines', { instanceType: 'Standard_D4s_v3' }],
  ])('a VM size in %s is estimated as CCF estimates its meter name', async (_, usageType, extra) => {
    const focus = rows([['Virtual Machines', usageType, 'Hours', 'westeurope', 720, 140]]).map((r) => ({
      ...r,
      ...extra,
    }));
    const consumption = rows([['Virtual Machines', 'D4s v3', '1 Hour', 'westeurope', 720, 140]]);
    const ccf = ccfAzureByAccountAndDay(await runCcfAzure(consumption));
    const mine = ours(focus);
    expect(ccf.size).toBe(2);
    for (const [key, theirs] of ccf) {
      expect({ key, ok: relativeError(mine.get(key)!.kWh, theirs.kWh) <= TOLERANCE }).toEqual({ key, ok: true });
    }
  });
});

describe("every VM size and region spelling of CCF's Azure tables", () => {
  // Each size CCF lists (series, constrained-vCPU, vCPU/memory and GPU tables), on one day, in the
  // region spellings of AzureRegions.ts taken in turn, plus a blob-storage and a bandwidth line per
  // spelling so that every factor is exercised by compute, storage and networking.
  const sizes = [
    ...new Set([
      ...Object.values(azureTables.vmSizes.series).flatMap((rows) => rows.map((r) => String(r[0]))),
      ...Object.keys(azureTables.vmSizes.constrainedVCpu),
      ...Object.keys(azureTables.vmSizes.vCpuMemory),
      ...Object.keys(azureTables.vmSizes.gpus),
    ]),
  ];
  const spellings = Object.values(azureTables.regions.spellings).flat();
  const lines: Line[] = [
    ...sizes.map((size, i): Line => ['Virtual Machines', size, '1 Hour', spellings[i % spellings.length], 24, 1]),
    ...spellings.flatMap((region): Line[] => [
      ['Storage', 'Hot LRS Data Stored', '1 GB/Month', region, 100, 1],
      ['Bandwidth', 'Standard Data Transfer Out', '1 GB', region, 10, 1],
    ]),
  ];
  const usage = rows(lines).filter((r) => r.start === Date.UTC(2024, 4, 1));

  it('covers the tables', () => {
    expect(sizes.length).toBeGreaterThan(500);
    expect(spellings.length).toBeGreaterThan(100);
  });

  it('gives the kWh and CO2e CCF gives for each', async () => {
    const ccf = ccfAzureByAccountAndDay(await runCcfAzure(usage));
    const mine = ours(usage);
    expect(ccf.size).toBe(usage.length);
    for (const [key, theirs] of ccf) {
      const m = mine.get(key)!;
      const ok = relativeError(m.kWh, theirs.kWh) <= TOLERANCE && relativeError(m.co2eKg, theirs.co2eKg) <= TOLERANCE;
      expect({ key, ...m, ok }).toEqual({ key, ...m, ok: true, ...(ok ? {} : { ccf: theirs }) });
    }
  });
});
