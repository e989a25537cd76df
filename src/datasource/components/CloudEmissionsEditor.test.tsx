import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { summariseSettings } from '../settingsSummary';
import { CarbonDataSourceOptions, CloudEmissionsQuery } from '../types';
import { CloudEmissionsEditor } from './CloudEmissionsEditor';

const BOTH: CarbonDataSourceOptions = { aws: { authType: 'default' }, focus: { paths: ['/data/focus'] } };

const BASE: CloudEmissionsQuery = {
  refId: 'A',
  queryType: 'cloudEmissions',
  source: 'awsCostExplorer',
  metrics: ['co2e'],
  groupBy: ['service'],
  granularity: 'auto',
  methodology: 'greenops',
  format: 'timeseries',
};

function setup(query: Partial<CloudEmissionsQuery> = {}, jsonData: CarbonDataSourceOptions = BOTH) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const datasource = { settingsSummary: summariseSettings(jsonData), getVariables: () => ['$region'] };
  const full = { ...BASE, ...query };
  render(<CloudEmissionsEditor query={full} datasource={datasource} onChange={onChange} onRunQuery={onRunQuery} />);
  return { onChange, onRunQuery, query: full };
}

/** Opens a select by its label and picks an option by its text. */
async function pick(label: string, option: string) {
  await userEvent.click(screen.getByLabelText(label));
  await userEvent.click(await screen.findByText(option));
}

describe('CloudEmissionsEditor', () => {
  it('renders the stored query', () => {
    setup({ filters: { regions: ['eu-west-1'] } });
    expect(screen.getByRole('radio', { name: 'AWS Cost Explorer' })).toBeChecked();
    expect(screen.getByText('CO2e')).toBeInTheDocument();
    expect(screen.getByText('Service')).toBeInTheDocument();
    expect(screen.getByText('Auto')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'GreenOps (corrected)' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Location' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Time series' })).toBeChecked();
    expect(screen.getByText('eu-west-1')).toBeInTheDocument();
    expect(screen.getByText('All services')).toBeInTheDocument();
  });

  it.each([
    ['source', () => userEvent.click(screen.getByRole('radio', { name: 'FOCUS exports' })), { source: 'focus' }],
    [
      'methodology',
      () => userEvent.click(screen.getByRole('radio', { name: 'CCF (reproduce Cloud Carbon Footprint)' })),
      { methodology: 'ccf' },
    ],
    ['format', () => userEvent.click(screen.getByRole('radio', { name: 'Table' })), { format: 'table' }],
    [
      'accounting basis',
      () => userEvent.click(screen.getByRole('radio', { name: 'Market' })),
      { accountingBasis: 'market' },
    ],
    ['metrics', () => pick('Metrics', 'Energy'), { metrics: ['co2e', 'energy'] }],
    ['group by', () => pick('Group by', 'Region'), { groupBy: ['service', 'region'] }],
    ['granularity', () => pick('Granularity', 'Daily'), { granularity: 'daily' }],
  ])('changing the %s updates the query and runs it', async (_name, change, patch) => {
    const { onChange, onRunQuery, query } = setup();
    await change();
    expect(onChange).toHaveBeenCalledWith({ ...query, ...patch });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('adds a typed filter value and a dashboard variable', async () => {
    const { onChange, query } = setup({ filters: { accounts: ['123456789012'] } });
    await userEvent.type(screen.getByLabelText('Regions'), 'eu-north-1{enter}');
    expect(onChange).toHaveBeenLastCalledWith({
      ...query,
      filters: { accounts: ['123456789012'], regions: ['eu-north-1'] },
    });

    await pick('Services', '$region');
    expect(onChange).toHaveBeenLastCalledWith({
      ...query,
      filters: { accounts: ['123456789012'], services: ['$region'] },
    });
  });

  it('drops the filters once the last value is removed', async () => {
    const { onChange, query } = setup({ filters: { accounts: ['123456789012'] } });
    await userEvent.click(screen.getByLabelText('Accounts'));
    await userEvent.keyboard('{Backspace}');
    expect(onChange).toHaveBeenCalledWith({ ...query, filters: undefined });
  });

  it('says a query without metrics does not run', () => {
    setup({ metrics: [] });
    expect(screen.getByText(/Pick at least one metric/)).toBeInTheDocument();
  });

  it('disables a source that is not configured and says where to set it up', () => {
    setup({ source: 'awsCostExplorer' }, { focus: { paths: ['/data/focus'] } });
    expect(screen.getByRole('radio', { name: 'AWS Cost Explorer' })).toBeDisabled();
    expect(screen.getByRole('radio', { name: 'FOCUS exports' })).toBeEnabled();
    expect(screen.getByText('AWS Cost Explorer is not configured')).toBeInTheDocument();
    expect(screen.getByText(/in the data source settings .*, or pick a configured source/)).toBeInTheDocument();
  });

  it('offers hourly granularity for Cost Explorer only once it is enabled', async () => {
    const { onChange } = setup();
    await pick('Granularity', 'Hourly');
    expect(screen.getByText(/Enable hourly granularity in the data source settings/)).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
  });

  it.each([
    [
      'enabled Cost Explorer',
      { source: 'awsCostExplorer' as const },
      { aws: { authType: 'default' as const, hourlyEnabled: true } },
    ],
    ['FOCUS exports', { source: 'focus' as const }, BOTH],
  ])('offers hourly granularity for %s', async (_name, query, jsonData) => {
    const { onChange } = setup(query, jsonData);
    await pick('Granularity', 'Hourly');
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ granularity: 'hourly' }));
  });
});

