import { queryDisplayText } from './queryDisplayText';
import { CarbonQuery, QUERY_TYPES, QueryType } from './types';

/** One filled query per type with its line written out by hand; a Record, so a new type fails to compile here too. */
const CASES: { [T in QueryType]: [Extract<CarbonQuery, { queryType: T }>, string] } = {
  gridIntensity: [
    { refId: 'A', queryType: 'gridIntensity', provider: 'aws', regions: ['eu-west-1', '$region'], format: 'table' },
    'Grid intensity · aws · eu-west-1, $region · table',
  ],
  cloudEmissions: [
    {
      refId: 'A',
      queryType: 'cloudEmissions',
      source: 'focus',
      metrics: ['co2e', 'energy'],
      groupBy: ['service', 'region'],
      granularity: 'daily',
      accountingBasis: 'market',
    },
    'Cloud emissions · FOCUS · co2e, energy by service, region · daily · market basis',
  ],
  cloudTrend: [
    {
      refId: 'A',
      queryType: 'cloudTrend',
      source: 'awsCostExplorer',
      methodology: 'ccf',
      filters: { accounts: ['123456789012'], services: ['AWS Lambda'] },
    },
    'Cloud trend · AWS Cost Explorer · vs previous period · CCF method · services AWS Lambda · accounts 123456789012',
  ],
  namespaceEnergy: [
    {
      refId: 'A',
      queryType: 'namespaceEnergy',
      groupBy: 'workload',
      metric: 'co2e',
      namespaces: ['shop'],
      idlePower: 'byUsage',
    },
    'Kubernetes energy · co2e by workload · namespaces shop · idle power byUsage',
  ],
  processPower: [
    { refId: 'A', queryType: 'processPower', metric: 'energy', topN: 5, exe: '/usr/sbin/nginx' },
    'Process power · energy · top 5 · exe /usr/sbin/nginx',
  ],
  costVsCarbon: [{ refId: 'A', queryType: 'costVsCarbon', groupBy: 'node' }, 'Cost vs carbon · by node'],
  carbonEfficiency: [{ refId: 'A', queryType: 'carbonEfficiency' }, 'Carbon efficiency · all namespaces'],
  energyPerUnit: [
    {
      refId: 'A',
      queryType: 'energyPerUnit',
      scope: 'namespace',
      selector: 'shop',
      unitQuery: 'sum(http_requests_total{job="api"})',
      unitName: 'request',
    },
    'Energy per unit · namespace shop · per request · sum(http_requests_total{job="api"})',
  ],
  promqlEnergy: [
    {
      refId: 'A',
      queryType: 'promqlEnergy',
      expr: 'sum(rate(node_energy_joules_total[5m]))',
      unit: 'joules',
      region: 'eu-west-1',
      provider: 'aws',
    },
    'PromQL energy · joules · sum(rate(node_energy_joules_total[5m])) · region aws:eu-west-1',
  ],
  zombieInstances: [
    {
      refId: 'A',
      queryType: 'zombieInstances',
      kinds: ['cloudInstance', 'volume'],
      sources: ['prometheus'],
      format: 'summary',
    },
    'Zombie instances · cloudInstance, volume · Prometheus · CPU < 5 %, network < 5 MB/day over 14 d · summary',
  ],
  cloudRecommendations: [
    {
      refId: 'A',
      queryType: 'cloudRecommendations',
      kinds: ['regionSwitch'],
      source: 'focus',
      filters: { regions: ['us-east-1'] },
    },
    'Cloud recommendations · region switch · FOCUS · regions us-east-1 · table',
  ],
};

describe('queryDisplayText', () => {
  it.each(QUERY_TYPES.map((type) => [type, ...CASES[type]] as const))('%s', (_type, query, text) => {
    expect(queryDisplayText(query)).toBe(text);
  });

  it('copes with queries that lack required fields (saved by hand or by an older version)', () => {
    for (const queryType of QUERY_TYPES) {
      const text = queryDisplayText({ refId: 'A', queryType } as CarbonQuery);
      expect(text.length).toBeGreaterThan(5);
      expect(text).not.toMatch(/undefined|null|NaN/);
    }
    expect(queryDisplayText({ refId: 'A', queryType: 'cloudEmissions' } as CarbonQuery)).toBe(
      'Cloud emissions · no metric · auto'
    );
  });

  it('names the single value field when one is set', () => {
    expect(queryDisplayText({ refId: 'A', queryType: 'gridIntensity', provider: 'aws', valueField: 'intensity' })).toBe(
      'Grid intensity · aws · all regions · value intensity'
    );
  });

  it('shortens long expressions and names a query type it does not know', () => {
    const expr = `sum(${'a'.repeat(100)})`;
    const text = queryDisplayText({ refId: 'A', queryType: 'promqlEnergy', expr, unit: 'watts' });
    expect(text).toBe(`PromQL energy · watts · ${expr.slice(0, 59)}…`);
    expect(queryDisplayText({ refId: 'A', queryType: 'fromTheFuture' } as unknown as CarbonQuery)).toBe(
      'fromTheFuture'
    );
  });
});
