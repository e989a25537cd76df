import { tmpdir } from 'node:os';
import path from 'node:path';
import { QUERY_TYPES } from '../../datasource/types';
import { servedQueryTypes } from './registry';
import { handleResource } from './resources';
import { DAY_MS, wholeDays, windowParam } from './resources/http';
import { DatasourceInstance } from '../core/instance';
import { EMPTY_SETTINGS, Secrets, type DataSourceSettings } from '../core/settings';

const get = (path: string, query = '', settings: DataSourceSettings = EMPTY_SETTINGS) =>
  handleResource({ method: 'GET', path, query: new URLSearchParams(query) }, new DatasourceInstance(settings));

const withJson = (jsonData: DataSourceSettings['jsonData']): DataSourceSettings => ({
  uid: 'u',
  name: 'n',
  jsonData,
  secrets: new Secrets(),
  lastUpdatedMS: 1,
});
// Nothing listens on port 9 (discard) of the loopback: validation must answer before any request.
const PROMETHEUS = withJson({ prometheus: { url: 'http://127.0.0.1:9' } });
// Inside the folders the tests allow FOCUS exports in (jest/node-setup.js), and missing.
const MISSING_FOCUS = path.join(tmpdir(), 'greenops-nonexistent', 'focus');
const FOCUS_ONLY = withJson({ focus: { paths: [MISSING_FOCUS] } });

