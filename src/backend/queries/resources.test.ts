import { QUERY_TYPES } from '../../datasource/types';
import { servedQueryTypes } from './registry';
import { handleResource } from './resources';
import { EMPTY_SETTINGS } from './settings';

const get = (path: string, query = '') =>
  handleResource({ method: 'GET', path, query: new URLSearchParams(query) }, EMPTY_SETTINGS);

describe('resource routes', () => {
  it('serves exactly the query types the shared model declares', async () => {
    expect(servedQueryTypes()).toEqual([...QUERY_TYPES]);
    expect(await get('query-types')).toEqual({ status: 200, body: [...QUERY_TYPES] });
  });

  it('lists regions, optionally for one provider', async () => {
    const aws = (await get('regions', 'provider=aws')).body as Array<{ provider: string; region: string; location: string }>;
    expect(aws.length).toBeGreaterThan(10);
    expect(aws.every((r) => r.provider === 'aws' && r.region && r.location)).toBe(true);
    expect(aws.map((r) => r.region)).toContain('eu-west-1');
    const all = (await get('/regions/')).body as unknown[];
    expect(all.length).toBeGreaterThan(aws.length);
  });

  it('explains bad input: unknown provider, unknown route, wrong method', async () => {
    expect(await get('regions', 'provider=ibm')).toMatchObject({ status: 400, body: { message: expect.stringMatching(/aws, gcp, azure/) } });
    expect(await get('nope')).toMatchObject({ status: 404, body: { message: expect.stringMatching(/Available: query-types, regions, namespaces, exporters/) } });
    expect((await handleResource({ method: 'POST', path: 'regions', query: new URLSearchParams() }, EMPTY_SETTINGS)).status).toBe(405);
  });
});
