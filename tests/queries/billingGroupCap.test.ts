/**
 * cloudEmissions over a FOCUS file with more groups than an answer holds (core/limits.ts: 500
 * series groups, 10,000 table rows): the costliest are kept, the rest summed as "(others)", with a
 * notice, and the answer's totals stay whole. One m5.large day per account, account i costing i USD,
 * so which accounts are kept and what the others sum to follow from the file alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cloudEmissionsHandler } from '../../src/backend/queries/cloudEmissions';
import type { Frame, NumberField, StringField } from '../../src/backend/frames/frame';
import { Secrets, type DataSourceSettings } from '../../src/backend/core/settings';
import { instanceFor } from '../helpers/instances';

const HEADER =
  'ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ProviderName,SubAccountId,RegionId,ServiceName,ServiceCategory,' +
  'ConsumedQuantity,ConsumedUnit,PricingQuantity,PricingUnit,BilledCost,EffectiveCost,BillingCurrency,x_UsageType';
const JUNE = { from: Date.UTC(2024, 5, 1), to: Date.UTC(2024, 5, 2) };

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A FOCUS folder with `accounts` accounts, account i (1-based) costing i USD on 1 June 2024. */
function bill(accounts: number): DataSourceSettings {
  const dir = mkdtempSync(path.join(tmpdir(), 'greenops-groups-'));
  dirs.push(dir);
  const rows = Array.from(
    { length: accounts },
    (_, i) =>
      `2024-06-01T00:00:00Z,2024-06-02T00:00:00Z,Usage,NULL,AWS,${String(i + 1).padStart(12, '0')},eu-west-1,` +
      `Amazon Elastic Compute Cloud,Compute,24,Hours,24,Hours,${i + 1},${i + 1},USD,EUW1-BoxUsage:m5.large`
  );
  writeFileSync(path.join(dir, 'export.csv'), [HEADER, ...rows].join('\n') + '\n');
  return {
    uid: `g${accounts}`,
    name: 'g',
    jsonData: { focus: { paths: [dir] } },
    secrets: new Secrets(),
    lastUpdatedMS: 1,
  };
}

function emissions(settings: DataSourceSettings, format: 'table' | 'timeseries'): Promise<Frame[]> {
  const query = cloudEmissionsHandler.parse({
    queryType: 'cloudEmissions',
    source: 'focus',
    metrics: ['cost', 'energy'],
    groupBy: ['account'],
    granularity: 'daily',
    format,
  });
  return cloudEmissionsHandler.run({
    refId: 'A',
    query,
    timeRange: JUNE,
    intervalMs: 0,
    maxDataPoints: 0,
    settings,
    instance: instanceFor(settings),
  });
}

const sumTo = (n: number) => (n * (n + 1)) / 2;
const costSeries = (frames: Frame[]) => frames.filter((f) => f.fields.some((x) => x.name === 'cost'));
const valueOf = (f: Frame, name: string) => (f.fields.find((x) => x.name === name) as NumberField).values[0]!;
const account = (f: Frame) => f.fields.find((x) => x.name === 'cost')!.labels!.account;

describe('billing answers past their group limit', () => {
  it('keeps 500 series groups as they are (the limit)', async () => {
    const series = costSeries(await emissions(bill(500), 'timeseries'));
    expect(series).toHaveLength(500);
    expect(series.map(account)).not.toContain('(others)');
    expect(series[0].meta?.notices?.some((n) => /summed as/.test(n.text))).toBe(false);
  });

  it('at 501, keeps the 499 costliest and sums the 2 cheapest (1 + 2 USD) as "(others)"', async () => {
    const frames = await emissions(bill(501), 'timeseries');
    const series = costSeries(frames);
    expect(series).toHaveLength(500);
    const others = series.find((f) => account(f) === '(others)')!;
    expect(valueOf(others, 'cost')).toBeCloseTo(3, 9);
    expect(series.map(account)).not.toContain('000000000001');
    expect(series.map(account)).toContain('000000000003');
    // Every account ran the same m5.large day: the others hold exactly two accounts' energy.
    const one = frames.find(
      (f) => f.fields.some((x) => x.name === 'energy') && f.fields[1].labels?.account === '000000000003'
    )!;
    const othersEnergy = frames.find(
      (f) => f.fields.some((x) => x.name === 'energy') && f.fields[1].labels?.account === '(others)'
    )!;
    expect(valueOf(othersEnergy, 'energy')).toBeCloseTo(2 * valueOf(one, 'energy'), 12);
    // Nothing lost: the answer's cost is the bill's, 1 + … + 501.
    expect(series.reduce((s, f) => s + valueOf(f, 'cost'), 0)).toBeCloseTo(sumTo(501), 6);
    expect(series[0].meta?.notices).toContainEqual({
      severity: 'info',
      text: '2 groups past the 499 costliest are summed as "(others)" (3.00 USD): filter, or group by fewer dimensions, to see them one by one.',
    });
  });

  it('tables keep 10,000 rows and fold the rest: 10,001 accounts give 9,999 rows and "(others)" of 1 + 2 USD', async () => {
    const [table] = await emissions(bill(10_001), 'table');
    const accounts = (table.fields.find((f) => f.name === 'account') as StringField).values;
    const costs = (table.fields.find((f) => f.name === 'cost') as NumberField).values;
    expect(accounts).toHaveLength(10_000);
    expect(costs[accounts.indexOf('(others)')]).toBeCloseTo(3, 9);
    expect(costs.reduce((s, c) => s! + c!, 0)).toBeCloseTo(sumTo(10_001), 3);
  });
});