describe('resource routes', () => {
  it('serves exactly the query types the shared model declares', async () => {
    expect(servedQueryTypes()).toEqual([...QUERY_TYPES]);
    expect(await get('query-types')).toEqual({ status: 200, body: [...QUERY_TYPES] });
  });

  it('lists regions, optionally for one provider', async () => {
    const aws = (await get('regions', 'provider=aws')).body as Array<{
      provider: string;
      region: string;
      location: string;
    }>;
    expect(aws.length).toBeGreaterThan(10);
    expect(aws.every((r) => r.provider === 'aws' && r.region && r.location)).toBe(true);
    expect(aws.map((r) => r.region)).toContain('eu-west-1');
    const all = (await get('/regions/')).body as unknown[];
    expect(all.length).toBeGreaterThan(aws.length);
  });

  it('explains bad input: unknown provider, unknown route, wrong method', async () => {
    expect(await get('regions', 'provider=ibm')).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/aws, gcp, azure/) },
    });
    expect(await get('nope')).toMatchObject({
      status: 404,
      body: {
        message: expect.stringMatching(
          /Available: query-types, regions, providers, accounts, services, namespaces, workloads, nodes, processes, exporters/
        ),
      },
    });
    expect(
      (
        await handleResource(
          { method: 'POST', path: 'regions', query: new URLSearchParams() },
          new DatasourceInstance(EMPTY_SETTINGS)
        )
      ).status
    ).toBe(405);
  });

  it('lists the grid providers without source=, whatever billing sources are configured (none read)', async () => {
    const grid = { status: 200, body: [{ value: 'aws' }, { value: 'azure' }, { value: 'gcp' }] };
    expect(await get('providers')).toEqual(grid);
    // The FOCUS path does not exist: reading it would fail, so this also proves nothing was read.
    expect(await get('providers', '', FOCUS_ONLY)).toEqual(grid);
    expect(await get('providers', 'source=', FOCUS_ONLY)).toEqual(grid);
  });

  it("with source=, that source's providers: Cost Explorer bills AWS only; an unreadable export says why", async () => {
    const ce = withJson({ aws: { authType: 'default' } });
    expect(await get('providers', 'source=awsCostExplorer', ce)).toEqual({ status: 200, body: [{ value: 'aws' }] });
    const focus = await get('providers', 'source=focus', FOCUS_ONLY);
    expect(focus.status).toBe(400);
    expect((focus.body as { message: string }).message).toContain(MISSING_FOCUS);
  });

  describe('billing lists say what to fix', () => {
    it.each(['accounts', 'services'])('%s without any billing source', async (route) => {
      expect(await get(route)).toEqual({
        status: 400,
        body: { message: expect.stringMatching(/^No billing source is configured: add AWS Cost Explorer or FOCUS/) },
      });
    });

    it('an unknown source names the valid ones', async () => {
      expect(await get('accounts', 'source=gcpBilling', FOCUS_ONLY)).toEqual({
        status: 400,
        body: { message: 'Unknown billing source "gcpBilling". Use one of: awsCostExplorer, focus.' },
      });
    });

    it('a source that is not configured points to the one that is', async () => {
      expect(await get('services', 'source=awsCostExplorer', FOCUS_ONLY)).toEqual({
        status: 400,
        body: {
          message: 'AWS Cost Explorer is not configured: set it up in the datasource settings, or use source=focus.',
        },
      });
      expect((await get('providers', 'source=awsCostExplorer', FOCUS_ONLY)).status).toBe(400);
    });

    it.each([
      ['from=abc&to=1'],
      ['from=2000&to=1000'],
      ['to=1000'],
      // Outside JavaScript dates (±8.64e15 ms): int64's maximum, and one past the lower edge.
      ['from=0&to=9223372036854775807'],
      ['from=-8640000000000001&to=0'],
    ])('a bad time range (%s)', async (query) => {
      const result = await get('accounts', query, FOCUS_ONLY);
      expect(result.status).toBe(400);
      expect((result.body as { message: string }).message).toMatch(/"from" and "to" must be epoch milliseconds/);
    });

    it('quotes at most 100 characters of a long path or parameter back', async () => {
      const path = 'p'.repeat(1_000_000);
      const missing = await get(path);
      expect(missing.status).toBe(404);
      const message = (missing.body as { message: string }).message;
      expect(message).toMatch(/^No resource "p{100}… \(1,000,000 characters, cut\)"\. Available: query-types,/);
      const source = await get('accounts', `source=${'s'.repeat(10_000_000)}`, FOCUS_ONLY);
      expect(source.status).toBe(400);
      expect((source.body as { message: string }).message).toMatch(
        /^Unknown billing source "s{100}… \(10,000,000 characters, cut\)"\. Use one of:/
      );
    });

    it("an unreadable FOCUS path is the source's own message, not a crash", async () => {
      const result = await get('accounts', '', FOCUS_ONLY);
      expect(result.status).toBe(400);
      expect((result.body as { message: string }).message).toContain(MISSING_FOCUS);
    });
  });

  describe('Kubernetes lists say what to fix', () => {
    it.each(['namespaces', 'workloads', 'nodes', 'processes'])('%s without Prometheus', async (route) => {
      expect(await get(route)).toEqual({
        status: 400,
        body: { message: `Prometheus is not configured: add its URL in the datasource settings to list ${route}.` },
      });
    });

    it.each([
      [
        'workloads',
        'namespace=shop(',
        /"namespace" must be a namespace name or regex: The regex for namespace is not valid/,
      ],
      ['processes', 'namespace=(?<=x)shop', /lookahead or lookbehind, which Prometheus \(RE2\) does not support/],
    ])('%s with a bad namespace regex (%s)', async (route, query, message) => {
      const result = await get(route, query, PROMETHEUS);
      expect(result.status).toBe(400);
      expect((result.body as { message: string }).message).toMatch(message);
    });

    it('an unreachable Prometheus is a downstream error', async () => {
      const result = await get('nodes', '', PROMETHEUS);
      expect(result).toMatchObject({ status: expect.any(Number), body: { source: 'downstream' } });
      expect(result.status).toBeGreaterThanOrEqual(500);
    });
  });
});

describe('time windows', () => {
  it('defaults to the given length before now and widens billing windows to whole UTC days', () => {
    const now = Date.parse('2025-03-10T12:34:56Z');
    expect(windowParam(new URLSearchParams(), 30 * DAY_MS, now)).toEqual({ fromMs: now - 30 * DAY_MS, toMs: now });
    expect(wholeDays({ fromMs: Date.parse('2025-02-08T12:34:56Z'), toMs: now })).toEqual({
      fromMs: Date.parse('2025-02-08T00:00:00Z'),
      toMs: Date.parse('2025-03-11T00:00:00Z'),
    });
    const given = new URLSearchParams({ from: '1000', to: '5000' });
    expect(windowParam(given, DAY_MS, now)).toEqual({ fromMs: 1000, toMs: 5000 });
  });
});
