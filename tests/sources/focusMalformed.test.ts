/**
 * FOCUS field rules (x_UsageType, SKU details, corrections, fallbacks), malformed files (missing
 * columns, bad values, truncated or fake gzip, fake Parquet, broken quoting) and health checks.
 */
import path from 'node:path';
import zlib from 'node:zlib';

import {
  close,
  escape,
  fetch,
  fetchError,
  focusSource,
  type Rec,
  sample,
  SEPTEMBER_2024,
  toCsv,
  useFocusSample,
  write,
} from './focusSample';

useFocusSample();

describe('FOCUS fields', () => {
  const base: Rec = {
    ChargePeriodStart: '2024-09-05T10:00:00Z',
    ChargeCategory: 'Usage',
    ChargeClass: '',
    ProviderName: 'AWS',
    SubAccountId: '111111111111',
    RegionId: 'us-east-1',
    ServiceName: 'Amazon Elastic Compute Cloud',
    ServiceCategory: 'Compute',
    ConsumedQuantity: '10',
    ConsumedUnit: 'Hours',
    PricingQuantity: '10',
    PricingUnit: 'Hours',
    BilledCost: '1',
    EffectiveCost: '0.8',
    BillingCurrency: 'USD',
    CommitmentDiscountStatus: '',
    ChargeDescription: '',
    x_UsageType: 'USE1-BoxUsage:m5.large',
    x_SkuDetails: '',
    BillingPeriodStart: '2024-09-01T00:00:00Z',
  };
  const columns = Object.keys(base);
  const file = (name: string, rows: Rec[]) =>
    write(
      `fields/${name}.csv`,
      toCsv(
        columns,
        rows.map((r) => ({ ...base, ...r }))
      )
    );

  it('takes usage type and instance type from x_UsageType, and Azure instance type and vCPUs from x_SkuDetails', async () => {
    const { rows } = await fetch([
      file('providers', [
        {},
        {
          ProviderName: 'Microsoft',
          RegionId: 'westeurope',
          x_UsageType: '',
          ChargeDescription: 'Virtual Machines Dsv3 Series - D2s v3 - EU West',
          x_SkuDetails: '{"ServiceType":"Standard_D2s_v3","VCPUs":2,"UsageType":"ComputeHR"}',
        },
      ]),
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        provider: 'aws',
        usageType: 'USE1-BoxUsage:m5.large',
        instanceType: 'm5.large',
        cost: 0.8,
      }),
      expect.objectContaining({
        provider: 'azure',
        region: 'westeurope',
        usageType: 'Virtual Machines Dsv3 Series - D2s v3 - EU West',
        instanceType: 'Standard_D2s_v3',
        vCpus: 2,
      }),
    ]);
  });

  it('counts a correction in the charge period it corrects, not the period it was billed in', async () => {
    const rows: Rec[] = [
      {},
      {
        ChargeClass: 'Correction',
        BillingPeriodStart: '2024-10-01T00:00:00Z',
        ConsumedQuantity: '-2',
        BilledCost: '-0.2',
        EffectiveCost: '-0.16',
      },
    ];
    const sept = await fetch([file('correction', rows)]);
    expect(sept.rows).toEqual([expect.objectContaining({ start: Date.parse('2024-09-05T00:00:00Z'), amount: 8 })]);
    close(sept.rows[0].cost, 0.64);
    expect(sept.notices.join('\n')).toMatch(/1 correction row\(s\) .* counted in the charge periods they correct/);

    const october = await fetch([file('correction', rows)], {
      ...SEPTEMBER_2024,
      from: Date.parse('2024-10-01T00:00:00Z'),
    });
    expect(october.rows).toEqual([]);
  });

  it('falls back to PricingQuantity when ConsumedQuantity is null, and gives unused commitments no usage', async () => {
    const { rows, notices } = await fetch([
      file('fallbacks', [
        { ConsumedQuantity: 'NULL', ConsumedUnit: 'NULL', PricingQuantity: '3', PricingUnit: 'Hrs' },
        {
          ConsumedQuantity: '',
          ConsumedUnit: '',
          CommitmentDiscountStatus: 'Unused',
          x_UsageType: 'USE1-HeavyUsage:m5.large',
        },
      ]),
    ]);
    expect(rows.map((r) => [r.amount, r.unit])).toEqual([
      [3, 'Hrs'],
      [0, 'Hours'],
    ]);
    expect(notices.join('\n')).toMatch(
      /1 usage row\(s\) had no ConsumedQuantity: their PricingQuantity and PricingUnit were used/
    );
    expect(notices.join('\n')).toMatch(/1 unused-commitment row\(s\) add cost but no usage/);
  });
});

// --- malformed input -------------------------------------------------------------------------------

