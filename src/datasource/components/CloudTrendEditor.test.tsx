import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { summariseSettings } from '../settingsSummary';
import { CarbonDataSourceOptions, CloudTrendQuery } from '../types';
import { CloudTrendEditor } from './CloudTrendEditor';

const BASE: CloudTrendQuery = { refId: 'A', queryType: 'cloudTrend', source: 'focus', methodology: 'greenops' };

function setup(query: Partial<CloudTrendQuery> = {}, jsonData: CarbonDataSourceOptions = { focus: { paths: ['/d'] } }) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const datasource = { settingsSummary: summariseSettings(jsonData), getVariables: () => ['$account'] };
  const full = { ...BASE, ...query };
  render(<CloudTrendEditor query={full} datasource={datasource} onChange={onChange} onRunQuery={onRunQuery} />);
  return { onChange, onRunQuery, query: full };
}

describe('CloudTrendEditor', () => {
  it('renders source, methodology and filters', () => {
    setup({ filters: { services: ['AmazonEC2'] } });
    expect(screen.getByRole('radio', { name: 'FOCUS exports' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'GreenOps (corrected)' })).toBeChecked();
    expect(screen.getByText('AmazonEC2')).toBeInTheDocument();
    expect(screen.getByText('All regions')).toBeInTheDocument();
    expect(screen.getByText('All accounts')).toBeInTheDocument();
    // Options of the emissions query that a trend does not read.
    expect(screen.queryByLabelText('Metrics')).not.toBeInTheDocument();
  });

  it('switches the source when both are configured', async () => {
    const { onChange, onRunQuery, query } = setup({}, { aws: { authType: 'keys' }, focus: { paths: ['/d'] } });
    await userEvent.click(screen.getByRole('radio', { name: 'AWS Cost Explorer' }));
    expect(onChange).toHaveBeenCalledWith({ ...query, source: 'awsCostExplorer' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('switches the methodology', async () => {
    const { onChange, onRunQuery, query } = setup();
    await userEvent.click(screen.getByRole('radio', { name: 'CCF (reproduce Cloud Carbon Footprint)' }));
    expect(onChange).toHaveBeenCalledWith({ ...query, methodology: 'ccf' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('filters by a dashboard variable', async () => {
    const { onChange, query } = setup();
    await userEvent.click(screen.getByLabelText('Accounts'));
    await userEvent.click(await screen.findByText('$account'));
    expect(onChange).toHaveBeenCalledWith({ ...query, filters: { accounts: ['$account'] } });
  });

  it('disables Cost Explorer when it is not configured', () => {
    setup();
    expect(screen.getByRole('radio', { name: 'AWS Cost Explorer' })).toBeDisabled();
    expect(screen.queryByText(/is not configured/)).not.toBeInTheDocument();
  });

  it('warns when no billing source is configured at all', () => {
    setup({}, {});
    expect(screen.getByRole('radio', { name: 'FOCUS exports' })).toBeDisabled();
    expect(screen.getByText('FOCUS exports is not configured')).toBeInTheDocument();
    expect(screen.queryByText(/pick a configured source/)).not.toBeInTheDocument();
  });
});

describe('CloudTrendEditor filter pickers', () => {
  it("lists services of the query's source and stores the picked one", async () => {
    const onChange = jest.fn();
    const getServices = jest.fn(() => Promise.resolve([{ value: 'Virtual Machines', text: 'Virtual Machines' }]));
    const datasource = {
      settingsSummary: summariseSettings({ focus: { paths: ['/d'] } }),
      getVariables: () => [],
      getServices,
    };
    render(<CloudTrendEditor query={BASE} datasource={datasource} onChange={onChange} onRunQuery={jest.fn()} />);
    await userEvent.click(screen.getByLabelText('Services'));
    await userEvent.click(await screen.findByText('Virtual Machines'));
    expect(getServices).toHaveBeenCalledWith('focus');
    expect(onChange).toHaveBeenCalledWith({ ...BASE, filters: { services: ['Virtual Machines'] } });
  });
});

describe('CloudTrendEditor accounting basis', () => {
  it('shows location by default and switches to market', async () => {
    const { onChange, onRunQuery, query } = setup();
    expect(screen.getByRole('radio', { name: 'Location' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'Market' }));
    expect(onChange).toHaveBeenCalledWith({ ...query, accountingBasis: 'market' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('offers no market basis with the CCF methodology', () => {
    setup({ methodology: 'ccf' });
    expect(screen.getByRole('radio', { name: 'Market' })).toBeDisabled();
    expect(screen.queryByText(/has no market-based method/)).not.toBeInTheDocument();
  });

  it('flags a saved CCF query on the market basis with what to change', () => {
    setup({ methodology: 'ccf', accountingBasis: 'market' });
    expect(screen.getByRole('radio', { name: 'Market' })).toBeChecked();
    expect(
      screen.getByText(
        'Cloud Carbon Footprint has no market-based method: choose accounting basis "location" with methodology ' +
          '"ccf", or methodology "greenops" for the market basis'
      )
    ).toBeInTheDocument();
  });
});
