import React from 'react';
import { AppRootProps, DataSourceInstanceSettings, PluginType } from '@grafana/data';
import { screen, within } from '@testing-library/react';

import App from './App';
import { DATASOURCE_TYPE } from './constants';
import { exploreUrl } from './pages/Overview';
import { renderPage, setDataSources } from './pages/shared/testUtils';

jest.mock('@grafana/runtime', () => jest.requireActual('./pages/shared/testUtils').runtimeWithFakes());

const props = {
  basename: 'a/greenops-carbon-app',
  meta: { id: 'greenops-carbon-app', name: 'GreenOps Carbon', type: PluginType.app, enabled: true, jsonData: {} },
  query: {},
  path: '',
  onNavChanged: jest.fn(),
} as unknown as AppRootProps;

const carbonDs = { uid: 'ds-1', name: 'Carbon prod', type: DATASOURCE_TYPE } as DataSourceInstanceSettings;

/** Grafana mounts the app under /a/<id>/*; the app's routes are relative to that. */
const renderAt = (path: string) => renderPage(<App {...props} />, path);

describe('App', () => {
  it('explains the product and lists the query types', async () => {
    setDataSources([]);
    await renderAt('/');

    expect(screen.getByText(/energy and carbon \(CO2e\) of cloud and Kubernetes estates/)).toBeInTheDocument();
    const table = within(screen.getByRole('table'));
    expect(table.getByText('Grid carbon intensity')).toBeInTheDocument();
    expect(table.getByText('gridIntensity')).toBeInTheDocument();
  });

  it('links to adding a data source when there is none', async () => {
    // Only data sources of the plugin count.
    setDataSources([{ uid: 'p', name: 'Prometheus', type: 'prometheus' } as DataSourceInstanceSettings]);
    await renderAt('/');

    expect(screen.getByRole('link', { name: /Add data source/ })).toHaveAttribute(
      'href',
      '/connections/datasources/new'
    );
  });

  it('links to the settings and Explore of each existing data source', async () => {
    setDataSources([carbonDs]);
    await renderAt('/');

    expect(screen.queryByRole('link', { name: /Add data source/ })).not.toBeInTheDocument();
    expect(screen.getByText('Carbon prod')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Settings/ })).toHaveAttribute(
      'href',
      '/connections/datasources/edit/ds-1'
    );
    expect(screen.getByRole('link', { name: /Explore/ })).toHaveAttribute('href', exploreUrl(carbonDs));
    expect(screen.getByRole('link', { name: /Recommendations/ })).toHaveAttribute(
      'href',
      '/a/greenops-carbon-app/recommendations?ds=ds-1'
    );
  });

  it('routes /recommendations to the Recommendations page and anything else to the overview', async () => {
    setDataSources([]);
    await renderAt('/recommendations');
    expect(screen.getByText(/Recommendations are computed from a GreenOps Carbon data source/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    await renderAt('/no-such-page');
    expect(screen.getByRole('table')).toBeInTheDocument();
  });

  it('lists the recommendation query types on the overview', async () => {
    setDataSources([]);
    await renderAt('/');
    const table = within(screen.getByRole('table'));
    expect(table.getByText('zombieInstances')).toBeInTheDocument();
    expect(table.getByText('Carbon recommendations')).toBeInTheDocument();
  });

  it('builds an Explore URL with a default query against the data source', () => {
    const url = new URL(exploreUrl(carbonDs), 'http://grafana');
    expect(url.pathname).toBe('/explore');
    const panes = JSON.parse(url.searchParams.get('panes') ?? '{}');
    expect(panes.a.datasource).toBe('ds-1');
    expect(panes.a.queries).toEqual([
      { refId: 'A', datasource: { type: DATASOURCE_TYPE, uid: 'ds-1' }, queryType: 'gridIntensity', format: 'table' },
    ]);
  });
});
