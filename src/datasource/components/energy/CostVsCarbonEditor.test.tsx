import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { CostVsCarbonQuery } from '../../types';
import { CostVsCarbonEditor } from './CostVsCarbonEditor';
import { DISCOVERY, fakeSource, pick, renderEditor } from './testUtils';

const BASE: CostVsCarbonQuery = { refId: 'A', queryType: 'costVsCarbon', groupBy: 'namespace' };

const setup = (query: Partial<CostVsCarbonQuery> = {}, datasource = fakeSource()) =>
  renderEditor(CostVsCarbonEditor, { ...BASE, ...query }, datasource);

describe('CostVsCarbonEditor', () => {
  it('renders the stored query', async () => {
    await setup({ groupBy: 'region', namespaces: ['shop', '$namespace'] });
    expect(screen.getByRole('radio', { name: 'Region' })).toBeChecked();
    expect(screen.getByText('shop')).toBeInTheDocument();
    expect(screen.getByText('$namespace')).toBeInTheDocument();
  });

  it('changing the grouping updates the query and runs it', async () => {
    const { onChange, onRunQuery } = await setup();
    await userEvent.click(screen.getByRole('radio', { name: 'Node' }));
    expect(onChange).toHaveBeenCalledWith({ ...BASE, groupBy: 'node' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('offers dashboard variables as namespaces, and drops the list once the last one goes', async () => {
    const { last } = await setup();
    await pick('Namespaces', '$namespace');
    expect(last()).toEqual({ ...BASE, namespaces: ['$namespace'] });

    await userEvent.click(screen.getByLabelText('Namespaces'));
    await userEvent.keyboard('{Backspace}');
    expect(last()).toEqual({ ...BASE, namespaces: undefined });
  });

  it('says why the query type is not available', async () => {
    await setup({}, fakeSource({ getExporters: jest.fn(() => Promise.resolve(DISCOVERY)) }));
    expect(screen.getByRole('alert', { name: 'Cost vs carbon (OpenCost) is not available' })).toBeInTheDocument();
    expect(screen.getByText('Needs OpenCost and an energy exporter.')).toBeInTheDocument();
  });
});
