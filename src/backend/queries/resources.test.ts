import { QUERY_TYPES } from '../../datasource/types';
import { servedQueryTypes } from './registry';
import { handleResource } from './resources';

const get = (path: string, query = '') => handleResource({ method: 'GET', path, query: new URLSearchParams(query) });

describe('resource routes', () => {
  it('serves exactly the query types the shared model declares', () => {
    expect(servedQueryTypes()).toEqual([...QUERY_TYPES]);
    expect(get('query-types')).toEqual({ status: 200, body: [...QUERY_TYPES] });
  });

  it('lists regions, optionally for one provider', () => {
    const aws = get('regions', 'provider=aws').body as Array<{ provider: string; region: string; location: string }>;
    expect(aws.length).toBeGreaterThan(10);
    expect(aws.every((r) => r.provider === 'aws' && r.region && r.location)).toBe(true);
    expect(aws.map((r) => r.region)).toContain('eu-west-1');
    const all = get('/regions/').body as unknown[];
    expect(all.length).toBeGreaterThan(aws.length);
  });

  it('explains bad input: unknown provider, unknown route, wrong method', () => {
    expect(get('regions', 'provider=ibm')).toMatchObject({ status: 400, body: { message: expect.stringMatching(/aws, gcp, azure/) } });
    expect(get('nope')).toMatchObject({ status: 404, body: { message: expect.stringMatching(/Available: query-types, regions/) } });
    expect(handleResource({ method: 'POST', path: 'regions', query: new URLSearchParams() }).status).toBe(405);
  });
});
