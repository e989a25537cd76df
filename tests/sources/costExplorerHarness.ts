/**
 * Shared by the Cost Explorer integration tests: the replay server's lifecycle, settings with
 * test keys, a source on its own datasource instance with an injected clock and sleep, and the
 * recorded fixtures.
 */
import path from 'node:path';
import { inspect } from 'node:util';

import type { AwsSettings, CarbonDataSourceOptions } from '../../src/datasource/types';
import type { AwsAuthPolicy } from '../../src/backend/core/awsAuthPolicy';
import { QueryError } from '../../src/backend/core/errors';
import { DatasourceInstance } from '../../src/backend/core/instance';
import { Secrets, type DataSourceSettings } from '../../src/backend/core/settings';
import type { BillingRequest } from '../../src/backend/sources/billingSource';
import { CostExplorerSource, type CostExplorerSourceOptions } from '../../src/backend/sources/aws/costExplorerSource';
import {
  loadFixture,
  startAwsReplayServer,
  type AwsReplayServer,
  type ReplayResponse,
} from '../helpers/awsReplayServer';

export const FIXTURES = path.join(__dirname, '../fixtures/costexplorer');
export const fixture = (name: string): ReplayResponse => ({ body: loadFixture(FIXTURES, name) });
export const ceError = (name: string, status = 400): ReplayResponse => ({ status, body: loadFixture(FIXTURES, name) });

export const GET_COST = 'AWSInsightsIndexService.GetCostAndUsage';
export const ACCESS_KEY_ID = 'AKIAREPLAYTEST0000001';
export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYREPLAYSECRET';
export const NOW = Date.parse('2025-03-10T12:00:00Z');
export const MARCH_1_TO_3: BillingRequest = {
  from: Date.parse('2025-03-01T00:00:00Z'),
  to: Date.parse('2025-03-03T00:00:00Z'),
  granularity: 'daily',
  filters: {},
};

let server: AwsReplayServer;
let uid = 0;
/** Every error message and notice a test produced: none may contain a key. */
const seenText: string[] = [];

/** Starts the replay server for the calling test file and checks, at the end, that no key leaked. */
export function useReplayServer(): { readonly server: AwsReplayServer; readonly seenText: string[] } {
  beforeAll(async () => {
    server = await startAwsReplayServer();
  });
  afterEach(() => server.reset());
  afterAll(async () => {
    await server.close();
    for (const text of seenText) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(ACCESS_KEY_ID);
    }
  });
  return {
    get server() {
      return server;
    },
    seenText,
  };
}

export function settings(
  aws: Partial<AwsSettings> = {},
  secrets: Record<string, string> | null = null
): DataSourceSettings {
  return {
    uid: `ce-test-${++uid}`,
    name: 'ce',
    jsonData: { aws: { authType: 'keys', endpoint: server.url, ...aws } },
    secrets: new Secrets(secrets ?? { awsAccessKeyId: ACCESS_KEY_ID, awsSecretAccessKey: SECRET }),
    lastUpdatedMS: 1,
  };
}

/**
 * Settings in the current shape: the connection in jsonData's top-level keys, as @grafana/aws-sdk's
 * ConnectionConfig writes them, keys as accessKey/secretKey, and what the Grafana server allows.
 */
export function currentShapeSettings(
  jsonData: CarbonDataSourceOptions,
  secrets: Record<string, string> = { accessKey: ACCESS_KEY_ID, secretKey: SECRET },
  awsPolicy?: AwsAuthPolicy
): DataSourceSettings {
  return {
    uid: `ce-test-${++uid}`,
    name: 'ce',
    jsonData: { endpoint: server.url, aws: {}, ...jsonData },
    secrets: new Secrets(secrets),
    lastUpdatedMS: 1,
    ...(awsPolicy ? { awsPolicy } : {}),
  };
}

export interface Harness {
  source: CostExplorerSource;
  clock: { now: number };
  sleeps: number[];
}

export function harness(
  aws: Partial<AwsSettings> = {},
  options: CostExplorerSourceOptions = {},
  secrets?: Record<string, string>
): Harness {
  return harnessFor(settings(aws, secrets ?? null), options);
}

export function harnessFor(datasource: DataSourceSettings, options: CostExplorerSourceOptions = {}): Harness {
  const clock = { now: NOW };
  const sleeps: number[] = [];
  const instance = new DatasourceInstance(datasource, { now: () => clock.now });
  const source = new CostExplorerSource(instance, {
    retry: { baseDelayMs: 100, maxDelayMs: 1000, sleep: async (ms) => void sleeps.push(ms) },
    requestTimeoutMs: 2000,
    ...options,
  });
  return { source, clock, sleeps };
}

export async function fetchOk(source: CostExplorerSource, request: BillingRequest = MARCH_1_TO_3) {
  const result = await source.fetchUsage(request);
  seenText.push(...result.notices);
  return result;
}

export async function fetchError(
  source: CostExplorerSource,
  request: BillingRequest = MARCH_1_TO_3
): Promise<QueryError> {
  try {
    await source.fetchUsage(request);
  } catch (error) {
    seenText.push(
      String(error),
      (error as Error).message,
      JSON.stringify(error),
      inspect(error),
      (error as Error).stack ?? ''
    );
    expect(error).toBeInstanceOf(QueryError);
    return error as QueryError;
  }
  throw new Error('fetchUsage resolved but an error was expected');
}

export const threePages = () =>
  server.route(GET_COST, (req) =>
    req.json.NextPageToken === 'page-3-token'
      ? fixture('get-cost-and-usage.page3.json')
      : req.json.NextPageToken === 'page-2-token'
        ? fixture('get-cost-and-usage.page2.json')
        : fixture('get-cost-and-usage.page1.json')
  );
