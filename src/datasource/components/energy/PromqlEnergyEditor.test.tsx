import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { PromqlEnergyQuery } from '../../types';
import { PromqlEnergyEditor } from './PromqlEnergyEditor';
import { DISCOVERY, fakeSource, pick, renderEditor } from './testUtils';

const BASE: PromqlEnergyQuery = { refId: 'A', queryType: 'promqlEnergy', expr: '', unit: 'watts' };

const setup = (query: Partial<PromqlEnergyQuery> = {}, datasource = fakeSource()) =>
  renderEditor(PromqlEnergyEditor, { ...BASE, ...query }, datasource);

describe('PromqlEnergyEditor', () => {
  it('renders the stored query', async () => {
    await setup({ expr: 'sum(kepler_node_cpu_watts)', unit: 'microjoules', provider: 'gcp', region: 'europe-west1' });
    expect(screen.getByLabelText(/^PromQL/)).toHaveValue('sum(kepler_node_cpu_watts)');
    expect(screen.getByText('Microjoules')).toBeInTheDocument();
    expect(screen.getByText('Google Cloud')).toBeInTheDocument();
    expect(screen.getByText('europe-west1')).toBeInTheDocument();
  });

  it('asks for an expression while there is none', async () => {
    await setup();
    expect(screen.getByText(/Enter a PromQL expression; the query does not run without one/)).toBeInTheDocument();
    expect(screen.getByText('Default region')).toBeInTheDocument();
  });

  it('types the expression without running it, and runs it on blur', async () => {
    const { last, onRunQuery } = await setup();
    await userEvent.type(screen.getByLabelText(/^PromQL/), 'sum(scaph_host_power_microwatts)');
    expect(last()).toEqual({ ...BASE, expr: 'sum(scaph_host_power_microwatts)' });
    expect(onRunQuery).not.toHaveBeenCalled();
    await userEvent.tab();
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['unit', () => pick('Unit', 'Microwatts'), { unit: 'microwatts' }],
    ['provider', () => pick('Provider', 'Azure'), { provider: 'azure' }],
  ])('changing the %s updates the query and runs it', async (_name, change, patch) => {
    const { onChange, onRunQuery } = await setup();
    await change();
    expect(onChange).toHaveBeenCalledWith({ ...BASE, ...patch });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('loads regions of the provider when the region menu opens, and stores the picked one', async () => {
    const datasource = fakeSource();
    const { onChange, onRunQuery } = await setup({ provider: 'aws' }, datasource);
    expect(datasource.getRegions).not.toHaveBeenCalled();

    await pick('Region', 'eu-west-1');
    expect(datasource.getRegions).toHaveBeenCalledWith('aws');
    expect(onChange).toHaveBeenCalledWith({ ...BASE, provider: 'aws', region: 'eu-west-1' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('accepts a typed region or variable', async () => {
    const { last } = await setup();
    await userEvent.type(screen.getByLabelText('Region'), 'DE{enter}');
    expect(last()).toEqual({ ...BASE, region: 'DE' });
  });

  it('still takes a typed region when regions cannot be loaded', async () => {
    const failing = fakeSource({
      getRegions: jest.fn(() => Promise.reject({ status: 502, statusText: 'Bad Gateway' })),
    });
    const { last } = await setup({}, failing);
    await userEvent.type(screen.getByLabelText('Region'), 'eu-north-1{enter}');
    expect(last()).toEqual({ ...BASE, region: 'eu-north-1' });
  });

  it('says why the query type is not available', async () => {
    await setup({}, fakeSource({ getExporters: jest.fn(() => Promise.resolve(DISCOVERY)) }));
    expect(screen.getByRole('alert', { name: 'PromQL energy (custom) is not available' })).toBeInTheDocument();
    expect(screen.getByText('Prometheus did not answer.')).toBeInTheDocument();
  });
});
