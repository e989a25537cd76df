/**
 * `All` on a multi-value variable in a filter list means "no filter". The stand-in TemplateSrv follows Grafana's
 * (public/app/features/templating/template_srv.ts): a variable whose current value is `$__all` is replaced by its
 * custom allValue when it has one (unformatted), otherwise every listed option except All goes to the format
 * function as an array; getVariables() returns the variable models with `current` and `allValue`.
 */
import { ScopedVars } from '@grafana/data';

import { makeDataSource } from './testDataSource';
import type { CloudEmissionsQuery, GridIntensityQuery, NamespaceEnergyQuery, ProcessPowerQuery } from './types';

interface Model {
  name: string;
  current: { value: string | string[] };
  options: string[];
  allValue?: string | null;
}

const ALL = '$__all';
const models: Model[] = [
  // Set to All, no custom all value: dropped from filter lists.
  { name: 'region', current: { value: [ALL] }, options: ['eu-west-1', 'us-east-1'] },
  { name: 'service', current: { value: ALL }, options: ['AmazonEC2', 'AmazonS3'] },
  { name: 'namespace', current: { value: [ALL] }, options: ['jobs', 'shop'] },
  // Set to All with a custom all value: the user chose what All sends, so it is kept.
  { name: 'account', current: { value: [ALL] }, options: ['111111111111', '222222222222'], allValue: '.*' },
  // Not All: expanded as before.
  { name: 'picked', current: { value: ['eu-west-1', 'westeurope'] }, options: ['eu-west-1', 'westeurope', 'x'] },
];

function valueOf(name: string, scopedVars?: ScopedVars): { value: unknown; custom?: boolean } | undefined {
  if (scopedVars?.[name]) {
    return { value: scopedVars[name]!.value };
  }
  const model = models.find((m) => m.name === name);
  if (!model) {
    return undefined;
  }
  const current = model.current.value;
  const all = Array.isArray(current) ? current.includes(ALL) : current === ALL;
  if (!all) {
    return { value: current };
  }
  return model.allValue ? { value: model.allValue, custom: true } : { value: model.options.filter((o) => o !== ALL) };
}

const templateSrv = {
  getVariables: jest.fn(() => models.map(({ options, ...model }) => ({ ...model, options: [] }))),
  replace: jest.fn((target?: string, scopedVars?: ScopedVars, format?: unknown) =>
    (target ?? '').replace(/\$(?:(\w+)|\{(\w+)\})/g, (match, plain?: string, braced?: string) => {
      const found = valueOf((plain ?? braced)!, scopedVars);
      if (!found) {
        return match;
      }
      if (!found.custom && typeof format === 'function') {
        return format(found.value);
      }
      return Array.isArray(found.value) ? `{${found.value.join(',')}}` : String(found.value);
    })
  ),
};

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getTemplateSrv: () => templateSrv,
}));

const ds = makeDataSource();

const emissions = (filters: CloudEmissionsQuery['filters']): CloudEmissionsQuery => ({
  refId: 'A',
  queryType: 'cloudEmissions',
  source: 'focus',
  metrics: ['co2e'],
  groupBy: ['service'],
  filters,
});

describe('applyTemplateVariables: All in a filter list is no filter', () => {
  it('drops $var and ${var} set to All from billing filters, keeps fixed values next to them', () => {
    const result = ds.applyTemplateVariables(
      emissions({ regions: ['$region'], services: ['${service}', 'AWSLambda'], accounts: ['$picked'] }),
      {}
    ) as CloudEmissionsQuery;
    expect(result.filters).toEqual({ regions: [], services: ['AWSLambda'], accounts: ['eu-west-1', 'westeurope'] });
  });

  it("drops All from gridIntensity's regions (every region, not just those the variable listed)", () => {
    const grid: GridIntensityQuery = { refId: 'A', queryType: 'gridIntensity', provider: 'aws', regions: ['$region'] };
    expect((ds.applyTemplateVariables(grid, {}) as GridIntensityQuery).regions).toEqual([]);
  });

  it('drops All from namespaces of the Prometheus query types', () => {
    const q: NamespaceEnergyQuery = {
      refId: 'A',
      queryType: 'namespaceEnergy',
      groupBy: 'namespace',
      metric: 'power',
      namespaces: ['$namespace'],
    };
    expect((ds.applyTemplateVariables(q, {}) as NamespaceEnergyQuery).namespaces).toEqual([]);
  });

  it('keeps a custom all value: the dashboard chose what All sends', () => {
    const result = ds.applyTemplateVariables(emissions({ accounts: ['$account'] }), {}) as CloudEmissionsQuery;
    expect(result.filters?.accounts).toEqual(['.*']);
  });

  it('a repeated panel has its own value in scopedVars: that value filters', () => {
    const scoped: ScopedVars = { region: { text: 'us-east-1', value: 'us-east-1' } };
    const result = ds.applyTemplateVariables(emissions({ regions: ['$region'] }), scoped) as CloudEmissionsQuery;
    expect(result.filters?.regions).toEqual(['us-east-1']);
  });

  it('only where the variable is the whole element, and only in filter lists', () => {
    const result = ds.applyTemplateVariables(
      { ...emissions({ regions: ['prefix-$region'] }), groupBy: ['$region'] } as unknown as CloudEmissionsQuery,
      {}
    ) as CloudEmissionsQuery;
    // Not a whole-variable element: Grafana's expansion as before.
    expect(result.filters?.regions).toEqual(['prefix-eu-west-1', 'us-east-1']);
    // groupBy is no filter: emptying it would change what the query returns.
    expect(result.groupBy).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('regex fields are untouched: All becomes the alternation of every value', () => {
    const q: ProcessPowerQuery = { refId: 'A', queryType: 'processPower', metric: 'power', exe: '$namespace' };
    expect((ds.applyTemplateVariables(q, {}) as ProcessPowerQuery).exe).toBe('(jobs|shop)');
  });
});
