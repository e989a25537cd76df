import { CoreApp, ScopedVars } from '@grafana/data';

import { fakeTemplateSrv, makeDataSource } from './testDataSource';
import { CarbonQuery, CloudEmissionsQuery, GridIntensityQuery } from './types';
import { CarbonVariableSupport } from './variables';

/** Dashboard variables as the stand-in TemplateSrv (testDataSource.ts) sees them. */
const dashboardVars: Record<string, string | string[]> = {
  provider: 'aws',
  region: ['eu-west-1', 'us-east-1'],
  single: 'eu-central-1',
  fmt: 'timeseries',
};
const templateSrv = fakeTemplateSrv(dashboardVars);

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getTemplateSrv: () => templateSrv,
}));

const query = (overrides: Partial<GridIntensityQuery> = {}): GridIntensityQuery => ({
  refId: 'A',
  queryType: 'gridIntensity',
  ...overrides,
});

const emissions = (overrides: Partial<CloudEmissionsQuery> = {}): CloudEmissionsQuery => ({
  refId: 'A',
  queryType: 'cloudEmissions',
  source: 'focus',
  metrics: ['co2e'],
  groupBy: ['service'],
  ...overrides,
});

describe('CarbonDataSource', () => {
  beforeEach(() => jest.clearAllMocks());

  it('registers variable and annotation support', () => {
    const ds = makeDataSource();
    expect(ds.variables).toBeInstanceOf(CarbonVariableSupport);
    expect(ds.annotations).toEqual({});
  });

  describe('filterQuery', () => {
    it('skips hidden queries and keeps the others', () => {
      const ds = makeDataSource();
      expect(ds.filterQuery(query({ hide: true }))).toBe(false);
      expect(ds.filterQuery(query({ hide: false }))).toBe(true);
      expect(ds.filterQuery(query())).toBe(true);
    });

    it('skips a cloudEmissions query without metrics, which has nothing to show', () => {
      const ds = makeDataSource();
      expect(ds.filterQuery(emissions({ metrics: [] }))).toBe(false);
      // Hand-written or provisioned JSON may omit the field altogether.
      expect(ds.filterQuery(emissions({ metrics: undefined as unknown as CloudEmissionsQuery['metrics'] }))).toBe(
        false
      );
      expect(ds.filterQuery(emissions())).toBe(true);
      expect(ds.filterQuery(emissions({ hide: true }))).toBe(false);
    });
  });

  describe('getDefaultQuery', () => {
    it('starts from DEFAULT_QUERY with the configured provider', () => {
      expect(makeDataSource({ defaultProvider: 'gcp' }).getDefaultQuery(CoreApp.Explore)).toEqual({
        queryType: 'gridIntensity',
        format: 'table',
        provider: 'gcp',
      });
    });

    it('has no provider when none is configured', () => {
      expect(makeDataSource().getDefaultQuery(CoreApp.Dashboard)).toEqual({
        queryType: 'gridIntensity',
        format: 'table',
      });
    });
  });

  describe('applyTemplateVariables', () => {
    it('interpolates every string field', () => {
      const ds = makeDataSource();
      const result = ds.applyTemplateVariables(
        query({
          provider: '$provider' as GridIntensityQuery['provider'],
          format: '$fmt' as GridIntensityQuery['format'],
        }),
        {}
      );
      expect(result).toEqual({ refId: 'A', queryType: 'gridIntensity', provider: 'aws', format: 'timeseries' });
    });

    it('expands a multi-value variable into several array elements and interpolates the others', () => {
      const ds = makeDataSource();
      const result = ds.applyTemplateVariables(
        query({ regions: ['$region', '$single', 'westeurope'] }),
        {}
      ) as GridIntensityQuery;
      expect(result.regions).toEqual(['eu-west-1', 'us-east-1', 'eu-central-1', 'westeurope']);
    });

    it('prefers scoped variables (repeated panels) and drops duplicates', () => {
      const ds = makeDataSource();
      const scoped: ScopedVars = { region: { text: 'eu-west-1', value: 'eu-west-1' } };
      const result = ds.applyTemplateVariables(
        query({ regions: ['$region', 'eu-west-1'] }),
        scoped
      ) as GridIntensityQuery;
      expect(result.regions).toEqual(['eu-west-1']);
    });

    it('leaves refId, unknown variables and non-string fields alone and does not mutate the input', () => {
      const ds = makeDataSource();
      const input = query({ refId: '$provider', regions: ['$unknown'], hide: false });
      const result = ds.applyTemplateVariables(input, {});
      expect(result).toEqual({ refId: '$provider', queryType: 'gridIntensity', regions: ['$unknown'], hide: false });
      expect(input.regions).toEqual(['$unknown']);
    });

    it('interpolates string fields of nested objects, so future query types are covered', () => {
      const ds = makeDataSource();
      const input = { ...query(), filter: { provider: '$provider', regions: ['$region'] } } as unknown as CarbonQuery;
      const result = ds.applyTemplateVariables(input, {}) as unknown as { filter: unknown };
      expect(result.filter).toEqual({ provider: 'aws', regions: ['eu-west-1', 'us-east-1'] });
    });

    it('expands variables inside the filters of a billing query', () => {
      const ds = makeDataSource();
      const input = emissions({ filters: { regions: ['$region', 'eu-west-1'], accounts: ['$single'], services: [] } });
      const result = ds.applyTemplateVariables(input, {}) as CloudEmissionsQuery;
      expect(result.filters).toEqual({ regions: ['eu-west-1', 'us-east-1'], accounts: ['eu-central-1'], services: [] });
      expect(result.metrics).toEqual(['co2e']);
      expect(input.filters?.regions).toEqual(['$region', 'eu-west-1']);
    });
  });

  describe('resources', () => {
    it('getRegions calls the regions route, with the provider only when given', async () => {
      const ds = makeDataSource();
      const regions = [{ provider: 'aws', region: 'eu-west-1', location: 'Ireland' }];
      const getResource = jest.spyOn(ds, 'getResource').mockResolvedValue(regions);

      await expect(ds.getRegions('aws')).resolves.toEqual(regions);
      expect(getResource).toHaveBeenLastCalledWith('regions', { provider: 'aws' });

      await ds.getRegions();
      expect(getResource).toHaveBeenLastCalledWith('regions', undefined);
    });

    it('getQueryTypes calls the query-types route', async () => {
      const ds = makeDataSource();
      const getResource = jest.spyOn(ds, 'getResource').mockResolvedValue(['gridIntensity']);
      await expect(ds.getQueryTypes()).resolves.toEqual(['gridIntensity']);
      expect(getResource).toHaveBeenCalledWith('query-types');
    });
  });

  it('getVariables lists dashboard variables as $name', () => {
    expect(makeDataSource().getVariables()).toEqual(['$provider', '$region', '$single', '$fmt']);
  });

  describe('list routes', () => {
    it('getValues calls the route named like the kind, with only the parameters that are set', async () => {
      const ds = makeDataSource();
      const getResource = jest
        .spyOn(ds, 'getResource')
        .mockResolvedValue([
          { value: '123456789012', label: 'Production' },
          { value: '210987654321' },
          'x',
          { bogus: 1 },
        ]);
      await expect(ds.getValues('accounts', { source: 'focus', namespace: '', from: 1000, to: 2000 })).resolves.toEqual(
        [
          { value: '123456789012', text: 'Production' },
          { value: '210987654321', text: '210987654321' },
          { value: 'x', text: 'x' },
        ]
      );
      expect(getResource).toHaveBeenCalledWith('accounts', { source: 'focus', from: '1000', to: '2000' });
    });

    it.each([
      ['getAccounts', 'accounts', 'awsCostExplorer', { source: 'awsCostExplorer' }],
      ['getServices', 'services', undefined, {}],
      ['getWorkloads', 'workloads', '(shop|jobs)', { namespace: '(shop|jobs)' }],
      ['getProcesses', 'processes', 'shop', { namespace: 'shop' }],
      ['getNodes', 'nodes', undefined, {}],
    ] as const)('%s calls the %s route', async (method, route, arg, params) => {
      const ds = makeDataSource();
      const getResource = jest.spyOn(ds, 'getResource').mockResolvedValue(['a']);
      await (ds[method] as (a?: string) => Promise<unknown>)(arg);
      expect(getResource).toHaveBeenCalledWith(route, params);
    });
  });

  it('getQueryDisplayText gives Explore a readable line', () => {
    expect(
      makeDataSource().getQueryDisplayText(emissions({ groupBy: ['service', 'region'], granularity: 'daily' }))
    ).toBe('Cloud emissions · FOCUS · co2e by service, region · daily');
  });
});
