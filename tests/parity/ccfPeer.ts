/**
 * Runs Cloud Carbon Footprint's own CUR estimator (@cloud-carbon-footprint/aws@0.15.0,
 * CostAndUsageReports.getEstimates with core@0.17.3's estimators) offline on UsageRows.
 *
 * CCF reads CUR rows from Athena through its ServiceWrapper; here a stand-in wrapper answers the
 * four Athena calls (table schema with product_vcpu, start, status SUCCEEDED, one result page)
 * with the rows laid out as CCF's query returns them (timestamp, account, region, service, usage
 * type, unit, vCPUs, amount, cost, tags), the same shape as CCF's test fixtures. Everything after
 * the fetch is CCF's real code. No Electricity Maps token, no AWS credentials, no network.
 */
import { AWS_CLOUD_CONSTANTS, CostAndUsageReports } from '@cloud-carbon-footprint/aws';
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

export type AthenaRow = { Data: Array<{ VarCharValue: string }> };

const SILENT_LOGGER = { debug() {}, info() {}, warn() {}, error() {} };

/** A UsageRow as a row of CCF's Athena query result. Numbers survive the text round trip exactly. */
export function toAthenaRow(row: UsageRow, tagNames: readonly string[]): AthenaRow {
  const cells = [
    new Date(row.start).toISOString().slice(0, 10),
    row.account,
    row.region,
    row.service,
    row.usageType,
    row.unit,
    row.vCpus === undefined ? '' : String(row.vCpus),
    String(row.amount),
    String(row.cost),
    ...tagNames.map((t) => row.tags?.[t] ?? ''),
  ];
  return { Data: cells.map((VarCharValue) => ({ VarCharValue })) };
}

/** Runs CCF's estimator on Athena-shaped rows (the first row is the header, as Athena sends it). */
export async function runCcfOnAthenaRows(
  athenaRows: AthenaRow[],
  tagNames: readonly string[] = []
): Promise<EstimationResult[]> {
  delete process.env.ELECTRICITY_MAPS_TOKEN;
  const config = configLoader();
  setConfig({
    ...config,
    ELECTRICITY_MAPS_TOKEN: '',
    AWS: { ...config.AWS, RESOURCE_TAG_NAMES: [...tagNames], accounts: [] },
  });
  // CCF's unknown-usage totals are module-global: reset them as CCF's own tests do.
  AWS_CLOUD_CONSTANTS.KILOWATT_HOURS_BY_SERVICE_AND_USAGE_UNIT = { total: {} };
  const serviceWrapper = {
    getAthenaTableDescription: async () => ({
      Table: { StorageDescriptor: { Columns: [{ Name: 'product_vcpu', Type: 'string' }] } },
    }),
    startAthenaQueryExecution: async () => ({ QueryExecutionId: 'offline' }),
    getAthenaQueryExecution: async () => ({ QueryExecution: { Status: { State: 'SUCCEEDED' } } }),
    getAthenaQueryResultSets: async () => [{ ResultSet: { Rows: athenaRows } }],
  };
  const estimator = new CostAndUsageReports(
    new ComputeEstimator(),
    new StorageEstimator(AWS_CLOUD_CONSTANTS.SSDCOEFFICIENT!),
    new StorageEstimator(AWS_CLOUD_CONSTANTS.HDDCOEFFICIENT!),
    new NetworkingEstimator(AWS_CLOUD_CONSTANTS.NETWORKING_COEFFICIENT!),
    new MemoryEstimator(AWS_CLOUD_CONSTANTS.MEMORY_COEFFICIENT!),
    new UnknownEstimator(AWS_CLOUD_CONSTANTS.ESTIMATE_UNKNOWN_USAGE_BY!),
    new EmbodiedEmissionsEstimator(AWS_CLOUD_CONSTANTS.SERVER_EXPECTED_LIFESPAN!),
    serviceWrapper as never
  );
  // CCF's winston logger would write logs/*.log into the working directory.
  (estimator as unknown as { costAndUsageReportsLogger: unknown }).costAndUsageReportsLogger = SILENT_LOGGER;
  // The date range only shapes the SQL text, which nobody runs here.
  return estimator.getEstimates(new Date('2000-01-01'), new Date('2100-01-01'), GroupBy.day);
}

export function runCcf(rows: readonly UsageRow[], tagNames: readonly string[] = []): Promise<EstimationResult[]> {
  const header = { Data: Array.from({ length: 9 + tagNames.length }, () => ({ VarCharValue: 'header' })) };
  return runCcfOnAthenaRows([header, ...rows.map((r) => toAthenaRow(r, tagNames))], tagNames);
}
