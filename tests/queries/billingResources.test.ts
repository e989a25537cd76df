/**
 * The billing list routes (providers, accounts, services): FOCUS against the public FOCUS sample
 * (expected values from an independent csv-parse read of the file), Cost Explorer through the real
 * AWS SDK against the local replay server (GetDimensionValues: request shape, pages, the cache that
 * keeps a refreshing dashboard from paying USD 0.01 per load, errors without secrets).
 */
import { inspect } from 'node:util';

import { handleResource, type ResourceOptions } from '../../src/backend/queries/resources';
import { Secrets, type DataSourceSettings } from '../../src/backend/core/settings';
import type { ListedValue } from '../../src/backend/queries/resources/http';
import { awsJsonError } from '../helpers/awsReplayServer';
import { instanceFor } from '../helpers/instances';
import {
  ACCESS_KEY_ID,
  fixture,
  NOW,
  SECRET,
  settings as ceSettings,
  useReplayServer,
} from '../sources/costExplorerHarness';
import { isNull, type Rec, sample, SAMPLE, useFocusSample } from '../sources/focusSample';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});

const replay = useReplayServer();
useFocusSample();

const GET_DIMENSION_VALUES = 'AWSInsightsIndexService.GetDimensionValues';
const SEPTEMBER = { from: Date.parse('2024-09-01T00:00:00Z'), to: Date.parse('2024-10-01T00:00:00Z') };

const focusSettings = (extra: DataSourceSettings['jsonData'] = {}): DataSourceSettings => ({
  uid: 'focus-lists',
  name: 'focus',
  jsonData: { focus: { paths: [SAMPLE] }, ...extra },
  secrets: new Secrets(),
  lastUpdatedMS: 1,
});

async function get(
  path: string,
  query: Record<string, string | number>,
  settings: DataSourceSettings,
  options: ResourceOptions = {}
) {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return handleResource({ method: 'GET', path, query: params }, instanceFor(settings), options);
}
const valuesOf = (body: unknown) => (body as ListedValue[]).map((v) => v.value);

// --- independent reference: the sample's usage records in a window -----------------------------
const utc = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);
const usageIn = (from: number, to: number) =>
  sample.records.filter(
    (r) => r.ChargeCategory === 'Usage' && utc(r.ChargePeriodStart) >= from && utc(r.ChargePeriodStart) < to
  );
const distinct = (rs: Rec[], pick: (r: Rec) => string) => [...new Set(rs.map(pick).filter((v) => !isNull(v)))].sort();
const accountOf = (r: Rec) => (isNull(r.SubAccountId) ? r.BillingAccountId : r.SubAccountId);

describe('FOCUS lists', () => {
  it('accounts and services with usage in September 2024', async () => {
    const usage = usageIn(SEPTEMBER.from, SEPTEMBER.to);
    expect(usage.length).toBeGreaterThan(900);
    const accounts = await get('accounts', SEPTEMBER, focusSettings());
    expect(accounts.status).toBe(200);
    expect(valuesOf(accounts.body)).toEqual(distinct(usage, accountOf));
    const services = await get('services', { ...SEPTEMBER, source: 'focus' }, focusSettings());
    expect(valuesOf(services.body)).toEqual(distinct(usage, (r) => r.ServiceName));
  });

  it('only what the window holds: 10 to 12 September', async () => {
    const window = { from: Date.parse('2024-09-10T00:00:00Z'), to: Date.parse('2024-09-12T00:00:00Z') };
    const usage = usageIn(window.from, window.to);
    const all = usageIn(SEPTEMBER.from, SEPTEMBER.to);
    const expected = distinct(usage, (r) => r.ServiceName);
    // The window must tell something apart, or this test could not fail.
    expect(expected.length).toBeLessThan(distinct(all, (r) => r.ServiceName).length);
    expect(valuesOf((await get('services', window, focusSettings())).body)).toEqual(expected);
  });

  it('nothing outside the export (the default window is the last 30 days; the sample is from 2024)', async () => {
    expect(await get('accounts', {}, focusSettings())).toEqual({ status: 200, body: [] });
  });

  it('providers: without source= only those with grid data, even when the export bills Oracle (oci)', async () => {
    expect(new Set(sample.records.map((r) => r.ProviderName))).toEqual(new Set(['AWS', 'Microsoft', 'Oracle']));
    // gridIntensity and the regions route accept exactly these, so a $provider variable never offers one they reject.
    expect(valuesOf((await get('providers', SEPTEMBER, focusSettings())).body)).toEqual(['aws', 'azure', 'gcp']);
    expect(valuesOf((await get('providers', {}, focusSettings())).body)).toEqual(['aws', 'azure', 'gcp']);
  });

  it("providers with source=focus: the export's own (AWS, Microsoft, Oracle as aws, azure, oci), no gcp", async () => {
    expect(valuesOf((await get('providers', { ...SEPTEMBER, source: 'focus' }, focusSettings())).body)).toEqual([
      'aws',
      'azure',
      'oci',
    ]);
    // Outside the export's month there are no usage rows, so no providers either.
    expect(await get('providers', { source: 'focus' }, focusSettings())).toEqual({ status: 200, body: [] });
  });
});

