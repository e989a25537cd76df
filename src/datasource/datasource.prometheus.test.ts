import { ScopedVars } from '@grafana/data';

import { fakeTemplateSrv, makeDataSource } from './testDataSource';
import { CarbonQuery, EnergyPerUnitQuery, ProcessPowerQuery, PromqlEnergyQuery } from './types';

/** A format function receives a multi-value variable as an array (the stand-in TemplateSrv of testDataSource.ts). */
const dashboardVars: Record<string, string | string[]> = { node: ['worker-1', 'worker-2'], zone: 'package' };
const templateSrv = fakeTemplateSrv(dashboardVars);

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getTemplateSrv: () => templateSrv,
}));

const ds = makeDataSource({ prometheus: { url: 'http://prometheus:9090' } });

const promql = (expr: string): PromqlEnergyQuery => ({ refId: 'A', queryType: 'promqlEnergy', expr, unit: 'watts' });
const perUnit = (unitQuery: string): EnergyPerUnitQuery => ({
  refId: 'A',
  queryType: 'energyPerUnit',
  scope: 'namespace',
  selector: '.*',
  unitQuery,
});
const process = (patch: Partial<ProcessPowerQuery>): ProcessPowerQuery => ({
  refId: 'A',
  queryType: 'processPower',
  metric: 'power',
  ...patch,
});

describe('CarbonDataSource with Prometheus query types', () => {
  afterEach(() => jest.restoreAllMocks());

  describe('filterQuery', () => {
    it('skips a PromQL energy query without an expression', () => {
      expect(ds.filterQuery(promql(''))).toBe(false);
      expect(ds.filterQuery(promql('  \n'))).toBe(false);
      expect(ds.filterQuery({ ...promql(''), expr: undefined } as unknown as CarbonQuery)).toBe(false);
      expect(ds.filterQuery(promql('sum(kepler_node_cpu_watts)'))).toBe(true);
    });

    it('skips an energy-per-unit query without a unit query', () => {
      expect(ds.filterQuery(perUnit(''))).toBe(false);
      expect(ds.filterQuery(perUnit('sum(http_requests_total)'))).toBe(true);
      expect(ds.filterQuery({ ...perUnit('x'), hide: true })).toBe(false);
    });

    it('keeps the other Prometheus query types', () => {
      expect(ds.filterQuery({ refId: 'A', queryType: 'carbonEfficiency' })).toBe(true);
      expect(ds.filterQuery(process({}))).toBe(true);
    });
  });

  describe('applyTemplateVariables', () => {
    it('turns a multi-value variable into a regex alternation in PromQL fields', () => {
      const input = { ...promql('sum(kepler_node_cpu_watts{node_name=~"$node", zone="$zone"})'), region: '$zone' };
      expect(ds.applyTemplateVariables(input, {})).toEqual({
        ...input,
        expr: 'sum(kepler_node_cpu_watts{node_name=~"(worker-1|worker-2)", zone="package"})',
        region: 'package',
      });
      expect(ds.applyTemplateVariables(perUnit('sum(rate(x{node=~"$node"}[5m]))'), {})).toMatchObject({
        unitQuery: 'sum(rate(x{node=~"(worker-1|worker-2)"}[5m]))',
      });
    });

    it('does the same in regex fields, escaping regex characters, while string arrays still expand', () => {
      const scoped = { host: { text: 'all', value: ['a.b', 'c+d'] } } as unknown as ScopedVars;
      const input = process({ exe: '$node', cmdline: '.*$host.*', namespaces: ['$node'] });
      expect(ds.applyTemplateVariables(input, scoped)).toMatchObject({
        exe: '(worker-1|worker-2)',
        cmdline: '.*(a\\.b|c\\+d).*',
        namespaces: ['worker-1', 'worker-2'],
      });
    });
  });

  describe('resources', () => {
    it('getExporters calls the exporters route and reads its answer defensively', async () => {
      const getResource = jest.spyOn(ds, 'getResource').mockResolvedValue({
        exporters: [{ id: 'opencost', name: 'OpenCost', present: true }, { bogus: true }],
        queryTypes: { costVsCarbon: { available: true } },
      });
      await expect(ds.getExporters()).resolves.toEqual({
        exporters: [{ id: 'opencost', name: 'OpenCost', present: true, detail: undefined }],
        queryTypes: { costVsCarbon: { available: true, reason: undefined } },
      });
      expect(getResource).toHaveBeenCalledWith('exporters');
    });

    it('getNamespaces calls the namespaces route and passes a 404 on', async () => {
      const getResource = jest.spyOn(ds, 'getResource').mockResolvedValue(['shop', 'jobs']);
      await expect(ds.getNamespaces()).resolves.toEqual(['jobs', 'shop']);
      expect(getResource).toHaveBeenCalledWith('namespaces');

      getResource.mockRejectedValue({ status: 404 });
      await expect(ds.getNamespaces()).rejects.toEqual({ status: 404 });
    });
  });
});