describe('CloudEmissionsEditor filter pickers', () => {
  const ACCOUNTS = [
    { value: '123456789012', text: 'Production' },
    { value: '210987654321', text: '210987654321' },
  ];

  function setupWithLists(query: Partial<CloudEmissionsQuery> = {}, overrides: Record<string, unknown> = {}) {
    const onChange = jest.fn();
    const datasource = {
      settingsSummary: summariseSettings(BOTH),
      getVariables: () => ['$account'],
      getAccounts: jest.fn(() => Promise.resolve(ACCOUNTS)),
      getServices: jest.fn(() => Promise.resolve([{ value: 'AWS Lambda', text: 'AWS Lambda' }])),
      ...overrides,
    };
    const full = { ...BASE, ...query };
    const view = render(
      <CloudEmissionsEditor query={full} datasource={datasource} onChange={onChange} onRunQuery={jest.fn()} />
    );
    const rerender = (next: Partial<CloudEmissionsQuery>) =>
      view.rerender(
        <CloudEmissionsEditor
          query={{ ...full, ...next }}
          datasource={datasource}
          onChange={onChange}
          onRunQuery={jest.fn()}
        />
      );
    return { onChange, datasource, query: full, rerender };
  }

  it("lists the source's accounts once the menu opens, by name, and stores the id", async () => {
    const { onChange, datasource, query } = setupWithLists();
    expect(datasource.getAccounts).not.toHaveBeenCalled();
    await pick('Accounts', 'Production');
    expect(datasource.getAccounts).toHaveBeenCalledWith('awsCostExplorer');
    expect(onChange).toHaveBeenLastCalledWith({ ...query, filters: { accounts: ['123456789012'] } });
    // The variable stays on offer next to the listed values.
    await userEvent.click(screen.getByLabelText('Accounts'));
    expect(await screen.findByText('$account')).toBeInTheDocument();
  });

  it('shows a stored account by its name once listed, and lists again for another source', async () => {
    const { datasource, rerender } = setupWithLists({ filters: { accounts: ['123456789012'] } });
    expect(screen.getByText('123456789012')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Accounts'));
    expect(await screen.findAllByText('Production')).not.toHaveLength(0);
    await userEvent.keyboard('{Escape}');

    rerender({ source: 'focus', filters: { accounts: ['123456789012'] } });
    await userEvent.click(screen.getByLabelText('Accounts'));
    expect(datasource.getAccounts.mock.calls).toEqual([['awsCostExplorer'], ['focus']]);
  });

  it('lists services and still takes a typed value', async () => {
    const { onChange, datasource, query } = setupWithLists();
    await pick('Services', 'AWS Lambda');
    expect(datasource.getServices).toHaveBeenCalledWith('awsCostExplorer');
    expect(onChange).toHaveBeenLastCalledWith({ ...query, filters: { services: ['AWS Lambda'] } });
    await userEvent.type(screen.getByLabelText('Services'), 'Amazon Bedrock{enter}');
    expect(onChange).toHaveBeenLastCalledWith({ ...query, filters: { services: ['Amazon Bedrock'] } });
  });

  it('says why accounts could not be listed, and takes a typed id', async () => {
    const { onChange, query } = setupWithLists(
      {},
      {
        getAccounts: jest.fn(() => Promise.reject({ status: 403, data: { message: 'Cost Explorer denied access' } })),
        getVariables: () => [],
      }
    );
    await userEvent.click(screen.getByLabelText('Accounts'));
    expect(await screen.findByText(/Could not list accounts \(Cost Explorer denied access\)/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Accounts'), '999999999999{enter}');
    expect(onChange).toHaveBeenLastCalledWith({ ...query, filters: { accounts: ['999999999999'] } });
  });
});
