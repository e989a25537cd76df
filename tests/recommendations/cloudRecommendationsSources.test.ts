/**
 * cloudRecommendations with both kinds: region switch from the FOCUS fixture and rightsizing from
 * Cost Explorer (the real SDK against the replay server). One source failing leaves the other's
 * rows and a warning; both failing fails the query; no key in any text.
 */
import path from 'node:path';
import { inspect } from 'node:util';
import type { Frame, NumberField, StringField } from '../../src/backend/frames/frame';
import { cloudRecommendationsHandler } from '../../src/backend/queries/recommendations/cloudRecommendations';
import { QueryError } from '../../src/backend/core/errors';
import type { DataSourceSettings } from '../../src/backend/core/settings';
import { ceError, fixture, settings as awsSettings, useReplayServer } from '../sources/costExplorerHarness';
import { instanceFor } from '../helpers/instances';

const GET_RIGHTSIZING = 'AWSInsightsIndexService.GetRightsizingRecommendation';
const FIXTURE = path.resolve(__dirname, '../fixtures/focus/region-switch.csv');
const RANGE = { from: Date.UTC(2024, 8, 18, 0), to: Date.UTC(2024, 8, 18, 2) };
const replay = useReplayServer();

function withFocus(paths: string[]): DataSourceSettings {
  const s = awsSettings();
  return { ...s, jsonData: { ...s.jsonData, focus: { paths } } };
}

async function run(query: Record<string, unknown>, settings: DataSourceSettings): Promise<Frame> {
  const parsed = cloudRecommendationsHandler.parse({ queryType: 'cloudRecommendations', source: 'focus', ...query });
  const [frame] = await cloudRecommendationsHandler.run({
    refId: 'A',
    query: parsed,
    timeRange: RANGE,
    intervalMs: 0,
    maxDataPoints: 0,
    settings,
    instance: instanceFor(settings),
  });
  replay.seenText.push(
    ...(frame.meta?.notices ?? []).map((n) => n.text),
    ...frame.fields.flatMap((f) => f.values.map(String))
  );
  return frame;
}

const strings = (frame: Frame, name: string) => (frame.fields.find((f) => f.name === name) as StringField).values;
const numbers = (frame: Frame, name: string) =>
  (frame.fields.find((f) => f.name === name) as NumberField).values as number[];

describe('cloudRecommendations with region switch and rightsizing', () => {
  it('runs both kinds when AWS is configured, ranked together by CO2e saved', async () => {
    const page1 = fixture('get-rightsizing-recommendation.page1.json');
    const page2 = fixture('get-rightsizing-recommendation.page2.json');
    const token = (page1.body as { NextPageToken: string }).NextPageToken;
    replay.server.route(GET_RIGHTSIZING, (req) => (req.json.NextPageToken === token ? page2 : page1));
    const frame = await run({}, withFocus([FIXTURE]));
    const kinds = strings(frame, 'kind');
    expect(new Set(kinds)).toEqual(new Set(['regionSwitch', 'rightsizing']));
    expect(kinds.filter((k) => k === 'regionSwitch')).toHaveLength(2);
    const saved = numbers(frame, 'monthlyKgCO2eSaved');
    expect(saved).toEqual([...saved].sort((a, b) => b - a));
    expect(frame.meta?.executedQueryString).toMatch(/GetRightsizingRecommendation/);
  });

  it('keeps the region switch rows and warns when Cost Explorer denies rightsizing', async () => {
    replay.server.route(GET_RIGHTSIZING, ceError('get-rightsizing-recommendation.access-denied.json'));
    const frame = await run({}, withFocus([FIXTURE]));
    expect(strings(frame, 'region')).toEqual(['us-east-1', 'us-west-2']); // by CO2e saved: PJM 403 vs BPAT 109 g/kWh (2024)
    const warning = frame.meta?.notices?.find((n) => n.severity === 'warning');
    expect(warning?.text).toMatch(
      /^Rightsizing recommendations are missing: Cost Explorer denied access to rightsizing recommendations \(AccessDeniedException\)/
    );
  });

  it('fails the query, naming both, when neither source answers', async () => {
    replay.server.route(GET_RIGHTSIZING, ceError('get-rightsizing-recommendation.access-denied.json'));
    const missing = path.join(__dirname, 'no-such-export.csv');
    let error: unknown;
    try {
      await run({}, withFocus([missing]));
    } catch (e) {
      error = e;
      replay.seenText.push(String(e), (e as Error).message, inspect(e));
    }
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).message).toMatch(
      /^Region switch: .*no-such-export\.csv.*; Rightsizing: Cost Explorer denied access/
    );
    expect((error as QueryError).source).toBe('downstream');
  });
});
