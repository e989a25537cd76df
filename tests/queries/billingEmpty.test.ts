/**
 * Billing queries with nothing to show say why (issue 14, item 9): a FOCUS export whose every row
 * is left out gives cloudEmissions an empty frame (time series) or an empty table carrying a
 * warning and the counts of where the rows went; cloudTrend flags the period without usage. The
 * counts are those of the file written here (by hand: which rows are which).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cloudEmissionsHandler } from '../../src/backend/queries/cloudEmissions';
import { cloudTrendHandler } from '../../src/backend/queries/cloudTrend';
import { Secrets, type DataSourceSettings } from '../../src/backend/core/settings';
import type { Frame } from '../../src/backend/frames/frame';
import { instanceFor } from '../helpers/instances';

const HEADER =
  'ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ProviderName,SubAccountId,RegionId,ServiceName,ServiceCategory,' +
  'ConsumedQuantity,ConsumedUnit,PricingQuantity,PricingUnit,BilledCost,EffectiveCost,BillingCurrency,x_UsageType';
const row = (start: string, category: string, quantity: string) =>
  `${start},${start.replace('-10T', '-11T')},${category},NULL,AWS,111111111111,eu-west-1,Amazon Elastic Compute Cloud,Compute,${quantity},Hours,${quantity},Hours,2.304,2.304,USD,EUW1-BoxUsage:m5.large`;
// June 2024: two rows that are not usage (a purchase, a tax), one whose quantity does not parse;
// one usage row in May, outside June. Nothing is left to estimate in June.
const ROWS = [
  row('2024-06-10T00:00:00Z', 'Purchase', '24'),
  row('2024-06-10T00:00:00Z', 'Tax', '24'),
  row('2024-06-10T00:00:00Z', 'Usage', 'twenty-four'),
  row('2024-05-10T00:00:00Z', 'Usage', '24'),
];
const JUNE = { from: Date.UTC(2024, 5, 1), to: Date.UTC(2024, 6, 1) };
const NO_USAGE =
  "No billing usage to estimate for this range and filters: there are no figures, not figures of 0. The billing source's notices say what it read and why nothing was kept.";
const WHY =
  'FOCUS: no usage row to estimate: of 4 rows read, 2 not ChargeCategory "Usage", 1 outside the time range, 1 skipped for bad values.';

let dir: string;
let settings: DataSourceSettings;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'greenops-empty-'));
  writeFileSync(path.join(dir, 'export.csv'), [HEADER, ...ROWS].join('\n') + '\n');
  settings = { uid: 'e', name: 'e', jsonData: { focus: { paths: [dir] } }, secrets: new Secrets(), lastUpdatedMS: 1 };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const notices = (frame: Frame) => (frame.meta?.notices ?? []).map((n) => `${n.severity}: ${n.text}`);

function emissions(format: 'timeseries' | 'table') {
  const query = cloudEmissionsHandler.parse({
    queryType: 'cloudEmissions',
    source: 'focus',
    metrics: ['co2e', 'cost'],
    groupBy: ['service'],
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

describe('cloudEmissions when every FOCUS row is left out', () => {
  it('time series: one frame without fields, with a warning and where the rows went', async () => {
    const frames = await emissions('timeseries');
    expect(frames).toHaveLength(1);
    expect(frames[0].fields).toEqual([]);
    expect(notices(frames[0])).toEqual(expect.arrayContaining([`warning: ${NO_USAGE}`, `info: ${WHY}`]));
    expect(notices(frames[0]).join('\n')).toMatch(/skipped 1 row\(s\) with bad values: .*export\.csv:row 3/);
  });

  it('table: a table with no rows, with the same notices', async () => {
    const [frame] = await emissions('table');
    expect(frame.fields.map((f) => f.values.length)).toEqual(frame.fields.map(() => 0));
    expect(notices(frame)).toEqual(expect.arrayContaining([`warning: ${NO_USAGE}`, `info: ${WHY}`]));
  });
});

describe('cloudTrend', () => {
  it('flags the period without usage (June here; May holds the one usage row)', async () => {
    const query = cloudTrendHandler.parse({ queryType: 'cloudTrend', source: 'focus' });
    const [frame] = await cloudTrendHandler.run({
      refId: 'T',
      query,
      timeRange: JUNE,
      intervalMs: 0,
      maxDataPoints: 0,
      settings,
      instance: instanceFor(settings),
    });
    const texts = notices(frame);
    expect(texts).toContain(`warning: This period: ${NO_USAGE}`);
    expect(texts.filter((t) => t.includes('Previous period: No billing usage'))).toEqual([]);
  });
});
