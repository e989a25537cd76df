/**
 * The DuckDB case of chroot.test.ts: a FOCUS datasource reading a Parquet copy of the public FOCUS
 * sample (demo/focus, a copy of shared/data/focus), one CheckHealth and one cloudEmissions query
 * (cost by provider over the sample's billing month), run by the go-plugin host against the
 * packaged backend. The Parquet file is written here by the DuckDB of node_modules (the build
 * machine's, not the packaged one); the expected costs are summed from the CSV by
 * billingScenario.ts, not by DuckDB.
 */
import fs from 'fs';

import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';

import {
  billingMonth,
  type CsvRow,
  DAY_MS,
  expectedCostByProvider,
  FOCUS_SAMPLE,
} from '../conformance/billingScenario';

export interface FocusParquetExpectations {
  /** The sample's billing month [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  /** Cost per provider label in that month, summed from the CSV. */
  costs: Map<string, number>;
}

export function focusParquetExpectations(): FocusParquetExpectations {
  if (!fs.existsSync(FOCUS_SAMPLE)) {
    throw new Error(`FOCUS sample not found at ${FOCUS_SAMPLE} (the repository ships it under demo/focus/)`);
  }
  const rows = parse(fs.readFileSync(FOCUS_SAMPLE), { columns: true, skip_empty_lines: true }) as CsvRow[];
  const { from, to } = billingMonth(rows);
  return { fromMs: from, toMs: to, costs: expectedCostByProvider(rows, from, to) };
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Writes the FOCUS sample as Parquet to `target` (typed columns; the sample's `NULL` cells as nulls). */
export async function writeFocusParquet(target: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    try {
      await connection.run(
        `COPY (SELECT * FROM read_csv(${sqlString(FOCUS_SAMPLE)}, header = true, nullstr = 'NULL')) ` +
          `TO ${sqlString(target)} (FORMAT parquet)`
      );
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** The scenario file: `parquetPath` is the file as the plugin sees it (inside the chroot, or not). */
export function writeFocusParquetScenario(file: string, parquetPath: string, e: FocusParquetExpectations): void {
  const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
  const dataSource = {
    uid: 'focus-parquet',
    name: 'GreenOps Carbon (FOCUS Parquet, packaged DuckDB)',
    id: 21,
    jsonData: JSON.stringify({ focus: { paths: [parquetPath] } }),
    lastUpdatedMS: 1,
  };
  const emissions = {
    refId: 'E',
    queryType: 'cloudEmissions',
    source: 'focus',
    metrics: ['co2e', 'cost'],
    groupBy: ['provider'],
    granularity: 'daily',
    methodology: 'greenops',
  };
  const scenario = {
    calls: [
      { kind: 'checkHealth', name: 'focus', dataSource },
      {
        kind: 'queryData',
        name: 'focus-emissions',
        dataSource,
        queries: [
          {
            refId: 'E',
            queryType: emissions.queryType,
            json: JSON.stringify(emissions),
            from: rfc3339(e.fromMs),
            to: rfc3339(e.toMs),
            intervalMS: DAY_MS,
            maxDataPoints: 1000,
          },
        ],
      },
    ],
  };
  fs.writeFileSync(file, JSON.stringify(scenario, null, 2));
}
