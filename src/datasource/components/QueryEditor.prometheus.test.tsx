import React from 'react';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { CarbonDataSource } from '../datasource';
import { summariseSettings } from '../settingsSummary';
import { CarbonDataSourceOptions, CarbonQuery, PROMETHEUS_QUERY_TYPES, QUERY_TYPES } from '../types';

/** What a backend without the Prometheus query types (an older build) answers. */
const NON_PROMETHEUS = QUERY_TYPES.filter((t) => !(PROMETHEUS_QUERY_TYPES as readonly string[]).includes(t));
import { QueryEditor, queryTypeOptions } from './QueryEditor';

const PROMETHEUS_LABELS = [
  'Kubernetes energy (measured)',
  'Process power (Scaphandre)',
  'Cost vs carbon (OpenCost)',
  'Carbon efficiency (requested vs used)',
  'Energy per unit of work',
  'PromQL energy (custom)',
];

function fakeDataSource(getQueryTypes: () => Promise<string[]>, jsonData: CarbonDataSourceOptions = {}) {
  return {
    getQueryTypes: jest.fn(getQueryTypes),
    getRegions: jest.fn(() => Promise.resolve([])),
    getExporters: jest.fn(() => Promise.reject({ status: 404 })),
    getNamespaces: jest.fn(() => Promise.resolve([])),
    getVariables: () => [],
    settingsSummary: summariseSettings({ prometheus: { url: 'http://prometheus:9090' }, ...jsonData }),
  } as unknown as CarbonDataSource & { getQueryTypes: jest.Mock };
}

async function setup(datasource: CarbonDataSource, query: Partial<CarbonQuery> = {}) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const full = { refId: 'A', queryType: 'gridIntensity', ...query } as CarbonQuery;
  render(<QueryEditor query={full} datasource={datasource} onChange={onChange} onRunQuery={onRunQuery} />);
  // Let the query-types lookup (and the editor's own lookups) settle.
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  return { onChange, onRunQuery };
}

const openTypes = async () => {
  await userEvent.click(screen.getByLabelText('Query type'));
  expect(await screen.findByText('Cloud emissions (billing)')).toBeInTheDocument();
};

describe('QueryEditor with Prometheus query types', () => {
  it('hides the Prometheus query types the backend does not list', async () => {
    const datasource = fakeDataSource(() => Promise.resolve([...NON_PROMETHEUS]));
    await setup(datasource);
    await openTypes();
    for (const label of PROMETHEUS_LABELS) {
      expect(screen.queryByText(label)).not.toBeInTheDocument();
    }
    expect(datasource.getQueryTypes).toHaveBeenCalledTimes(1);
  });

  it('offers only the Prometheus query types the backend lists', async () => {
    await setup(fakeDataSource(() => Promise.resolve([...NON_PROMETHEUS, 'namespaceEnergy', 'promqlEnergy'])));
    await openTypes();
    expect(screen.getByText('Kubernetes energy (measured)')).toBeInTheDocument();
    expect(screen.getByText('PromQL energy (custom)')).toBeInTheDocument();
    expect(screen.queryByText('Process power (Scaphandre)')).not.toBeInTheDocument();
  });

  it('offers the other query types when the backend cannot say which it serves', async () => {
    await setup(fakeDataSource(() => Promise.reject({ status: 500, data: { message: 'down' } })));
    await openTypes();
    expect(screen.getByText('Cloud trend (this vs previous period)')).toBeInTheDocument();
    expect(screen.queryByText('Kubernetes energy (measured)')).not.toBeInTheDocument();
  });

  it('switching to a Prometheus query type starts from its defaults and runs it', async () => {
    const datasource = fakeDataSource(() => Promise.resolve([...NON_PROMETHEUS, 'processPower']));
    const { onChange, onRunQuery } = await setup(datasource, { provider: 'aws', hide: false } as Partial<CarbonQuery>);
    await openTypes();
    await userEvent.click(screen.getByText('Process power (Scaphandre)'));
    expect(onChange).toHaveBeenCalledWith({
      refId: 'A',
      hide: false,
      queryType: 'processPower',
      metric: 'power',
      topN: 10,
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('shows the editor of a saved Prometheus query even when the backend does not serve it yet', async () => {
    const datasource = fakeDataSource(() => Promise.resolve([...NON_PROMETHEUS]));
    await setup(datasource, { queryType: 'promqlEnergy', expr: 'sum(up)', unit: 'joules' } as Partial<CarbonQuery>);
    expect(screen.getByRole('combobox', { name: 'Query type' })).toHaveValue('PromQL energy (custom)');
    expect(screen.getByLabelText(/^PromQL/)).toHaveValue('sum(up)');
    await openTypes();
    expect(screen.getByText('Not served by this version of the plugin backend')).toBeInTheDocument();
  });
});

describe('queryTypeOptions', () => {
  const values = (served: string[] | undefined, current: Parameters<typeof queryTypeOptions>[1]) =>
    queryTypeOptions(served, current).map((o) => o.value);

  it('lists the always-served types first, then the Prometheus types the backend serves', () => {
    expect(values(undefined, 'gridIntensity')).toEqual(['gridIntensity', 'cloudEmissions', 'cloudTrend']);
    expect(values(['gridIntensity', 'costVsCarbon', 'somethingNewer'], 'cloudTrend')).toEqual([
      'gridIntensity',
      'cloudEmissions',
      'cloudTrend',
      'costVsCarbon',
    ]);
  });

  it('keeps the current type listed while the backend has not answered, without a warning', () => {
    const options = queryTypeOptions(undefined, 'energyPerUnit');
    expect(options.map((o) => o.value)).toContain('energyPerUnit');
    expect(options.find((o) => o.value === 'energyPerUnit')?.description).toMatch(/per request, token or job/);
  });
});
