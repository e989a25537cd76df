import { defaultsFor, QUERY_TYPE_INFO, summariseSettings } from './queryTypeInfo';
import { QUERY_TYPES } from './types';

describe('QUERY_TYPE_INFO', () => {
  it('labels and describes every query type', () => {
    for (const type of QUERY_TYPES) {
      expect(QUERY_TYPE_INFO[type].label).toBeTruthy();
      expect(QUERY_TYPE_INFO[type].description).toBeTruthy();
    }
  });
});

describe('summariseSettings', () => {
  it('treats a source as configured when it has settings, ignoring blank FOCUS paths', () => {
    expect(summariseSettings({ aws: { authType: 'default', hourlyEnabled: true }, focus: { paths: [' '] } })).toEqual({
      defaultProvider: undefined,
      billingSources: { awsCostExplorer: true, focus: false },
      hourlyEnabled: true,
    });
    expect(summariseSettings({ defaultProvider: 'gcp', focus: { paths: ['/data/focus'] } })).toEqual({
      defaultProvider: 'gcp',
      billingSources: { awsCostExplorer: false, focus: true },
      hourlyEnabled: false,
    });
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
