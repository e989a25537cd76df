/**
 * The re-dated FOCUS copies as the demo's Grafana reads them: written by the one-shot service's
 * own code (writeRedatedCopies) into a real folder, read by the backend's FOCUS source and by a
 * cloudEmissions query over the last 90 days, as the multi-cloud-carbon-trends dashboard asks.
 * Row counts per provider come from an independent parse of the published sample.
 */
import fs from 'node:fs';

import { writeRedatedCopies } from '../../demo/exporter/src/billing/redateCli';
import type { NumberField, TimeField } from '../../src/backend/frames/frame';
import { cloudEmissionsHandler } from '../../src/backend/queries/cloudEmissions';
import { Secrets, type DataSourceSettings } from '../../src/backend/core/settings';
import { aggregateFocusFiles } from '../sources/focusSample';
import { makeScratchDir } from '../helpers/prometheus';
import { countBy, endedBeforeNow, NOW, SAMPLE_FILE, SAMPLE_ROWS, type Row } from './focusRecent';
import { instanceFor } from '../helpers/instances';

const DAY = 86_400_000;
/** The sample's ProviderName as the backend names providers (FOCUS source notice "usage rows by provider"). */
const PROVIDER_ID: Record<string, string> = { AWS: 'aws', Microsoft: 'azure', Oracle: 'oci' };
const usageByProvider = (rows: Row[]) =>
  countBy(
    rows.filter((r) => r.ChargeCategory === 'Usage'),
    (r) => PROVIDER_ID[r.ProviderName]
  );

let dir: string;
let settings: DataSourceSettings;
beforeAll(() => {
  dir = makeScratchDir('focus-recent-');
  writeRedatedCopies({ sample: SAMPLE_FILE, out: dir, now: NOW, months: 3 });
  settings = {
    uid: 'demo',
    name: 'demo',
    jsonData: { focus: { paths: [dir] } },
    secrets: new Secrets(),
    lastUpdatedMS: 1,
  };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the re-dated copies through the backend's FOCUS source", () => {
  it.each([
    ['April', Date.UTC(2025, 3, 1), Date.UTC(2025, 4, 1), SAMPLE_ROWS],
    ['May', Date.UTC(2025, 4, 1), Date.UTC(2025, 5, 1), SAMPLE_ROWS],
    ['June up to now', Date.UTC(2025, 5, 1), NOW, SAMPLE_ROWS.filter(endedBeforeNow)],
  ])('%s: every usage row, with the sample’s per-provider counts, and no bad row', async (_m, from, to, expected) => {
    const { stats, files, skipped } = await aggregateFocusFiles([dir], { from, to, granularity: 'daily', filters: {} });
    expect(files).toHaveLength(3);
    expect(skipped.map((f) => f.slice(dir.length + 1))).toEqual(['ATTRIBUTION.md']);
    expect(stats.badRows).toBe(0);
    expect(Object.fromEntries(stats.usageRowsByProvider)).toEqual(usageByProvider(expected));
    // By hand from the sample: AWS 941 usage rows, Microsoft 51, Oracle 5.
    if (expected === SAMPLE_ROWS) {
      expect(Object.fromEntries(stats.usageRowsByProvider)).toEqual({ aws: 941, azure: 51, oci: 5 });
    }
  });

  it('finds nothing in March or after now: no row outside the three months', async () => {
    for (const [from, to] of [
      [Date.UTC(2025, 2, 1), Date.UTC(2025, 3, 1)],
      [NOW, Date.UTC(2025, 7, 1)],
    ]) {
      const { stats } = await aggregateFocusFiles([dir], { from, to, granularity: 'daily', filters: {} });
      expect(stats.usageRows).toBe(0);
    }
  });
});

describe('cloudEmissions over the last 90 days at 2025-06-18 12:00 UTC', () => {
  it('has cost and CO2e in April, May and June, with May’s cost 95/90 of April’s', async () => {
    const query = cloudEmissionsHandler.parse({
      queryType: 'cloudEmissions',
      source: 'focus',
      metrics: ['cost', 'co2e'],
      granularity: 'monthly',
    });
    const frames = await cloudEmissionsHandler.run({
      refId: 'A',
      query,
      timeRange: { from: NOW - 90 * DAY, to: NOW },
      intervalMs: 0,
      maxDataPoints: 0,
      settings,
      instance: instanceFor(settings),
    });
    const series = (name: string) => {
      const frame = frames.find((f) => f.fields[1].name === name)!;
      const times = (frame.fields[0] as TimeField).values;
      const values = (frame.fields[1] as NumberField).values;
      return Object.fromEntries(times.map((t, i) => [new Date(t).toISOString().slice(0, 7), values[i]!]));
    };
    const cost = series('cost');
    const co2e = series('co2e');
    // 90 days back from June 18th is March 20th: March has no copy.
    expect(Object.keys(cost)).toEqual(['2025-03', '2025-04', '2025-05', '2025-06']);
    expect(cost['2025-03']).toBe(0);
    expect(co2e['2025-03']).toBe(0);
    for (const month of ['2025-04', '2025-05', '2025-06']) {
      expect(cost[month]).toBeGreaterThan(0);
      expect(co2e[month]).toBeGreaterThan(0);
    }
    // April and May hold the same rows, costs ×0.90 and ×0.95.
    expect(cost['2025-05'] / cost['2025-04']).toBeCloseTo(95 / 90, 9);
  });
});
