import { QUERY_TYPE_DEFINITIONS } from '../shared/queryTypes';
import { defaultsFor, isPrometheusQueryType, isRecommendationQueryType } from './queryTypeInfo';
import { summariseSettings } from './settingsSummary';
import { PROMETHEUS_QUERY_TYPES, QUERY_TYPES, RECOMMENDATION_QUERY_TYPES } from './types';

describe('QUERY_TYPE_DEFINITIONS', () => {
  it('labels and describes every query type, served or still to come', () => {
    for (const type of [...QUERY_TYPES, ...PROMETHEUS_QUERY_TYPES]) {
      expect(QUERY_TYPE_DEFINITIONS[type].label).toBeTruthy();
      expect(QUERY_TYPE_DEFINITIONS[type].description).toBeTruthy();
    }
  });
});

describe('summariseSettings', () => {
  it('treats a source as configured when it has settings, ignoring blank FOCUS paths', () => {
    expect(summariseSettings({ aws: { authType: 'default', hourlyEnabled: true }, focus: { paths: [' '] } })).toEqual({
      defaultProvider: undefined,
      billingSources: { awsCostExplorer: true, focus: false },
      hourlyEnabled: true,
      prometheus: false,
    });
    expect(summariseSettings({ defaultProvider: 'gcp', focus: { paths: ['/data/focus'] } })).toEqual({
      defaultProvider: 'gcp',
      billingSources: { awsCostExplorer: false, focus: true },
      hourlyEnabled: false,
      prometheus: false,
    });
  });

  it('treats Prometheus as configured once it has a URL', () => {
    expect(summariseSettings({ prometheus: { url: 'http://prometheus:9090' } }).prometheus).toBe(true);
    expect(summariseSettings({ prometheus: { url: ' ' } }).prometheus).toBe(false);
  });

  it('copes with missing jsonData', () => {
    expect(summariseSettings(undefined).billingSources).toEqual({ awsCostExplorer: false, focus: false });
  });
});

describe('defaultsFor', () => {
  const aws = summariseSettings({ aws: { authType: 'keys' } });
  const none = summariseSettings({ defaultProvider: 'azure' });

  it('starts a grid query from DEFAULT_QUERY with the configured provider', () => {
    expect(defaultsFor('gridIntensity', none)).toEqual({
      queryType: 'gridIntensity',
      format: 'table',
      provider: 'azure',
    });
    expect(defaultsFor('gridIntensity', aws)).toEqual({ queryType: 'gridIntensity', format: 'table' });
  });

  it('prefers Cost Explorer when it is configured and FOCUS otherwise', () => {
    expect(defaultsFor('cloudEmissions', aws)).toEqual({
      queryType: 'cloudEmissions',
      source: 'awsCostExplorer',
      metrics: ['co2e'],
      groupBy: ['service'],
      granularity: 'auto',
      methodology: 'greenops',
      format: 'timeseries',
    });
    expect(defaultsFor('cloudTrend', none)).toEqual({
      queryType: 'cloudTrend',
      source: 'focus',
      methodology: 'greenops',
    });
  });
});

describe('Prometheus query types', () => {
  const none = summariseSettings({});

  it('are recognised as such', () => {
    expect(PROMETHEUS_QUERY_TYPES.every(isPrometheusQueryType)).toBe(true);
    expect(isPrometheusQueryType('gridIntensity')).toBe(false);
    expect(isPrometheusQueryType(undefined)).toBe(false);
  });

  it.each([
    [
      'namespaceEnergy',
      {
        queryType: 'namespaceEnergy',
        groupBy: 'namespace',
        metric: 'power',
        idlePower: 'exclude',
        energyBoundary: 'it',
        zone: 'package',
      },
    ],
    ['processPower', { queryType: 'processPower', metric: 'power', topN: 10 }],
    ['costVsCarbon', { queryType: 'costVsCarbon', groupBy: 'namespace' }],
    ['carbonEfficiency', { queryType: 'carbonEfficiency' }],
    [
      'energyPerUnit',
      { queryType: 'energyPerUnit', scope: 'namespace', selector: '.*', unitQuery: '', unitName: 'request' },
    ],
    ['promqlEnergy', { queryType: 'promqlEnergy', expr: '', unit: 'watts' }],
  ] as const)('start %s with its defaults', (type, expected) => {
    expect(defaultsFor(type, none)).toEqual(expected);
  });

  it('start a PromQL query with the configured provider', () => {
    expect(defaultsFor('promqlEnergy', summariseSettings({ defaultProvider: 'gcp' }))).toEqual({
      queryType: 'promqlEnergy',
      expr: '',
      unit: 'watts',
      provider: 'gcp',
    });
  });
});

describe('recommendation query types', () => {
  it('are recognised as such', () => {
    expect(RECOMMENDATION_QUERY_TYPES.every(isRecommendationQueryType)).toBe(true);
    expect(isRecommendationQueryType('cloudTrend')).toBe(false);
    expect(isPrometheusQueryType('zombieInstances')).toBe(false);
  });

  it('have labels that say what they find', () => {
    expect(QUERY_TYPE_DEFINITIONS.zombieInstances.label).toBe('Idle resources (zombies)');
    expect(QUERY_TYPE_DEFINITIONS.zombieInstances.description).toMatch(/Idle cloud instances, Kubernetes nodes/);
    expect(QUERY_TYPE_DEFINITIONS.cloudRecommendations.label).toBe('Carbon recommendations');
    expect(QUERY_TYPE_DEFINITIONS.cloudRecommendations.description).toMatch(/Region switches and rightsizing/);
  });

  // No sources or thresholds stored: the backend then reads every configured source with its defaults.
  it.each([
    ['zombieInstances', { queryType: 'zombieInstances', methodology: 'greenops', format: 'table' }],
    ['cloudRecommendations', { queryType: 'cloudRecommendations', methodology: 'greenops', format: 'table' }],
  ] as const)('start %s with every configured source and the default thresholds', (type, expected) => {
    expect(defaultsFor(type, summariseSettings({ aws: { authType: 'default' }, defaultProvider: 'aws' }))).toEqual(
      expected
    );
    expect(defaultsFor(type, summariseSettings({}))).toEqual(expected);
  });
});
