/**
 * Runs Cloud Carbon Footprint's own Azure estimator (@cloud-carbon-footprint/azure@1.8.0,
 * ConsumptionManagementService.getEstimates with core@0.17.3's estimators; the compiled modules
 * are in ./ccf-azure-1.8.0, see its README) offline on UsageRows.
 *
 * CCF reads Azure consumption rows through the Consumption Management client; here a stand-in
 * client pages through the rows laid out as the legacy usage-details API returns them (meter
 * name, unit of measure, meter category, resource location, quantity, cost), as CCF's own tests
 * feed it (mockUsageDetails in ConsumptionManagement.test.ts). Everything after the fetch is CCF's
 * real code. No Electricity Maps token, no Azure credentials, no network.
 */
import { configLoader, GroupBy, setConfig, type EstimationResult } from '@cloud-carbon-footprint/common';
import {
  ComputeEstimator,
  EmbodiedEmissionsEstimator,
  MemoryEstimator,
  NetworkingEstimator,
  StorageEstimator,
  UnknownEstimator,
} from '@cloud-carbon-footprint/core';
import type { UsageRow } from '../../src/engine/usage';

interface AzureCloudConstants {
  SSDCOEFFICIENT: number;
  HDDCOEFFICIENT: number;
  NETWORKING_COEFFICIENT: number;
  MEMORY_COEFFICIENT: number;
  ESTIMATE_UNKNOWN_USAGE_BY: ConstructorParameters<typeof UnknownEstimator>[0];
  SERVER_EXPECTED_LIFESPAN: number;
  KILOWATT_HOURS_BY_SERVICE_AND_USAGE_UNIT: { total: Record<string, unknown> };
}
interface ConsumptionManagementService {
  consumptionManagementLogger: unknown;
  getEstimates(start: Date, end: Date, grouping: GroupBy): Promise<EstimationResult[]>;
}
type ServiceConstructor = new (...estimators: unknown[]) => ConsumptionManagementService;

const VENDORED = './ccf-azure-1.8.0/dist';
const { AZURE_CLOUD_CONSTANTS: K } = jest.requireActual<{ AZURE_CLOUD_CONSTANTS: AzureCloudConstants }>(
  `${VENDORED}/domain`
);
const { default: Service } = jest.requireActual<{ default: ServiceConstructor }>(
  `${VENDORED}/lib/ConsumptionManagement`
);

const SILENT_LOGGER = { debug() {}, info() {}, warn() {}, error() {} };

/** A UsageRow as a legacy usage-details row; the row's account is its id (CCF's accountId). */
export function toUsageDetail(row: UsageRow) {
  return {
    kind: 'legacy',
    id: row.account,
    date: new Date(row.start),
    quantity: row.amount,
    cost: row.cost,
    subscriptionName: row.account,
    resourceLocation: row.region,
    meterDetails: { meterName: row.usageType, unitOfMeasure: row.unit, meterCategory: row.service },
    tags: {},
  };
}

export async function runCcfAzure(rows: readonly UsageRow[]): Promise<EstimationResult[]> {
  delete process.env.ELECTRICITY_MAPS_TOKEN;
  const config = configLoader();
  setConfig({
    ...config,
    ELECTRICITY_MAPS_TOKEN: '',
    AZURE: { ...config.AZURE, RESOURCE_TAG_NAMES: [], CONSUMPTION_CHUNKS_DAYS: 0, SUBSCRIPTIONS: [] },
  });
  // CCF's unknown-usage totals are module-global: reset them as CCF's own tests do.
  K.KILOWATT_HOURS_BY_SERVICE_AND_USAGE_UNIT = { total: {} };
  const details = rows.map(toUsageDetail);
  const client = {
    subscriptionId: 'offline',
    usageDetails: {
      list: () => {
        let i = 0;
        return { next: async () => (i < details.length ? { value: details[i++], done: false } : { done: true }) };
      },
    },
  };
  const service = new Service(
    new ComputeEstimator(),
    new StorageEstimator(K.SSDCOEFFICIENT),
    new StorageEstimator(K.HDDCOEFFICIENT),
    new NetworkingEstimator(K.NETWORKING_COEFFICIENT),
    new MemoryEstimator(K.MEMORY_COEFFICIENT),
    new UnknownEstimator(K.ESTIMATE_UNKNOWN_USAGE_BY),
    new EmbodiedEmissionsEstimator(K.SERVER_EXPECTED_LIFESPAN),
    client
  );
  // CCF's winston logger would write logs/*.log into the working directory.
  service.consumptionManagementLogger = SILENT_LOGGER;
  return service.getEstimates(new Date('2000-01-01'), new Date('2100-01-01'), GroupBy.day);
}

/** kWh and CO2e (kg) per account (one row each in these tests) and day. */
export function ccfAzureByAccountAndDay(results: EstimationResult[]): Map<string, { kWh: number; co2eKg: number }> {
  const out = new Map<string, { kWh: number; co2eKg: number }>();
  for (const r of results) {
    for (const s of r.serviceEstimates) {
      const key = `${s.accountId}|${new Date(r.timestamp).toISOString().slice(0, 10)}`;
      const t = out.get(key) ?? { kWh: 0, co2eKg: 0 };
      t.kWh += s.kilowattHours;
      t.co2eKg += s.co2e * 1000;
      out.set(key, t);
    }
  }
  return out;
}
