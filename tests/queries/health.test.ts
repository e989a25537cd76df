/** "Save & test" against real billing sources: a readable FOCUS folder, a missing path, no sources. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkDataSourceHealth } from '../../src/backend/queries/health';
import { Secrets, type DataSourceSettings } from '../../src/backend/core/settings';
import type { CarbonDataSourceOptions } from '../../src/datasource/types';
import { instanceFor } from '../helpers/instances';

const HEADER =
  'ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ProviderName,SubAccountId,RegionId,ServiceName,ServiceCategory,' +
  'ConsumedQuantity,ConsumedUnit,PricingQuantity,PricingUnit,BilledCost,EffectiveCost,BillingCurrency';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'greenops-health-'));
  writeFileSync(path.join(dir, 'ok.csv'), `${HEADER}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settingsWith = (jsonData: CarbonDataSourceOptions): DataSourceSettings => ({
  uid: 'h',
  name: 'h',
  jsonData,
  secrets: new Secrets(),
  lastUpdatedMS: 1,
});

describe('CheckHealth with billing sources', () => {
  it('is OK with a readable FOCUS folder, and says so for that source', async () => {
    const result = await checkDataSourceHealth(instanceFor(settingsWith({ focus: { paths: [dir] } })));
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/FOCUS exports: OK/);
  });

  it('fails naming the path that does not exist', async () => {
    const missing = path.join(dir, 'nope');
    const result = await checkDataSourceHealth(instanceFor(settingsWith({ focus: { paths: [dir, missing] } })));
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/FOCUS exports: FAILED/);
    expect(result.message).toContain(missing);
  });

  it('fails naming the columns a FOCUS file lacks', async () => {
    const bad = path.join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(path.join(bad, 'x.csv'), 'ChargePeriodStart,ServiceName\n');
    const result = await checkDataSourceHealth(instanceFor(settingsWith({ focus: { paths: [bad] } })));
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/ChargeCategory/);
  });

  it('says how to add a billing source when none is configured', async () => {
    const result = await checkDataSourceHealth(instanceFor(settingsWith({})));
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/No billing source configured yet/);
  });
});