describe('Cost Explorer lists (GetDimensionValues through the real SDK)', () => {
  const options = (): ResourceOptions => ({
    costExplorer: { now: () => NOW, retry: { sleep: async () => undefined }, requestTimeoutMs: 2000 },
  });
  const MARCH = { from: Date.parse('2025-03-01T00:00:00Z'), to: Date.parse('2025-03-08T00:00:00Z') };

  it('accounts: every page, named by their description, one billed request per page', async () => {
    replay.server.route(GET_DIMENSION_VALUES, (req) =>
      req.json.NextPageToken
        ? fixture('get-dimension-values.linked-account.page2.json')
        : fixture('get-dimension-values.linked-account.page1.json')
    );
    const result = await get('accounts', MARCH, ceSettings(), options());

    const calls = replay.server.requestsFor(GET_DIMENSION_VALUES);
    expect(calls.map((c) => c.json)).toEqual([
      {
        TimePeriod: { Start: '2025-03-01', End: '2025-03-08' },
        Dimension: 'LINKED_ACCOUNT',
        Context: 'COST_AND_USAGE',
        Filter: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage'] } },
      },
      expect.objectContaining({ NextPageToken: 'AAMA-EFRSURBSGhNY1lzdmF0dGVyZWRQYWdlMg==' }),
    ]);
    expect(calls[0].headers.authorization).toContain(`Credential=${ACCESS_KEY_ID}/`);
    const pages = [
      fixture('get-dimension-values.linked-account.page1.json').body,
      fixture('get-dimension-values.linked-account.page2.json').body,
    ] as Array<{ DimensionValues: Array<{ Value: string; Attributes: { description: string } }> }>;
    const expected = pages
      .flatMap((p) => p.DimensionValues)
      .map((d) => ({ value: d.Value, label: d.Attributes.description }))
      .sort((a, b) => (a.value < b.value ? -1 : 1));
    expect(result).toEqual({ status: 200, body: expected });
  });

  it('a refreshing dashboard is served from the cache within the day; another dimension is asked once', async () => {
    replay.server.route(GET_DIMENSION_VALUES, (req) =>
      req.json.Dimension === 'SERVICE'
        ? fixture('get-dimension-values.service.json')
        : fixture('get-dimension-values.linked-account.page2.json')
    );
    const opts = options();
    const settings = ceSettings();
    await get('services', MARCH, settings, opts);
    // A moving "to" within the same day is the same whole-day period, so the same answer.
    const again = await get('services', { ...MARCH, to: MARCH.to - 3_600_000 }, settings, opts);
    await get('accounts', MARCH, settings, opts);
    await get('accounts', MARCH, settings, opts);

    expect(replay.server.requestsFor(GET_DIMENSION_VALUES).map((c) => c.json.Dimension)).toEqual([
      'SERVICE',
      'LINKED_ACCOUNT',
    ]);
    const services = (
      fixture('get-dimension-values.service.json').body as { DimensionValues: Array<{ Value: string }> }
    ).DimensionValues.map((d) => d.Value).sort();
    expect(valuesOf(again.body)).toEqual(services);
    expect((again.body as ListedValue[]).every((v) => v.label === undefined)).toBe(true);
  });

  it('chooses Cost Explorer first when both sources are configured, FOCUS on source=focus', async () => {
    replay.server.route(GET_DIMENSION_VALUES, fixture('get-dimension-values.service.json'));
    const both: DataSourceSettings = {
      ...ceSettings(),
      jsonData: { ...ceSettings().jsonData, focus: { paths: [SAMPLE] } },
    };
    expect(valuesOf((await get('services', MARCH, both, options())).body)).toContain('AWS Lambda');
    const focus = await get('services', { ...SEPTEMBER, source: 'focus' }, both, options());
    expect(valuesOf(focus.body)).toEqual(distinct(usageIn(SEPTEMBER.from, SEPTEMBER.to), (r) => r.ServiceName));
    expect(replay.server.requestsFor(GET_DIMENSION_VALUES)).toHaveLength(1);
  });

  it('access denied says which permissions are missing, and never shows a key', async () => {
    replay.server.route(
      GET_DIMENSION_VALUES,
      awsJsonError(
        'AccessDeniedException',
        `User: arn:aws:iam::123456789012:user/grafana is not authorized to perform: ce:GetDimensionValues on resource: arn:aws:ce:us-east-1:123456789012:/GetDimensionValues because no identity-based policy allows the ce:GetDimensionValues action (key ${ACCESS_KEY_ID})`
      )
    );
    const result = await get('accounts', MARCH, ceSettings(), options());
    replay.seenText.push(JSON.stringify(result), inspect(result));
    expect(result.status).toBe(403);
    expect(result.body).toEqual({
      source: 'downstream',
      message: expect.stringMatching(
        /^Cost Explorer denied access \(AccessDeniedException\).*also needs ce:GetDimensionValues\.$/s
      ),
    });
    expect(JSON.stringify(result)).not.toContain(ACCESS_KEY_ID);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('a Cost Explorer outage is a downstream error, and is not cached', async () => {
    replay.server.route(GET_DIMENSION_VALUES, [
      { status: 500, body: { __type: 'InternalServerException', Message: 'We encountered an internal error.' } },
    ]);
    const opts = options();
    const settings = ceSettings();
    const failed = await get('services', MARCH, settings, opts);
    expect(failed).toMatchObject({
      status: 502,
      body: { source: 'downstream', message: expect.stringMatching(/HTTP 500/) },
    });
    replay.server.route(GET_DIMENSION_VALUES, fixture('get-dimension-values.service.json'));
    expect((await get('services', MARCH, settings, opts)).status).toBe(200);
  });
});
