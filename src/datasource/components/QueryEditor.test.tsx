import React from 'react';
import { CoreApp } from '@grafana/data';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { CarbonDataSource } from '../datasource';
import { summariseSettings } from '../settingsSummary';
import { CarbonDataSourceOptions, CarbonQuery, CloudProvider, GridIntensityQuery, RegionInfo } from '../types';
import { QueryEditor } from './QueryEditor';

const REGIONS: Record<CloudProvider, RegionInfo[]> = {
  aws: [
    { provider: 'aws', region: 'eu-west-1', location: 'Ireland' },
    { provider: 'aws', region: 'us-east-1', location: 'N. Virginia' },
  ],
  gcp: [{ provider: 'gcp', region: 'europe-west1', location: 'Belgium' }],
  azure: [{ provider: 'azure', region: 'westeurope', location: 'Netherlands' }],
};

function fakeDataSource(
  getRegions = jest.fn((p?: CloudProvider) => Promise.resolve(p ? REGIONS[p] : [])),
  jsonData: CarbonDataSourceOptions = {}
) {
  const settingsSummary = summariseSettings(jsonData);
  return { getRegions, getVariables: () => ['$region'], settingsSummary } as unknown as CarbonDataSource & {
    getRegions: typeof getRegions;
  };
}

async function setup(query: Partial<GridIntensityQuery> | CarbonQuery = {}, datasource = fakeDataSource()) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const fullQuery = { refId: 'A', queryType: 'gridIntensity', format: 'table', ...query } as CarbonQuery;
  render(
    <QueryEditor
      query={fullQuery}
      datasource={datasource}
      onChange={onChange}
      onRunQuery={onRunQuery}
      app={CoreApp.Explore}
    />
  );
  // Let the region lookup settle, as a user would before interacting.
  await act(async () => {});
  return { onChange, onRunQuery, datasource, query: fullQuery };
}

/** Opens the query type picker and picks one by its label. */
async function pickType(label: string) {
  await userEvent.click(screen.getByLabelText('Query type'));
  await userEvent.click(await screen.findByText(label));
}