describe('malformed files', () => {
  it('fails naming the file and every missing column with the FOCUS versions that name it', async () => {
    const file = write('bad/columns.csv', 'ChargePeriodStart,ServiceName,BilledCost\n2024-09-01,EC2,1\n');
    const err = await fetchError([file]);
    expect(err.status).toBe(502);
    expect(err.source).toBe('downstream');
    expect(err.message).toContain(`${file}: missing required FOCUS columns`);
    expect(err.message).toContain('ChargeCategory (FOCUS 1.0–1.3; FOCUS 0.5 called it ChargeType');
    expect(err.message).toContain('ProviderName (FOCUS 1.0–1.2) or ServiceProviderName / HostProviderName (FOCUS 1.3)');
    expect(err.message).toContain('EffectiveCost (FOCUS 1.0–1.3)');
  });

  it('skips rows with bad numbers, dates or field counts, naming the first few by file and row', async () => {
    const usageIndexes = sample.records.map((r, i) => (r.ChargeCategory === 'Usage' ? i : -1)).filter((i) => i >= 0);
    const [a, b, c, d] = [usageIndexes[4], usageIndexes[9], usageIndexes[20], usageIndexes[30]];
    const broken = sample.records.map((r) => ({ ...r }));
    broken[a].EffectiveCost = 'abc';
    broken[b].ChargePeriodStart = '2024-13-45 99:00:00';
    broken[c].ConsumedQuantity = '1,5';
    const lines = toCsv(sample.header, broken).split('\n');
    lines[d + 1] = lines[d + 1].replace(/,"(?:[^"]|"")*"$/, ''); // drop the last (quoted) field
    const file = write('bad/values.csv', lines.join('\n'));

    const { rows, notices } = await fetch([file]);
    expect(rows.length).toBeGreaterThan(0);
    const notice = notices.find((n) => n.includes('skipped 4 row(s) with bad values'));
    expect(notice).toBe(
      // Rows count from the first data row (record index + 1); DuckDB's rejected lines name their line.
      `FOCUS: skipped 4 row(s) with bad values: ${file}:row ${a + 1} (EffectiveCost "abc" is not a number); ` +
        `${file}:row ${b + 1} (ChargePeriodStart "2024-13-45 99:00:00" is not a date-time); ` +
        `${file}:row ${c + 1} (ConsumedQuantity "1,5" is not a number); ….`
    );
    expect(notices[0]).toMatch(/1,000 rows read, 993 usage rows/);
  });

  it('fails on a truncated gzip, naming the file', async () => {
    const gz = zlib.gzipSync(sample.text);
    const file = write('bad/truncated.csv.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    const err = await fetchError([file]);
    expect(err.status).toBe(502);
    expect(err.message).toMatch(new RegExp(`^${escape(file)}: the gzip stream is truncated`));
  });

  it('fails on a text file named .csv.gz', async () => {
    const file = write('bad/plain.csv.gz', sample.text);
    const err = await fetchError([file]);
    expect(err.message).toMatch(new RegExp(`^${escape(file)}: not a gzip file`));
  });

  it('fails on a file named .parquet that is not Parquet', async () => {
    const file = write('bad/fake.parquet', sample.text);
    const err = await fetchError([file]);
    expect(err.message).toMatch(new RegExp(`^${escape(file)}: not a Parquet file, or truncated`));
  });

  it('fails on broken CSV quoting, naming the file', async () => {
    const file = write('bad/quotes.csv', `${sample.header.join(',')}\n"unterminated,1,2\n`);
    const err = await fetchError([file]);
    expect(err.status).toBe(502);
    expect(err.message).toBe(
      `${file}: not valid CSV: it cannot be read as comma-separated values with double quotes (an unclosed quote?).`
    );
  });

  it('fails on an empty file and on a missing path', async () => {
    const empty = write('bad/empty.csv', '');
    expect((await fetchError([empty])).message).toBe(`${empty}: the file is empty (no header row).`);
    const missing = path.join(sample.tmp, 'nowhere');
    const err = await fetchError([missing]);
    expect(err.status).toBe(404);
    expect(err.message).toBe(
      `FOCUS path ${missing} does not exist on the Grafana server (ENOENT): fix the path in the datasource settings.`
    );
  });

  it('asks for paths when none are configured', async () => {
    const err = await fetchError([]);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/No FOCUS export paths are configured/);
  });
});

describe('checkHealth', () => {
  it('counts the files of each kind and checks every header', async () => {
    write('health-ok/a.csv', sample.text);
    write('health-ok/nested/b.csv.gz', zlib.gzipSync(sample.text));
    write('health-ok/manifest.json', '{}');
    const health = await focusSource([path.join(sample.tmp, 'health-ok')]).checkHealth();
    expect(health).toEqual({
      ok: true,
      message: `FOCUS exports: 2 file(s) (1 CSV, 1 CSV.GZ) in 1 path(s), every header has the required FOCUS columns. Skipped 1 other file(s): ${path.join(sample.tmp, 'health-ok/manifest.json')}.`,
    });
  });

  it('says exactly which files are wrong', async () => {
    write('health-bad/good.csv', sample.text);
    const columns = write('health-bad/columns.csv', 'ChargePeriodStart,ServiceName\n');
    const fake = write('health-bad/fake.csv.gz', 'plain text');
    const health = await focusSource([path.join(sample.tmp, 'health-bad')]).checkHealth();
    expect(health.ok).toBe(false);
    expect(health.message).toMatch(
      /^FOCUS exports: 2 of 3 file\(s\) \(2 CSV, 1 CSV.GZ\) in 1 path\(s\) cannot be read: /
    );
    expect(health.message).toContain(`${columns}: missing required FOCUS columns ChargeCategory`);
    expect(health.message).toContain(`${fake}: not a gzip file`);
  });

  it('reports a missing path and missing configuration', async () => {
    const missing = path.join(sample.tmp, 'gone');
    expect(await focusSource([missing]).checkHealth()).toEqual({
      ok: false,
      message: `FOCUS path ${missing} does not exist on the Grafana server (ENOENT): fix the path in the datasource settings.`,
    });
    expect((await focusSource([]).checkHealth()).message).toMatch(/No FOCUS export paths are configured/);
  });
});
