import React from 'react';
import { DataSourceSettings } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { CarbonDataSourceOptions, CarbonSecureJsonData } from '../types';
import { ConfigEditor } from './ConfigEditor';

type Options = DataSourceSettings<CarbonDataSourceOptions, CarbonSecureJsonData>;

const makeOptions = (jsonData: CarbonDataSourceOptions): Options =>
  ({
    id: 1,
    uid: 'carbon-uid',
    name: 'GreenOps Carbon',
    type: 'greenops-carbon-datasource',
    access: 'proxy',
    jsonData,
    secureJsonFields: {},
  }) as unknown as Options;

describe('ConfigEditor', () => {
  it('writes the chosen provider to jsonData.defaultProvider and keeps the other settings', async () => {
    const onOptionsChange = jest.fn();
    const options = makeOptions({ manageAlerts: true });
    render(<ConfigEditor options={options} onOptionsChange={onOptionsChange} />);

    // The label also holds the description, hence the prefix match.
    await userEvent.click(screen.getByLabelText(/^Default provider/));
    await userEvent.click(await screen.findByText('Google Cloud'));

    expect(onOptionsChange).toHaveBeenCalledTimes(1);
    expect(onOptionsChange).toHaveBeenCalledWith({
      ...options,
      jsonData: { manageAlerts: true, defaultProvider: 'gcp' },
    });
  });

  it('shows the stored provider and removes it when cleared', async () => {
    const onOptionsChange = jest.fn();
    const options = makeOptions({ defaultProvider: 'azure' });
    render(<ConfigEditor options={options} onOptionsChange={onOptionsChange} />);

    expect(screen.getByText('Azure')).toBeInTheDocument();
    // The jest mock of Icon drops the clear button's handlers; Backspace clears a clearable Select too.
    await userEvent.click(screen.getByLabelText(/^Default provider/));
    await userEvent.keyboard('{Backspace}');

    const next: Options = onOptionsChange.mock.calls[0][0];
    expect(next.jsonData).toEqual({});
  });

  it('has sections for AWS Cost Explorer, FOCUS exports and Prometheus', () => {
    render(<ConfigEditor options={makeOptions({})} onOptionsChange={jest.fn()} />);
    expect(screen.getByText('AWS Cost Explorer')).toBeInTheDocument();
    expect(screen.getByText('FOCUS exports')).toBeInTheDocument();
    expect(screen.getByText('Prometheus')).toBeInTheDocument();
    expect(screen.getByText(/Measured Kubernetes and process energy needs Prometheus/)).toBeInTheDocument();
  });
});