describe('QueryEditor', () => {
  it('renders the query type, provider, regions and format', async () => {
    const { datasource } = await setup();
    expect(screen.getByRole('combobox', { name: 'Query type' })).toHaveValue('Grid carbon intensity');
    expect(screen.getByLabelText('Provider')).toBeInTheDocument();
    expect(screen.getByText('All providers')).toBeInTheDocument();
    expect(screen.getByText('All regions')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Table' })).toBeChecked();
    expect(datasource.getRegions).toHaveBeenCalledWith(undefined);
  });

  it('loads the regions of the selected provider and adds the chosen one to the query', async () => {
    const { onChange, onRunQuery, datasource, query } = await setup({ provider: 'aws' });
    expect(datasource.getRegions).toHaveBeenCalledWith('aws');

    await userEvent.click(screen.getByLabelText('Regions'));
    expect(await screen.findByText('us-east-1')).toBeInTheDocument();
    expect(screen.queryByText('westeurope')).not.toBeInTheDocument();
    await userEvent.click(screen.getByText('eu-west-1'));

    expect(onChange).toHaveBeenCalledWith({ ...query, regions: ['eu-west-1'] });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('offers dashboard variables and shows stored values that are not in the list', async () => {
    await setup({ regions: ['$region', 'ap-south-2'] });
    expect(screen.getByText('$region')).toBeInTheDocument();
    expect(screen.getByText('ap-south-2')).toBeInTheDocument();
  });

  it('changing the provider reloads regions and clears the selected ones', async () => {
    const { onChange, onRunQuery, query } = await setup({ provider: 'aws', regions: ['eu-west-1'] });

    await userEvent.click(screen.getByLabelText('Provider'));
    await userEvent.click(await screen.findByText('Azure'));

    expect(onChange).toHaveBeenCalledWith({ ...query, provider: 'azure', regions: [] });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('switching the format updates the query and runs it', async () => {
    const { onChange, onRunQuery, query } = await setup();
    await userEvent.click(screen.getByRole('radio', { name: 'Time series' }));
    expect(onChange).toHaveBeenCalledWith({ ...query, format: 'timeseries' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('says the regions are loading until they arrive', async () => {
    let resolve: (r: RegionInfo[]) => void = () => {};
    const pending = jest.fn(() => new Promise<RegionInfo[]>((r) => (resolve = r)));
    render(
      <QueryEditor
        datasource={{ getRegions: pending } as unknown as CarbonDataSource}
        query={{ refId: 'A', queryType: 'gridIntensity' }}
        onChange={jest.fn()}
        onRunQuery={jest.fn()}
      />
    );

    await userEvent.click(screen.getByLabelText('Regions'));
    expect(screen.getByText('Loading options...')).toBeInTheDocument();

    await act(async () => resolve(REGIONS.azure));
    expect(screen.queryByText('Loading options...')).not.toBeInTheDocument();
    expect(screen.getByText('westeurope')).toBeInTheDocument();
  });

  it('shows an error when the regions cannot be loaded', async () => {
    const failing = jest.fn(() => Promise.reject({ status: 502, data: { message: 'plugin unavailable' } }));
    await setup({}, fakeDataSource(failing));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Could not load regions')).toBeInTheDocument();
    expect(within(alert).getByText('plugin unavailable')).toBeInTheDocument();
  });

  it('ignores a slow answer for a provider that is no longer selected', async () => {
    let resolveSlow: (r: RegionInfo[]) => void = () => {};
    const getRegions = jest.fn((p?: CloudProvider) =>
      p === 'aws' ? new Promise<RegionInfo[]>((resolve) => (resolveSlow = resolve)) : Promise.resolve(REGIONS.gcp)
    );
    const datasource = fakeDataSource(getRegions);
    const onChange = jest.fn();
    const props = { datasource, onChange, onRunQuery: jest.fn() };
    const { rerender } = render(
      <QueryEditor {...props} query={{ refId: 'A', queryType: 'gridIntensity', provider: 'aws' }} />
    );
    rerender(<QueryEditor {...props} query={{ refId: 'A', queryType: 'gridIntensity', provider: 'gcp' }} />);
    resolveSlow(REGIONS.aws);

    await userEvent.click(screen.getByLabelText('Regions'));
    expect(await screen.findByText('europe-west1')).toBeInTheDocument();
    expect(screen.queryByText('eu-west-1')).not.toBeInTheDocument();
  });

  describe('query type', () => {
    it('offers the billing query types with their descriptions', async () => {
      await setup();
      await userEvent.click(screen.getByLabelText('Query type'));
      expect(await screen.findByText('Cloud emissions (billing)')).toBeInTheDocument();
      expect(screen.getByText('Cloud trend (this vs previous period)')).toBeInTheDocument();
      expect(screen.getByText(/Growth of usage, cost, energy and CO2e/)).toBeInTheDocument();
    });

    it('switching to cloud emissions starts from its defaults and drops grid fields', async () => {
      const datasource = fakeDataSource(undefined, { aws: { authType: 'default' } });
      const { onChange, onRunQuery } = await setup(
        { provider: 'aws', regions: ['eu-west-1'], hide: false },
        datasource
      );
      await pickType('Cloud emissions (billing)');
      expect(onChange).toHaveBeenCalledWith({
        refId: 'A',
        hide: false,
        queryType: 'cloudEmissions',
        source: 'awsCostExplorer',
        metrics: ['co2e'],
        groupBy: ['service'],
        granularity: 'auto',
        methodology: 'greenops',
        format: 'timeseries',
      });
      expect(onRunQuery).toHaveBeenCalledTimes(1);
    });

    it('switching to cloud trend uses FOCUS when Cost Explorer is not configured', async () => {
      const datasource = fakeDataSource(undefined, { focus: { paths: ['/data/focus'] } });
      const { onChange } = await setup({}, datasource);
      await pickType('Cloud trend (this vs previous period)');
      expect(onChange).toHaveBeenCalledWith({
        refId: 'A',
        queryType: 'cloudTrend',
        source: 'focus',
        methodology: 'greenops',
      });
    });

    it('switching back to grid intensity starts a fresh grid query', async () => {
      const datasource = fakeDataSource(undefined, { defaultProvider: 'gcp', focus: { paths: ['/data'] } });
      const trend: CarbonQuery = { refId: 'B', queryType: 'cloudTrend', source: 'focus', filters: { regions: ['x'] } };
      const { onChange } = await setup(trend, datasource);
      expect(screen.getByRole('combobox', { name: 'Query type' })).toHaveValue('Cloud trend (this vs previous period)');
      await pickType('Grid carbon intensity');
      expect(onChange).toHaveBeenCalledWith({
        refId: 'B',
        queryType: 'gridIntensity',
        format: 'table',
        provider: 'gcp',
      });
    });
  });

  describe('recommendation query types', () => {
    const served = ['gridIntensity', 'cloudEmissions', 'cloudTrend', 'zombieInstances', 'cloudRecommendations'];
    const withTypes = (types: string[], jsonData: CarbonDataSourceOptions = {}) =>
      Object.assign(fakeDataSource(undefined, jsonData), {
        getQueryTypes: jest.fn(() => Promise.resolve(types)),
        getNamespaces: jest.fn(() => Promise.resolve([])),
      });
    const openTypes = () => userEvent.click(screen.getByLabelText('Query type'));

    it('are offered only once the backend lists them', async () => {
      await setup({}, withTypes(['gridIntensity', 'cloudEmissions', 'cloudTrend']));
      await openTypes();
      expect(await screen.findByText('Cloud emissions (billing)')).toBeInTheDocument();
      expect(screen.queryByText('Idle resources (zombies)')).not.toBeInTheDocument();
      expect(screen.queryByText('Carbon recommendations')).not.toBeInTheDocument();
    });

    it('switching to idle resources starts from every configured source and shows its editor', async () => {
      const { onChange, onRunQuery } = await setup({ provider: 'aws' }, withTypes(served));
      await pickType('Idle resources (zombies)');
      expect(onChange).toHaveBeenCalledWith({
        refId: 'A',
        queryType: 'zombieInstances',
        methodology: 'greenops',
        format: 'table',
      });
      expect(onRunQuery).toHaveBeenCalledTimes(1);
    });

    it('switching to carbon recommendations starts from its defaults', async () => {
      const { onChange } = await setup({}, withTypes(served));
      await pickType('Carbon recommendations');
      expect(onChange).toHaveBeenCalledWith({
        refId: 'A',
        queryType: 'cloudRecommendations',
        methodology: 'greenops',
        format: 'table',
      });
    });

    it.each([
      [{ refId: 'A', queryType: 'zombieInstances', windowDays: 30 } as CarbonQuery, 'Window (days)'],
      [{ refId: 'A', queryType: 'cloudRecommendations', kinds: ['rightsizing'] } as CarbonQuery, 'Rightsizing'],
    ])('a saved %o shows its own editor', async (query, text) => {
      await setup(query, withTypes(served, { aws: { authType: 'default' } }));
      expect(screen.getByText(text)).toBeInTheDocument();
      expect(screen.queryByLabelText('Provider')).not.toBeInTheDocument();
    });
  });
});
