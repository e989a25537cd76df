/**
 * The FOCUS source end to end on the real anonymised FOCUS 1.0 sample, checked against counts and
 * totals computed independently (focusSample.ts); the same data gzipped and as snappy Parquet;
 * folders; a FOCUS 1.3 header. Field rules, malformed files and health checks are in
 * focusMalformed.test.ts.
 */
import path from 'node:path';
import zlib from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetWriteFile } from 'hyparquet-writer';

import {
  aggregateFocusFiles,
  close,
  costOf,
  countBy,
  expectSameRows,
  fetch,
  isNull,
  sample,
  SAMPLE,
  SEPTEMBER_2024,
  sum,
  toCsv,
  totalsBy,
  usageRecords,
  useFocusSample,
  write,
} from './focusSample';

useFocusSample();

describe('the FOCUS 1.0 sample', () => {
  it('has the rows the ATTRIBUTION file describes (independent count)', () => {
    expect(sample.records).toHaveLength(1000);
    expect(countBy(sample.records, (r) => r.ProviderName)).toEqual({ AWS: 942, Microsoft: 51, Oracle: 7 });
    // A split-based count of data lines agrees (the sample has no multi-line fields).
    expect(sample.text.trimEnd().split('\n').length - 1).toBe(1000);
  });

  it('reads every row and keeps the Usage rows of each provider', async () => {
    const { stats, files } = await aggregateFocusFiles([SAMPLE], SEPTEMBER_2024);
    const expected = countBy(
      usageRecords(),
      (r) => ({ AWS: 'aws', Microsoft: 'azure', Oracle: 'oci' })[r.ProviderName]!
    );
    expect(expected).toEqual({ aws: 941, azure: 51, oci: 5 });
    expect(files).toHaveLength(1);
    expect(stats.rowsRead).toBe(1000);
    expect(Object.fromEntries(stats.usageRowsByProvider)).toEqual(expected);
    expect(stats.notUsage).toBe(3); // one AWS credit, two Oracle adjustments
    expect(stats.badRows).toBe(0);
  });

  it('sums cost per provider and hours per usage type like an independent computation', async () => {
    const { rows } = await fetch([SAMPLE]);
    const providerOf = (p: string) => ({ AWS: 'aws', Microsoft: 'azure', Oracle: 'oci' })[p]!;
    const expectedCost: Record<string, number> = {};
    for (const r of usageRecords()) {
      const provider = providerOf(r.ProviderName);
      expectedCost[provider] = (expectedCost[provider] ?? 0) + costOf(r);
    }
    const actualCost = totalsBy(
      rows,
      (r) => r.provider,
      (r) => r.cost
    );
    expect(Object.keys(actualCost).sort()).toEqual(['aws', 'azure', 'oci']);
    for (const provider of Object.keys(expectedCost)) {
      close(actualCost[provider], expectedCost[provider]);
    }
    expect(actualCost.aws).toBeGreaterThan(1); // the BilledCost fallback matters on this sample

    const hours = (description: string) =>
      sum(
        usageRecords()
          .filter((r) => r.ChargeDescription === description)
          .map((r) => Number(r.ConsumedQuantity))
      );
    for (const description of [
      '$0.34 per On Demand Linux c5.2xlarge Instance Hour',
      '$0.0116 per On Demand Linux t2.micro Instance Hour',
      '$0.045 per NAT Gateway Hour',
    ]) {
      const ours = sum(rows.filter((r) => r.usageType === description).map((r) => r.amount));
      expect(ours).toBeGreaterThan(0);
      close(ours, hours(description));
    }
    // Instance type parsed from the description, across prices and services.
    const m5 = sum(rows.filter((r) => r.instanceType === 'm5.2xlarge').map((r) => r.amount));
    close(
      m5,
      sum(
        usageRecords()
          .filter((r) => /\bm5\.2xlarge\b/.test(r.ChargeDescription))
          .map((r) => Number(r.ConsumedQuantity))
      )
    );
    const gbMonths = sum(rows.filter((r) => r.unit === 'GB-Months').map((r) => r.amount));
    close(
      gbMonths,
      sum(
        usageRecords()
          .filter((r) => r.ConsumedUnit === 'GB-Months')
          .map((r) => Number(r.ConsumedQuantity))
      )
    );
  });

  it('buckets by day and by month in UTC, and honours the time range on ChargePeriodStart', async () => {
    const daily = await fetch([SAMPLE]);
    expect(daily.rows.every((r) => r.start % 86_400_000 === 0 && r.end - r.start === 86_400_000)).toBe(true);
    const monthly = await fetch([SAMPLE], { ...SEPTEMBER_2024, granularity: 'monthly' });
    expect(new Set(monthly.rows.map((r) => new Date(r.start).toISOString()))).toEqual(
      new Set(['2024-09-01T00:00:00.000Z'])
    );
    close(sum(monthly.rows.map((r) => r.cost)), sum(daily.rows.map((r) => r.cost)));

    const from = Date.parse('2024-09-10T00:00:00Z');
    const to = Date.parse('2024-09-20T00:00:00Z');
    const { stats } = await aggregateFocusFiles([SAMPLE], { ...SEPTEMBER_2024, from, to });
    const inRange = usageRecords().filter((r) => {
      const t = Date.parse(r.ChargePeriodStart.replace(' ', 'T') + 'Z');
      return t >= from && t < to;
    });
    expect(stats.usageRows).toBe(inRange.length);
    expect(stats.usageRows).toBeGreaterThan(100);
  });

  it('applies region, service and account filters', async () => {
    const { rows } = await fetch([SAMPLE], {
      ...SEPTEMBER_2024,
      filters: { regions: ['us-west-2'], services: ['Amazon Elastic Compute Cloud'] },
    });
    const expected = usageRecords().filter(
      (r) => r.RegionId === 'us-west-2' && r.ServiceName === 'Amazon Elastic Compute Cloud'
    );
    close(sum(rows.map((r) => r.amount)), sum(expected.map((r) => Number(r.ConsumedQuantity))));
    expect(new Set(rows.map((r) => r.region))).toEqual(new Set(['us-west-2']));

    const account = usageRecords()[0].SubAccountId;
    const byAccount = await fetch([SAMPLE], {
      ...SEPTEMBER_2024,
      filters: { accounts: [account] },
      groupByAccount: true,
    });
    expect(byAccount.rows.length).toBeGreaterThan(0);
    expect(byAccount.rows.every((r) => r.account === account)).toBe(true);
    close(
      sum(byAccount.rows.map((r) => r.cost)),
      sum(
        usageRecords()
          .filter((r) => r.SubAccountId === account)
          .map(costOf)
      )
    );
  });

  it('keeps sub-accounts apart only when asked: otherwise they are summed together', async () => {
    const accounts = new Set(usageRecords().map((r) => r.SubAccountId));
    expect(accounts.size).toBeGreaterThan(1);
    const apart = await fetch([SAMPLE], { ...SEPTEMBER_2024, groupByAccount: true });
    const together = await fetch([SAMPLE]);
    expect(new Set(apart.rows.map((r) => r.account))).toEqual(accounts);
    expect(new Set(together.rows.map((r) => r.account))).toEqual(new Set(['']));
    expect(together.rows.length).toBeLessThan(apart.rows.length);
    close(sum(together.rows.map((r) => r.cost)), sum(usageRecords().map(costOf)));
    close(sum(apart.rows.map((r) => r.cost)), sum(usageRecords().map(costOf)));
  });

  it('tells the user what it did', async () => {
    const { notices } = await fetch([SAMPLE]);
    expect(notices[0]).toMatch(
      /^FOCUS: 1 file\(s\) \(1 CSV\), 1,000 rows read, 997 usage rows in range summed into \d+ rows\.$/
    );
    expect(notices.join('\n')).toMatch(/usage rows by provider: .*aws 941/);
    expect(notices.join('\n')).toMatch(/3 rows that are not ChargeCategory "Usage"/);
    expect(notices.join('\n')).toMatch(/EffectiveCost empty or 0 while BilledCost was not: BilledCost was used/);
  });

  it('gives the same rows from a gzipped copy', async () => {
    const gz = write('copy/sample.csv.gz', zlib.gzipSync(sample.text));
    expectSameRows((await fetch([gz])).rows, (await fetch([SAMPLE])).rows);
  });

  it('gives the same rows from a snappy Parquet copy with typed columns and several row groups', async () => {
    const file = path.join(sample.tmp, 'copy/sample.snappy.parquet');
    const times = new Set(['ChargePeriodStart', 'ChargePeriodEnd', 'BillingPeriodStart', 'BillingPeriodEnd']);
    const numbers = new Set([
      'BilledCost',
      'EffectiveCost',
      'ListCost',
      'ContractedCost',
      'ConsumedQuantity',
      'PricingQuantity',
    ]);
    parquetWriteFile({
      filename: file,
      codec: 'SNAPPY',
      rowGroupSize: 300,
      columnData: sample.header.map((name) => {
        const raw = sample.records.map((r) => r[name]);
        if (times.has(name)) {
          return {
            name,
            type: 'TIMESTAMP',
            data: raw.map((v) => (isNull(v) ? null : new Date(v.replace(' ', 'T') + 'Z'))),
          };
        }
        if (numbers.has(name)) {
          return { name, type: 'DOUBLE', data: raw.map((v) => (isNull(v) ? null : Number(v))) };
        }
        return { name, type: 'STRING', data: raw.map((v) => (isNull(v) ? null : v)) };
      }),
    });
    // The file's own footer, read by DuckDB: four row groups, snappy.
    const db = await DuckDBInstance.create(':memory:');
    const footer = (
      await (
        await db.connect()
      ).runAndReadAll(
        `SELECT count(DISTINCT row_group_id) AS groups, any_value(compression) AS codec FROM parquet_metadata('${file}')`
      )
    ).getRowObjectsJS()[0];
    db.closeSync();
    expect(footer).toEqual({ groups: 4n, codec: 'SNAPPY' });

    const fromParquet = await fetch([file]);
    const fromCsv = await fetch([SAMPLE]);
    expectSameRows(fromParquet.rows, fromCsv.rows);
    expect(fromParquet.notices[0]).toMatch(/1 Parquet\), 1,000 rows read, 997 usage rows/);
  });

  it('reads folders recursively and skips files that are not exports, with a notice', async () => {
    write('tree/2024/09/part-1.csv', sample.text);
    write('tree/2024/10/part-2.csv.gz', zlib.gzipSync(sample.text));
    write('tree/manifest.json', '{}');
    write('tree/README.txt', 'not billing data');
    const single = await fetch([SAMPLE]);
    const tree = await fetch([path.join(sample.tmp, 'tree')]);
    expect(tree.rows).toHaveLength(single.rows.length);
    tree.rows.forEach((row, i) => close(row.amount, single.rows[i].amount * 2));
    expect(tree.notices[0]).toMatch(/2 file\(s\) \(1 CSV, 1 CSV.GZ\), 2,000 rows read/);
    expect(tree.notices.join('\n')).toContain(
      `skipped 2 file(s) that are not CSV, CSV.GZ or Parquet: ${path.join(sample.tmp, 'tree/README.txt')}, ${path.join(sample.tmp, 'tree/manifest.json')}`
    );
  });

  it('accepts a FOCUS 1.3 header (ServiceProviderName, HostProviderName)', async () => {
    const columns = sample.header.map((c) => (c === 'ProviderName' ? 'ServiceProviderName' : c));
    const renamed = sample.records.map((r) => ({ ...r, ServiceProviderName: r.ProviderName }));
    const v13 = write('v13/serviceProvider.csv', toCsv(columns, renamed));
    expectSameRows((await fetch([v13])).rows, (await fetch([SAMPLE])).rows);

    // The host (the cloud it runs on) wins over the seller for carbon.
    const hosted = write(
      'v13/hostProvider.csv',
      toCsv(
        [...columns, 'HostProviderName'],
        [{ ...renamed[0], ServiceProviderName: 'Snowflake', HostProviderName: 'Amazon Web Services' }]
      )
    );
    expect((await fetch([hosted])).rows.map((r) => r.provider)).toEqual(['aws']);
  });
});
